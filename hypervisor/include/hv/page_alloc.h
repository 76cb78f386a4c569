/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page pools: zeroed runs of 4 KiB pages handed out from one physically
 * contiguous range, one bitmap bit per page.
 *
 * There is no locking inside: whoever shares a pool between CPUs serialises
 * every call on it with its own lock. A pool does not remember where an
 * allocation began, so any allocated pages may be freed in any grouping.
 */
#ifndef _HV_PAGE_ALLOC_H
#define _HV_PAGE_ALLOC_H

#include <hv/types.h>
#include <hv/bitmap.h>

struct page_pool {
	paddr_t base; /* first allocatable page */
	u64 pages;    /* allocatable pages from base on */
	u64 used;     /* pages allocated now */
	u64 *bitmap;  /* bit n set while page n is allocated */
};

/* u64 words of bitmap storage that page_pool_init needs for @pages. */
#define PAGE_POOL_BITMAP_WORDS(pages) BITMAP_WORDS(pages)

/*
 * The one conversion between physical addresses and the hypervisor's
 * pointers: the pointer through which the hypervisor reaches the
 * physical address @pa (mapped: its own memory, or what arch_hv_map
 * mapped), and back. Provided by the environment: the hypervisor maps
 * 1:1 (arch/arm64/mmu.c), host tests map a fake physical range onto a
 * buffer. The mapping must be linear across the pool: runs of pages are
 * reached through the pointer to their first page.
 */
void *phys_to_hv(paddr_t pa);
paddr_t hv_to_phys(const void *p);

/*
 * Makes the @pages pages from page-aligned @base a pool. With
 * @bitmap_storage (PAGE_POOL_BITMAP_WORDS(@pages) words) the whole range is
 * allocatable; with NULL the bitmap is carved from the first pages of the
 * range, which then no longer belong to the pool (see page_pool_total).
 * Returns -EINVAL for an unaligned, empty or wrapping range.
 */
__must_check int page_pool_init(struct page_pool *pool, paddr_t base, u64 pages,
				u64 *bitmap_storage);

/*
 * Allocates @n contiguous zeroed pages whose physical address is a multiple
 * of @align_pages pages (a power of two; 1 for no constraint) into @out.
 * Returns -EINVAL for n == 0 or a bad alignment, -ENOMEM if no such run is
 * free.
 */
__must_check int page_alloc(struct page_pool *pool, u64 n, u64 align_pages,
			    paddr_t *out);

/*
 * Returns @n pages from @pa to the pool. Pages outside the pool, or not
 * allocated, mean a bug in the caller: the call then changes nothing and
 * returns -EINVAL.
 */
__must_check int page_free(struct page_pool *pool, paddr_t pa, u64 n);

/* Pages allocated now. */
u64 page_pool_used(const struct page_pool *pool);

/* Pages the pool can hand out, without those holding a carved bitmap. */
u64 page_pool_total(const struct page_pool *pool);

#endif
