// SPDX-License-Identifier: GPL-2.0
/*
 * The device tree a Linux cell boots with, made from its config instead of
 * a hand-written .dts: what the config gives the cell (RAM, CPUs, devices,
 * interrupts, ivshmem devices) described the way Linux's bindings want it,
 * with the facts a config does not hold (MPIDRs, timer interrupts, device
 * nodes and their clocks) taken from the device tree the root booted with.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <bhlib/config-check.h>

#include "cell-dtb.h"
#include "fdt-internal.h"

#define GIC_PHANDLE	     1
#define GICR_FRAME_SIZE	     0x20000ULL /* RD_base + SGI_base */
#define GICD_SIZE	     0x10000ULL
#define MAX_CLOCKS	     16
#define IRQ_TYPE_EDGE_RISING 1
#define IRQ_TYPE_LEVEL_HIGH  4
#define PCI_BAR_SIZE	     0x1000ULL

struct gen {
	void *fdt; /* being written */
	const struct cell_dtb_in *in;
	const struct bh_cell_desc *cell;
	const struct bh_memory *mem;
	struct fdt_platform *p; /* what sys_fdt says */
	uint64_t gicd, gicr;
	char console_path[FDT_NAME_LEN + 2];
	/* Clock providers copied so far: old phandle -> new. */
	uint32_t clk_old[MAX_CLOCKS], clk_new[MAX_CLOCKS];
	unsigned int num_clk;
	cell_dtb_warn_fn *warn;
	void *arg;
	int err; /* the first libfdt error */
	char *why;
	size_t len;
};

static void __attribute__((format(printf, 2, 3)))
warn(struct gen *g, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (g->warn)
		g->warn(g->arg, msg);
}

static void ok(struct gen *g, int ret)
{
	if (ret < 0 && !g->err)
		g->err = ret;
}

static void prop_u32(struct gen *g, const char *name, uint32_t v)
{
	ok(g, fdt_property_u32(g->fdt, name, v));
}

static void prop_str(struct gen *g, const char *name, const char *s)
{
	ok(g, fdt_property_string(g->fdt, name, s));
}

/* A reg of (address, size) pairs, two cells each, as the root's. */
static void prop_reg(struct gen *g, const uint64_t *pairs, unsigned int n)
{
	fdt32_t cells[2 * 2 * 9];
	unsigned int i;

	/* At most 9 pairs: the GIC's distributor and 8 redistributor runs. */
	for (i = 0; i < 2 * n && i < 2 * 9; i++) {
		cells[2 * i] = cpu_to_fdt32(pairs[i] >> 32);
		cells[2 * i + 1] = cpu_to_fdt32((uint32_t)pairs[i]);
	}
	ok(g, fdt_property(g->fdt, "reg", cells, i * 2 * sizeof(fdt32_t)));
}

static void begin_node_at(struct gen *g, const char *name, uint64_t addr)
{
	char buf[FDT_NAME_LEN + 20];

	snprintf(buf, sizeof(buf), "%s@%llx", name, (unsigned long long)addr);
	ok(g, fdt_begin_node(g->fdt, buf));
}

static void end_node(struct gen *g)
{
	ok(g, fdt_end_node(g->fdt));
}

/* RAM as the cell sees it; the communication page is not Linux's. */
static void gen_memory(struct gen *g)
{
	unsigned int i;

	for (i = 0; i < g->cell->num_memory_regions; i++) {
		const struct bh_memory *m = &g->mem[i];
		uint64_t reg[2] = { m->virt_start, m->size };

		if (!cell_mem_is_ram(m))
			continue;
		begin_node_at(g, "memory", m->virt_start);
		prop_str(g, "device_type", "memory");
		prop_reg(g, reg, 1);
		end_node(g);
	}
}

static bool cell_has_cpu(const struct bh_cell_desc *cell, unsigned int cpu)
{
	const uint8_t *set = bh_cell_cpu_set(cell, bh_cell_arrays(cell));

	return cpu / 8 < cell->cpu_set_size &&
	       (set[cpu / 8] & (1U << (cpu % 8)));
}

