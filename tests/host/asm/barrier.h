/* SPDX-License-Identifier: GPL-2.0 */
/* The host tests' fake arch: barriers, for single-threaded runs. */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define smp_mb()  __sync_synchronize()
#define smp_wmb() __sync_synchronize()
#define smp_rmb() __sync_synchronize()

#endif
