// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the generic page-table engine, run on two fake formats.
 * The fakes encode entries differently at every level (own valid, table and
 * flag bit positions, an address XOR key, a level tag that every decoder
 * checks), so an engine that hands an entry to the wrong level fails.
 */
#include <stdlib.h>
#include "../../hypervisor/page_alloc.c"
#include "../../hypervisor/paging.c"
#include "unit.h"

#define SZ_4K 0x1000ULL
#define SZ_2M 0x200000ULL
#define SZ_1G 0x40000000ULL
#define RW    (PT_READ | PT_WRITE)
#define RX    (PT_READ | PT_EXEC)
#define DEV   (PT_READ | PT_WRITE | PT_DEVICE)

/* ---- fake physical memory holding the table pages ---- */

#define FAKE_BASE      0x4000000000ULL
#define MAX_POOL_PAGES 1024

static u8 *fake_mem;
static u64 fake_pages;

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

/* ---- fake formats ---- */

#define ADDR_MASK 0x0000fffffffff000ULL
#define TAG_MASK  0xff00000000000000ULL

struct fake_level {
	unsigned int valid_bit, table_bit, flag_shift;
	u64 key; /* XORed into the address bits */
};

struct fake {
	unsigned int id, first, last;
	bool leaf_ok[PT_MAX_LEVELS];
	struct fake_level lvl[PT_MAX_LEVELS];
};

static const struct fake fake4 = {
	.id = 0, .first = 0, .last = 3,
	.leaf_ok = { false, true, true, true },
	.lvl = {
		{ 0, 1, 4, 0x0000a5a5a5a5a000ULL },
		{ 3, 11, 5, 0x00005a5a5a5a5000ULL },
		{ 10, 2, 6, 0x0000123456789000ULL },
		{ 7, 9, 0, 0x0000fedcba987000ULL },
	},
};

static const struct fake fake3 = {
	.id = 1, .first = 1, .last = 3,
	.leaf_ok = { false, false, true, true },
	.lvl = {
		{ 0, 0, 0, 0 },
		{ 6, 0, 8, 0x0000111111111000ULL },
		{ 11, 5, 1, 0x0000842108421000ULL },
		{ 4, 10, 6, 0x00000f0f0f0f0000ULL },
	},
};

static int fake_errors;
static int fake_links;

static void fake_bug(const struct fake *f, unsigned int lvl, const char *what,
		     u64 pte)
{
	fake_errors++;
	fprintf(stderr, "fake%u: %s at level %u (pte 0x%llx)\n", f->id, what,
		lvl, (unsigned long long)pte);
}

static u64 fake_tag(const struct fake *f, unsigned int lvl)
{
	return (0x80ULL | f->id << 4 | lvl) << 56;
}

static u64 bit(unsigned int n)
{
	return 1ULL << n;
}

/* Every entry the engine hands back must carry its level's tag. */
static void fake_check(const struct fake *f, unsigned int lvl, u64 pte,
		       const char *what)
{
	if (lvl < f->first || lvl > f->last)
		fake_bug(f, lvl, "level out of range", pte);
	else if ((pte & TAG_MASK) != fake_tag(f, lvl))
		fake_bug(f, lvl, what, pte);
}

static u64 fake_addr(const struct fake *f, unsigned int lvl, paddr_t pa)
{
	if (pa_addr(pa) & ~ADDR_MASK)
		fake_bug(f, lvl, "address not encodable", pa_addr(pa));
	return (pa_addr(pa) ^ f->lvl[lvl].key) & ADDR_MASK;
}

static u64 fake_make_table(const struct fake *f, unsigned int lvl,
			   paddr_t table)
{
	if (lvl < f->first || lvl >= f->last)
		fake_bug(f, lvl, "table at bad level", pa_addr(table));
	return fake_tag(f, lvl) | fake_addr(f, lvl, table) |
	       bit(f->lvl[lvl].valid_bit) | bit(f->lvl[lvl].table_bit);
}

static u64 fake_make_leaf(const struct fake *f, unsigned int lvl, paddr_t pa,
			  u64 flags)
{
	u64 pte;

	if (lvl < f->first || lvl > f->last || !f->leaf_ok[lvl])
		fake_bug(f, lvl, "leaf at bad level", pa_addr(pa));
	pte = fake_tag(f, lvl) | fake_addr(f, lvl, pa) |
	      bit(f->lvl[lvl].valid_bit) | flags << f->lvl[lvl].flag_shift;
	/* Last-level leaves look like tables, as arm64 pages do. */
	if (lvl == f->last)
		pte |= bit(f->lvl[lvl].table_bit);
	return pte;
}

