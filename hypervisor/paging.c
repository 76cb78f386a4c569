// SPDX-License-Identifier: GPL-2.0
/*
 * Generic page-table engine: maps, unmaps and walks tables of any layout a
 * struct pt_format describes. Ordering and TLB rules are in hv/paging.h.
 */
#include <hv/paging.h>
#include <hv/errno.h>

static u64 *table_ptr(paddr_t table)
{
	return phys_to_hv(table);
}

/* Entries are read and written whole: a walker must never see a torn one. */
static u64 pte_read(const u64 *table, u64 idx)
{
	return *(const volatile u64 *)&table[idx];
}

static void pte_write(u64 *table, u64 idx, u64 pte)
{
	*(volatile u64 *)&table[idx] = pte;
}

static u64 level_size(const struct pt_format *fmt, unsigned int lvl)
{
	return 1ULL << fmt->level[lvl].shift;
}

static u64 level_index(const struct pt_format *fmt, unsigned int lvl, u64 in)
{
	return (in >> fmt->level[lvl].shift) & (fmt->level[lvl].entries - 1);
}

/* One past the highest input address the format translates. */
static u64 input_limit(const struct pt_format *fmt)
{
	return (u64)fmt->level[fmt->first_level].entries
	       << fmt->level[fmt->first_level].shift;
}

static unsigned int table_pages(const struct pt_format *fmt, unsigned int lvl)
{
	return lvl == fmt->first_level ? fmt->root_pages : 1;
}

/* Whether a valid @pte points to a table, rather than being a leaf. */
static bool pte_is_table(const struct pt_format *fmt, unsigned int lvl, u64 pte)
{
	return lvl < fmt->last_level && fmt->is_table(lvl, pte);
}

static bool is_pow2(u64 x)
{
	return x && !(x & (x - 1));
}

static bool level_ok(const struct pt_format *fmt, unsigned int lvl)
{
	const struct pt_level *l = &fmt->level[lvl];
	u64 bytes = (u64)table_pages(fmt, lvl) * PAGE_SIZE;

	if (!is_pow2(l->entries) || l->entries * sizeof(u64) > bytes)
		return false;
	if (lvl == fmt->last_level)
		return l->shift == PAGE_SHIFT && l->leaf_ok;
	/* Contiguous index bits, and blocks splittable into next leaves. */
	return l->shift ==
		       fmt->level[lvl + 1].shift +
			       __builtin_ctzll(fmt->level[lvl + 1].entries) &&
	       (!l->leaf_ok || fmt->level[lvl + 1].leaf_ok);
}

static int format_check(const struct pt_format *fmt)
{
	const struct pt_level *root;
	unsigned int lvl;

	if (fmt->first_level > fmt->last_level ||
	    fmt->last_level >= PT_MAX_LEVELS || !is_pow2(fmt->root_pages))
		return -EINVAL;
	if (!fmt->make_table || !fmt->make_leaf || !fmt->is_valid ||
	    !fmt->is_table || !fmt->entry_addr || !fmt->leaf_flags)
		return -EINVAL;
	for (lvl = fmt->first_level; lvl <= fmt->last_level; lvl++)
		if (!level_ok(fmt, lvl))
			return -EINVAL;
	root = &fmt->level[fmt->first_level];
	if (root->shift + __builtin_ctzll(root->entries) > PT_MAX_INPUT_BITS)
		return -EINVAL;
	return 0;
}

/* Page-aligned, non-empty, within the input space; @out may be NULL. */
static bool range_ok(const struct pt_format *fmt, u64 in, u64 size,
		     const paddr_t *out)
{
	u64 limit = input_limit(fmt);

	if (!size || !IS_ALIGNED(in, PAGE_SIZE) || !IS_ALIGNED(size, PAGE_SIZE))
		return false;
	if (in >= limit || size > limit - in)
		return false;
	return !out || (IS_ALIGNED(pa_addr(*out), PAGE_SIZE) &&
			size - 1 <= ~0ULL - pa_addr(*out));
}

