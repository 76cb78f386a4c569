/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Barriers, wait instructions and data cache maintenance by address range.
 */
#ifndef _INMATE_BARRIER_H
#define _INMATE_BARRIER_H

#include <stddef.h>
#include <stdint.h>

#define isb()	  asm volatile("isb" : : : "memory")
#define dsb(opt)  asm volatile("dsb " #opt : : : "memory")
#define dmb(opt)  asm volatile("dmb " #opt : : : "memory")
#define barrier() asm volatile("" : : : "memory")

static inline void wfi(void)
{
	asm volatile("wfi" : : : "memory");
}

static inline void wfe(void)
{
	asm volatile("wfe" : : : "memory");
}

static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

/*
 * Maintenance to the point of coherency, for memory shared with an
 * observer that does not snoop this CPU's caches (a device doing DMA, code
 * running with its MMU off). Ranges need not be line aligned.
 */
void dcache_clean_range(const void *start, size_t size);
void dcache_inval_range(const void *start, size_t size);
void dcache_clean_inval_range(const void *start, size_t size);
void icache_inval_all(void);

#endif
