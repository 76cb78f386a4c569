// SPDX-License-Identifier: GPL-2.0
/*
 * Page pool allocator: first-fit search in a bitmap, one bit per page.
 * Callers hold the pool's lock; see hv/page_alloc.h.
 */
#include <hv/page_alloc.h>
#include <hv/errno.h>
#include <hv/string.h>

/* The largest page count whose byte size still fits in a u64 after @base. */
static u64 pages_below_top(paddr_t base)
{
	return (~0ULL - pa_addr(base)) / PAGE_SIZE + 1;
}

/* Pages needed to hold the bitmap of a @pages-page pool. */
static u64 bitmap_pages(u64 pages)
{
	return ALIGN_UP(PAGE_POOL_BITMAP_WORDS(pages) * sizeof(u64),
			PAGE_SIZE) /
	       PAGE_SIZE;
}

int page_pool_init(struct page_pool *pool, paddr_t base, u64 pages,
		   u64 *bitmap_storage)
{
	u64 carved = 0;

	if (!IS_ALIGNED(pa_addr(base), PAGE_SIZE) || !pages ||
	    pages > pages_below_top(base))
		return -EINVAL;

	if (!bitmap_storage) {
		carved = bitmap_pages(pages);
		if (carved >= pages)
			return -EINVAL;
		bitmap_storage = phys_to_hv(base);
	}

	pool->base = pa_add(base, carved * PAGE_SIZE);
	pool->pages = pages - carved;
	pool->used = 0;
	pool->bitmap = bitmap_storage;
	memset(pool->bitmap, 0,
	       PAGE_POOL_BITMAP_WORDS(pool->pages) * sizeof(u64));
	return 0;
}

int page_alloc(struct page_pool *pool, u64 n, u64 align_pages, paddr_t *out)
{
	u64 first_pfn = pa_addr(pool->base) / PAGE_SIZE;
	u64 start;
	paddr_t pa;

	if (!n || !align_pages || (align_pages & (align_pages - 1)))
		return -EINVAL;
	if (n > pool->pages - pool->used)
		return -ENOMEM;

	/* Align the physical frame number, not the index into the pool. */
	start = bitmap_find_zero_run(pool->bitmap, pool->pages, n, align_pages,
				     first_pfn);
	if (start >= pool->pages)
		return -ENOMEM;

	bitmap_set_range(pool->bitmap, start, n);
	pool->used += n;
	pa = pa_add(pool->base, start * PAGE_SIZE);
	memset(phys_to_hv(pa), 0, n * PAGE_SIZE);
	*out = pa;
	return 0;
}

int page_free(struct page_pool *pool, paddr_t pa, u64 n)
{
	u64 start;

	if (pa_addr(pa) < pa_addr(pool->base) ||
	    !IS_ALIGNED(pa_addr(pa), PAGE_SIZE))
		return -EINVAL;
	start = (pa_addr(pa) - pa_addr(pool->base)) / PAGE_SIZE;
	if (!n || start >= pool->pages || n > pool->pages - start)
		return -EINVAL;
	/* Check the whole run first, so a bad call changes nothing. */
	if (!bitmap_range_is_set(pool->bitmap, start, n))
		return -EINVAL;

	bitmap_clear_range(pool->bitmap, start, n);
	pool->used -= n;
	return 0;
}

u64 page_pool_used(const struct page_pool *pool)
{
	return pool->used;
}

u64 page_pool_total(const struct page_pool *pool)
{
	return pool->pages;
}