static bool fake_is_valid(const struct fake *f, unsigned int lvl, u64 pte)
{
	if (!pte)
		return false;
	fake_check(f, lvl, pte, "is_valid: foreign entry");
	return pte & bit(f->lvl[lvl].valid_bit);
}

static bool fake_is_table(const struct fake *f, unsigned int lvl, u64 pte)
{
	fake_check(f, lvl, pte, "is_table: foreign entry");
	if (lvl == f->last)
		fake_bug(f, lvl, "is_table asked at last level", pte);
	if (!(pte & bit(f->lvl[lvl].valid_bit)))
		fake_bug(f, lvl, "is_table on invalid entry", pte);
	return pte & bit(f->lvl[lvl].table_bit);
}

static paddr_t fake_entry_addr(const struct fake *f, unsigned int lvl, u64 pte)
{
	fake_check(f, lvl, pte, "entry_addr: foreign entry");
	if (!(pte & bit(f->lvl[lvl].valid_bit)))
		fake_bug(f, lvl, "entry_addr on invalid entry", pte);
	return pa_init((pte ^ f->lvl[lvl].key) & ADDR_MASK);
}

static u64 fake_leaf_flags(const struct fake *f, unsigned int lvl, u64 pte)
{
	fake_check(f, lvl, pte, "leaf_flags: foreign entry");
	if (lvl != f->last && (pte & bit(f->lvl[lvl].table_bit)))
		fake_bug(f, lvl, "leaf_flags on table", pte);
	return (pte >> f->lvl[lvl].flag_shift) & PT_FLAGS_ALL;
}

static void fake_before_link(void)
{
	fake_links++;
}

/* Callbacks get no context: one set of wrappers per fake. */
static u64 f4_make_table(unsigned int l, paddr_t t)
{
	return fake_make_table(&fake4, l, t);
}

static u64 f4_make_leaf(unsigned int l, paddr_t pa, u64 flags)
{
	return fake_make_leaf(&fake4, l, pa, flags);
}

static bool f4_is_valid(unsigned int l, u64 pte)
{
	return fake_is_valid(&fake4, l, pte);
}

static bool f4_is_table(unsigned int l, u64 pte)
{
	return fake_is_table(&fake4, l, pte);
}

static paddr_t f4_entry_addr(unsigned int l, u64 pte)
{
	return fake_entry_addr(&fake4, l, pte);
}

static u64 f4_leaf_flags(unsigned int l, u64 pte)
{
	return fake_leaf_flags(&fake4, l, pte);
}

static u64 f3_make_table(unsigned int l, paddr_t t)
{
	return fake_make_table(&fake3, l, t);
}

static u64 f3_make_leaf(unsigned int l, paddr_t pa, u64 flags)
{
	return fake_make_leaf(&fake3, l, pa, flags);
}

static bool f3_is_valid(unsigned int l, u64 pte)
{
	return fake_is_valid(&fake3, l, pte);
}

static bool f3_is_table(unsigned int l, u64 pte)
{
	return fake_is_table(&fake3, l, pte);
}

static paddr_t f3_entry_addr(unsigned int l, u64 pte)
{
	return fake_entry_addr(&fake3, l, pte);
}

static u64 f3_leaf_flags(unsigned int l, u64 pte)
{
	return fake_leaf_flags(&fake3, l, pte);
}

/* Like arm64 4 KiB granule, 48-bit input: levels 0..3, blocks at 1 and 2. */
static const struct pt_format fmt4 = {
	.first_level = 0,
	.last_level = 3,
	.root_pages = 1,
	.level = {
		{ .shift = 39, .entries = 512, .leaf_ok = false },
		{ .shift = 30, .entries = 512, .leaf_ok = true },
		{ .shift = 21, .entries = 512, .leaf_ok = true },
		{ .shift = 12, .entries = 512, .leaf_ok = true },
	},
	.make_table = f4_make_table,
	.make_leaf = f4_make_leaf,
	.is_valid = f4_is_valid,
	.is_table = f4_is_table,
	.entry_addr = f4_entry_addr,
	.leaf_flags = f4_leaf_flags,
	.before_link = fake_before_link,
};

/*
 * Like arm64 stage 2 with a 40-bit IPA: starts at level 1 with two
 * concatenated root pages; no 1 GiB blocks.
 */
static const struct pt_format fmt3 = {
	.first_level = 1,
	.last_level = 3,
	.root_pages = 2,
	.level = {
		[1] = { .shift = 30, .entries = 1024, .leaf_ok = false },
		[2] = { .shift = 21, .entries = 512, .leaf_ok = true },
		[3] = { .shift = 12, .entries = 512, .leaf_ok = true },
	},
	.make_table = f3_make_table,
	.make_leaf = f3_make_leaf,
	.is_valid = f3_is_valid,
	.is_table = f3_is_table,
	.entry_addr = f3_entry_addr,
	.leaf_flags = f3_leaf_flags,
};

