// SPDX-License-Identifier: GPL-2.0
/*
 * The devices of a device tree: nodes with a memory-mapped `reg` (PCIe
 * hosts with their windows from `ranges`), and every SPI that a node names
 * through `interrupts`, `interrupts-extended` or an `interrupt-map`, also
 * through intermediate controllers (fdt-irq.c).
 */
#include <string.h>

#include "fdt-internal.h"

void dt_note_spi(struct dt_scan *s, struct fdt_device *dev, int intid)
{
	struct fdt_platform *p = s->p;
	unsigned int k;

	if (intid < 32 || intid >= FDT_INTIDS)
		return;
	if (!fdt_has_spi(p, intid))
		p->num_spis++;
	p->spis[intid / 8] |= 1U << (intid % 8);
	if (!dev)
		return;
	for (k = 0; k < dev->num_spis && dev->spis[k] != (unsigned int)intid;
	     k++)
		;
	if (k == dev->num_spis && dev->num_spis < FDT_DEV_SPIS)
		dev->spis[dev->num_spis++] = intid;
}

/* An untranslated specifier, counted against its controller. */
static void note_gap(struct dt_scan *s, int ctrl)
{
	struct fdt_platform *p = s->p;
	const char *name = ctrl >= 0 ? fdt_get_name(s->fdt, ctrl, NULL) : NULL;
	unsigned int i;

	p->untranslated++;
	if (!name)
		name = "(no interrupt parent)";
	for (i = 0; i < p->num_gaps; i++)
		if (!strncmp(p->gaps[i].controller, name, FDT_NAME_LEN - 1))
			break;
	if (i == p->num_gaps) {
		if (i == FDT_MAX_GAPS)
			return;
		p->num_gaps++;
		dt_copy_name(p->gaps[i].controller, name);
		dt_copy_name(p->gaps[i].compatible,
			     ctrl >= 0 ? dt_compatible(s->fdt, ctrl) : "");
	}
	p->gaps[i].count++;
}

/* One specifier of controller ctrl, for dev (or a node that is none). */
static void note_specifier(struct dt_scan *s, struct fdt_device *dev, int ctrl,
			   const fdt32_t *spec, int cells)
{
	struct dt_irq irq;

	dt_irq_resolve(s, ctrl, spec, cells, &irq);
	if (irq.kind == DT_IRQ_UNTRANSLATED) {
		note_gap(s, irq.via >= 0 ? irq.via : ctrl);
	} else if (irq.kind == DT_IRQ_SPI) {
		if (irq.via >= 0 && !fdt_has_spi(s->p, irq.intid))
			s->p->translated++;
		dt_note_spi(s, dev, irq.intid);
	}
}

/* `interrupts` (to ctrl, the interrupt parent in force), `-extended`. */
static void scan_interrupts(struct dt_scan *s, int node, int ctrl,
			    struct fdt_device *dev)
{
	const void *fdt = s->fdt;
	const fdt32_t *p;
	int len, cells = 0, i, n;

	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (p) {
		cells = ctrl >= 0 ?
				dt_get_cells(fdt, ctrl, "#interrupt-cells", 0) :
				0;
		n = len / (int)sizeof(*p);
		if (cells <= 0)
			note_gap(s, ctrl);
		for (i = 0; cells > 0 && i + cells <= n; i += cells)
			note_specifier(s, dev, ctrl, p + i, cells);
	}
	p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	n = p ? len / (int)sizeof(*p) : 0;
	for (i = 0; i < n; i += 1 + cells) {
		ctrl = dt_by_phandle(fdt, &s->ix, fdt32_to_cpu(p[i]));
		if (ctrl < 0)
			break;
		cells = dt_get_cells(fdt, ctrl, "#interrupt-cells", 0);
		if (cells < 0 || i + 1 + cells > n)
			break;
		note_specifier(s, dev, ctrl, p + i + 1, cells);
	}
}

/*
 * What an interrupt nexus (a PCIe host's INTx) maps its children to: the
 * parent's specifier of every entry, whatever the child's. They are the
 * root cell's, but no device's own: cells may take an INTx line.
 */
static void scan_interrupt_map(struct dt_scan *s, int node)
{
	const void *fdt = s->fdt;
	int len, n, i, ctrl, pac = 0, pic = 0;
	int cac = dt_get_cells(fdt, node, "#address-cells", 2);
	int cic = dt_get_cells(fdt, node, "#interrupt-cells", 0);
	const fdt32_t *p = fdt_getprop(fdt, node, "interrupt-map", &len);

	if (!p || cac < 0 || cic < 0)
		return;
	n = len / (int)sizeof(*p);
	for (i = 0; i + cac + cic + 1 <= n; i += cac + cic + 1 + pac + pic) {
		ctrl = dt_by_phandle(fdt, &s->ix,
				     fdt32_to_cpu(p[i + cac + cic]));
		if (ctrl < 0)
			return;
		pac = dt_map_parent_addr_cells(fdt, node, ctrl);
		pic = dt_get_cells(fdt, ctrl, "#interrupt-cells", 0);
		if (pac < 0 || pic < 0 || i + cac + cic + 1 + pac + pic > n)
			return;
		note_specifier(s, NULL, ctrl, p + i + cac + cic + 1 + pac, pic);
	}
}

