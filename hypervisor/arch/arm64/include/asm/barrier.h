/* SPDX-License-Identifier: GPL-2.0 */
/* Memory barriers for code shared between CPUs (core code uses these). */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define smp_mb()  asm volatile("dmb ish" : : : "memory")
#define smp_wmb() asm volatile("dmb ishst" : : : "memory")
#define smp_rmb() asm volatile("dmb ishld" : : : "memory")

#endif