/*
 * One node per CPU of the cell, with the MPIDR of the system's CPU of the
 * same number: Linux numbers its CPUs in device-tree order, boot CPU first.
 */
static void gen_cpus(struct gen *g)
{
	unsigned int cpu, wide = 0;

	for (cpu = 0; cpu < g->p->num_cpus; cpu++)
		if (cell_has_cpu(g->cell, cpu) && (g->p->mpidr[cpu] >> 32))
			wide = 1;
	ok(g, fdt_begin_node(g->fdt, "cpus"));
	prop_u32(g, "#address-cells", 1 + wide);
	prop_u32(g, "#size-cells", 0);
	for (cpu = 0; cpu < g->p->num_cpus; cpu++) {
		uint64_t mpidr = g->p->mpidr[cpu];
		fdt32_t reg[2] = { cpu_to_fdt32(mpidr >> 32),
				   cpu_to_fdt32((uint32_t)mpidr) };

		if (!cell_has_cpu(g->cell, cpu))
			continue;
		begin_node_at(g, "cpu", mpidr);
		prop_str(g, "device_type", "cpu");
		prop_str(g, "compatible", "arm,armv8");
		ok(g, fdt_property(g->fdt, "reg", wide ? reg : reg + 1,
				   (1 + wide) * sizeof(fdt32_t)));
		prop_str(g, "enable-method", "psci");
		end_node(g);
	}
	end_node(g);
	for (cpu = g->p->num_cpus; cpu < g->cell->cpu_set_size * 8; cpu++)
		if (cell_has_cpu(g->cell, cpu))
			warn(g,
			     "CPU %u is not in the system's device tree: left out",
			     cpu);
}

static void gen_psci(struct gen *g)
{
	static const char compat[] = "arm,psci-1.0\0arm,psci-0.2";

	ok(g, fdt_begin_node(g->fdt, "psci"));
	ok(g, fdt_property(g->fdt, "compatible", compat, sizeof(compat)));
	prop_str(g, "method", g->in->psci_method);
	end_node(g);
}

/*
 * The distributor and one redistributor region per run of consecutive
 * CPUs of the cell (frame n is CPU n's, 128 KiB each): Linux walks a
 * region frame by frame until GICR_TYPER.Last.
 */
static void gen_gic(struct gen *g)
{
	uint64_t reg[2 * 9];
	unsigned int cpu, n = 1, regions = 0, max = g->cell->cpu_set_size * 8;

	reg[0] = g->gicd;
	reg[1] = GICD_SIZE;
	for (cpu = 0; cpu < max && n < 9; cpu++) {
		if (!cell_has_cpu(g->cell, cpu))
			continue;
		if (regions && reg[2 * n - 2] + reg[2 * n - 1] ==
				       g->gicr + cpu * GICR_FRAME_SIZE) {
			reg[2 * n - 1] += GICR_FRAME_SIZE;
			continue;
		}
		reg[2 * n] = g->gicr + cpu * GICR_FRAME_SIZE;
		reg[2 * n + 1] = GICR_FRAME_SIZE;
		n++;
		regions++;
	}
	begin_node_at(g, "interrupt-controller", g->gicd);
	prop_str(g, "compatible", "arm,gic-v3");
	prop_u32(g, "#interrupt-cells", 3);
	/* Linux sizes an interrupt-map's parent unit address by this. */
	prop_u32(g, "#address-cells", 2);
	ok(g, fdt_property(g->fdt, "interrupt-controller", NULL, 0));
	prop_u32(g, "#redistributor-regions", regions);
	prop_reg(g, reg, n);
	prop_u32(g, "phandle", GIC_PHANDLE);
	end_node(g);
}