/* ---- test environment ---- */

struct env {
	struct page_pool pool;
	struct page_table pt;
	u64 bitmap[PAGE_POOL_BITMAP_WORDS(MAX_POOL_PAGES)];
};

static int env_init(struct env *e, const struct pt_format *fmt, u64 pages)
{
	fake_pages = pages;
	fake_mem = aligned_alloc(PAGE_SIZE, pages * PAGE_SIZE);
	memset(fake_mem, 0xa5, pages * PAGE_SIZE);
	fake_errors = 0;
	fake_links = 0;
	if (page_pool_init(&e->pool, pa_init(FAKE_BASE), pages, e->bitmap))
		return -1;
	return pt_init(&e->pt, fmt, &e->pool);
}

static void env_free_mem(void)
{
	free(fake_mem);
	fake_mem = NULL;
}

/* Destroys the table; true if that emptied the pool and no fake objected. */
static bool env_fini(struct env *e)
{
	bool ok;

	/* pt_destroy's -EFAULT: the pool refused a table page back. */
	ok = pt_destroy(&e->pt) == 0;
	ok = ok && page_pool_used(&e->pool) == 0 && !fake_errors;
	env_free_mem();
	return ok;
}

static u64 used(const struct env *e)
{
	return page_pool_used(&e->pool);
}

/* True if @in translates to @out with @flags, through a leaf of @size. */
static bool maps_to(const struct env *e, u64 in, u64 out, u64 flags, u64 size)
{
	paddr_t pa;
	u64 f, s;

	if (pt_lookup(&e->pt, in, &pa, &f, &s))
		return false;
	return pa_addr(pa) == out && f == flags && s == size;
}

static bool unmapped(const struct env *e, u64 in)
{
	return pt_lookup(&e->pt, in, NULL, NULL, NULL) == -ENOENT;
}

/* ---- tests ---- */

TEST(map_lookup_single_pages)
{
	struct env e;

	CHECK(env_init(&e, &fmt4, 64) == 0);
	CHECK(used(&e) == 1);
	CHECK(pt_map(&e.pt, 0x1000, pa_init(0x80000000), SZ_4K, RW) == 0);
	CHECK(pt_map(&e.pt, 0x7ffffffff000, pa_init(0x1000), SZ_4K, RX) == 0);
	CHECK(pt_map(&e.pt, 0x40201000, pa_init(0x9000), SZ_4K, DEV) == 0);

	CHECK(maps_to(&e, 0x1000, 0x80000000, RW, SZ_4K));
	CHECK(maps_to(&e, 0x1234, 0x80000234, RW, SZ_4K));
	CHECK(maps_to(&e, 0x7ffffffffff8, 0x1ff8, RX, SZ_4K));
	CHECK(maps_to(&e, 0x40201000, 0x9000, DEV, SZ_4K));
	CHECK(unmapped(&e, 0));
	CHECK(unmapped(&e, 0x2000));
	CHECK(unmapped(&e, 0x7fffffffe000));
	CHECK(unmapped(&e, 0x40200000));
	/* Root; two full walks (3 tables each); one sharing level 1 (2). */
	CHECK(used(&e) == 1 + 3 + 3 + 2);
	CHECK(fake_links == 8);
	CHECK(env_fini(&e));
}

