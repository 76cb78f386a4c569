// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * An identity map with the caches on. With its MMU off an inmate's data
 * accesses are Device-nGnRnE: slow, and not coherent with the hypervisor,
 * which reads and writes the communication region through its cacheable
 * mapping. One level-1 table of 1 GiB blocks covers the low 512 GiB:
 * 1-4 GiB (RAM of the virt board and of cells, the comm region at 2 GiB)
 * as write-back Normal memory, the rest (devices) as Device-nGnRE,
 * never executable. Unassigned addresses stay unassigned: stage 2 still
 * catches every access the cell may not make.
 */
#include "lib.h"

#define MAIR_DEVICE_nGnRE	0x04
#define MAIR_NORMAL_WB		0xff
#define ATTR_DEVICE		0	/* MAIR_EL1 attribute indexes */
#define ATTR_NORMAL		1

#define PTE_BLOCK		1
#define PTE_ATTR(idx)		((uint64_t)(idx) << 2)
#define PTE_SH_INNER		(3ULL << 8)
#define PTE_AF			(1ULL << 10)
#define PTE_PXN			(1ULL << 53)
#define PTE_UXN			(1ULL << 54)

#define BLOCK_SHIFT		30	/* level 1, 4 KiB granule */
#define NORMAL_FIRST		1	/* 1 GiB */
#define NORMAL_LAST		3	/* up to 4 GiB */

#define TCR_T0SZ		(64 - 39)	/* 39-bit VA: walks start at level 1 */
#define TCR_IRGN0_WBWA		(1ULL << 8)
#define TCR_ORGN0_WBWA		(1ULL << 10)
#define TCR_SH0_INNER		(3ULL << 12)
#define TCR_EPD1		(1ULL << 23)	/* no TTBR1 walks */
#define TCR_IPS_SHIFT		32
#define TCR_IPS_MAX		5		/* 48 bits */

#define SCTLR_M			(1ULL << 0)
#define SCTLR_C			(1ULL << 2)
#define SCTLR_I			(1ULL << 12)

static uint64_t level1[512] __attribute__((aligned(4096)));

void mmu_enable(void)
{
	uint64_t tcr, ips = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(level1); i++) {
		uint64_t pte = ((uint64_t)i << BLOCK_SHIFT) | PTE_BLOCK | PTE_AF;

		if (i >= NORMAL_FIRST && i <= NORMAL_LAST)
			pte |= PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER | PTE_UXN;
		else
			pte |= PTE_ATTR(ATTR_DEVICE) | PTE_PXN | PTE_UXN;
		level1[i] = pte;
	}

	/*
	 * Everything so far (relocation, BSS, this table) went to memory,
	 * uncached. Lines of the image left in the caches by whoever loaded
	 * it would hide those writes once the caches are on: drop them.
	 */
	dcache_inval_range(__image_start, __image_end - __image_start);

	if (ips > TCR_IPS_MAX)
		ips = TCR_IPS_MAX;
	tcr = TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	      TCR_EPD1 | (ips << TCR_IPS_SHIFT);
	write_sysreg(MAIR_DEVICE_nGnRE << (8 * ATTR_DEVICE) |
		     MAIR_NORMAL_WB << (8 * ATTR_NORMAL), mair_el1);
	write_sysreg(tcr, tcr_el1);
	write_sysreg((uintptr_t)level1, ttbr0_el1);
	isb();
	asm volatile("tlbi vmalle1" : : : "memory");
	dsb(nsh);
	asm volatile("ic iallu" : : : "memory");
	dsb(nsh);
	isb();
	write_sysreg(read_sysreg(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I,
		     sctlr_el1);
	isb();
}
