// SPDX-License-Identifier: GPL-2.0
/*
 * The config validator's check of a non-root cell against the system it is
 * to join: config-check.c found each config sound on its own, this finds
 * whether they fit together. The root cell gives a new cell its CPUs,
 * memory and interrupts; nothing is given twice unless both cells mark the
 * memory shared, and nothing reaches the hypervisor or the devices it
 * emulates for every cell (config-arm64.c names them). Same environment
 * rules as config-check.c: bulkhead/ and bhlib/ headers only, no library
 * calls, no allocation.
 */
#include <bulkhead/comm-region.h>
#include "config-check-internal.h"

/* A config that passed bh_check_system() or bh_check_cell(). */
struct cell_view {
	const struct bh_cell_desc *desc;
	const void *arrays;
	const struct bh_memory *mem;
	const struct bh_irqchip *irqchips;
};

/* The cell to place and what it must fit beside. */
struct place {
	struct bh_check_ctx *ctx;
	const struct bh_system *sys;
	struct cell_view root;
	struct cell_view cell;
	const struct bh_cell_desc *const *others;
	unsigned int num_others;
	/* What the hypervisor emulates for the root cell's CPUs. */
	struct bh_check_range hv_ranges[BH_CHECK_HV_RANGES_MAX];
	unsigned int num_hv_ranges;
};

/* What report_runs() found on a CPU or pin: 0 for nothing. */
#define VERDICT_NOT_ROOT 1
#define VERDICT_OTHER	 2 /* + k: others[k] owns it */

typedef unsigned int verdict_fn(const struct place *p, unsigned int chip,
				unsigned int n);
typedef void report_fn(const struct place *p, unsigned int chip,
		       unsigned int verdict, unsigned int first,
		       unsigned int last);

static void view_init(struct cell_view *v, const struct bh_cell_desc *desc,
		      const void *arrays)
{
	v->desc = desc;
	v->arrays = arrays;
	v->mem = bh_cell_mem_regions(desc, arrays);
	v->irqchips = bh_cell_irqchips(desc, arrays);
}

static void view_other(const struct place *p, unsigned int k,
		       struct cell_view *v)
{
	view_init(v, p->others[k], bh_cell_arrays(p->others[k]));
}

static const char *other_name(const struct place *p, unsigned int verdict)
{
	return p->others[verdict - VERDICT_OTHER]->name;
}

/*
 * Numbers 0..end-1 (CPUs, or pins of one irqchip) with the same verdict in
 * a row make one finding: a config can name thousands of them.
 */
static void report_runs(const struct place *p, unsigned int chip,
			unsigned int end, verdict_fn *verdict,
			report_fn *report)
{
	unsigned int n = 0, first, v;

	while (n < end) {
		v = verdict(p, chip, n);
		if (!v) {
			n++;
			continue;
		}
		first = n;
		while (++n < end && verdict(p, chip, n) == v)
			;
		report(p, chip, v, first, n - 1);
	}
}

/* Both names passed check_name(): NUL-terminated within the array. */
static bool names_equal(const char *a, const char *b)
{
	unsigned int n;

	for (n = 0; n < BH_CELL_NAME_LEN && a[n] == b[n]; n++)
		if (!a[n])
			return true;
	return n == BH_CELL_NAME_LEN;
}

static void check_unique_name(const struct place *p)
{
	const char *name = p->cell.desc->name;
	unsigned int k;

	if (names_equal(name, p->root.desc->name))
		note_error(p->ctx,
			   "name: a cell named '%s' exists already (the root cell)",
			   name);
	for (k = 0; k < p->num_others; k++)
		if (names_equal(name, p->others[k]->name))
			note_error(p->ctx,
				   "name: a cell named '%s' exists already",
				   name);
}

/* Index of the first other cell that owns cpu, num_others if none. */
static unsigned int other_owning_cpu(const struct place *p, unsigned int cpu)
{
	const struct bh_cell_desc *o;
	unsigned int k;

	for (k = 0; k < p->num_others; k++) {
		o = p->others[k];
		if (bh_cell_cpu_is_set(o, bh_cell_arrays(o), cpu))
			break;
	}
	return k;
}