TEST(map_uses_largest_leaves)
{
	struct env e;
	u64 in = SZ_1G - 2 * SZ_4K;
	u64 delta = 64 * SZ_1G; /* keeps 1 GiB congruence */
	u64 size = 2 * SZ_4K + SZ_1G + 3 * SZ_2M + 3 * SZ_4K;
	u64 tail = 2 * SZ_1G + 3 * SZ_2M;

	CHECK(env_init(&e, &fmt4, 64) == 0);
	CHECK(pt_map(&e.pt, in, pa_init(in + delta), size, RW) == 0);
	CHECK(unmapped(&e, in - SZ_4K));
	CHECK(maps_to(&e, in, in + delta, RW, SZ_4K));
	CHECK(maps_to(&e, in + SZ_4K, in + SZ_4K + delta, RW, SZ_4K));
	CHECK(maps_to(&e, SZ_1G, SZ_1G + delta, RW, SZ_1G));
	CHECK(maps_to(&e, SZ_1G + 0x12345678, SZ_1G + 0x12345678 + delta, RW,
		      SZ_1G));
	CHECK(maps_to(&e, 2 * SZ_1G, 2 * SZ_1G + delta, RW, SZ_2M));
	CHECK(maps_to(&e, tail - SZ_4K, tail - SZ_4K + delta, RW, SZ_2M));
	CHECK(maps_to(&e, tail, tail + delta, RW, SZ_4K));
	CHECK(maps_to(&e, tail + 2 * SZ_4K, tail + 2 * SZ_4K + delta, RW,
		      SZ_4K));
	CHECK(unmapped(&e, tail + 3 * SZ_4K));
	/* Root, level 1, and a level 2 + level 3 pair at each edge. */
	CHECK(used(&e) == 6);

	/* Output only 2 MiB aligned: no 1 GiB block is possible. */
	CHECK(pt_map(&e.pt, 4 * SZ_1G, pa_init(0x200200000), SZ_1G, RX) == 0);
	CHECK(maps_to(&e, 4 * SZ_1G, 0x200200000, RX, SZ_2M));
	CHECK(maps_to(&e, 5 * SZ_1G - SZ_4K, 0x2401ff000, RX, SZ_2M));
	/* Output only page aligned: pages throughout. */
	CHECK(pt_map(&e.pt, 8 * SZ_1G, pa_init(0x30001000), SZ_2M, RX) == 0);
	CHECK(maps_to(&e, 8 * SZ_1G, 0x30001000, RX, SZ_4K));
	CHECK(maps_to(&e, 8 * SZ_1G + SZ_2M - SZ_4K, 0x30200000, RX, SZ_4K));
	CHECK(env_fini(&e));
}

TEST(remap_replaces_flags_and_address)
{
	struct env e;
	u64 base;

	CHECK(env_init(&e, &fmt4, 64) == 0);
	CHECK(pt_map(&e.pt, SZ_2M, pa_init(0x40000000), SZ_2M, RW) == 0);
	base = used(&e);

	/* One page of a 2 MiB block: split, the rest keeps its mapping. */
	CHECK(pt_map(&e.pt, SZ_2M + SZ_4K, pa_init(0x7000), SZ_4K, RX) == 0);
	CHECK(maps_to(&e, SZ_2M + SZ_4K, 0x7000, RX, SZ_4K));
	CHECK(maps_to(&e, SZ_2M, 0x40000000, RW, SZ_4K));
	CHECK(maps_to(&e, SZ_2M + 2 * SZ_4K, 0x40002000, RW, SZ_4K));
	CHECK(maps_to(&e, 2 * SZ_2M - SZ_4K, 0x401ff000, RW, SZ_4K));
	CHECK(used(&e) == base + 1);

	/* The whole block again: one leaf, the page table is freed. */
	CHECK(pt_map(&e.pt, SZ_2M, pa_init(0x60000000), SZ_2M, DEV) == 0);
	CHECK(maps_to(&e, SZ_2M + SZ_4K, 0x60001000, DEV, SZ_2M));
	CHECK(used(&e) == base);
	CHECK(pt_map(&e.pt, SZ_2M, pa_init(0x60000000), SZ_2M, RX) == 0);
	CHECK(maps_to(&e, SZ_2M, 0x60000000, RX, SZ_2M));

	/* One page inside a 1 GiB block: split twice. */
	CHECK(pt_map(&e.pt, 3 * SZ_1G, pa_init(7 * SZ_1G), SZ_1G, RW) == 0);
	base = used(&e);
	CHECK(pt_map(&e.pt, 3 * SZ_1G + SZ_2M, pa_init(0x5000), SZ_4K, RX) ==
	      0);
	CHECK(used(&e) == base + 2);
	CHECK(maps_to(&e, 3 * SZ_1G, 7 * SZ_1G, RW, SZ_2M));
	CHECK(maps_to(&e, 3 * SZ_1G + SZ_2M, 0x5000, RX, SZ_4K));
	CHECK(maps_to(&e, 3 * SZ_1G + SZ_2M + SZ_4K, 7 * SZ_1G + SZ_2M + SZ_4K,
		      RW, SZ_4K));
	CHECK(maps_to(&e, 4 * SZ_1G - SZ_4K, 8 * SZ_1G - SZ_4K, RW, SZ_2M));
	/* A block over the split tables frees both. */
	CHECK(pt_map(&e.pt, 3 * SZ_1G, pa_init(9 * SZ_1G), SZ_1G, RW) == 0);
	CHECK(used(&e) == base);
	CHECK(maps_to(&e, 3 * SZ_1G + SZ_2M, 9 * SZ_1G + SZ_2M, RW, SZ_1G));
	CHECK(env_fini(&e));
}