/* The architected timer's PPIs, as the system's tree has them. */
static void gen_timer(struct gen *g)
{
	const void *sys = g->in->sys_fdt;
	int node = fdt_node_offset_by_compatible(sys, -1, "arm,armv8-timer");
	const void *irqs = NULL;
	fdt32_t dflt[12];
	int len = 0, i;
	/* Secure, non-secure physical, virtual, hypervisor (QEMU virt). */
	static const uint32_t ppis[4] = { 13, 14, 11, 10 };

	if (node >= 0)
		irqs = fdt_getprop(sys, node, "interrupts", &len);
	if (!irqs) {
		for (i = 0; i < 4; i++) {
			dflt[3 * i] = cpu_to_fdt32(GIC_PPI);
			dflt[3 * i + 1] = cpu_to_fdt32(ppis[i]);
			dflt[3 * i + 2] = cpu_to_fdt32(IRQ_TYPE_LEVEL_HIGH);
		}
		irqs = dflt;
		len = sizeof(dflt);
		warn(g,
		     "no arm,armv8-timer node in the system's device tree: PPIs 13, 14, 11, 10 assumed");
	}
	ok(g, fdt_begin_node(g->fdt, "timer"));
	prop_str(g, "compatible", "arm,armv8-timer");
	ok(g, fdt_property(g->fdt, "interrupts", irqs, len));
	/* The system's word on whether the timer stops in idle states. */
	if (node >= 0 && fdt_getprop(sys, node, "always-on", NULL))
		ok(g, fdt_property(g->fdt, "always-on", NULL, 0));
	end_node(g);
}

/* The new phandle of a copied clock provider, copying it on first use. */
static uint32_t copy_clock(struct gen *g, uint32_t old)
{
	const void *sys = g->in->sys_fdt;
	int node = fdt_node_offset_by_phandle(sys, old), prop;
	unsigned int i;

	for (i = 0; i < g->num_clk; i++)
		if (g->clk_old[i] == old)
			return g->clk_new[i];
	if (node < 0 || g->num_clk == MAX_CLOCKS)
		return 0;
	g->clk_old[g->num_clk] = old;
	g->clk_new[g->num_clk] = GIC_PHANDLE + 1 + g->num_clk;
	/* Fixed clocks: plain properties, no references of their own. */
	ok(g, fdt_begin_node(g->fdt, fdt_get_name(sys, node, NULL)));
	fdt_for_each_property_offset(prop, sys, node)
	{
		const char *name;
		int len;
		const void *val = fdt_getprop_by_offset(sys, prop, &name, &len);

		if (val && strcmp(name, "phandle") &&
		    strcmp(name, "linux,phandle"))
			ok(g, fdt_property(g->fdt, name, val, len));
	}
	prop_u32(g, "phandle", g->clk_new[g->num_clk]);
	end_node(g);
	return g->clk_new[g->num_clk++];
}

/*
 * The node's `clocks` with each provider copied and renumbered; only
 * providers with #clock-cells = 0 (fixed clocks, as QEMU's apb-pclk).
 */
static int clocks_of(struct gen *g, int node, fdt32_t *out, int max)
{
	const void *sys = g->in->sys_fdt;
	const fdt32_t *c;
	int len, n = 0, i;

	c = fdt_getprop(sys, node, "clocks", &len);
	for (i = 0; c && i < len / 4 && n < max; i++) {
		int prov = fdt_node_offset_by_phandle(sys, fdt32_to_cpu(c[i]));
		uint32_t cells =
			prov >= 0 ?
				dt_get_u32(sys, prov, "#clock-cells", 0, ~0U) :
				~0U;

		if (cells) {
			warn(g,
			     "%s: a clock with #clock-cells %d: its clocks are left out",
			     fdt_get_name(sys, node, NULL), (int)cells);
			return 0;
		}
		out[n++] = cpu_to_fdt32(copy_clock(g, fdt32_to_cpu(c[i])));
	}
	return n;
}

static bool wanted_prop(const char *name)
{
	static const char *const skip[] = {
		"reg",
		"status",
		"phandle",
		"linux,phandle",
		"clocks",
		"interrupt-parent",
		"interrupts-extended",
	};
	unsigned int i;

	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (!strcmp(name, skip[i]))
			return false;
	return true;
}

/*
 * A device node of the system's tree whose registers lie in IO region m,
 * copied to the root of the cell's tree at the cell's addresses: its
 * clock providers first (sequential writing cannot go back), then the
 * node with its interrupts as they are (the GIC's) and status "okay".
 */