static unsigned int cpu_verdict(const struct place *p, unsigned int unused,
				unsigned int cpu)
{
	unsigned int k;

	(void)unused;
	if (!bh_cell_cpu_is_set(p->cell.desc, p->cell.arrays, cpu))
		return 0;
	if (!bh_cell_cpu_is_set(p->root.desc, p->root.arrays, cpu))
		return VERDICT_NOT_ROOT;
	k = other_owning_cpu(p, cpu);
	return k < p->num_others ? VERDICT_OTHER + k : 0;
}

static void report_cpus(const struct place *p, unsigned int unused,
			unsigned int verdict, unsigned int first,
			unsigned int last)
{
	(void)unused;
	if (verdict == VERDICT_NOT_ROOT && first == last)
		note_error(p->ctx, "cpu_set: CPU %u is not a root cell CPU",
			   first);
	else if (verdict == VERDICT_NOT_ROOT)
		note_error(p->ctx, "cpu_set: CPUs %u-%u are not root cell CPUs",
			   first, last);
	else if (first == last)
		note_error(p->ctx,
			   "cpu_set: CPU %u already belongs to cell '%s'",
			   first, other_name(p, verdict));
	else
		note_error(p->ctx,
			   "cpu_set: CPUs %u-%u already belong to cell '%s'",
			   first, last, other_name(p, verdict));
}

/* Linux needs a CPU to run on, and to destroy the cells again. */
static void check_root_keeps_cpu(const struct place *p)
{
	const struct bh_cell_desc *root = p->root.desc;
	unsigned int cpu, end = root->cpu_set_size * 8;

	for (cpu = bh_cell_next_cpu(root, p->root.arrays, 0); cpu < end;
	     cpu = bh_cell_next_cpu(root, p->root.arrays, cpu + 1))
		if (!bh_cell_cpu_is_set(p->cell.desc, p->cell.arrays, cpu) &&
		    other_owning_cpu(p, cpu) == p->num_others)
			return;
	note_error(p->ctx, "cpu_set: the root cell would keep no CPU");
}

/* CPUs 0 up to the root cell's highest: per-CPU devices are that many. */
static unsigned int root_cpu_span(const struct cell_view *root)
{
	const struct bh_cell_desc *d = root->desc;
	unsigned int cpu, last = 0, end = d->cpu_set_size * 8;

	for (cpu = bh_cell_next_cpu(d, root->arrays, 0); cpu < end;
	     cpu = bh_cell_next_cpu(d, root->arrays, cpu + 1))
		last = cpu;
	return last + 1;
}

/* RAM must come from root RAM, device registers from root IO regions. */
static void check_region_from_root(const struct place *p, unsigned int i)
{
	const struct bh_memory *m = &p->cell.mem[i];
	unsigned int k, num = p->root.desc->num_memory_regions;
	uint64_t io = m->flags & BH_MEM_IO;

	if (bh_check_find_region(p->root.mem, num, m->phys_start, m->size, true,
				 BH_MEM_IO, io) < num)
		return;
	k = bh_check_find_region(p->root.mem, num, m->phys_start, m->size, true,
				 0, 0);
	if (k < num)
		note_error(p->ctx,
			   "mem_regions[%u] [0x%llx-0x%llx] is %s in the root cell but %s here (root_cell.mem_regions[%u])",
			   i, ull(m->phys_start),
			   ull(range_last(m->phys_start, m->size)),
			   io ? "RAM" : "IO", io ? "IO" : "RAM", k);
	else
		note_error(p->ctx,
			   "mem_regions[%u] [0x%llx-0x%llx] is not inside the root cell's memory (no root_cell.mem_regions[] entry holds it whole)",
			   i, ull(m->phys_start),
			   ull(range_last(m->phys_start, m->size)));
}

static void check_region_clear_of(const struct place *p, unsigned int i,
				  bool physical, uint64_t start, uint64_t size,
				  const char *what)
{
	const struct bh_memory *m = &p->cell.mem[i];
	uint64_t base = physical ? m->phys_start : m->virt_start;

	if (!range_ok(start, size) ||
	    !ranges_overlap(base, m->size, start, size))
		return;
	note_error(p->ctx,
		   "mem_regions[%u] [0x%llx-0x%llx] overlaps %s [0x%llx-0x%llx] in %s space",
		   i, ull(base), ull(range_last(base, m->size)), what,
		   ull(start), ull(range_last(start, size)),
		   physical ? "physical" : "guest-physical");
}

