/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Fixed-width types for the ABI headers, in every environment that includes
 * them: the Linux kernel, user space, the freestanding hypervisor, inmates.
 */
#ifndef _BULKHEAD_TYPES_H
#define _BULKHEAD_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#endif

#ifdef __cplusplus
#define BH_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define BH_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

#endif /* _BULKHEAD_TYPES_H */