static void copy_device(struct gen *g, int node, const struct bh_memory *m)
{
	const void *sys = g->in->sys_fdt;
	struct fdt_range r[8];
	uint64_t reg[16];
	fdt32_t clocks[8];
	int n = dt_regs(sys, node, r, 8), nclk, prop, i;

	nclk = clocks_of(g, node, clocks, 8);
	for (i = 0; i < n; i++) {
		reg[2 * i] = r[i].start - m->phys_start + m->virt_start;
		reg[2 * i + 1] = r[i].size;
	}
	ok(g, fdt_begin_node(g->fdt, fdt_get_name(sys, node, NULL)));
	fdt_for_each_property_offset(prop, sys, node)
	{
		const char *name;
		int len;
		const void *val = fdt_getprop_by_offset(sys, prop, &name, &len);

		if (val && wanted_prop(name))
			ok(g, fdt_property(g->fdt, name, val, len));
	}
	prop_reg(g, reg, n);
	if (nclk)
		ok(g, fdt_property(g->fdt, "clocks", clocks, nclk * 4));
	prop_str(g, "status", "okay");
	end_node(g);
	if (g->cell->console.type == BH_CON_PL011 && n > 0 &&
	    g->cell->console.address >= m->phys_start &&
	    g->cell->console.address - m->phys_start < m->size &&
	    r[0].start == g->cell->console.address)
		snprintf(g->console_path, sizeof(g->console_path), "/%s",
			 fdt_get_name(sys, node, NULL));
}

/* Does the node's first register range lie in region m? */
static bool node_in(const void *sys, int node, const struct bh_memory *m)
{
	struct fdt_range r;

	return dt_regs(sys, node, &r, 1) == 1 && r.start >= m->phys_start &&
	       r.size <= m->size && r.start - m->phys_start <= m->size - r.size;
}

static void gen_devices(struct gen *g)
{
	const void *sys = g->in->sys_fdt;
	unsigned int i;
	int node, found;

	for (i = 0; i < g->cell->num_memory_regions; i++) {
		const struct bh_memory *m = &g->mem[i];

		if (!(m->flags & BH_MEM_IO))
			continue;
		found = 0;
		fdt_for_each_subnode(node, sys, 0)
		{
			if (!fdt_getprop(sys, node, "compatible", NULL) ||
			    !node_in(sys, node, m))
				continue;
			copy_device(g, node, m);
			found++;
		}
		if (!found)
			warn(g,
			     "mem_regions[%u] [0x%llx-0x%llx]: no node of the system's device tree there: Linux will not see it",
			     i, (unsigned long long)m->phys_start,
			     (unsigned long long)(m->phys_start + m->size - 1));
	}
}

/*
 * The virtual PCI host bridge (Documentation/ivshmem.md): ECAM of bus 0,
 * one 32-bit window over the register BARs, and INTA of each device
 * routed to its SPI, edge-triggered as the hypervisor raises it.
 */
