// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the GIC ITS command checker (hypervisor/arch/arm64/
 * its-cmd.c) as the root cell's attacker would use it: every command
 * the root queues is checked and rewritten there before the ITS runs it
 * (GICv3 spec IHI 0069H, 5.3 for the encodings). The fake GIC behind it
 * has four CPUs, redistributor frames at QEMU virt's addresses, an ITS
 * as QEMU 10.0's (12-byte ITT entries, 16 EventID and DeviceID bits) and
 * a page pool that catches an ITT freed twice or freed while mapped.
 */
#include <stdbool.h>
#include <stdlib.h>
#include "../../hypervisor/arch/arm64/its-cmd.c"
#include "unit.h"

#define NCPUS	    4
#define GICR_BASE   0x080a0000ULL /* QEMU virt */
#define GICR_STRIDE 0x20000ULL	  /* RD_base + SGI_base frames */
#define POOL_BASE   0x7f000000ULL
#define POOL_PAGES  512
/* GITS_TYPER of QEMU's ITS: Physical, ITT_entry_size 12, ID_bits 16. */
#define TYPER_QEMU  ((1ULL << 0) | (11ULL << 4) | (15ULL << 8) | (15ULL << 13))
#define DT_ENTRIES  8192 /* 16 pages of 8-byte entries */
#define CT_ENTRIES  512	 /* 1 page of 8-byte entries, HCC 0 */
/* The spec's fields (5.3), spelled out here, not taken from its-cmd.c. */
#define F_VALID	    (1ULL << 63)
#define F_ITT	    (0xfffffffffffULL << 8) /* MAPD DW2[51:8] */
#define LPI	    8192

static struct its_state st;
static unsigned int root_cpus; /* bit n: CPU n is the root's */
static bool pta;	       /* GITS_TYPER.PTA: RDbase is an address */
static enum { PAGE_FREE, PAGE_LIVE, PAGE_RETIRED } pool_used[POOL_PAGES];
static unsigned int allocs, frees, bad_frees;
static bool pool_empty;

/* --- the fake GIC and page pool (gic-its.c's side) --- */

static u64 rd_field(unsigned int cpu)
{
	return pta ? (GICR_BASE + cpu * GICR_STRIDE) >> 16 : cpu;
}

bool its_rdbase_is_root(u64 field)
{
	unsigned int c;

	for (c = 0; c < NCPUS; c++)
		if (field == rd_field(c))
			return root_cpus & (1U << c);
	return false;
}

u64 its_root_fallback_rdbase(void)
{
	return rd_field(__builtin_ctz(root_cpus));
}

int its_itt_alloc(u64 bytes, paddr_t *pa, u64 *pages)
{
	u64 n = ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE, i, j;

	for (i = 0; !pool_empty && i + n <= POOL_PAGES; i++) {
		for (j = 0; j < n && pool_used[i + j] == PAGE_FREE; j++)
			;
		if (j < n)
			continue;
		for (j = 0; j < n; j++)
			pool_used[i + j] = PAGE_LIVE;
		*pa = pa_init(POOL_BASE + i * PAGE_SIZE);
		*pages = n;
		allocs++;
		return 0;
	}
	return -ENOMEM;
}

/*
 * As gic-its.c: a freed ITT is retired, its pages reused only once the
 * ITS has drained its queue (pool_drain). Freeing what is not a live
 * ITT is a bug of the checker.
 */
void its_itt_free(paddr_t pa, u64 pages)
{
	u64 i = (pa_addr(pa) - POOL_BASE) / PAGE_SIZE, j;

	if (pa_addr(pa) < POOL_BASE || !pages || i + pages > POOL_PAGES) {
		bad_frees++;
		return;
	}
	for (j = 0; j < pages; j++) {
		bad_frees += pool_used[i + j] != PAGE_LIVE;
		pool_used[i + j] = PAGE_RETIRED;
	}
	frees++;
}

static void pool_drain(void)
{
	unsigned int i;

	for (i = 0; i < POOL_PAGES; i++)
		if (pool_used[i] == PAGE_RETIRED)
			pool_used[i] = PAGE_FREE;
}

