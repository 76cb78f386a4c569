// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 descriptor formats for the generic page-table engine: EL2 stage 1
 * (48-bit VA, levels 0-3) and stage 2 (40-bit IPA, starting at level 1 with
 * two concatenated root tables). 4 KiB granule; Arm ARM D8.3.
 */
#include <hv/paging.h>
#include <asm/paging.h>
#include <asm/sysregs.h>

#define DESC_VALID     (1ULL << 0)
#define DESC_TABLE     (1ULL << 1) /* table (levels 0-2) or page (3) */
#define DESC_ADDR_MASK 0x0000fffffffff000ULL
#define DESC_AF	       (1ULL << 10)
#define DESC_SH_INNER  (3ULL << 8)
#define DESC_XN	       (1ULL << 54)

/* Stage 1 (EL2 regime) */
#define S1_ATTRIDX(i)	((u64)(i) << 2)
#define S1_ATTRIDX_MASK (7ULL << 2)
#define S1_AP_RO	(1ULL << 7)

/* Stage 2 */
#define S2_MEMATTR_NORMAL (0xfULL << 2) /* outer and inner write-back */
#define S2_MEMATTR_DEVICE (0x1ULL << 2) /* Device-nGnRE */
#define S2_MEMATTR_MASK	  (0xfULL << 2)
#define S2_AP_READ	  (1ULL << 6)
#define S2_AP_WRITE	  (1ULL << 7)

static bool desc_is_valid(unsigned int level, u64 pte)
{
	return pte & DESC_VALID;
}

static bool desc_is_table(unsigned int level, u64 pte)
{
	return (pte & (DESC_VALID | DESC_TABLE)) == (DESC_VALID | DESC_TABLE);
}

static paddr_t desc_addr(unsigned int level, u64 pte)
{
	return pa_init(pte & DESC_ADDR_MASK);
}

static u64 desc_table(unsigned int level, paddr_t table)
{
	return (pa_addr(table) & DESC_ADDR_MASK) | DESC_VALID | DESC_TABLE;
}

/* Level 3 entries are pages (0b11), above they are blocks (0b01). */
static u64 desc_leaf_type(unsigned int level)
{
	return level == 3 ? DESC_VALID | DESC_TABLE : DESC_VALID;
}

static u64 s1_make_leaf(unsigned int level, paddr_t pa, u64 flags)
{
	u64 pte = (pa_addr(pa) & DESC_ADDR_MASK) | desc_leaf_type(level) |
		  DESC_AF | DESC_SH_INNER;

	pte |= S1_ATTRIDX(flags & PT_DEVICE ? MAIR_IDX_DEVICE :
					      MAIR_IDX_NORMAL);
	if (!(flags & PT_WRITE))
		pte |= S1_AP_RO;
	if (!(flags & PT_EXEC) || (flags & PT_DEVICE))
		pte |= DESC_XN;
	return pte;
}

static u64 s1_leaf_flags(unsigned int level, u64 pte)
{
	u64 flags = PT_READ;

	if (!(pte & S1_AP_RO))
		flags |= PT_WRITE;
	if ((pte & S1_ATTRIDX_MASK) == S1_ATTRIDX(MAIR_IDX_DEVICE))
		flags |= PT_DEVICE;
	else if (!(pte & DESC_XN))
		flags |= PT_EXEC;
	return flags;
}

static u64 s2_make_leaf(unsigned int level, paddr_t pa, u64 flags)
{
	u64 pte = (pa_addr(pa) & DESC_ADDR_MASK) | desc_leaf_type(level) |
		  DESC_AF | DESC_SH_INNER;

	pte |= flags & PT_DEVICE ? S2_MEMATTR_DEVICE : S2_MEMATTR_NORMAL;
	if (flags & PT_READ)
		pte |= S2_AP_READ;
	if (flags & PT_WRITE)
		pte |= S2_AP_WRITE;
	if (!(flags & PT_EXEC) || (flags & PT_DEVICE))
		pte |= DESC_XN;
	return pte;
}

static u64 s2_leaf_flags(unsigned int level, u64 pte)
{
	u64 flags = 0;

	if (pte & S2_AP_READ)
		flags |= PT_READ;
	if (pte & S2_AP_WRITE)
		flags |= PT_WRITE;
	if ((pte & S2_MEMATTR_MASK) == S2_MEMATTR_DEVICE)
		flags |= PT_DEVICE;
	else if (!(pte & DESC_XN))
		flags |= PT_EXEC;
	return flags;
}

/* A walker must not see a link to a table before the table's contents. */
static void link_barrier(void)
{
	dsb(ishst);
}

const struct pt_format el2_stage1_format = {
	.first_level = 0,
	.last_level = 3,
	.root_pages = 1,
	.level = {
		[0] = { .shift = 39, .entries = 512, .leaf_ok = false },
		[1] = { .shift = 30, .entries = 512, .leaf_ok = true },
		[2] = { .shift = 21, .entries = 512, .leaf_ok = true },
		[3] = { .shift = 12, .entries = 512, .leaf_ok = true },
	},
	.make_table = desc_table,
	.make_leaf = s1_make_leaf,
	.is_valid = desc_is_valid,
	.is_table = desc_is_table,
	.entry_addr = desc_addr,
	.leaf_flags = s1_leaf_flags,
	.before_link = link_barrier,
};

const struct pt_format stage2_format = {
	.first_level = 1,
	.last_level = 3,
	.root_pages = 2,
	.level = {
		[1] = { .shift = 30, .entries = 1024, .leaf_ok = true },
		[2] = { .shift = 21, .entries = 512, .leaf_ok = true },
		[3] = { .shift = 12, .entries = 512, .leaf_ok = true },
	},
	.make_table = desc_table,
	.make_leaf = s2_make_leaf,
	.is_valid = desc_is_valid,
	.is_table = desc_is_table,
	.entry_addr = desc_addr,
	.leaf_flags = s2_leaf_flags,
	.before_link = link_barrier,
};