/* Frees the table at @table (level @lvl) and every table below it. */
static void table_free(struct page_table *pt, unsigned int lvl, paddr_t table)
{
	const struct pt_format *fmt = pt->fmt;
	u64 *t = table_ptr(table);
	u64 i;

	for (i = 0; i < fmt->level[lvl].entries; i++) {
		u64 pte = pte_read(t, i);

		if (fmt->is_valid(lvl, pte) && pte_is_table(fmt, lvl, pte))
			table_free(pt, lvl + 1, fmt->entry_addr(lvl, pte));
	}
	/* Every table page came from this pool: a refusal is a bug. */
	if (page_free(pt->pool, table, table_pages(fmt, lvl)))
		pt->free_errors++;
}

static bool table_is_empty(const struct pt_format *fmt, unsigned int lvl,
			   const u64 *t)
{
	u64 i;

	for (i = 0; i < fmt->level[lvl].entries; i++)
		if (fmt->is_valid(lvl, pte_read(t, i)))
			return false;
	return true;
}

/*
 * Writes @pte to entry @idx of level @lvl, then frees the tables the old
 * entry led to. The old tables are unlinked before they are freed.
 */
static void pte_replace(struct page_table *pt, unsigned int lvl, u64 *t,
			u64 idx, u64 pte)
{
	const struct pt_format *fmt = pt->fmt;
	u64 old = pte_read(t, idx);

	pte_write(t, idx, pte);
	if (fmt->is_valid(lvl, old) && pte_is_table(fmt, lvl, old))
		table_free(pt, lvl + 1, fmt->entry_addr(lvl, old));
}

/* Points entry @idx of level @lvl at the fully written table @table. */
static void table_link(struct page_table *pt, unsigned int lvl, u64 *t, u64 idx,
		       paddr_t table)
{
	if (pt->fmt->before_link)
		pt->fmt->before_link();
	pte_write(t, idx, pt->fmt->make_table(lvl, table));
}

/*
 * Replaces the leaf at entry @idx of level @lvl by a table of next-level
 * leaves that map the same range with the same flags, so the rest of the
 * block survives a change to part of it.
 */
static int leaf_split(struct page_table *pt, unsigned int lvl, u64 *t, u64 idx)
{
	const struct pt_format *fmt = pt->fmt;
	u64 pte = pte_read(t, idx);
	paddr_t pa = fmt->entry_addr(lvl, pte);
	u64 flags = fmt->leaf_flags(lvl, pte);
	u64 step = level_size(fmt, lvl + 1);
	paddr_t table;
	u64 *child, i;
	int err;

	err = page_alloc(pt->pool, 1, 1, &table);
	if (err)
		return err;
	child = table_ptr(table);
	for (i = 0; i < fmt->level[lvl + 1].entries; i++, pa = pa_add(pa, step))
		pte_write(child, i, fmt->make_leaf(lvl + 1, pa, flags));
	table_link(pt, lvl, t, idx, table);
	return 0;
}

/*
 * Finds the table below entry @idx of level @lvl for a change to part of
 * the entry's range: creates an empty one, or splits a leaf.
 */
static int table_below(struct page_table *pt, unsigned int lvl, u64 *t, u64 idx,
		       paddr_t *next)
{
	const struct pt_format *fmt = pt->fmt;
	u64 pte = pte_read(t, idx);
	int err;

	if (!fmt->is_valid(lvl, pte)) {
		err = page_alloc(pt->pool, 1, 1, next);
		if (!err)
			table_link(pt, lvl, t, idx, *next);
		return err;
	}
	if (!pte_is_table(fmt, lvl, pte)) {
		err = leaf_split(pt, lvl, t, idx);
		if (err)
			return err;
		pte = pte_read(t, idx);
	}
	*next = fmt->entry_addr(lvl, pte);
	return 0;
}