static bool in_pool(u64 pa)
{
	return pa >= POOL_BASE && pa < POOL_BASE + POOL_PAGES * PAGE_SIZE &&
	       pool_used[(pa - POOL_BASE) / PAGE_SIZE] == PAGE_LIVE;
}

static unsigned int pool_pages(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < POOL_PAGES; i++)
		n += pool_used[i] == PAGE_LIVE;
	return n;
}

static void setup(void)
{
	memset(&st, 0, sizeof(st));
	st.typer = TYPER_QEMU;
	st.dt_entries = DT_ENTRIES;
	st.ct_limit = CT_ENTRIES;
	root_cpus = 0xf;
	pta = false;
	memset(pool_used, 0, sizeof(pool_used));
	allocs = frees = bad_frees = 0;
	pool_empty = false;
}

/* --- commands, encoded as Linux 6.1's irq-gic-v3-its.c does --- */

static struct its_cmd mk(u64 dw0, u64 dw1, u64 dw2, u64 dw3)
{
	return (struct its_cmd){ { dw0, dw1, dw2, dw3 } };
}

static struct its_cmd mapc(u64 icid, u64 rd, bool valid)
{
	return mk(ITS_MAPC, 0, (valid ? F_VALID : 0) | rd << 16 | icid, 0);
}

static struct its_cmd mapd(u32 devid, u64 size, u64 itt, bool valid)
{
	return mk(ITS_MAPD | (u64)devid << 32, size,
		  (valid ? F_VALID : 0) | itt, 0);
}

static struct its_cmd mapti(u32 devid, u32 event, u32 lpi, u64 icid)
{
	return mk(ITS_MAPTI | (u64)devid << 32, (u64)lpi << 32 | event, icid,
		  0);
}

/* MAPI, MOVI: DeviceID, EventID, ICID. INT, CLEAR, INV, DISCARD: no ICID. */
static struct its_cmd event_cmd(u64 num, u32 devid, u32 event, u64 icid)
{
	return mk(num | (u64)devid << 32, event, icid, 0);
}

static struct its_cmd sync_cmd(u64 rd)
{
	return mk(ITS_SYNC, 0, rd << 16, 0);
}

static struct its_cmd movall(u64 rd1, u64 rd2)
{
	return mk(ITS_MOVALL, 0, rd1 << 16, rd2 << 16);
}

/* --- what the checker made of a command --- */

static struct its_cmd out;
static const char *why;

/* Passed to the ITS exactly as the root wrote it. */
static bool passes(struct its_cmd in)
{
	int err = its_cmd_translate(&st, &in, &out, &why);

	return !err && !why && !memcmp(&in, &out, sizeof(in));
}

/*
 * Refused with err, a reason for the log, and replaced by a SYNC of the
 * first root CPU: DW0 only the command number, DW1 and DW3 zero, DW2 only
 * the RDbase (5.3.20), nothing of what the root wrote.
 */
static bool refused(struct its_cmd in, int err)
{
	u64 rd = its_root_fallback_rdbase();

	return its_cmd_translate(&st, &in, &out, &why) == err && why &&
	       out.dw[0] == ITS_SYNC && !out.dw[1] && out.dw[2] == rd << 16 &&
	       !out.dw[3];
}

/*
 * A MAPD with V=1 that passes with only ITT_addr rewritten, to pages of
 * the pool: returns that ITT, or 0.
 */
static u64 mapd_passes(struct its_cmd in)
{
	int err = its_cmd_translate(&st, &in, &out, &why);
	u64 itt = out.dw[2] & F_ITT;

	if (err || why || out.dw[0] != in.dw[0] || out.dw[1] != in.dw[1] ||
	    out.dw[3] != in.dw[3] ||
	    (out.dw[2] & ~F_ITT) != (in.dw[2] & ~F_ITT))
		return 0;
	return in_pool(itt) ? itt : 0;
}

/* --- the tests --- */

/*
 * What Linux 6.1 queues at boot and for a PCI device's MSIs: per CPU
 * MAPC + SYNC, INVALL + SYNC (its_cpu_init_collection); MAPD; per vector
 * MAPTI + SYNC, INV + SYNC; then an affinity change (MOVI + SYNC) and
 * the device's teardown (DISCARD + SYNC, MAPD V=0 with its old ITT).
 * Everything passes unchanged but MAPD's ITT. Both RDbase forms.
 */
