// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * An identity map with the caches on. With its MMU off an inmate's data
 * accesses are Device-nGnRnE: slow, and not coherent with the hypervisor,
 * which reads and writes the communication region through its cacheable
 * mapping. One level-1 table of 1 GiB blocks covers the low 512 GiB:
 * 1-4 GiB (RAM of the virt board and of cells, the comm region at 2 GiB)
 * as write-back Normal memory, the rest (devices) as Device-nGnRE,
 * never executable. Unassigned addresses stay unassigned: stage 2 still
 * catches every access the cell may not make. mmu_map_range() changes the
 * attributes of a range later, in 2 MiB blocks, for memory a cell finds
 * elsewhere (shared memory in the device range, registers in the RAM
 * range). The image itself is mapped with 4 KiB pages from the start, so
 * that mmu_guard_page() can take a page of it away (a stack's guard)
 * without replacing a live block that maps the running code.
 */
#include "lib.h"

#define MAIR_DEVICE_nGnRE 0x04
#define MAIR_NORMAL_WB	  0xff
#define ATTR_DEVICE	  0 /* MAIR_EL1 attribute indexes */
#define ATTR_NORMAL	  1

#define PTE_BLOCK     1
#define PTE_TABLE     3
#define PTE_PAGE      3 /* at level 3 */
#define PTE_TYPE_MASK 3
#define PTE_ADDR_MASK 0x0000fffffffff000ULL
#define PTE_AP_RO     (1ULL << 7) /* AP[2]: read-only */
#define PTE_ATTR(idx) ((uint64_t)(idx) << 2)
#define PTE_SH_INNER  (3ULL << 8)
#define PTE_AF	      (1ULL << 10)
#define PTE_PXN	      (1ULL << 53)
#define PTE_UXN	      (1ULL << 54)

#define BLOCK_SHIFT  30 /* level 1, 4 KiB granule */
#define L2_SHIFT     21 /* level 2: 2 MiB blocks */
#define L3_SHIFT     12 /* level 3: 4 KiB pages */
#define L2_TABLES    5 /* 1 GiB blocks that can be split: the image's, 4 more */
#define L3_TABLES    4 /* 2 MiB blocks of the image mapped in pages */
#define NORMAL_FIRST 1 /* 1 GiB */
#define NORMAL_LAST  3 /* up to 4 GiB */

#define TCR_T0SZ       (64 - 39) /* 39-bit VA: walks start at level 1 */
#define TCR_IRGN0_WBWA (1ULL << 8)
#define TCR_ORGN0_WBWA (1ULL << 10)
#define TCR_SH0_INNER  (3ULL << 12)
#define TCR_EPD1       (1ULL << 23) /* no TTBR1 walks */
#define TCR_IPS_SHIFT  32
#define TCR_IPS_MAX    5 /* 48 bits */

#define SCTLR_M (1ULL << 0)
#define SCTLR_C (1ULL << 2)
#define SCTLR_I (1ULL << 12)

static uint64_t level1[512] __attribute__((aligned(4096)));
static uint64_t level2[L2_TABLES][512] __attribute__((aligned(4096)));
static uint64_t level3[L3_TABLES][512] __attribute__((aligned(4096)));
static unsigned int level2_used;

static uint64_t block_attrs(unsigned int type)
{
	uint64_t pte = PTE_AF;

	if (type & MMU_NORMAL)
		pte |= PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER | PTE_UXN;
	else
		pte |= PTE_ATTR(ATTR_DEVICE) | PTE_PXN | PTE_UXN;
	if (type & MMU_READONLY)
		pte |= PTE_AP_RO;
	return pte;
}

static uint64_t *level2_of(unsigned int i);

/*
 * With the MMU still off, so that no live entry is replaced: the image's
 * 1 GiB block becomes a table, and the 2 MiB blocks holding the image
 * (up to L3_TABLES of them; an image larger than that keeps the rest in
 * blocks, where mmu_guard_page() refuses) tables of pages.
 */
static void map_image_in_pages(void)
{
	uintptr_t addr = (uintptr_t)__image_start & ~((1ULL << L2_SHIFT) - 1);
	uint64_t *l2 = level2_of((uintptr_t)__image_start >> BLOCK_SHIFT);
	unsigned int t, n;

	for (t = 0; l2 && t < L3_TABLES && addr < (uintptr_t)__image_end;
	     t++, addr += 1ULL << L2_SHIFT) {
		/* The image lies within one 1 GiB block: link time placement. */
		if (addr >> BLOCK_SHIFT !=
		    (uintptr_t)__image_start >> BLOCK_SHIFT)
			break;
		for (n = 0; n < 512; n++)
			level3[t][n] = (addr + ((uint64_t)n << L3_SHIFT)) |
				       block_attrs(MMU_NORMAL) | PTE_PAGE;
		l2[(addr >> L2_SHIFT) & 511] = (uintptr_t)level3[t] | PTE_TABLE;
	}
}

void mmu_enable(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(level1); i++) {
		bool normal = i >= NORMAL_FIRST && i <= NORMAL_LAST;

		level1[i] = ((uint64_t)i << BLOCK_SHIFT) | PTE_BLOCK |
			    block_attrs(normal ? MMU_NORMAL : MMU_DEVICE);
	}

	map_image_in_pages();

	/*
	 * Everything so far (relocation, BSS, this table) went to memory,
	 * uncached. Lines of the image left in the caches by whoever loaded
	 * it would hide those writes once the caches are on: drop them.
	 */
	dcache_inval_range(__image_start, __image_end - __image_start);
	mmu_cpu_on();
}

