/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one page-table engine of the hypervisor: it builds, changes and walks
 * multi-level translation tables of any layout that a struct pt_format
 * describes (arm64 EL2 stage 1, stage 2, fake formats in host tests).
 *
 * The engine only edits memory. The caller (arch code) does all TLB
 * maintenance after pt_map/pt_unmap, and owns break-before-make: changing a
 * live valid entry, splitting a live block or replacing a live table by a
 * block requires that no CPU walks the affected range meanwhile (stop the
 * cell). Table pages dropped by a call go back to the pool at once, so on a
 * live table, nothing may walk through them until the TLBs are invalidated.
 * Calls on one table are serialised by the caller, as are pool accesses.
 */
#ifndef _HV_PAGING_H
#define _HV_PAGING_H

#include <hv/types.h>
#include <hv/page_alloc.h>

/* Generic mapping attributes; each format encodes them its own way. */
#define PT_READ	     (1ULL << 0)
#define PT_WRITE     (1ULL << 1)
#define PT_EXEC	     (1ULL << 2)
#define PT_DEVICE    (1ULL << 3) /* device memory type, not normal */
#define PT_FLAGS_ALL (PT_READ | PT_WRITE | PT_EXEC | PT_DEVICE)

/* Level numbers run from 0 to PT_MAX_LEVELS - 1 (arm64: 0..3). */
#define PT_MAX_LEVELS	  4
/* Widest input address a format may translate (48 bits, 4 KiB granule). */
#define PT_MAX_INPUT_BITS 48

/*
 * One level: shift is the lowest input-address bit of its index; entries,
 * a power of two, is per table (for the root, across all its pages);
 * leaf_ok says whether a block or page may be mapped here.
 */
struct pt_level {
	unsigned int shift;
	unsigned int entries;
	bool leaf_ok;
};

/*
 * A translation-table layout. Tables are arrays of u64 entries, one 4 KiB
 * page each except the root, which may span root_pages pages (arm64 stage 2
 * concatenates up to 16 root tables). Levels first_level..last_level are
 * used; each level's index bits lie right above the next level's, and the
 * last level maps 4 KiB pages. Once one level allows leaves, every deeper
 * level must too, so that a block can always be split.
 *
 * Callbacks receive the level number of the entry. An all-zero entry must be
 * invalid at every level: fresh tables are zeroed, and the engine clears an
 * entry by writing 0. is_table is never asked about the last level, where
 * arm64 pages reuse the table encoding. before_link (may be NULL) runs after
 * a new table was filled and before the entry pointing at it is written;
 * arm64 puts a DSB there so a walker cannot see the link before the table.
 */
struct pt_format {
	unsigned int first_level;
	unsigned int last_level;
	unsigned int root_pages;	      /* power of two, >= 1 */
	struct pt_level level[PT_MAX_LEVELS]; /* index: level number */

	u64 (*make_table)(unsigned int level, paddr_t table);
	u64 (*make_leaf)(unsigned int level, paddr_t pa, u64 flags);
	bool (*is_valid)(unsigned int level, u64 pte);
	bool (*is_table)(unsigned int level, u64 pte);
	paddr_t (*entry_addr)(unsigned int level, u64 pte);
	u64 (*leaf_flags)(unsigned int level, u64 pte);
	void (*before_link)(void);
};

struct page_table {
	const struct pt_format *fmt;
	paddr_t root;		/* aligned to the root's size */
	struct page_pool *pool; /* source of every table page */
	/* Table pages the pool refused back: a bug, they leak. */
	unsigned int free_errors;
};

/*
 * Checks @fmt and allocates an empty root from @pool, aligned to its size.
 * Returns -EINVAL for an inconsistent format, -ENOMEM.
 */
__must_check int pt_init(struct page_table *pt, const struct pt_format *fmt,
			 struct page_pool *pool);

/*
 * Frees every table page, the root included; mapped memory is untouched.
 * Returns -EFAULT if the pool refused a page back during the table's life
 * (pages leaked: an engine bug), else 0.
 */
__must_check int pt_destroy(struct page_table *pt);

/*
 * Maps [in_addr, in_addr + size) to [out, out + size) with PT_* @flags,
 * replacing whatever was mapped there. Uses the largest leaves that the
 * format allows and the alignment of both addresses permits; blocks only
 * partly covered are split, keeping the rest of their mapping, and a table
 * whose leaves come to map one aligned block with the same flags is merged
 * back into that block (so a split undone frees its table). Returns
 * -EINVAL for unaligned or empty ranges, ranges beyond the format's input
 * size, unknown flags; -ENOMEM when the pool runs dry, in which case part
 * of the range may be mapped (no page leaks: pt_destroy frees them all).
 */
__must_check int pt_map(struct page_table *pt, u64 in_addr, paddr_t out,
			u64 size, u64 flags);

/*
 * Unmaps [in_addr, in_addr + size); holes are fine. Splits blocks only
 * partly covered, which needs table pages, so it may fail with -ENOMEM
 * (having unmapped part of the range). Table pages left empty are freed.
 * Returns -EINVAL for the same bad ranges as pt_map.
 */
__must_check int pt_unmap(struct page_table *pt, u64 in_addr, u64 size);

/*
 * Translates @in_addr: the output address (with the offset into the leaf),
 * the leaf's PT_* flags and its size in bytes. Any output pointer may be
 * NULL. Returns -ENOENT if nothing is mapped there.
 */
__must_check int pt_lookup(const struct page_table *pt, u64 in_addr,
			   paddr_t *out, u64 *flags, u64 *leaf_size);

#endif