TEST(unmap_splits_2m_block)
{
	struct env e;
	u64 base;

	CHECK(env_init(&e, &fmt4, 64) == 0);
	CHECK(pt_map(&e.pt, SZ_2M, pa_init(0x80000000), SZ_2M, RW) == 0);
	base = used(&e);
	CHECK(pt_unmap(&e.pt, 0x2ff000, SZ_4K) == 0);
	CHECK(used(&e) == base + 1);
	CHECK(unmapped(&e, 0x2ff000));
	CHECK(maps_to(&e, 0x2fe000, 0x800fe000, RW, SZ_4K));
	CHECK(maps_to(&e, 0x300000, 0x80100000, RW, SZ_4K));
	CHECK(maps_to(&e, SZ_2M, 0x80000000, RW, SZ_4K));
	CHECK(maps_to(&e, 2 * SZ_2M - SZ_4K, 0x801ff000, RW, SZ_4K));

	CHECK(pt_unmap(&e.pt, SZ_2M, SZ_2M / 2) == 0);
	CHECK(unmapped(&e, SZ_2M));
	CHECK(maps_to(&e, 0x300000, 0x80100000, RW, SZ_4K));
	CHECK(pt_unmap(&e.pt, 0x300000, SZ_2M / 2) == 0);
	CHECK(used(&e) == 1);
	CHECK(env_fini(&e));
}

TEST(undone_split_merges_back)
{
	struct env e;
	u64 base;

	CHECK(env_init(&e, &fmt4, 64) == 0);
	CHECK(pt_map(&e.pt, 3 * SZ_1G, pa_init(7 * SZ_1G), SZ_1G, RW) == 0);
	base = used(&e);

	/* A page taken out of a 1 GiB block and put back: one block again. */
	CHECK(pt_unmap(&e.pt, 3 * SZ_1G + SZ_2M, SZ_4K) == 0);
	CHECK(used(&e) == base + 2);
	CHECK(pt_map(&e.pt, 3 * SZ_1G + SZ_2M, pa_init(7 * SZ_1G + SZ_2M),
		     SZ_4K, RW) == 0);
	CHECK(used(&e) == base);
	CHECK(maps_to(&e, 3 * SZ_1G + SZ_2M, 7 * SZ_1G + SZ_2M, RW, SZ_1G));

	/* Put back with other flags or elsewhere: the tables stay. */
	CHECK(pt_unmap(&e.pt, 3 * SZ_1G, SZ_4K) == 0);
	CHECK(pt_map(&e.pt, 3 * SZ_1G, pa_init(7 * SZ_1G), SZ_4K, RX) == 0);
	CHECK(used(&e) == base + 2);
	CHECK(maps_to(&e, 3 * SZ_1G, 7 * SZ_1G, RX, SZ_4K));
	CHECK(pt_map(&e.pt, 3 * SZ_1G, pa_init(0x5000), SZ_4K, RW) == 0);
	CHECK(used(&e) == base + 2);
	CHECK(maps_to(&e, 3 * SZ_1G, 0x5000, RW, SZ_4K));
	CHECK(pt_map(&e.pt, 3 * SZ_1G, pa_init(7 * SZ_1G), SZ_4K, RW) == 0);
	CHECK(used(&e) == base);

	/* Pages mapped one by one, contiguous and aligned, become a block. */
	CHECK(pt_map(&e.pt, SZ_2M, pa_init(0x40000000), SZ_2M / 2, RW) == 0);
	CHECK(pt_map(&e.pt, SZ_2M + SZ_2M / 2, pa_init(0x40100000), SZ_2M / 2,
		     RW) == 0);
	CHECK(maps_to(&e, SZ_2M + SZ_4K, 0x40001000, RW, SZ_2M));
	CHECK(env_fini(&e));
}

TEST(unmap_splits_1g_block)
{
	struct env e;
	u64 hole = SZ_1G + 5 * SZ_2M / 2 + SZ_4K; /* + 5 MiB + 4K */

	CHECK(env_init(&e, &fmt4, 64) == 0);
	CHECK(pt_map(&e.pt, SZ_1G, pa_init(4 * SZ_1G), SZ_1G, RW) == 0);
	CHECK(used(&e) == 2);
	CHECK(pt_unmap(&e.pt, hole, SZ_4K) == 0);
	CHECK(used(&e) == 4);
	CHECK(unmapped(&e, hole));
	CHECK(maps_to(&e, SZ_1G, 4 * SZ_1G, RW, SZ_2M));
	CHECK(maps_to(&e, SZ_1G + 2 * SZ_2M, 4 * SZ_1G + 2 * SZ_2M, RW, SZ_4K));
	CHECK(maps_to(&e, hole - SZ_4K, hole - SZ_4K + 3 * SZ_1G, RW, SZ_4K));
	CHECK(maps_to(&e, hole + SZ_4K, hole + SZ_4K + 3 * SZ_1G, RW, SZ_4K));
	CHECK(maps_to(&e, SZ_1G + 3 * SZ_2M, 4 * SZ_1G + 3 * SZ_2M, RW, SZ_2M));
	CHECK(maps_to(&e, 2 * SZ_1G - SZ_4K, 5 * SZ_1G - SZ_4K, RW, SZ_2M));

	/* Unmapping the rest empties and frees levels 3, 2 and 1. */
	CHECK(pt_unmap(&e.pt, SZ_1G, hole - SZ_1G) == 0);
	CHECK(used(&e) == 4);
	CHECK(pt_unmap(&e.pt, hole + SZ_4K, 2 * SZ_1G - hole - SZ_4K) == 0);
	CHECK(used(&e) == 1);
	CHECK(env_fini(&e));
}