static void gen_pci(struct gen *g)
{
	const struct bh_pci_device *d =
		bh_cell_pci_devices(g->cell, bh_cell_arrays(g->cell));
	const struct bh_platform *pf = &g->in->sys->platform;
	uint64_t ecam[2] = { pf->pci_mmconfig_base, pf->pci_mmconfig_size };
	uint64_t win = BH_PCI_MAX_DEVICES * PCI_BAR_SIZE;
	fdt32_t ranges[7], map[BH_PCI_MAX_DEVICES * 10], mask[4];
	unsigned int i, n = 0;

	ranges[0] = cpu_to_fdt32(0x02000000); /* 32-bit memory space */
	ranges[1] = cpu_to_fdt32(0);
	ranges[2] = cpu_to_fdt32((uint32_t)pf->pci_mem_base);
	ranges[3] = cpu_to_fdt32(pf->pci_mem_base >> 32);
	ranges[4] = cpu_to_fdt32((uint32_t)pf->pci_mem_base);
	ranges[5] = cpu_to_fdt32(0);
	ranges[6] = cpu_to_fdt32((uint32_t)win);
	for (i = 0; i < g->cell->num_pci_devices && i < BH_PCI_MAX_DEVICES;
	     i++) {
		map[n++] = cpu_to_fdt32((uint32_t)d[i].bdf << 8);
		map[n++] = 0;
		map[n++] = 0;
		map[n++] = cpu_to_fdt32(1); /* INTA */
		map[n++] = cpu_to_fdt32(GIC_PHANDLE);
		map[n++] = 0; /* parent unit address */
		map[n++] = 0;
		map[n++] = cpu_to_fdt32(GIC_SPI);
		map[n++] = cpu_to_fdt32(d[i].irq - 32);
		map[n++] = cpu_to_fdt32(IRQ_TYPE_EDGE_RISING);
	}
	mask[0] = cpu_to_fdt32(0xf800); /* the device number */
	mask[1] = 0;
	mask[2] = 0;
	mask[3] = cpu_to_fdt32(7);
	begin_node_at(g, "pci", pf->pci_mmconfig_base);
	prop_str(g, "compatible", "pci-host-ecam-generic");
	prop_str(g, "device_type", "pci");
	prop_u32(g, "#address-cells", 3);
	prop_u32(g, "#size-cells", 2);
	prop_u32(g, "#interrupt-cells", 1);
	prop_reg(g, ecam, 1);
	ok(g, fdt_property(g->fdt, "bus-range", (fdt32_t[]){ 0, 0 }, 8));
	ok(g, fdt_property(g->fdt, "ranges", ranges, sizeof(ranges)));
	ok(g, fdt_property(g->fdt, "interrupt-map", map, n * sizeof(fdt32_t)));
	ok(g, fdt_property(g->fdt, "interrupt-map-mask", mask, sizeof(mask)));
	end_node(g);
}

/* GIC addresses: the system config's if given, else the system tree's. */
static int find_gic(struct gen *g)
{
	if (g->in->sys) {
		g->gicd = g->in->sys->platform.arm64.gicd_base;
		g->gicr = g->in->sys->platform.arm64.gicr_base;
		return 0;
	}
	if (g->p->gic.version != 3 || !g->p->gic.gicr) {
		snprintf(g->why, g->len,
			 "the system's device tree has no GICv3 with redistributors");
		return -EINVAL;
	}
	g->gicd = g->p->gic.gicd;
	g->gicr = g->p->gic.gicr;
	return 0;
}

static void gen_tree(struct gen *g)
{
	char model[64 + BH_CELL_NAME_LEN];

	ok(g, fdt_finish_reservemap(g->fdt));
	ok(g, fdt_begin_node(g->fdt, ""));
	prop_str(g, "compatible", "bulkhead,cell");
	snprintf(model, sizeof(model), "Bulkhead cell %.*s", BH_CELL_NAME_LEN,
		 g->cell->name);
	prop_str(g, "model", model);
	prop_u32(g, "#address-cells", 2);
	prop_u32(g, "#size-cells", 2);
	prop_u32(g, "interrupt-parent", GIC_PHANDLE);
	gen_memory(g);
	gen_cpus(g);
	gen_psci(g);
	gen_gic(g);
	gen_timer(g);
	gen_devices(g);
	if (g->cell->num_pci_devices)
		gen_pci(g);
	ok(g, fdt_begin_node(g->fdt, "chosen"));
	if (g->console_path[0])
		prop_str(g, "stdout-path", g->console_path);
	/*
	 * The virtual BARs are fixed (Documentation/ivshmem.md): Linux must
	 * take them as they are, not assign its own (which it would do from
	 * the window's start, wrong for any device but device 0).
	 */
	if (g->cell->num_pci_devices)
		prop_u32(g, "linux,pci-probe-only", 1);
	end_node(g);
	if (g->console_path[0]) {
		ok(g, fdt_begin_node(g->fdt, "aliases"));
		prop_str(g, "serial0", g->console_path);
		end_node(g);
	}
	end_node(g);
	ok(g, fdt_finish(g->fdt));
}

