// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 ITS as a unit (GIC spec IHI 0069H, chapters 5 and 6): the
 * root cell keeps its MSIs, and neither the root nor the ITS on its behalf
 * reaches memory or CPUs that are not the root's. The ITS's own tables
 * (device and collection tables, every ITT) and the command queue it reads
 * are in hypervisor memory; the root's control frame is emulated: its
 * CBASER and BASER<n> are only remembered, each CWRITER write copies the
 * new commands from the root's queue, checks and rewrites them (its-cmd.c)
 * into the hypervisor's queue, which keeps the same positions (CREADR
 * answers in the root's terms). Enable rebuilds the mappings Linux made at
 * boot by replaying its queue from the start. A collection whose CPU goes
 * to a cell is moved to a root CPU until the CPU comes back. See
 * Documentation/architecture.md, "The GIC ITS".
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/io.h>
#include <hv/page_alloc.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/unit.h>
#include <asm/barrier.h>
#include <asm/gic.h>
#include <asm/spinlock.h>
#include <asm/sysregs.h>
#include "its.h"

#define ITS_POLL_LOOPS 10000000 /* bounded waits on the ITS */

static const struct unit its_unit;
static spinlock_t its_lock;
static uintptr_t its; /* control frame, mapped 1:1; 0: none */
static struct its_state st;
static paddr_t queue; /* the queue the ITS reads */
static u64 qsize;
static bool noncoherent; /* the ITS does not snoop caches */
static bool taken;
/* The root's view. */
static u32 vctlr;
static u64 vcbaser, vcwriter, rbase; /* virtual pos = real pos - rbase */
static u64 vbaser[8];
static u64 rootq; /* the root's queue, mapped; 0: none */

static u64 rd_field_of_frame(uintptr_t frame)
{
	if (st.typer & GITS_TYPER_PTA)
		return frame >> 16;
	return (mmio_read64(frame + GICR_TYPER) >> 8) & 0xffff;
}