TEST(unmap_frees_empty_tables)
{
	static const u64 pages[] = {
		0x1000, 0x40005000, 0x8000000000, 0x123456000, 0x7fffffff0000,
	};
	struct env e;
	u64 i;

	CHECK(env_init(&e, &fmt4, 64) == 0);
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		CHECK(pt_map(&e.pt, pages[i], pa_init(pages[i]), SZ_4K, RW) ==
		      0);
	CHECK(pt_map(&e.pt, 0x7fffffc00000, pa_init(0), SZ_2M, RW) == 0);
	CHECK(used(&e) > 10);

	/* Out of order, with holes around each page. */
	for (i = ARRAY_SIZE(pages); i-- > 0;)
		CHECK(pt_unmap(&e.pt, pages[i] - SZ_4K, 3 * SZ_4K) == 0);
	CHECK(pt_unmap(&e.pt, 0x7fffffc00000, SZ_2M) == 0);
	CHECK(used(&e) == 1);

	/* The same through one call over the whole input space. */
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		CHECK(pt_map(&e.pt, pages[i], pa_init(pages[i]), SZ_4K, RX) ==
		      0);
	CHECK(pt_unmap(&e.pt, 0, 1ULL << 48) == 0);
	CHECK(used(&e) == 1);
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		CHECK(unmapped(&e, pages[i]));
	CHECK(pt_unmap(&e.pt, 0, 1ULL << 48) == 0);
	CHECK(env_fini(&e));
}

TEST(destroy_frees_all_tables)
{
	struct env e;
	u64 i;

	CHECK(env_init(&e, &fmt4, 256) == 0);
	for (i = 0; i < 40; i++)
		CHECK(pt_map(&e.pt, i * 0x1234567000ULL, pa_init(i * SZ_4K),
			     SZ_4K + (i % 3) * SZ_2M, RW) == 0);
	CHECK(pt_map(&e.pt, SZ_1G, pa_init(SZ_1G), 3 * SZ_1G, RW) == 0);
	CHECK(used(&e) > 40);
	CHECK(env_fini(&e)); /* pool back to 0 pages used */
}

TEST(enomem_leaves_no_leak)
{
	struct env e;

	/* Root plus two pages: a page mapping needs three tables. */
	CHECK(env_init(&e, &fmt4, 3) == 0);
	CHECK(pt_map(&e.pt, 0x1000, pa_init(0x1000), SZ_4K, RW) == -ENOMEM);
	CHECK(used(&e) == 1);
	CHECK(unmapped(&e, 0x1000));

	/* A 2 MiB block needs two: it fits, but cannot be split. */
	CHECK(pt_map(&e.pt, 0, pa_init(SZ_1G), SZ_2M, RW) == 0);
	CHECK(used(&e) == 3);
	CHECK(pt_unmap(&e.pt, SZ_4K, SZ_4K) == -ENOMEM);
	CHECK(pt_map(&e.pt, SZ_4K, pa_init(0), SZ_4K, RX) == -ENOMEM);
	CHECK(maps_to(&e, SZ_4K, SZ_1G + SZ_4K, RW, SZ_2M));
	CHECK(pt_map(&e.pt, SZ_2M, pa_init(0), 2 * SZ_4K, RX) == -ENOMEM);
	CHECK(used(&e) == 3);
	CHECK(env_fini(&e));

	/* No room for a concatenated root. */
	CHECK(env_init(&e, &fmt3, 1) == -ENOMEM);
	CHECK(used(&e) == 0);
	env_free_mem();
}