TEST(linux_sequence_passes)
{
	u64 itt, linux_itt = 0x4a3c1200;
	unsigned int c, e;

	setup();
	for (pta = false;; pta = true) {
		memset(&st.coll, 0, sizeof(st.coll));
		for (c = 0; c < NCPUS; c++) {
			CHECK(passes(mapc(c, rd_field(c), true)));
			CHECK(passes(sync_cmd(rd_field(c))));
			CHECK(passes(event_cmd(ITS_INVALL, 0, 0, c)));
			CHECK(passes(sync_cmd(rd_field(c))));
		}
		/* virtio-net at 00:01.0: RID 0x8, 3 vectors in 32 events. */
		itt = mapd_passes(mapd(0x8, 4, linux_itt, true));
		CHECK(itt && itt != linux_itt);
		for (e = 0; e < 3; e++) {
			CHECK(passes(mapti(0x8, e, LPI + e, e % NCPUS)));
			CHECK(passes(sync_cmd(rd_field(e % NCPUS))));
			CHECK(passes(event_cmd(ITS_INV, 0x8, e, 0)));
			CHECK(passes(sync_cmd(rd_field(e % NCPUS))));
		}
		CHECK(passes(event_cmd(ITS_MAPI, 0x8, 3, 1)));
		CHECK(passes(event_cmd(ITS_MOVI, 0x8, 0, 3)));
		CHECK(passes(sync_cmd(rd_field(3))));
		CHECK(passes(event_cmd(ITS_INT, 0x8, 1, 0)));
		CHECK(passes(event_cmd(ITS_CLEAR, 0x8, 1, 0)));
		CHECK(passes(movall(rd_field(1), rd_field(2))));
		for (e = 0; e < 4; e++) {
			CHECK(passes(event_cmd(ITS_DISCARD, 0x8, e, 0)));
			CHECK(passes(sync_cmd(rd_field(0))));
		}
		CHECK(passes(mapd(0x8, 4, linux_itt, false)));
		CHECK(!in_pool(itt) && allocs == frees);
		if (pta)
			break;
	}
	CHECK(bad_frees == 0);
}

/* CPUs 2 and 3 went to a cell: their redistributors are not the root's. */
TEST(mapc_to_cell_cpu_refused)
{
	setup();
	root_cpus = 0x3;
	CHECK(refused(mapc(2, 2, true), -EPERM));
	CHECK(refused(mapc(3, 3, true), -EPERM));
	CHECK(!st.coll[2].mapped && !st.coll[3].mapped);
	CHECK(passes(mapc(0, 0, true)));
	CHECK(passes(mapc(1, 1, true)));

	/* GITS_TYPER.PTA = 1: the same CPUs by their frames' addresses. */
	setup();
	root_cpus = 0x3;
	pta = true;
	CHECK(refused(mapc(2, rd_field(2), true), -EPERM));
	CHECK(refused(mapc(3, rd_field(3), true), -EPERM));
	CHECK(passes(mapc(0, rd_field(0), true)));
	/* A root CPU's SGI_base frame, or its processor number: no target. */
	CHECK(refused(mapc(1, rd_field(1) + 1, true), -EPERM));
	CHECK(refused(mapc(1, 1, true), -EPERM));
	CHECK(!st.coll[1].mapped && !st.coll[2].mapped);
}