/*
 * The hypervisor's memory, and the devices it emulates for each cell, in
 * both spaces: a cell may not find them at their addresses either.
 */
static void check_region_clear_of_hv(const struct place *p, unsigned int i)
{
	const struct bh_memory *hv = &p->sys->hypervisor_memory;
	const struct bh_check_range *r;
	unsigned int k;
	int physical;

	check_region_clear_of(p, i, true, hv->phys_start, hv->size,
			      "hypervisor_memory");
	for (physical = 1; physical >= 0; physical--)
		for (k = 0; k < p->num_hv_ranges; k++) {
			r = &p->hv_ranges[k];
			check_region_clear_of(p, i, physical, r->start, r->size,
					      r->what);
		}
}

/* Physical memory is one cell's unless both sides ask to share it. */
static void check_region_not_taken(const struct place *p, unsigned int i)
{
	const struct bh_memory *m = &p->cell.mem[i], *om;
	struct cell_view o;
	unsigned int j, k;

	for (k = 0; k < p->num_others; k++) {
		view_other(p, k, &o);
		for (j = 0; j < o.desc->num_memory_regions; j++) {
			om = &o.mem[j];
			if (!ranges_overlap(m->phys_start, m->size,
					    om->phys_start, om->size) ||
			    (m->flags & om->flags & BH_MEM_SHARED))
				continue;
			note_error(
				p->ctx,
				"mem_regions[%u] [0x%llx-0x%llx] overlaps cell '%s' mem_regions[%u] [0x%llx-0x%llx]; %s",
				i, ull(m->phys_start),
				ull(range_last(m->phys_start, m->size)),
				o.desc->name, j, ull(om->phys_start),
				ull(range_last(om->phys_start, om->size)),
				(m->flags | om->flags) & BH_MEM_COMM_REGION ?
					"a communication region cannot be shared" :
					"mark both BH_MEM_SHARED to share");
		}
	}
}

/*
 * The page the hypervisor and the inmate talk through: RAM of the cell's
 * own (the hypervisor writes there for this cell alone), where every
 * inmate looks for it.
 */
static void check_comm_region(const struct place *p, unsigned int i)
{
	const struct bh_memory *m = &p->cell.mem[i];
	const uint64_t rw = BH_MEM_READ | BH_MEM_WRITE;

	if (m->virt_start != BH_COMM_REGION_IPA)
		note_error(p->ctx,
			   "mem_regions[%u]: communication region at 0x%llx, not at 0x%llx (BH_COMM_REGION_IPA)",
			   i, ull(m->virt_start), ull(BH_COMM_REGION_IPA));
	if (m->size != BH_COMM_REGION_SIZE)
		note_error(p->ctx,
			   "mem_regions[%u]: communication region size 0x%llx, not 0x%x (BH_COMM_REGION_SIZE)",
			   i, ull(m->size), BH_COMM_REGION_SIZE);
	if ((m->flags & rw) != rw)
		note_error(p->ctx,
			   "mem_regions[%u]: communication region flags 0x%llx lack READ or WRITE",
			   i, ull(m->flags));
	if (m->flags & (BH_MEM_IO | BH_MEM_EXECUTE))
		note_error(p->ctx,
			   "mem_regions[%u]: communication region flags 0x%llx: it is RAM, neither IO nor EXECUTE",
			   i, ull(m->flags));
	if (m->flags & BH_MEM_SHARED)
		note_error(p->ctx,
			   "mem_regions[%u]: communication region flags 0x%llx: it is the cell's own, not BH_MEM_SHARED",
			   i, ull(m->flags));
}

static void check_memory(const struct place *p)
{
	unsigned int i, comm = 0;

	for (i = 0; i < p->cell.desc->num_memory_regions; i++) {
		check_region_from_root(p, i);
		check_region_clear_of_hv(p, i);
		check_region_not_taken(p, i);
		if (p->cell.mem[i].flags & BH_MEM_COMM_REGION) {
			comm++;
			check_comm_region(p, i);
		}
	}
	if (comm != 1)
		note_error(p->ctx,
			   "mem_regions: needs exactly one communication region (BH_MEM_COMM_REGION), has %u",
			   comm);
}