/* The redistributor frame an RDbase field names, or 0. */
static uintptr_t frame_of_rd_field(u64 field)
{
	uintptr_t frame = hv.config->platform.arm64.gicr_base;
	unsigned int n;

	for (n = 0; n < bh_hv_header.max_cpus; n++, frame += GICR_FRAME_SIZE) {
		if (rd_field_of_frame(frame) == field)
			return frame;
		if (mmio_read64(frame + GICR_TYPER) & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

static struct per_cpu *cpu_of_frame(uintptr_t frame)
{
	unsigned int c;

	for (c = 0; c < bh_hv_header.max_cpus; c++)
		if (per_cpu(c)->arch.gic.gicr == frame)
			return per_cpu(c);
	return NULL;
}

/* A frame of a CPU the root cell has (or one not brought up yet). */
bool its_rdbase_is_root(u64 field)
{
	uintptr_t frame = frame_of_rd_field(field);
	struct per_cpu *cpu;

	if (!frame)
		return false;
	cpu = cpu_of_frame(frame);
	return !cpu || cell_owns_cpu(&root_cell, cpu->cpu_id);
}

u64 its_root_fallback_rdbase(void)
{
	unsigned int c;

	for_each_cell_cpu(&root_cell, c)
		if (per_cpu(c) && per_cpu(c)->arch.gic.gicr)
			return rd_field_of_frame(per_cpu(c)->arch.gic.gicr);
	return rd_field_of_frame(hv.config->platform.arm64.gicr_base);
}

/*
 * Only after the ITS has gone past every command that used it: the ITT
 * pages are freed once the queue is drained (its_drain), not at once.
 * ITTs held (mapped or retired) never outnumber the retire list, so a
 * retired ITT always finds a slot: a root that remaps devices faster than
 * the ITS drains gets its MAPDs refused, not the pool leaked.
 */
#define ITS_ITT_SLOTS (2 * ITS_MAX_DEVICES)

static struct {
	paddr_t pa;
	u64 pages;
} retired[ITS_ITT_SLOTS];
static unsigned int itt_held;

static void its_drain(void);

int its_itt_alloc(u64 bytes, paddr_t *pa, u64 *pages)
{
	int err;

	if (itt_held >= ITS_ITT_SLOTS)
		its_drain();
	if (itt_held >= ITS_ITT_SLOTS)
		return -ENOSPC;
	*pages = ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE;
	spin_lock(&hv.lock);
	err = page_alloc(&hv.pool, *pages, 1, pa);
	spin_unlock(&hv.lock);
	if (!err)
		itt_held++;
	return err;
}

void its_itt_free(paddr_t pa, u64 pages)
{
	unsigned int i;

	for (i = 0; i < ITS_ITT_SLOTS; i++)
		if (!retired[i].pages) {
			retired[i].pa = pa;
			retired[i].pages = pages;
			return;
		}
	/* itt_held bounds the retired ITTs: a bug if reached. */
	pr_err("ITS: no slot for a retired ITT: %llu pages lost\n",
	       (unsigned long long)pages);
}

/* Is [pa, pa + size) RAM of the root cell, mapped 1:1, and no cell's? */
static bool root_ram(u64 pa, u64 size)
{
	const struct bh_memory *mem = root_region_of(pa, size);
	u64 p;

	if (!size || !mem || (mem->flags & BH_MEM_IO) ||
	    mem->virt_start != mem->phys_start)
		return false;
	for (p = pa & PAGE_MASK; p < pa + size; p += PAGE_SIZE)
		if (cell_owning_phys(p))
			return false;
	return true;
}

static bool wait_its(bool (*done)(void))
{
	unsigned long n;

	for (n = 0; n < ITS_POLL_LOOPS; n++)
		if (done())
			return true;
	return false;
}

static bool queue_drained(void)
{
	return (mmio_read64(its + GITS_CREADR) & GITS_QUEUE_OFF_MASK) ==
	       (mmio_read64(its + GITS_CWRITER) & GITS_QUEUE_OFF_MASK);
}

static bool quiescent(void)
{
	return mmio_read32(its + GITS_CTLR) & GITS_CTLR_QUIESCENT;
}

/* Frees the retired ITTs once the ITS has read every queued command. */
static void its_drain(void)
{
	unsigned int i, lost = 0;

	if (!queue_drained())
		return;
	spin_lock(&hv.lock);
	for (i = 0; i < ITS_ITT_SLOTS; i++)
		if (retired[i].pages) {
			if (page_free(&hv.pool, retired[i].pa,
				      retired[i].pages))
				lost++;
			retired[i].pages = 0;
			itt_held--;
		}
	spin_unlock(&hv.lock);
	if (lost)
		pr_err("ITS: %u retired tables not returned to the pool\n",
		       lost);
}

/* Bytes the ITS has still room for after its current CWRITER. */
static u64 queue_room(void)
{
	u64 rd = mmio_read64(its + GITS_CREADR) & GITS_QUEUE_OFF_MASK;
	u64 wr = mmio_read64(its + GITS_CWRITER) & GITS_QUEUE_OFF_MASK;

	return (rd + qsize - wr - GITS_CMD_SIZE) % qsize;
}

static void put_cmd(u64 roff, const struct its_cmd *cmd)
{
	struct its_cmd *slot =
		(struct its_cmd *)(uintptr_t)(pa_addr(queue) + roff);

	*slot = *cmd;
	if (noncoherent)
		arch_dcache_flush(slot, sizeof(*slot));
}

static void log_refused(const struct its_cmd *c, int err, const char *why)
{
	pr_cell_warn(&root_cell,
		     "ITS command 0x%02llx (DeviceID 0x%x) refused (%d): %s\n",
		     (unsigned long long)ITS_CMD_NUM(c), ITS_CMD_DEVID(c), err,
		     why);
}

/* Copies, checks and queues the root's commands [from, to) (its_lock). */
static void forward_cmds(u64 from, u64 to)
{
	u64 n = (to + qsize - from) % qsize, v, roff = 0;
	struct its_cmd in, out;
	const char *why;
	int err;

	if (n > queue_room() && !wait_its(queue_drained)) {
		pr_cell_warn(&root_cell,
			     "ITS: %llu bytes of commands, queue full: dropped\n",
			     (unsigned long long)n);
		return;
	}
	for (v = from; v != to; v = (v + GITS_CMD_SIZE) % qsize) {
		/* One copy: what was checked is what the ITS gets. */
		memcpy(&in, (const void *)(uintptr_t)(rootq + v), sizeof(in));
		err = its_cmd_translate(&st, &in, &out, &why);
		if (err)
			log_refused(&in, err, why);
		roff = (v + rbase) % qsize;
		put_cmd(roff, &out);
	}
	dsb(ish);
	mmio_write64(its + GITS_CWRITER, (to + rbase) % qsize);
}

/* Hypervisor's own commands, after the root's; the root's view shifts. */
static void issue_cmd(const struct its_cmd *cmd)
{
	u64 wr = mmio_read64(its + GITS_CWRITER) & GITS_QUEUE_OFF_MASK;

	if (!queue_room())
		wait_its(queue_drained);
	put_cmd(wr, cmd);
	dsb(ish);
	mmio_write64(its + GITS_CWRITER, (wr + GITS_CMD_SIZE) % qsize);
	rbase = (rbase + GITS_CMD_SIZE) % qsize;
}

static void issue_mapc(u64 icid, u64 rd_field)
{
	struct its_cmd c = { { ITS_MAPC, 0,
			       ITS_CMD_VALID | (rd_field << 16) | icid, 0 } };

	issue_cmd(&c);
}

static void issue_movall_sync(u64 from, u64 to)
{
	struct its_cmd mv = { { ITS_MOVALL, 0, from << 16, to << 16 } };
	struct its_cmd sync = { { ITS_SYNC, 0, to << 16, 0 } };

	issue_cmd(&mv);
	issue_cmd(&sync);
}

/* --- enable: the ITS's tables move to hypervisor memory --- */

static int alloc_table(unsigned int n, u64 pages, u64 *entries)
{
	u64 baser = mmio_read64(its + GITS_BASER + n * 8), val;
	paddr_t pa;
	int err;

	err = its_itt_alloc(pages * PAGE_SIZE, &pa, &pages);
	if (err)
		return err;
	val = GITS_BASER_VALID | GITS_BASER_WB | (baser & GITS_BASER_RO) |
	      pa_addr(pa) | (pages - 1); /* flat, 4 KiB pages */
	mmio_write64(its + GITS_BASER + n * 8, val);
	val = mmio_read64(its + GITS_BASER + n * 8);
	if (!(val & GITS_BASER_VALID) || GITS_BASER_PSZ(val) ||
	    (val & GITS_BASER_ADDR_MASK) != pa_addr(pa)) {
		pr_err("the GIC ITS's table %u takes no flat table of 4 KiB pages: not supported\n",
		       n);
		return -ENODEV;
	}
	if (!(val & GITS_BASER_SHARE_MASK))
		noncoherent = true;
	*entries = pages * PAGE_SIZE / GITS_BASER_ESZ(val);
	return 0;
}

static int install_tables(void)
{
	u64 entries, devs = 1ULL << GITS_TYPER_DEVBITS(st.typer);
	unsigned int n;
	int err;

	st.ct_limit = GITS_TYPER_HCC(st.typer);
	for (n = 0; n < 8; n++) {
		u64 b = mmio_read64(its + GITS_BASER + n * 8);

		vbaser[n] = b;
		switch (GITS_BASER_TYPE(b)) {
		case GITS_BASER_TYPE_DEVICE:
			err = alloc_table(n, ITS_DT_PAGES, &entries);
			st.dt_entries = entries < devs ? entries : devs;
			break;
		case GITS_BASER_TYPE_COLL:
			err = alloc_table(n, ITS_CT_PAGES, &entries);
			st.ct_limit += entries;
			break;
		default: /* none, or vPE tables (GICv4: refused) */
			err = 0;
			mmio_write64(its + GITS_BASER + n * 8,
				     b & GITS_BASER_RO);
		}
		if (err)
			return err;
	}
	return 0;
}

/*
 * The root's queue, if it has one it can use: at most as large as the
 * hypervisor's, in its RAM. Mapped for reading commands.
 */
static int map_root_queue(u64 cbaser)
{
	u64 pa = cbaser & GITS_CBASER_ADDR_MASK;
	u64 size = ((cbaser & 0xff) + 1) * PAGE_SIZE;

	if (rootq)
		arch_hv_unmap(pa_init(rootq), qsize);
	rootq = 0;
	if (!(cbaser & GITS_BASER_VALID))
		return 0;
	if (size != qsize || !root_ram(pa, size)) {
		pr_cell_warn(&root_cell,
			     "ITS: command queue 0x%llx (%llu KiB) not root RAM of %llu KiB: ignored\n",
			     (unsigned long long)pa,
			     (unsigned long long)size >> 10,
			     (unsigned long long)qsize >> 10);
		return -EINVAL;
	}
	if (arch_hv_map(pa_init(pa), size))
		return -ENOMEM;
	rootq = pa;
	return 0;
}

/*
 * Linux allocates its queue zeroed and starts at offset 0: if every slot
 * past CWRITER is still zero, [0, CWRITER) is the whole history.
 */
static bool history_complete(u64 cwriter)
{
	const u64 *p = (const u64 *)(uintptr_t)rootq;
	u64 i;

	for (i = cwriter / 8; i < qsize / 8; i++)
		if (p[i])
			return false;
	return true;
}

static int takeover(void)
{
	u64 cbaser = mmio_read64(its + GITS_CBASER);
	u64 cwriter = mmio_read64(its + GITS_CWRITER) & GITS_QUEUE_OFF_MASK;
	u32 ctlr = mmio_read32(its + GITS_CTLR);
	int err;

	qsize = (cbaser & GITS_BASER_VALID) ?
			((cbaser & 0xff) + 1) * PAGE_SIZE :
			ITS_QUEUE_SIZE;
	if (qsize > ITS_QUEUE_SIZE) {
		pr_err("the GIC ITS's command queue is %llu KiB: at most %llu supported\n",
		       (unsigned long long)qsize >> 10, ITS_QUEUE_SIZE >> 10);
		return -ENODEV;
	}
	if (map_root_queue(cbaser))
		return -EINVAL;
	if ((ctlr & GITS_CTLR_ENABLED) &&
	    (!rootq || !history_complete(cwriter))) {
		pr_err("the GIC ITS in use since boot: its command queue has wrapped, its mappings cannot be rebuilt (enable Bulkhead earlier)\n");
		return -EBUSY;
	}
	/* CBASER and BASER<n> may only change with the ITS off (12.19). */
	if ((ctlr & GITS_CTLR_ENABLED) && !wait_its(queue_drained))
		return -EIO;
	mmio_write32(its + GITS_CTLR, 0);
	if (!wait_its(quiescent))
		return -EIO;
	err = install_tables();
	if (err)
		return err;
	err = its_itt_alloc(qsize, &queue, &qsize);
	if (err)
		return err;
	qsize *= PAGE_SIZE;
	mmio_write64(its + GITS_CBASER, GITS_BASER_VALID | GITS_BASER_WB |
						pa_addr(queue) |
						(qsize / PAGE_SIZE - 1));
	if (!(mmio_read64(its + GITS_CBASER) & GITS_BASER_SHARE_MASK))
		noncoherent = true;
	mmio_write64(its + GITS_CWRITER, 0);
	vcbaser = cbaser;
	vctlr = ctlr & GITS_CTLR_ENABLED;
	if (vctlr) {
		forward_cmds(0, cwriter);
		mmio_write32(its + GITS_CTLR, GITS_CTLR_ENABLED);
		if (!wait_its(queue_drained))
			return -EIO;
	}
	vcwriter = cwriter;
	taken = true;
	pr_info("GIC ITS at 0x%llx: %llu commands of the root replayed, tables in hypervisor memory\n",
		(unsigned long long)hv.config->platform.arm64.gits_base,
		(unsigned long long)cwriter / GITS_CMD_SIZE);
	return 0;
}

/* --- the root's control frame --- */

static u64 vcreadr(void)
{
	u64 r = mmio_read64(its + GITS_CREADR);

	return ((r & GITS_QUEUE_OFF_MASK) + qsize - rbase) % qsize |
	       (r & GITS_CREADR_STALLED);
}

static u64 its_read64(u64 doff)
{
	switch (doff) {
	case GITS_CTLR: /* with GITS_IIDR */
		return (mmio_read64(its + GITS_CTLR) &
			~(u64)GITS_CTLR_ENABLED) |
		       vctlr;
	case GITS_TYPER:
		return mmio_read64(its + GITS_TYPER) & ~GITS_TYPER_HIDDEN;
	case GITS_CBASER:
		return vcbaser;
	case GITS_CWRITER:
		return vcwriter;
	case GITS_CREADR:
		return vcreadr();
	default:
		if (doff >= GITS_BASER && doff < GITS_BASER_END)
			return vbaser[(doff - GITS_BASER) / 8];
		if (doff >= GITS_ID_START)
			return mmio_read32(its + doff) |
			       ((u64)mmio_read32(its + doff + 4) << 32);
		return 0;
	}
}

/* Merges a 32-bit write into the 64-bit register it is half of. */
static u64 merge(u64 old, const struct mmio_access *acc, u64 off)
{
	unsigned int shift = (off & 4) * 8;

	if (acc->size == 8)
		return acc->value;
	return (old & ~(0xffffffffULL << shift)) |
	       ((acc->value & 0xffffffffULL) << shift);
}

static void its_write(const struct mmio_access *acc, u64 off)
{
	u64 doff = off & ~7ULL, val;

	switch (doff) {
	case GITS_CTLR:
		if (off != GITS_CTLR)
			return;
		/* Turning the ITS off is not passed on (the tables are ours). */
		vctlr = acc->value & GITS_CTLR_ENABLED;
		if (vctlr &&
		    !(mmio_read32(its + GITS_CTLR) & GITS_CTLR_ENABLED))
			mmio_write32(its + GITS_CTLR, GITS_CTLR_ENABLED);
		return;
	case GITS_CBASER:
		vcbaser = merge(vcbaser, acc, off);
		/* A new queue starts at 0 where the ITS is now. */
		map_root_queue(vcbaser);
		vcwriter = 0;
		rbase = mmio_read64(its + GITS_CWRITER) & GITS_QUEUE_OFF_MASK;
		return;
	case GITS_CWRITER:
		val = merge(vcwriter, acc, off) & GITS_QUEUE_OFF_MASK;
		if (val >= qsize || !rootq) {
			pr_cell_warn(&root_cell,
				     "ITS: CWRITER 0x%llx without a valid queue: ignored\n",
				     (unsigned long long)val);
			return;
		}
		its_drain();
		forward_cmds(vcwriter, val);
		vcwriter = val;
		return;
	default:
		if (doff >= GITS_BASER && doff < GITS_BASER_END) {
			val = merge(vbaser[(doff - GITS_BASER) / 8], acc, off);
			vbaser[(doff - GITS_BASER) / 8] =
				(val & ~GITS_BASER_RO) |
				(mmio_read64(its + doff) & GITS_BASER_RO);
		}
		/* The rest is read-only or reserved. */
	}
}

static enum mmio_result its_access(void *arg, struct mmio_access *acc, u64 off)
{
	u64 val;

	if (acc->size < 4 || (off & (acc->size - 1)))
		return MMIO_UNHANDLED;
	spin_lock(&its_lock);
	if (acc->is_write) {
		its_write(acc, off);
	} else {
		val = its_read64(off & ~7ULL);
		if (acc->size == 4)
			val = (val >> ((off & 4) * 8)) & 0xffffffffULL;
		acc->value = val;
	}
	spin_unlock(&its_lock);
	return MMIO_HANDLED;
}

/* --- redistributors' LPI tables (12.11.30, 12.11.31) --- */

#define GICR_BASER_ADDR 0x000ffffffffff000ULL
#define LPI_FIRST	8192

static u64 lpi_ids(u64 propbaser)
{
	return 2ULL << (propbaser & 0x1f);
}

/*
 * The tables one redistributor's LPIs use, given its PROPBASER and
 * PENDBASER: in root RAM, or refused.
 */
bool its_rd_tables_ok(u64 propbaser, u64 pendbaser)
{
	u64 ids = lpi_ids(propbaser);

	if (!its || ids <= LPI_FIRST || ids > (1ULL << 24))
		return false;
	return root_ram(propbaser & GICR_BASER_ADDR, ids - LPI_FIRST) &&
	       root_ram(pendbaser & GICR_BASER_ADDR & ~0xffffULL, ids / 8);
}

static bool overlaps(const struct bh_memory *mem, u64 pa, u64 size)
{
	return pa < mem->phys_start + mem->size && mem->phys_start < pa + size;
}

/* Memory the GIC or the hypervisor uses for the root: no cell may take it. */
static const char *root_gic_memory_in(const struct bh_memory *mem)
{
	uintptr_t frame = hv.config->platform.arm64.gicr_base;
	unsigned int n;

	if (rootq && overlaps(mem, rootq, qsize))
		return "the root's ITS command queue";
	for (n = 0; n < bh_hv_header.max_cpus; n++, frame += GICR_FRAME_SIZE) {
		u64 prop = mmio_read64(frame + GICR_PROPBASER);
		u64 pend = mmio_read64(frame + GICR_PENDBASER);
		u64 ids = lpi_ids(prop);

		if ((mmio_read32(frame + GICR_CTLR) & GICR_CTLR_ENABLE_LPIS) &&
		    (overlaps(mem, prop & GICR_BASER_ADDR, ids - LPI_FIRST) ||
		     overlaps(mem, pend & GICR_BASER_ADDR & ~0xffffULL,
			      ids / 8)))
			return "a redistributor's LPI table";
		if (mmio_read64(frame + GICR_TYPER) & GICR_TYPER_LAST)
			break;
	}
	return NULL;
}

bool its_present(void)
{
	return its;
}

/* --- the unit --- */

static int its_unit_init(void)
{
	u64 base = hv.config->platform.arm64.gits_base;
	int err;

	if (!base)
		return 0;
	err = arch_map_device(pa_init(base), GITS_SIZE);
	if (err)
		return err;
	its = base;
	st.typer = mmio_read64(its + GITS_TYPER);
	if (st.typer & GITS_TYPER_VIRTUAL) {
		pr_err("the GIC ITS at 0x%llx is a GICv4 ITS (vLPIs): not supported\n",
		       (unsigned long long)base);
		return -ENODEV;
	}
	return 0;
}

static int its_cell_init(struct cell *cell)
{
	const struct bh_memory *mem;
	const char *what;
	unsigned int i;
	int err;

	if (!its)
		return 0;
	if (cell == &root_cell) {
		err = takeover();
		if (err) {
			pr_err("the GIC ITS at 0x%llx cannot be handled (%d)\n",
			       (unsigned long long)its, err);
			return err;
		}
		return mmio_region_register(cell, &its_unit, ipa_init(its),
					    GITS_SIZE, its_access, NULL);
	}
	spin_lock(&its_lock);
	for_each_cell_region(cell, mem, i) {
		what = root_gic_memory_in(mem);
		if (what)
			break;
	}
	spin_unlock(&its_lock);
	if (what) {
		pr_err("cell %s: mem_regions[%u] holds %s\n", cell->name, i,
		       what);
		return -EBUSY;
	}
	return 0;
}

/* Collections aimed at a CPU now in the cell move to a root CPU. */
static void its_cell_commit(struct cell *cell)
{
	unsigned int c, i;
	u64 to, from;

	/* No ITS, perhaps no redistributors at all (GICv2): nothing to do. */
	if (!its)
		return;
	to = its_root_fallback_rdbase();
	spin_lock(&its_lock);
	for_each_cell_cpu(cell, c) {
		if (!per_cpu(c) || !per_cpu(c)->arch.gic.gicr)
			continue;
		from = rd_field_of_frame(per_cpu(c)->arch.gic.gicr);
		for (i = 0; i < ITS_MAX_COLLECTIONS; i++)
			if (st.coll[i].mapped && st.coll[i].target == from) {
				issue_mapc(i, to);
				st.coll[i].target = to;
			}
		/* LPIs already pending there follow (5.3.14 MOVALL). */
		issue_movall_sync(from, to);
	}
	spin_unlock(&its_lock);
}

/* ... and back where the root aimed them once the CPU is the root's. */
static void its_cell_exit(struct cell *cell)
{
	unsigned int i;

	if (!its || cell == &root_cell)
		return;
	spin_lock(&its_lock);
	for (i = 0; i < ITS_MAX_COLLECTIONS; i++)
		if (st.coll[i].mapped &&
		    st.coll[i].target != st.coll[i].vtarget &&
		    its_rdbase_is_root(st.coll[i].vtarget)) {
			issue_mapc(i, st.coll[i].vtarget);
			st.coll[i].target = st.coll[i].vtarget;
		}
	spin_unlock(&its_lock);
}

/*
 * The ITS's tables stay in hypervisor memory: a later enable would load
 * the hypervisor over them while the ITS uses them.
 */
int its_may_disable(void)
{
	if (!taken)
		return 0;
	pr_err("disable refused: the GIC ITS's tables are in hypervisor memory until the machine restarts\n");
	return -EBUSY;
}

/* After the interrupt controller: the redistributors are mapped. */
DEFINE_UNIT(its_unit, 2) = {
	.name = "GIC ITS",
	.init = its_unit_init,
	.cell_init = its_cell_init,
	.cell_commit = its_cell_commit,
	.cell_exit = its_cell_exit,
};