/* Targets no CPU has, and ICIDs beyond the collections followed. */
TEST(mapc_out_of_range_refused)
{
	setup();
	CHECK(refused(mapc(0, NCPUS, true), -EPERM));
	CHECK(refused(mapc(0, 0xffff, true), -EPERM));
	CHECK(refused(mapc(0, 0xfffffffffULL, true), -EPERM));
	/* A root CPU's number with RDbase[51:32] set is not that CPU. */
	CHECK(refused(mapc(0, 1ULL << 16, true), -EPERM));
	CHECK(refused(mapc(0, 1ULL << 35, true), -EPERM));
	CHECK(!st.coll[0].mapped);
	CHECK(refused(mapc(ITS_MAX_COLLECTIONS, 0, true), -ENOSPC));
	CHECK(refused(mapc(0xffff, 0, true), -ENOSPC));
	CHECK(refused(mapc(0xffff, 0, false), -ENOSPC));
	CHECK(refused(event_cmd(ITS_INVALL, 0, 0, ITS_MAX_COLLECTIONS),
		      -ENOSPC));
	/* An ITS with room for 2 collections: ICID 2 is beyond it. */
	st.ct_limit = 2;
	CHECK(refused(mapc(2, 0, true), -ENOSPC));
	CHECK(refused(event_cmd(ITS_INVALL, 0, 0, 2), -ENOSPC));
	CHECK(passes(mapc(1, 0, true)));
}

/*
 * A collection the root aimed at CPU 0 stays there when a remap to a
 * cell's CPU is refused: the ITS never saw the MAPC, the checker agrees.
 */
TEST(mapc_refused_keeps_old_target)
{
	setup();
	CHECK(passes(mapc(0, 0, true)));
	CHECK(mapd_passes(mapd(1, 0, 0, true)));
	root_cpus = 0x3;
	CHECK(refused(mapc(0, 3, true), -EPERM));
	CHECK(st.coll[0].mapped && st.coll[0].target == 0 &&
	      st.coll[0].vtarget == 0);
	CHECK(passes(mapti(1, 0, LPI, 0)));
	/* Unmapped by the root (V=0): no more events on it. */
	CHECK(passes(mapc(0, 3, false)));
	CHECK(refused(mapti(1, 1, LPI + 1, 0), -EINVAL));
}

TEST(mapd_devid_beyond_table_refused)
{
	setup();
	CHECK(refused(mapd(DT_ENTRIES, 0, 0, true), -ENOSPC));
	CHECK(refused(mapd(0xffffffff, 0, 0, true), -ENOSPC));
	CHECK(refused(mapd(DT_ENTRIES, 0, 0, false), -ENOSPC));
	CHECK(allocs == 0);
	CHECK(mapd_passes(mapd(DT_ENTRIES - 1, 0, 0, true)));
	st.dt_entries = 16;
	CHECK(refused(mapd(16, 0, 0, true), -ENOSPC));
	CHECK(mapd_passes(mapd(15, 0, 0, true)));
	CHECK(bad_frees == 0);
}

/* 64 devices with an ITT at a time; the 65th waits for one to go. */
TEST(mapd_65th_device_refused)
{
	unsigned int d;

	setup();
	for (d = 0; d < ITS_MAX_DEVICES; d++)
		CHECK(mapd_passes(mapd(d * 8, 0, 0, true)));
	CHECK(allocs == ITS_MAX_DEVICES);
	CHECK(refused(mapd(ITS_MAX_DEVICES * 8, 0, 0, true), -ENOSPC));
	CHECK(allocs == ITS_MAX_DEVICES && frees == 0);
	CHECK(refused(mapti(ITS_MAX_DEVICES * 8, 0, LPI, 0), -EINVAL));
	/* Remapping one of the 64 still works while full. */
	CHECK(mapd_passes(mapd(5 * 8, 1, 0, true)));
	CHECK(frees == 1);
	CHECK(passes(mapd(7 * 8, 0, 0, false)));
	CHECK(frees == 2);
	pool_drain(); /* the ITS went past both */
	CHECK(mapd_passes(mapd(ITS_MAX_DEVICES * 8, 0, 0, true)));
	CHECK(bad_frees == 0);
}

/*
 * The ITT address is the hypervisor's, whatever the root wrote there:
 * its own RAM, the hypervisor's, another device's ITT, all ones. No bit
 * of the root's address reaches the ITS.
 */
