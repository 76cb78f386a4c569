// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the bitmap helpers and the page pool allocator. */
#include <stdlib.h>
#include "../../hypervisor/page_alloc.c"
#include "unit.h"

/* An odd page frame number, so index and physical alignment differ. */
#define FAKE_BASE  0x80001000ULL
#define FAKE_PAGES 64
#define JUNK	   0xa5

static u8 *fake_mem;
static u64 fake_pages;

/* The fake "physical memory": FAKE_BASE onwards lives in a heap buffer. */
void *phys_to_hv(paddr_t pa)
{
	u64 off = pa_addr(pa) - FAKE_BASE;

	if (pa_addr(pa) < FAKE_BASE || off >= fake_pages * PAGE_SIZE) {
		fprintf(stderr, "phys 0x%llx outside fake memory\n",
			(unsigned long long)pa_addr(pa));
		abort();
	}
	return fake_mem + off;
}

static void fake_mem_init(u64 pages)
{
	fake_pages = pages;
	fake_mem = aligned_alloc(PAGE_SIZE, pages * PAGE_SIZE);
	memset(fake_mem, JUNK, pages * PAGE_SIZE);
}

static void fake_mem_fini(void)
{
	free(fake_mem);
	fake_mem = NULL;
}

static u64 bitmap_store[PAGE_POOL_BITMAP_WORDS(FAKE_PAGES)];

/* A pool over all of fake memory, with a dirty external bitmap. */
static void pool_setup(struct page_pool *pool)
{
	fake_mem_init(FAKE_PAGES);
	memset(bitmap_store, 0xff, sizeof(bitmap_store));
	CHECK(page_pool_init(pool, pa_init(FAKE_BASE), FAKE_PAGES,
			     bitmap_store) == 0);
}

static bool all_bytes(paddr_t pa, u64 len, u8 val)
{
	const u8 *p = phys_to_hv(pa);
	u64 i;

	for (i = 0; i < len; i++)
		if (p[i] != val)
			return false;
	return true;
}

TEST(bitmap_set_clear_test_across_words)
{
	u64 map[3] = { 0 };

	bitmap_set(map, 0);
	bitmap_set(map, 63);
	bitmap_set(map, 64);
	CHECK(map[0] == (1ULL | 1ULL << 63) && map[1] == 1);
	bitmap_clear(map, 63);
	CHECK(!bitmap_test(map, 63) && bitmap_test(map, 64));

	bitmap_set_range(map, 60, 70); /* bits 60..129 */
	CHECK(bitmap_range_is_set(map, 60, 70));
	CHECK(!bitmap_test(map, 59) && !bitmap_test(map, 130));
	CHECK(map[1] == ~0ULL && map[2] == 3);
	bitmap_clear_range(map, 62, 66); /* bits 62..127 */
	CHECK(bitmap_range_is_clear(map, 62, 66));
	CHECK(bitmap_test(map, 61) && bitmap_test(map, 128));
	CHECK(bitmap_count(map, 192) == 5); /* 0, 60, 61, 128, 129 */
}

TEST(bitmap_find_skips_words_and_stops_at_end)
{
	u64 map[3] = { ~0ULL, ~0ULL, 0 };

	CHECK(bitmap_find_next_zero(map, 192, 0) == 128);
	CHECK(bitmap_find_next_set(map, 192, 128) == 192);
	CHECK(bitmap_find_next_zero(map, 100, 5) == 100);
	map[2] = 1ULL << 40;
	CHECK(bitmap_find_next_set(map, 192, 128) == 168);
	CHECK(bitmap_find_next_set(map, 150, 128) == 150);
	CHECK(bitmap_find_next_set(map, 192, 100) == 100);
}

TEST(bitmap_zero_run_honours_alignment_and_offset)
{
	u64 map[2] = { 0 };

	bitmap_set(map, 0);
	bitmap_set(map, 9);
	CHECK(bitmap_find_zero_run(map, 128, 8, 1, 0) == 1);
	CHECK(bitmap_find_zero_run(map, 128, 9, 1, 0) == 10);
	CHECK(bitmap_find_zero_run(map, 128, 2, 4, 0) == 4);
	CHECK(bitmap_find_zero_run(map, 128, 8, 8, 0) == 16);
	/* Bit 0 stands for frame 3: frame 8 (bit 5) is 8-aligned. */
	CHECK(bitmap_find_zero_run(map, 128, 4, 8, 3) == 5);
	CHECK(bitmap_find_zero_run(map, 128, 5, 8, 3) == 13);
	CHECK(bitmap_find_zero_run(map, 128, 119, 1, 0) == 128);
	CHECK(bitmap_find_zero_run(map, 128, 118, 1, 0) == 10);
	CHECK(bitmap_find_zero_run(map, 128, 4, 256, 0) == 128);
}

