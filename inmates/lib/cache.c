// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* Data and instruction cache maintenance by address. */
#include <inmate.h>

/* CTR_EL0.DminLine: log2 of the smallest data cache line, in words. */
static uintptr_t dcache_line_size(void)
{
	return 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

#define DCACHE_RANGE_OP(name, insn)                              \
	void name(const void *start, size_t size)                \
	{                                                        \
		uintptr_t line = dcache_line_size();             \
		uintptr_t addr = (uintptr_t)start & ~(line - 1); \
		uintptr_t end = (uintptr_t)start + size;         \
                                                                 \
		for (; addr < end; addr += line)                 \
			asm volatile("dc " insn ", %0"           \
				     :                           \
				     : "r"(addr)                 \
				     : "memory");                \
		dsb(sy);                                         \
	}

DCACHE_RANGE_OP(dcache_clean_range, "cvac")
DCACHE_RANGE_OP(dcache_inval_range, "ivac")
DCACHE_RANGE_OP(dcache_clean_inval_range, "civac")

void icache_inval_all(void)
{
	asm volatile("ic ialluis" : : : "memory");
	dsb(ish);
	isb();
}