TEST(mapd_root_itt_replaced)
{
	u64 a, b, c;

	setup();
	a = mapd_passes(mapd(1, 4, 0x4a3c1200, true));
	b = mapd_passes(mapd(2, 4, a, true));
	c = mapd_passes(mapd(3, 4, F_ITT, true));
	CHECK(a && b && c && a != b && b != c && a != c);
	CHECK(a != 0x4a3c1200 && (out.dw[2] & F_ITT) == c);
	/* 32 events of 12 bytes: one page each. */
	CHECK(allocs == 3 && pool_pages() == 3);
	/* Remapped: a new ITT, the old one freed (after the ITS drains). */
	b = mapd_passes(mapd(1, 4, 0x4a3c1200, true));
	CHECK(b && b != a && !in_pool(a) && frees == 1 && pool_pages() == 3);
	CHECK(bad_frees == 0);
}

/* At most 4 pages of ITT: 1024 events of 12 bytes fit, 2048 do not. */
TEST(mapd_itt_too_large_refused)
{
	setup();
	CHECK(refused(mapd(1, 10, 0, true), -ENOSPC));
	CHECK(refused(mapd(1, 15, 0, true), -ENOSPC));
	/* Beyond the ITS's 16 EventID bits: the ITS would ignore it. */
	CHECK(refused(mapd(1, 16, 0, true), -EINVAL));
	CHECK(refused(mapd(1, 31, 0, true), -EINVAL));
	CHECK(allocs == 0);
	CHECK(mapd_passes(mapd(1, 9, 0, true)));
	CHECK(pool_pages() == 3);
	pool_empty = true;
	CHECK(refused(mapd(2, 0, 0, true), -ENOMEM));
	CHECK(refused(mapti(2, 0, LPI, 0), -EINVAL));
	CHECK(bad_frees == 0);
}

/*
 * A refused MAPD never reached the ITS, so the device's old ITT is still
 * the ITS's: freeing it would give the ITS pages the pool hands out
 * again. Also an ITT size beyond GITS_TYPER.ID_bits: the ITS ignores
 * such a MAPD (5.3.8, command error; QEMU's process_mapd), V=0 too.
 */
TEST(mapd_refused_keeps_old_itt)
{
	u64 itt;

	setup();
	CHECK(passes(mapc(0, 0, true)));
	itt = mapd_passes(mapd(1, 0, 0, true));
	CHECK(itt);
	CHECK(refused(mapd(1, 10, 0, true), -ENOSPC));
	pool_empty = true;
	CHECK(refused(mapd(1, 0, 0, true), -ENOMEM));
	pool_empty = false;
	CHECK(frees == 0 && in_pool(itt));
	CHECK(passes(mapti(1, 0, LPI, 0)));

	st.typer = (TYPER_QEMU & ~(0x1fULL << 8)) | (3ULL << 8); /* 4 bits */
	CHECK(refused(mapd(1, 4, 0, true), -EINVAL));
	CHECK(refused(mapd(1, 31, 0, false), -EINVAL));
	CHECK(frees == 0 && in_pool(itt));
	CHECK(passes(mapti(1, 1, LPI + 1, 0)));
	CHECK(mapd_passes(mapd(2, 3, 0, true)));
	CHECK(passes(mapd(1, 3, 0, false)) && frees == 1 && !in_pool(itt));
	CHECK(refused(mapti(1, 0, LPI, 0), -EINVAL));
	CHECK(bad_frees == 0);
}

/* MAPTI, MAPI, MOVI: a device with an ITT here and a mapped collection. */
TEST(event_cmds_need_device_and_collection)
{
	static const u64 with_coll[] = { ITS_MAPTI, ITS_MAPI, ITS_MOVI };
	static const u64 no_coll[] = { ITS_INT, ITS_CLEAR, ITS_INV,
				       ITS_DISCARD };
	unsigned int i;

	setup();
	CHECK(passes(mapc(0, 0, true)));
	for (i = 0; i < ARRAY_SIZE(with_coll); i++)
		CHECK(refused(event_cmd(with_coll[i], 9, 0, 0), -EINVAL));
	for (i = 0; i < ARRAY_SIZE(no_coll); i++)
		CHECK(refused(event_cmd(no_coll[i], 9, 0, 0), -EINVAL));
	CHECK(mapd_passes(mapd(9, 1, 0, true)));
	for (i = 0; i < ARRAY_SIZE(with_coll); i++) {
		CHECK(refused(event_cmd(with_coll[i], 9, 0, 1), -EINVAL));
		CHECK(refused(event_cmd(with_coll[i], 9, 0,
					ITS_MAX_COLLECTIONS),
			      -EINVAL));
		CHECK(refused(event_cmd(with_coll[i], 9, 0, 0xffff), -EINVAL));
		CHECK(refused(event_cmd(with_coll[i], 8, 0, 0), -EINVAL));
		CHECK(refused(event_cmd(with_coll[i], 10, 0, 0), -EINVAL));
		CHECK(passes(event_cmd(with_coll[i], 9, 0, 0)));
	}
	for (i = 0; i < ARRAY_SIZE(no_coll); i++)
		CHECK(passes(event_cmd(no_coll[i], 9, 0, 0)));
	/* Unmapped again: nothing more for it. */
	CHECK(passes(mapd(9, 1, 0, false)));
	CHECK(refused(mapti(9, 0, LPI, 0), -EINVAL));
	CHECK(refused(event_cmd(ITS_INT, 9, 0, 0), -EINVAL));
}