/*
 * This CPU onto the tables: the boot CPU once they are built, the others
 * when started (smp.c), before they read or write anything the boot CPU
 * wrote with its caches on.
 */
void mmu_cpu_on(void)
{
	uint64_t tcr, ips = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	if (ips > TCR_IPS_MAX)
		ips = TCR_IPS_MAX;
	tcr = TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	      TCR_EPD1 | (ips << TCR_IPS_SHIFT);
	write_sysreg(MAIR_DEVICE_nGnRE << (8 * ATTR_DEVICE) |
			     MAIR_NORMAL_WB << (8 * ATTR_NORMAL),
		     mair_el1);
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

/*
 * Replaces a live entry: break-before-make (Arm ARM D8.14.1), as a
 * translation of the old and the new entry must never be cached together.
 * The CPU's own code, data and stack must not be in the range.
 */
static void pte_replace(uint64_t *pte, uint64_t val)
{
	*pte = 0;
	dsb(ishst);
	asm volatile("tlbi vmalle1is" : : : "memory");
	dsb(ish);
	*pte = val;
	dsb(ishst);
	isb();
}

/* The level-2 table of 1 GiB block i, made from the block if need be. */
static uint64_t *level2_of(unsigned int i)
{
	uint64_t old = level1[i], *table;
	unsigned int n;

	if ((old & PTE_TYPE_MASK) == PTE_TABLE)
		return (uint64_t *)(uintptr_t)(old & PTE_ADDR_MASK);
	if (level2_used == L2_TABLES)
		return NULL;
	table = level2[level2_used++];
	/* Same attributes as the block: only the range changes. */
	for (n = 0; n < 512; n++)
		table[n] = (old & ~PTE_ADDR_MASK & ~(uint64_t)PTE_TYPE_MASK) |
			   ((uint64_t)i << BLOCK_SHIFT) |
			   ((uint64_t)n << L2_SHIFT) | PTE_BLOCK;
	dsb(ishst);
	pte_replace(&level1[i], (uintptr_t)table | PTE_TABLE);
	return table;
}

int mmu_map_range(uintptr_t start, size_t size, unsigned int type)
{
	uintptr_t image = (uintptr_t)__image_start;
	uintptr_t addr, end = start + size;
	uint64_t attrs = block_attrs(type);

	if (!size || end < start || end > (512ULL << BLOCK_SHIFT))
		return -EINVAL;
	start &= ~((1ULL << L2_SHIFT) - 1);
	end = (end + (1ULL << L2_SHIFT) - 1) & ~((1ULL << L2_SHIFT) - 1);
	/* This program's own mapping cannot go away under it. */
	if (start < (uintptr_t)__image_end && end > image)
		return -EBUSY;

	for (addr = start; addr < end; addr += 1ULL << L2_SHIFT) {
		unsigned int i = addr >> BLOCK_SHIFT;
		uint64_t want = addr | attrs | PTE_BLOCK, *table, *pte;

		if ((level1[i] & PTE_TYPE_MASK) == PTE_BLOCK &&
		    (level1[i] & ~PTE_ADDR_MASK) == (attrs | PTE_BLOCK))
			continue; /* the whole 1 GiB is like that */
		/* Splitting the block that holds the image would unmap it. */
		if ((level1[i] & PTE_TYPE_MASK) == PTE_BLOCK &&
		    image >> BLOCK_SHIFT == i)
			return -EBUSY;
		table = level2_of(i);
		if (!table)
			return -ENOMEM;
		pte = &table[(addr >> L2_SHIFT) & 511];
		if (*pte != want)
			pte_replace(pte, want);
	}
	return 0;
}

int mmu_guard_page(uintptr_t addr)
{
	uint64_t l1 = level1[(addr >> BLOCK_SHIFT) & 511], l2e, *l2, *l3;

	if (addr >= (512ULL << BLOCK_SHIFT) ||
	    (l1 & PTE_TYPE_MASK) != PTE_TABLE)
		return -ENOMEM;
	l2 = (uint64_t *)(uintptr_t)(l1 & PTE_ADDR_MASK);
	l2e = l2[(addr >> L2_SHIFT) & 511];
	if ((l2e & PTE_TYPE_MASK) != PTE_TABLE)
		return -ENOMEM;
	l3 = (uint64_t *)(uintptr_t)(l2e & PTE_ADDR_MASK);
	/*
	 * Valid to invalid needs no break-before-make; the TLB entry, on
	 * every CPU of the cell, goes by VA, any ASID (TLBI VAAE1IS: VA[55:12]).
	 */
	l3[(addr >> L3_SHIFT) & 511] = 0;
	dsb(ishst);
	asm volatile("tlbi vaae1is, %0" : : "r"(addr >> L3_SHIFT) : "memory");
	dsb(ish);
	isb();
	return 0;
}