TEST(bitmap_count_ignores_bits_past_end)
{
	u64 map[2] = { ~0ULL, ~0ULL };

	CHECK(bitmap_count(map, 128) == 128);
	CHECK(bitmap_count(map, 70) == 70);
	CHECK(bitmap_count(map, 3) == 3);
	CHECK(bitmap_weight_word(0x8000000000000001ULL) == 2);
}

TEST(pool_init_rejects_bad_ranges)
{
	struct page_pool pool;

	fake_mem_init(FAKE_PAGES);
	CHECK(page_pool_init(&pool, pa_init(FAKE_BASE + 8), 4, bitmap_store) ==
	      -EINVAL);
	CHECK(page_pool_init(&pool, pa_init(FAKE_BASE), 0, bitmap_store) ==
	      -EINVAL);
	CHECK(page_pool_init(&pool, pa_init(~0ULL & PAGE_MASK), 2,
			     bitmap_store) == -EINVAL);
	CHECK(page_pool_init(&pool, pa_init(~0ULL & PAGE_MASK), 1,
			     bitmap_store) == 0);
	/* A one-page range has no room left after its carved bitmap. */
	CHECK(page_pool_init(&pool, pa_init(FAKE_BASE), 1, NULL) == -EINVAL);
	fake_mem_fini();
}

TEST(pool_init_carves_bitmap_from_range)
{
	struct page_pool pool;
	paddr_t pa;
	u64 i;

	fake_mem_init(FAKE_PAGES);
	CHECK(page_pool_init(&pool, pa_init(FAKE_BASE), FAKE_PAGES, NULL) == 0);
	CHECK(page_pool_total(&pool) == FAKE_PAGES - 1);
	CHECK(pa_addr(pool.base) == FAKE_BASE + PAGE_SIZE);
	CHECK((u8 *)pool.bitmap == fake_mem);
	CHECK(all_bytes(pa_init(FAKE_BASE), 8, 0)); /* bitmap cleared */
	for (i = 0; i < FAKE_PAGES - 1; i++) {
		CHECK(page_alloc(&pool, 1, 1, &pa) == 0);
		CHECK(pa_addr(pa) != FAKE_BASE);
	}
	CHECK(page_alloc(&pool, 1, 1, &pa) == -ENOMEM);
	CHECK(bitmap_count(pool.bitmap, pool.pages) == FAKE_PAGES - 1);
	fake_mem_fini();
}

TEST(alloc_returns_zeroed_pages)
{
	struct page_pool pool;
	paddr_t pa, again;

	pool_setup(&pool);
	CHECK(page_pool_used(&pool) == 0);
	CHECK(page_alloc(&pool, 3, 1, &pa) == 0);
	CHECK(all_bytes(pa, 3 * PAGE_SIZE, 0));
	CHECK(all_bytes(pa_add(pa, 3 * PAGE_SIZE), PAGE_SIZE, JUNK));

	memset(phys_to_hv(pa), JUNK, 3 * PAGE_SIZE);
	CHECK(page_free(&pool, pa, 3) == 0);
	CHECK(page_alloc(&pool, 3, 1, &again) == 0);
	CHECK(pa_addr(again) == pa_addr(pa));
	CHECK(all_bytes(again, 3 * PAGE_SIZE, 0));
	fake_mem_fini();
}

TEST(alloc_aligns_physical_address)
{
	struct page_pool pool;
	paddr_t pa;

	pool_setup(&pool);
	CHECK(page_alloc(&pool, 1, 1, &pa) == 0);
	CHECK(pa_addr(pa) == FAKE_BASE);
	CHECK(page_alloc(&pool, 2, 4, &pa) == 0);
	CHECK(IS_ALIGNED(pa_addr(pa), 4 * PAGE_SIZE));
	CHECK(pa_addr(pa) == FAKE_BASE + 3 * PAGE_SIZE);
	CHECK(page_alloc(&pool, 1, 16, &pa) == 0);
	CHECK(IS_ALIGNED(pa_addr(pa), 16 * PAGE_SIZE));
	CHECK(page_alloc(&pool, 1, 3, &pa) == -EINVAL);
	CHECK(page_alloc(&pool, 1, 0, &pa) == -EINVAL);
	/* No 128-page-aligned frame lies inside the 64-page pool. */
	CHECK(page_alloc(&pool, 1, 128, &pa) == -ENOMEM);
	CHECK(page_pool_used(&pool) == 4);
	fake_mem_fini();
}