TEST(sync_movall_name_root_cpus)
{
	setup();
	root_cpus = 0x3;
	for (pta = false;; pta = true) {
		CHECK(passes(sync_cmd(rd_field(1))));
		CHECK(refused(sync_cmd(rd_field(2)), -EPERM));
		CHECK(refused(sync_cmd(rd_field(3) + 1), -EPERM));
		CHECK(passes(movall(rd_field(0), rd_field(1))));
		CHECK(refused(movall(rd_field(0), rd_field(2)), -EPERM));
		CHECK(refused(movall(rd_field(3), rd_field(0)), -EPERM));
		CHECK(refused(movall(rd_field(2), rd_field(3)), -EPERM));
		if (pta)
			break;
	}
	pta = false;
	CHECK(refused(sync_cmd(NCPUS), -EPERM));
	CHECK(refused(movall(0, 0xfffffffffULL), -EPERM));
}

/*
 * Every number the checker does not know, GICv4's vLPI commands first
 * (5.3: VMOVI 0x21, VMOVP 0x22, VSGI 0x23, VSYNC 0x25, VMAPP 0x29,
 * VMAPTI 0x2a, VMAPI 0x2b, VINVALL 0x2d, INVDB 0x2e), bodies that would
 * look valid to a GICv4 ITS.
 */
TEST(gicv4_and_unknown_refused)
{
	static const u64 v4[] = { 0x21, 0x22, 0x23, 0x25, 0x29,
				  0x2a, 0x2b, 0x2d, 0x2e };
	static const u64 known[] = { ITS_MOVI,	 ITS_INT,    ITS_CLEAR,
				     ITS_SYNC,	 ITS_MAPD,   ITS_MAPC,
				     ITS_MAPTI,	 ITS_MAPI,   ITS_INV,
				     ITS_INVALL, ITS_MOVALL, ITS_DISCARD };
	unsigned int i, n, k;

	setup();
	CHECK(passes(mapc(0, 0, true)));
	CHECK(mapd_passes(mapd(1, 4, 0, true)));
	for (i = 0; i < ARRAY_SIZE(v4); i++)
		CHECK(refused(mk(v4[i] | 1ULL << 32, 0, F_VALID, 0), -EPERM));
	for (n = 0; n < 256; n++) {
		for (k = 0; k < ARRAY_SIZE(known) && known[k] != n; k++)
			;
		if (k < ARRAY_SIZE(known))
			continue;
		CHECK(refused(mk(n | 1ULL << 32, 0, 0, 0), -EPERM));
		CHECK(refused(mk(n | 0xffffff00ULL, ~0ULL, ~0ULL, ~0ULL),
			      -EPERM));
	}
	/* Only DW0[7:0] is the number: garbage above it changes nothing. */
	CHECK(refused(mk(0x29 | 0xabcd00ULL, 0, 0, 0), -EPERM));
	CHECK(refused(mk(0x100 | 0x29, 0, 0, 0), -EPERM));
	CHECK(allocs == 1 && frees == 0);
}

/*
 * RES0 bits set in otherwise valid commands: the checker reads each
 * field where the ITS does, so garbage neither hides a forbidden target,
 * device or collection nor lets a root address through.
 */