/* Whether a cell, the one to place or a running one, takes all of r. */
static bool ram_taken_whole(const struct place *p, const struct bh_memory *r)
{
	const struct bh_cell_desc *d;
	struct cell_view o;
	unsigned int k, n;

	for (k = 0; k <= p->num_others; k++) {
		if (k < p->num_others)
			view_other(p, k, &o);
		else
			o = p->cell;
		d = o.desc;
		n = d->num_memory_regions;
		if (bh_check_find_region(o.mem, n, r->phys_start, r->size, true,
					 BH_MEM_IO | BH_MEM_SHARED, 0) < n)
			return true;
	}
	return false;
}

/*
 * Linux needs memory to go on running: some root RAM region must stay
 * with it. A region that cells take in pieces counts as kept (the check
 * errs towards accepting).
 */
static void check_root_keeps_ram(const struct place *p)
{
	const struct bh_memory *r;
	unsigned int i;

	for (i = 0; i < p->root.desc->num_memory_regions; i++) {
		r = &p->root.mem[i];
		if (!(r->flags & (BH_MEM_IO | BH_MEM_COMM_REGION)) &&
		    range_ok(r->phys_start, r->size) && !ram_taken_whole(p, r))
			return;
	}
	note_error(p->ctx,
		   "mem_regions: the root cell would keep no RAM: every root_cell.mem_regions[] RAM region is given to this or another cell");
}

/* Whether the cell can start, and be given something to run. */
static void check_bootable(const struct place *p)
{
	const struct cell_view *c = &p->cell;
	unsigned int i, num = c->desc->num_memory_regions;
	uint64_t addr = c->desc->cpu_reset_address;

	if (bh_check_find_region(c->mem, num, addr, 1, false, BH_MEM_EXECUTE,
				 BH_MEM_EXECUTE) == num)
		note_error(p->ctx,
			   "cpu_reset_address 0x%llx not inside an executable memory region: the cell could not start",
			   ull(addr));
	for (i = 0; i < num; i++)
		if (c->mem[i].flags & BH_MEM_LOADABLE)
			return;
	note_warning(
		p->ctx,
		"no memory region is BH_MEM_LOADABLE: nothing can be loaded into the cell");
}

static bool cell_has_pin(const struct cell_view *v, uint64_t address,
			 unsigned int intid)
{
	unsigned int i;

	for (i = 0; i < v->desc->num_irqchips; i++)
		if (v->irqchips[i].address == address &&
		    bh_chip_has_pin(&v->irqchips[i], intid))
			return true;
	return false;
}

static unsigned int pin_verdict(const struct place *p, unsigned int chip,
				unsigned int n)
{
	const struct bh_irqchip *c = &p->cell.irqchips[chip];
	unsigned int k, intid = c->pin_base + n;
	struct cell_view o;

	if (!bh_chip_has_pin(c, intid))
		return 0;
	if (!cell_has_pin(&p->root, c->address, intid))
		return VERDICT_NOT_ROOT;
	for (k = 0; k < p->num_others; k++) {
		view_other(p, k, &o);
		if (cell_has_pin(&o, c->address, intid))
			return VERDICT_OTHER + k;
	}
	return 0;
}

static void report_pins(const struct place *p, unsigned int chip,
			unsigned int verdict, unsigned int first,
			unsigned int last)
{
	unsigned int base = p->cell.irqchips[chip].pin_base;
	unsigned int count = last - first + 1;

	first += base;
	last += base;
	if (verdict == VERDICT_NOT_ROOT && count == 1)
		note_error(p->ctx,
			   "irqchips[%u]: INTID %u is not a root cell interrupt",
			   chip, first);
	else if (verdict == VERDICT_NOT_ROOT)
		note_error(p->ctx,
			   "irqchips[%u]: INTIDs %u-%u (%u) are not root cell interrupts",
			   chip, first, last, count);
	else if (count == 1)
		note_error(p->ctx,
			   "irqchips[%u]: INTID %u already belongs to cell '%s'",
			   chip, first, other_name(p, verdict));
	else
		note_error(p->ctx,
			   "irqchips[%u]: INTIDs %u-%u (%u) already belong to cell '%s'",
			   chip, first, last, count, other_name(p, verdict));
}

static void check_irqchips(const struct place *p)
{
	unsigned int i;

	for (i = 0; i < p->cell.desc->num_irqchips; i++)
		if (bh_check_arch_irqchip_address(p->ctx, "", i,
						  &p->cell.irqchips[i],
						  &p->sys->platform))
			report_runs(p, i, BH_IRQCHIP_PINS, pin_verdict,
				    report_pins);
}