/* Unlinks and frees the table below entry @idx if nothing is left in it. */
static void table_drop_if_empty(struct page_table *pt, unsigned int lvl, u64 *t,
				u64 idx)
{
	const struct pt_format *fmt = pt->fmt;
	u64 pte = pte_read(t, idx);

	if (!fmt->is_valid(lvl, pte) || !pte_is_table(fmt, lvl, pte))
		return;
	if (table_is_empty(fmt, lvl + 1, table_ptr(fmt->entry_addr(lvl, pte))))
		pte_replace(pt, lvl, t, idx, 0);
}

/*
 * Replaces the table below entry @idx by one leaf if its entries are leaves
 * mapping one contiguous, aligned range with the same flags: a block split
 * to change part of it becomes a block again once that part is mapped as
 * before, and its table goes back to the pool.
 */
static void table_merge_if_uniform(struct page_table *pt, unsigned int lvl,
				   u64 *t, u64 idx)
{
	const struct pt_format *fmt = pt->fmt;
	u64 pte = pte_read(t, idx), first, flags, step, i;
	const u64 *child;
	paddr_t base;

	if (!fmt->level[lvl].leaf_ok || !fmt->is_valid(lvl, pte) ||
	    !pte_is_table(fmt, lvl, pte))
		return;
	child = table_ptr(fmt->entry_addr(lvl, pte));
	first = pte_read(child, 0);
	if (!fmt->is_valid(lvl + 1, first) || pte_is_table(fmt, lvl + 1, first))
		return;
	base = fmt->entry_addr(lvl + 1, first);
	flags = fmt->leaf_flags(lvl + 1, first);
	step = level_size(fmt, lvl + 1);
	if (!IS_ALIGNED(pa_addr(base), level_size(fmt, lvl)))
		return;
	for (i = 1; i < fmt->level[lvl + 1].entries; i++) {
		u64 e = pte_read(child, i);

		if (!fmt->is_valid(lvl + 1, e) ||
		    pte_is_table(fmt, lvl + 1, e) ||
		    pa_addr(fmt->entry_addr(lvl + 1, e)) !=
			    pa_addr(base) + i * step ||
		    fmt->leaf_flags(lvl + 1, e) != flags)
			return;
	}
	pte_replace(pt, lvl, t, idx, fmt->make_leaf(lvl, base, flags));
}

static int map_range(struct page_table *pt, unsigned int lvl, paddr_t table,
		     u64 in, u64 end, paddr_t out, u64 flags);

/* Maps part of the range of entry @idx, through the next level. */
static int map_below(struct page_table *pt, unsigned int lvl, u64 *t, u64 idx,
		     u64 in, u64 end, paddr_t out, u64 flags)
{
	paddr_t next;
	int err;

	err = table_below(pt, lvl, t, idx, &next);
	if (err)
		return err;
	err = map_range(pt, lvl + 1, next, in, end, out, flags);
	/* A table created for a mapping that failed must not linger empty. */
	if (err)
		table_drop_if_empty(pt, lvl, t, idx);
	else
		table_merge_if_uniform(pt, lvl, t, idx);
	return err;
}

/* Maps [in, end) to @out within the table @table of level @lvl. */
static int map_range(struct page_table *pt, unsigned int lvl, paddr_t table,
		     u64 in, u64 end, paddr_t out, u64 flags)
{
	const struct pt_format *fmt = pt->fmt;
	u64 *t = table_ptr(table);
	u64 size = level_size(fmt, lvl);
	int err;

	while (in < end) {
		u64 idx = level_index(fmt, lvl, in);
		u64 chunk = MIN(end, ALIGN_DOWN(in, size) + size) - in;

		if (fmt->level[lvl].leaf_ok && chunk == size &&
		    IS_ALIGNED(pa_addr(out), size)) {
			pte_replace(pt, lvl, t, idx,
				    fmt->make_leaf(lvl, out, flags));
		} else {
			err = map_below(pt, lvl, t, idx, in, in + chunk, out,
					flags);
			if (err)
				return err;
		}
		in += chunk;
		out = pa_add(out, chunk);
	}
	return 0;
}