TEST(garbage_bits_change_nothing)
{
	const u64 res0_dw0 = 0xabcdef00ULL; /* DW0[31:8] */
	u64 itt;

	setup();
	root_cpus = 0x3;
	/* MAPC: DW0[31:8], DW1, DW2[62:52], DW3 set; the target CPU 2. */
	CHECK(refused(mk(ITS_MAPC | res0_dw0, ~0ULL,
			 F_VALID | 0x7ffULL << 52 | 2ULL << 16 | 0, ~0ULL),
		      -EPERM));
	CHECK(refused(mk(ITS_MAPC, 0, F_VALID | 1ULL << 40 | 2ULL << 16, 0),
		      -EPERM));
	/* ICID 64 with garbage above DW2[15:0]. */
	CHECK(refused(mk(ITS_MAPC, 0, F_VALID | 0xfULL << 52 | 64, 0),
		      -ENOSPC));
	CHECK(!st.coll[0].mapped && !st.coll[2].mapped);

	/* MAPD: the ITT is the pool's; the size only from DW1[4:0]. */
	itt = mapd_passes(mk(ITS_MAPD | res0_dw0 | 3ULL << 32, ~0x1fULL | 4,
			     ~0ULL, ~0ULL));
	CHECK(itt && (out.dw[2] & F_ITT) == itt && allocs == 1);
	CHECK(pool_pages() == 1);
	/* DeviceID 4 is unmapped, whatever DW0[31:8] holds. */
	CHECK(passes(mapc(0, 0, true)));
	CHECK(refused(mk(ITS_MAPTI | res0_dw0 | 4ULL << 32, LPI, 0, 0),
		      -EINVAL));
	CHECK(passes(mk(ITS_MAPTI | res0_dw0 | 3ULL << 32, LPI, 0, 0)));
	/* SYNC to CPU 3 with DW2[62:52] and DW3 set. */
	CHECK(refused(mk(ITS_SYNC, 0, 0x7ffULL << 52 | 3ULL << 16, ~0ULL),
		      -EPERM));
	CHECK(bad_frees == 0);
}

/*
 * The replacement of a refused command is exactly a SYNC to the first
 * root CPU, and itself passes the checker: the ITS does nothing with it
 * but finish earlier commands for that CPU (5.3.20).
 */
TEST(refused_becomes_harmless_sync)
{
	struct its_cmd in = mk(~0ULL & ~0xffULL, ~0ULL, ~0ULL, ~0ULL), sync;

	setup();
	root_cpus = 0x6; /* CPU 0 went to a cell: the root's first is 1 */
	for (pta = false;; pta = true) {
		in.dw[0] = (in.dw[0] & ~0xffULL) | 0x29; /* VMAPP */
		CHECK(its_cmd_translate(&st, &in, &out, &why) == -EPERM);
		CHECK(out.dw[0] == 0x05 && out.dw[1] == 0 &&
		      out.dw[2] == rd_field(1) << 16 && out.dw[3] == 0);
		CHECK(why && *why);
		sync = out;
		CHECK(passes(sync));
		in.dw[0] = (in.dw[0] & ~0xffULL) | ITS_MAPD;
		CHECK(its_cmd_translate(&st, &in, &out, &why) == -ENOSPC);
		CHECK(!memcmp(&out, &sync, sizeof(out)));
		if (pta)
			break;
	}
	CHECK(allocs == 0);
}

int main(void)
{
	unit_suite = "unit/its-cmd";
	RUN(linux_sequence_passes);
	RUN(mapc_to_cell_cpu_refused);
	RUN(mapc_out_of_range_refused);
	RUN(mapc_refused_keeps_old_target);
	RUN(mapd_devid_beyond_table_refused);
	RUN(mapd_65th_device_refused);
	RUN(mapd_root_itt_replaced);
	RUN(mapd_itt_too_large_refused);
	RUN(mapd_refused_keeps_old_itt);
	RUN(event_cmds_need_device_and_collection);
	RUN(sync_movall_name_root_cpus);
	RUN(gicv4_and_unknown_refused);
	RUN(garbage_bits_change_nothing);
	RUN(refused_becomes_harmless_sync);
	return 0;
}