TEST(bad_arguments_rejected)
{
	struct env e;
	u64 top = 1ULL << 48;

	CHECK(env_init(&e, &fmt4, 16) == 0);
	CHECK(pt_map(&e.pt, 0x1001, pa_init(0), SZ_4K, RW) == -EINVAL);
	CHECK(pt_map(&e.pt, 0x1000, pa_init(0x800), SZ_4K, RW) == -EINVAL);
	CHECK(pt_map(&e.pt, 0x1000, pa_init(0), 0x1800, RW) == -EINVAL);
	CHECK(pt_map(&e.pt, 0x1000, pa_init(0), 0, RW) == -EINVAL);
	CHECK(pt_map(&e.pt, top - SZ_4K, pa_init(0), 2 * SZ_4K, RW) == -EINVAL);
	CHECK(pt_map(&e.pt, top, pa_init(0), SZ_4K, RW) == -EINVAL);
	CHECK(pt_map(&e.pt, 0, pa_init(~0ULL & PAGE_MASK), 2 * SZ_4K, RW) ==
	      -EINVAL);
	CHECK(pt_map(&e.pt, 0, pa_init(0), SZ_4K, bit(10)) == -EINVAL);
	CHECK(pt_unmap(&e.pt, 0x1001, SZ_4K) == -EINVAL);
	CHECK(pt_unmap(&e.pt, 0x1000, 0) == -EINVAL);
	CHECK(pt_unmap(&e.pt, top - SZ_4K, 2 * SZ_4K) == -EINVAL);
	CHECK(pt_lookup(&e.pt, top, NULL, NULL, NULL) == -ENOENT);
	CHECK(used(&e) == 1);
	CHECK(env_fini(&e));
}

TEST(bad_formats_rejected)
{
	struct env e;
	struct pt_format f;

	CHECK(env_init(&e, &fmt4, 16) == 0);
	CHECK(pt_destroy(&e.pt) == 0);

	f = fmt4;
	f.level[2].shift = 20;
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	f = fmt4;
	f.level[1].entries = 500;
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	f = fmt4;
	f.level[3].shift = 13;
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	f = fmt4;
	f.level[2].leaf_ok = false; /* 1 GiB blocks could not be split */
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	f = fmt4;
	f.level[0].entries = 1024; /* two pages' worth in one */
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	f.root_pages = 2; /* fits now, but is 49 bits */
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	f = fmt3;
	f.root_pages = 3;
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	f = fmt4;
	f.first_level = 3;
	f.last_level = 2;
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	f = fmt4;
	f.leaf_flags = NULL;
	CHECK(pt_init(&e.pt, &f, &e.pool) == -EINVAL);
	CHECK(used(&e) == 0 && !fake_errors);
	env_free_mem();
}

TEST(three_level_format_with_concatenated_root)
{
	struct env e;
	u64 top = 1ULL << 40;

	CHECK(env_init(&e, &fmt3, 64) == 0);
	CHECK(used(&e) == 2);
	CHECK(IS_ALIGNED(pa_addr(e.pt.root), 2 * PAGE_SIZE));

	/* No 1 GiB leaves in this format. */
	CHECK(pt_map(&e.pt, SZ_1G, pa_init(SZ_1G), SZ_1G, RW) == 0);
	CHECK(maps_to(&e, SZ_1G, SZ_1G, RW, SZ_2M));
	CHECK(maps_to(&e, 2 * SZ_1G - SZ_4K, 2 * SZ_1G - SZ_4K, RW, SZ_2M));
	CHECK(used(&e) == 3);

	/* Index 600 lies in the second root page. */
	CHECK(pt_map(&e.pt, 600 * SZ_1G, pa_init(0x5000), SZ_4K, RX) == 0);
	CHECK(maps_to(&e, 600 * SZ_1G, 0x5000, RX, SZ_4K));
	CHECK(unmapped(&e, 88 * SZ_1G));
	CHECK(pt_map(&e.pt, top - SZ_4K, pa_init(0x6000), SZ_4K, DEV) == 0);
	CHECK(maps_to(&e, top - SZ_4K, 0x6000, DEV, SZ_4K));
	CHECK(pt_map(&e.pt, top, pa_init(0), SZ_4K, RW) == -EINVAL);
	CHECK(pt_lookup(&e.pt, top, NULL, NULL, NULL) == -ENOENT);

	CHECK(pt_unmap(&e.pt, SZ_1G + SZ_2M + SZ_4K, SZ_4K) == 0);
	CHECK(unmapped(&e, SZ_1G + SZ_2M + SZ_4K));
	CHECK(maps_to(&e, SZ_1G + SZ_2M, SZ_1G + SZ_2M, RW, SZ_4K));
	CHECK(maps_to(&e, SZ_1G + 2 * SZ_2M, SZ_1G + 2 * SZ_2M, RW, SZ_2M));

	CHECK(pt_unmap(&e.pt, 0, top) == 0);
	CHECK(used(&e) == 2);
	CHECK(env_fini(&e));
}