static struct fdt_device *add_device(struct dt_scan *s, int node,
				     uint64_t start, uint64_t size,
				     const char *what)
{
	struct fdt_platform *p = s->p;
	struct fdt_device *d;

	if (p->num_devices == FDT_MAX_DEVICES) {
		p->dropped++;
		p->devices_dropped = true;
		return NULL;
	}
	d = &p->devices[p->num_devices++];
	memset(d, 0, sizeof(*d));
	d->start = start;
	d->size = size;
	dt_copy_name(d->name, fdt_get_name(s->fdt, node, NULL));
	dt_copy_name(d->compatible, dt_compatible(s->fdt, node));
	d->what = what;
	d->disabled = dt_disabled(s->fdt, node);
	return d;
}

/* A PCIe host's windows: I/O, 32-bit and 64-bit memory from `ranges`. */
static void scan_pci_windows(struct dt_scan *s, int node)
{
	static const char *const spaces[] = {
		"PCIe config window",
		"PCIe I/O window",
		"PCIe MMIO window",
		"PCIe 64-bit MMIO window",
	};
	const void *fdt = s->fdt;
	int parent = dt_parent(fdt, &s->ix, node), len, i, n, pa, sc;
	const fdt32_t *r = fdt_getprop(fdt, node, "ranges", &len);
	uint64_t addr;

	if (!r || parent < 0)
		return;
	pa = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, node);
	if (pa < 1 || pa > 2 || sc < 1 || sc > 2)
		return;
	n = len / (int)sizeof(*r);
	for (i = 0; i + 3 + pa + sc <= n; i += 3 + pa + sc) {
		addr = dt_read_cells(r + i + 3, pa);
		if (!dt_translate(fdt, &s->ix, parent, &addr))
			continue;
		add_device(s, node, addr, dt_read_cells(r + i + 3 + pa, sc),
			   spaces[(fdt32_to_cpu(r[i]) >> 24) & 3]);
	}
}

static bool is_pci_host(const void *fdt, int node)
{
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);

	return type && !strcmp(type, "pci");
}

/* Subtrees of the root that are not devices. */
static bool skip_subtree(const void *fdt, int node)
{
	static const char *const names[] = {
		"cpus",
		"chosen",
		"aliases",
		"reserved-memory",
		"__symbols__",
		"__fixups__",
		"__local_fixups__",
		"memory",
	};
	const char *name = fdt_get_name(fdt, node, NULL);
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);
	size_t len;
	unsigned int i;

	if (!name || (type && !strcmp(type, "memory")))
		return true;
	len = strcspn(name, "@");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && !strncmp(name, names[i], len))
			return true;
	return false;
}

/* How a node's `reg` reads, from what is above it. */
struct where {
	bool devices; /* its `reg` is MMIO: it may be a device */
};

/* The first device of node's MMIO `reg` entries, if it has any. */
static struct fdt_device *add_node_devices(struct dt_scan *s, int node)
{
	struct fdt_device *dev = NULL, *d;
	struct fdt_range regs[8];
	int n, i;

	n = dt_regs_ix(s->fdt, &s->ix, node, regs, 8);
	for (i = 0; i < n; i++) {
		d = add_device(s, node, regs[i].start, regs[i].size, NULL);
		if (!dev)
			dev = d;
	}
	return dev;
}

/*
 * One walk over the tree: devices, and the SPIs of every node, device or
 * not (a PMU, an interrupt nexus), attributed to the device that has them.
 * Each node costs a few binary searches in the index; the walk ends when
 * the device list is full (the config would be incomplete anyway).
 */
static void walk(struct dt_scan *s, int node, int depth, struct where w)
{
	const void *fdt = s->fdt;
	struct fdt_device *dev = NULL;
	struct where inner;
	int child;

	if (s->p->devices_dropped)
		return;
	if (node == s->gic || (depth == 1 && skip_subtree(fdt, node)))
		w.devices = false;
	inner = w;
	if (depth > 0 && w.devices) {
		dev = add_node_devices(s, node);
		if (is_pci_host(fdt, node))
			scan_pci_windows(s, node);
		/* Children of a bus without `ranges` are not memory-mapped. */
		inner.devices = !is_pci_host(fdt, node) &&
				fdt_getprop(fdt, node, "ranges", NULL);
	}
	scan_interrupts(s, node, dt_irq_parent(fdt, &s->ix, node), dev);
	scan_interrupt_map(s, node);
	dt_irq_controller_spis(s, node, dev);
	if (depth >= 32)
		return;
	fdt_for_each_subnode(child, fdt, node) walk(s, child, depth + 1, inner);
}

void dt_scan_devices(struct dt_scan *s)
{
	struct where w = { .devices = true };

	walk(s, 0, 0, w);
}