TEST(alloc_first_fit_reuses_holes)
{
	struct page_pool pool;
	paddr_t a, b, c, d;

	pool_setup(&pool);
	CHECK(page_alloc(&pool, 1, 1, &a) == 0);
	CHECK(page_alloc(&pool, 1, 1, &b) == 0);
	CHECK(page_alloc(&pool, 1, 1, &c) == 0);
	CHECK(page_free(&pool, b, 1) == 0);
	CHECK(page_alloc(&pool, 2, 1, &d) == 0);
	CHECK(pa_addr(d) == pa_addr(c) + PAGE_SIZE);
	CHECK(page_alloc(&pool, 1, 1, &d) == 0);
	CHECK(pa_addr(d) == pa_addr(b));
	fake_mem_fini();
}

TEST(alloc_exhaustion_returns_enomem)
{
	struct page_pool pool;
	paddr_t pa, last;
	u64 i;

	pool_setup(&pool);
	CHECK(page_alloc(&pool, FAKE_PAGES + 1, 1, &pa) == -ENOMEM);
	CHECK(page_alloc(&pool, 0, 1, &pa) == -EINVAL);
	for (i = 0; i < FAKE_PAGES; i++)
		CHECK(page_alloc(&pool, 1, 1, &last) == 0);
	CHECK(page_pool_used(&pool) == page_pool_total(&pool));
	CHECK(page_alloc(&pool, 1, 1, &pa) == -ENOMEM);
	CHECK(page_free(&pool, last, 1) == 0);
	CHECK(page_alloc(&pool, 1, 1, &pa) == 0);
	CHECK(pa_addr(pa) == pa_addr(last));
	fake_mem_fini();
}

TEST(free_rejects_double_foreign_and_partial)
{
	struct page_pool pool;
	paddr_t a, b;
	u64 end = FAKE_BASE + FAKE_PAGES * PAGE_SIZE;

	pool_setup(&pool);
	CHECK(page_alloc(&pool, 2, 1, &a) == 0);
	CHECK(page_alloc(&pool, 1, 1, &b) == 0);
	CHECK(page_free(&pool, a, 2) == 0);
	CHECK(page_free(&pool, a, 1) == -EINVAL); /* double */
	CHECK(page_free(&pool, pa_init(FAKE_BASE - PAGE_SIZE), 1) == -EINVAL);
	CHECK(page_free(&pool, pa_init(end), 1) == -EINVAL);
	CHECK(page_free(&pool, pa_init(end - PAGE_SIZE), 2) == -EINVAL);
	CHECK(page_free(&pool, pa_add(b, 8), 1) == -EINVAL);
	CHECK(page_free(&pool, b, 0) == -EINVAL);
	/* b is allocated, the page after it is not: nothing is freed. */
	CHECK(page_free(&pool, b, 2) == -EINVAL);
	CHECK(page_pool_used(&pool) == 1);
	CHECK(page_free(&pool, b, 1) == 0);
	CHECK(page_pool_used(&pool) == 0);
	fake_mem_fini();
}

TEST(used_count_tracks_bitmap)
{
	struct page_pool pool;
	paddr_t a, b, c;

	pool_setup(&pool);
	CHECK(page_pool_total(&pool) == FAKE_PAGES);
	CHECK(page_alloc(&pool, 5, 1, &a) == 0);
	CHECK(page_alloc(&pool, 7, 8, &b) == 0);
	CHECK(page_alloc(&pool, 1, 1, &c) == 0);
	CHECK(page_pool_used(&pool) == 13);
	/* Pages of one allocation may be returned piecewise. */
	CHECK(page_free(&pool, pa_add(b, 2 * PAGE_SIZE), 3) == 0);
	CHECK(page_pool_used(&pool) == 10);
	CHECK(bitmap_count(pool.bitmap, pool.pages) == page_pool_used(&pool));
	CHECK(page_free(&pool, a, 5) == 0);
	CHECK(page_free(&pool, b, 2) == 0);
	CHECK(page_free(&pool, pa_add(b, 5 * PAGE_SIZE), 2) == 0);
	CHECK(page_free(&pool, c, 1) == 0);
	CHECK(page_pool_used(&pool) == 0);
	CHECK(bitmap_count(pool.bitmap, pool.pages) == 0);
	fake_mem_fini();
}

int main(void)
{
	unit_suite = "unit/page_alloc";
	RUN(bitmap_set_clear_test_across_words);
	RUN(bitmap_find_skips_words_and_stops_at_end);
	RUN(bitmap_zero_run_honours_alignment_and_offset);
	RUN(bitmap_count_ignores_bits_past_end);
	RUN(pool_init_rejects_bad_ranges);
	RUN(pool_init_carves_bitmap_from_range);
	RUN(alloc_returns_zeroed_pages);
	RUN(alloc_aligns_physical_address);
	RUN(alloc_first_fit_reuses_holes);
	RUN(alloc_exhaustion_returns_enomem);
	RUN(free_rejects_double_foreign_and_partial);
	RUN(used_count_tracks_bitmap);
	return 0;
}