/* ---- random operations against a page-by-page model ---- */

#define WIN_START (SZ_1G - 2 * SZ_2M)
#define WIN_PAGES ((SZ_1G + 4 * SZ_2M) / SZ_4K)
#define NO_MAP	  0xff

struct model {
	u64 out[WIN_PAGES];
	u8 flags[WIN_PAGES];
};

static u64 rnd_state;

static u64 rnd(u64 n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state % n;
}

/* A page-aligned range in the window, often 2 MiB or 1 GiB shaped. */
static void rnd_range(u64 *start, u64 *pages)
{
	static const u64 sizes[] = { 1, 3, 512, 1024, 700, 262144 };
	u64 s = rnd(WIN_PAGES), size = sizes[rnd(ARRAY_SIZE(sizes))];

	if (rnd(2))
		s = ALIGN_DOWN(s + WIN_START / SZ_4K, 512) - WIN_START / SZ_4K;
	if (!rnd(8))
		s = (SZ_1G - WIN_START) / SZ_4K;
	*pages = MIN(size, WIN_PAGES - s);
	*start = s;
}

static bool model_matches(const struct env *e, const struct model *m, u64 i)
{
	u64 in = WIN_START + i * SZ_4K;

	if (m->flags[i] == NO_MAP)
		return unmapped(e, in);
	return maps_to(e, in, m->out[i], m->flags[i], SZ_4K) ||
	       maps_to(e, in, m->out[i], m->flags[i], SZ_2M) ||
	       maps_to(e, in, m->out[i], m->flags[i], SZ_1G);
}

static bool random_ops(const struct pt_format *fmt)
{
	static const u64 deltas[] = { 16 * SZ_1G, 16 * SZ_1G + SZ_2M,
				      16 * SZ_1G + 3 * SZ_4K };
	static struct model m;
	struct env e;
	u64 op, start, n, i, delta, flags;
	bool ok = env_init(&e, fmt, MAX_POOL_PAGES) == 0;

	memset(m.flags, NO_MAP, sizeof(m.flags));
	for (op = 0; op < 300 && ok; op++) {
		rnd_range(&start, &n);
		if (rnd(3)) {
			delta = deltas[rnd(ARRAY_SIZE(deltas))];
			flags = rnd(PT_FLAGS_ALL + 1);
			ok = pt_map(&e.pt, WIN_START + start * SZ_4K,
				    pa_init(WIN_START + start * SZ_4K + delta),
				    n * SZ_4K, flags) == 0;
			for (i = start; i < start + n; i++) {
				m.out[i] = WIN_START + i * SZ_4K + delta;
				m.flags[i] = flags;
			}
		} else {
			ok = pt_unmap(&e.pt, WIN_START + start * SZ_4K,
				      n * SZ_4K) == 0;
			memset(&m.flags[start], NO_MAP, n);
		}
		for (i = 0; i < 64 && ok; i++)
			ok = model_matches(&e, &m, rnd(WIN_PAGES));
		if (start)
			ok = ok && model_matches(&e, &m, start - 1);
		if (start + n < WIN_PAGES)
			ok = ok && model_matches(&e, &m, start + n);
		ok = ok && model_matches(&e, &m, start) &&
		     model_matches(&e, &m, start + n - 1);
	}
	for (i = 0; i < WIN_PAGES && ok; i++)
		ok = model_matches(&e, &m, i);
	ok = ok && pt_unmap(&e.pt, WIN_START, WIN_PAGES * SZ_4K) == 0 &&
	     used(&e) == fmt->root_pages;
	return env_fini(&e) && ok;
}

TEST(random_ops_match_model_4_levels)
{
	rnd_state = 0x9e3779b97f4a7c15ULL;
	CHECK(random_ops(&fmt4));
}

TEST(random_ops_match_model_3_levels)
{
	rnd_state = 0x2545f4914f6cdd1dULL;
	CHECK(random_ops(&fmt3));
}

int main(void)
{
	unit_suite = "unit/paging";
	RUN(map_lookup_single_pages);
	RUN(map_uses_largest_leaves);
	RUN(remap_replaces_flags_and_address);
	RUN(unmap_splits_2m_block);
	RUN(unmap_splits_1g_block);
	RUN(undone_split_merges_back);
	RUN(unmap_frees_empty_tables);
	RUN(destroy_frees_all_tables);
	RUN(enomem_leaves_no_leak);
	RUN(bad_arguments_rejected);
	RUN(bad_formats_rejected);
	RUN(three_level_format_with_concatenated_root);
	RUN(random_ops_match_model_4_levels);
	RUN(random_ops_match_model_3_levels);
	return 0;
}