static int unmap_range(struct page_table *pt, unsigned int lvl, paddr_t table,
		       u64 in, u64 end);

/* Unmaps part of the range of the valid entry @idx, at the next level. */
static int unmap_below(struct page_table *pt, unsigned int lvl, u64 *t, u64 idx,
		       u64 in, u64 end)
{
	paddr_t next;
	int err;

	err = table_below(pt, lvl, t, idx, &next);
	if (err)
		return err;
	err = unmap_range(pt, lvl + 1, next, in, end);
	table_drop_if_empty(pt, lvl, t, idx);
	return err;
}

/* Unmaps [in, end) within the table @table of level @lvl. */
static int unmap_range(struct page_table *pt, unsigned int lvl, paddr_t table,
		       u64 in, u64 end)
{
	const struct pt_format *fmt = pt->fmt;
	u64 *t = table_ptr(table);
	u64 size = level_size(fmt, lvl);
	int err;

	while (in < end) {
		u64 idx = level_index(fmt, lvl, in);
		u64 chunk = MIN(end, ALIGN_DOWN(in, size) + size) - in;

		if (!fmt->is_valid(lvl, pte_read(t, idx))) {
			/* Nothing mapped here. */
		} else if (chunk == size) {
			pte_replace(pt, lvl, t, idx, 0);
		} else {
			err = unmap_below(pt, lvl, t, idx, in, in + chunk);
			if (err)
				return err;
		}
		in += chunk;
	}
	return 0;
}

int pt_init(struct page_table *pt, const struct pt_format *fmt,
	    struct page_pool *pool)
{
	int err;

	err = format_check(fmt);
	if (err)
		return err;
	/* arm64 requires a concatenated root aligned to its whole size. */
	err = page_alloc(pool, fmt->root_pages, fmt->root_pages, &pt->root);
	if (err)
		return err;
	pt->fmt = fmt;
	pt->pool = pool;
	pt->free_errors = 0;
	return 0;
}

int pt_destroy(struct page_table *pt)
{
	table_free(pt, pt->fmt->first_level, pt->root);
	pt->root = pa_init(0);
	pt->fmt = NULL;
	return pt->free_errors ? -EFAULT : 0;
}

int pt_map(struct page_table *pt, u64 in_addr, paddr_t out, u64 size, u64 flags)
{
	if (!range_ok(pt->fmt, in_addr, size, &out) || (flags & ~PT_FLAGS_ALL))
		return -EINVAL;
	return map_range(pt, pt->fmt->first_level, pt->root, in_addr,
			 in_addr + size, out, flags);
}

int pt_unmap(struct page_table *pt, u64 in_addr, u64 size)
{
	if (!range_ok(pt->fmt, in_addr, size, NULL))
		return -EINVAL;
	return unmap_range(pt, pt->fmt->first_level, pt->root, in_addr,
			   in_addr + size);
}

int pt_lookup(const struct page_table *pt, u64 in_addr, paddr_t *out,
	      u64 *flags, u64 *leaf_size)
{
	const struct pt_format *fmt = pt->fmt;
	unsigned int lvl = fmt->first_level;
	paddr_t table = pt->root;
	u64 pte, size;

	if (in_addr >= input_limit(fmt))
		return -ENOENT;
	for (;;) {
		pte = pte_read(table_ptr(table),
			       level_index(fmt, lvl, in_addr));
		if (!fmt->is_valid(lvl, pte))
			return -ENOENT;
		if (!pte_is_table(fmt, lvl, pte))
			break;
		table = fmt->entry_addr(lvl, pte);
		lvl++;
	}

	size = level_size(fmt, lvl);
	if (out)
		*out = pa_add(fmt->entry_addr(lvl, pte), in_addr & (size - 1));
	if (flags)
		*flags = fmt->leaf_flags(lvl, pte);
	if (leaf_size)
		*leaf_size = size;
	return 0;
}