/* The inmate drives its console itself: the UART must be mapped for it. */
static void check_console_mapped(const struct place *p)
{
	const struct bh_console *con = &p->cell.desc->console;
	unsigned int num = p->cell.desc->num_memory_regions;

	if (con->type != BH_CON_PL011 ||
	    bh_check_find_region(p->cell.mem, num, con->address,
				 CHECK_PAGE_SIZE, false, BH_MEM_IO,
				 BH_MEM_IO) < num)
		return;
	note_error(p->ctx,
		   "console: PL011 at 0x%llx is not in one of the cell's IO regions (guest-physical)",
		   ull(con->address));
}

int bh_check_cell_in_system(struct bh_check_ctx *ctx,
			    const struct bh_system *sys,
			    const struct bh_cell_desc *cell,
			    const struct bh_cell_desc *const *others,
			    unsigned int num_others)
{
	unsigned int errors = ctx->errors;
	struct place p;

	p.ctx = ctx;
	p.sys = sys;
	view_init(&p.root, &sys->root_cell, bh_system_root_arrays(sys));
	view_init(&p.cell, cell, bh_cell_arrays(cell));
	p.others = others;
	p.num_others = others ? num_others : 0;
	p.num_hv_ranges =
		bh_check_arch_hv_ranges(&sys->platform, root_cpu_span(&p.root),
					p.hv_ranges);

	check_unique_name(&p);
	report_runs(&p, 0, cell->cpu_set_size * 8, cpu_verdict, report_cpus);
	check_root_keeps_cpu(&p);
	check_memory(&p);
	check_root_keeps_ram(&p);
	check_bootable(&p);
	check_irqchips(&p);
	check_console_mapped(&p);
	bh_check_pci_place(ctx, sys, cell, others, p.num_others);
	return p.ctx->errors != errors ? -BH_CHECK_EINVAL : 0;
}

/*
 * A boot set at load time (struct bulkhead_cell_boot). booting.rst: the
 * kernel's entry is an A64 instruction (4-byte aligned), the device tree
 * sits on an 8-byte boundary in memory the CPU reads as RAM; its header
 * at least must be inside one of the cell's RAM regions. The
 * communication region is no place for either: the hypervisor rewrites
 * it at every start.
 */
int bh_check_cell_boot(struct bh_check_ctx *ctx,
		       const struct bh_cell_desc *cell, uint32_t flags,
		       uint64_t entry, uint64_t dtb)
{
	const uint64_t ram_mask = BH_MEM_READ | BH_MEM_IO | BH_MEM_COMM_REGION;
	const struct bh_memory *mem =
		bh_cell_mem_regions(cell, bh_cell_arrays(cell));
	unsigned int errors = ctx->errors;
	unsigned int num = cell->num_memory_regions;

	if (flags)
		note_error(ctx,
			   "boot: flags 0x%x: no flags are defined, must be 0",
			   flags);
	if (entry & 3)
		note_error(ctx,
			   "boot: entry 0x%llx is not 4-byte aligned (an A64 instruction)",
			   ull(entry));
	else if (bh_check_find_region(mem, num, entry, 4, false,
				      BH_MEM_EXECUTE | BH_MEM_IO |
					      BH_MEM_COMM_REGION,
				      BH_MEM_EXECUTE) == num)
		note_error(ctx,
			   "boot: entry 0x%llx is not inside an executable memory region of cell '%s' (guest-physical)",
			   ull(entry), cell->name);
	if (!dtb)
		return ctx->errors != errors ? -BH_CHECK_EINVAL : 0;
	if (dtb & 7)
		note_error(ctx,
			   "boot: dtb 0x%llx is not 8-byte aligned (booting.rst)",
			   ull(dtb));
	else if (!range_ok(dtb, BH_BOOT_DTB_HEADER_SIZE) ||
		 bh_check_find_region(mem, num, dtb, BH_BOOT_DTB_HEADER_SIZE,
				      false, ram_mask, BH_MEM_READ) == num)
		note_error(ctx,
			   "boot: dtb 0x%llx is not inside a readable RAM region of cell '%s' (guest-physical, not IO, not the communication region)",
			   ull(dtb), cell->name);
	return ctx->errors != errors ? -BH_CHECK_EINVAL : 0;
}