int cell_dtb_build(const struct cell_dtb_in *in, void *buf, size_t size,
		   cell_dtb_warn_fn *warn_fn, void *arg, char *why, size_t len)
{
	struct gen g = {
		.fdt = buf,
		.in = in,
		.cell = in->cell,
		.warn = warn_fn,
		.arg = arg,
		.why = why,
		.len = len,
		.mem = bh_cell_mem_regions(in->cell, bh_cell_arrays(in->cell)),
	};
	int ret;

	if (in->cell->num_pci_devices && !in->sys) {
		snprintf(why, len,
			 "the cell has ivshmem devices: the system config is needed for the PCI windows (-s SYSTEM.cell)");
		return -EINVAL;
	}
	g.p = calloc(1, sizeof(*g.p));
	if (!g.p) {
		snprintf(why, len, "out of memory");
		return -ENOMEM;
	}
	fdt_scan(in->sys_fdt, g.p);
	ret = find_gic(&g);
	if (ret)
		goto out;
	ok(&g, fdt_create(buf, size));
	gen_tree(&g);
	if (g.err) {
		snprintf(why, len, "writing the device tree: %s",
			 fdt_strerror(g.err));
		ret = -ENOSPC;
	} else if (in->cell->console.type == BH_CON_PL011 &&
		   !g.console_path[0]) {
		warn(&g,
		     "the console at 0x%llx has no node in the system's device tree: no stdout-path",
		     (unsigned long long)in->cell->console.address);
	}
out:
	free(g.p);
	return ret;
}

int cell_dtb_chosen(const void *fdt, void *buf, size_t size,
		    const char *cmdline, bool initrd, char *why, size_t len)
{
	int ret, chosen;

	ret = fdt_open_into(fdt, buf, size);
	if (!ret) {
		chosen = fdt_path_offset(buf, "/chosen");
		if (chosen < 0)
			chosen = fdt_add_subnode(buf, 0, "chosen");
		ret = chosen < 0 ? chosen : 0;
		if (!ret && cmdline)
			ret = fdt_setprop_string(buf, chosen, "bootargs",
						 cmdline);
		if (!ret && initrd)
			ret = fdt_setprop_u64(buf, chosen, "linux,initrd-start",
					      0);
		if (!ret && initrd)
			ret = fdt_setprop_u64(buf, chosen, "linux,initrd-end",
					      0);
		if (!ret)
			ret = fdt_pack(buf);
	}
	if (ret) {
		snprintf(why, len, "setting /chosen: %s", fdt_strerror(ret));
		return -EINVAL;
	}
	return 0;
}

/* Same size as the placeholders: the layout made for the tree still holds. */
int cell_dtb_set_initrd(void *fdt, uint64_t start, uint64_t end)
{
	int chosen = fdt_path_offset(fdt, "/chosen");

	if (chosen < 0)
		return chosen;
	return fdt_setprop_inplace_u64(fdt, chosen, "linux,initrd-start", start) ?:
		       fdt_setprop_inplace_u64(fdt, chosen, "linux,initrd-end",
					       end);
}

/*
 * A /memreserve/ entry, filled in once its place is known: Linux never
 * allocates a reserved range (it keeps it out of memblock's free memory),
 * which is all the pristine copy for reboot needs. A placeholder of one
 * byte: Linux stops reading the map at an entry of size 0.
 */
int cell_dtb_add_reserve(void *fdt, size_t size)
{
	int ret = fdt_open_into(fdt, fdt, size);

	return ret ?: fdt_add_mem_rsv(fdt, 0, 1) ?: fdt_pack(fdt);
}

/* Same size as the placeholder: the layout made for the tree still holds. */
int cell_dtb_set_reserve(void *fdt, uint64_t start, uint64_t size)
{
	struct fdt_reserve_entry *re;
	int n = fdt_num_mem_rsv(fdt);

	if (n <= 0)
		return -FDT_ERR_NOTFOUND;
	re = (struct fdt_reserve_entry *)((char *)fdt +
					  fdt_off_mem_rsvmap(fdt)) +
	     n - 1;
	re->address = cpu_to_fdt64(start);
	re->size = cpu_to_fdt64(size);
	return 0;
}
