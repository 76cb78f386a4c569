/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * A small printf formatter for freestanding code: the hypervisor's printk,
 * the config validator's messages and the inmate library's printk all use
 * it (lib/format.c). Supports %d %i %u %x %X %p %s %c %% with the flags '0'
 * and '-', a field width, and the length modifiers l, ll and z. No floating
 * point: the hypervisor runs without FP registers.
 */
#ifndef _BHLIB_FORMAT_H
#define _BHLIB_FORMAT_H

#ifdef __KERNEL__
#include <linux/stdarg.h>
#else
#include <stdarg.h>
#endif
#include <bulkhead/types.h>

typedef void (*bh_emit_fn)(char c, void *ctx);

/* Format fmt with ap, handing each output character to emit(c, ctx). */
void bh_vformat(bh_emit_fn emit, void *ctx, const char *fmt, va_list ap);

#endif /* _BHLIB_FORMAT_H */
