// SPDX-License-Identifier: GPL-2.0
/*
 * The devices of a device tree: nodes with a memory-mapped `reg` (PCIe
 * hosts with their windows from `ranges`), and every SPI that a node names
 * through `interrupts`, `interrupts-extended` or an `interrupt-map`.
 */
#include <string.h>

#include "fdt-internal.h"

static void note_spi(struct dt_scan *s, struct fdt_device *dev, int intid)
{
	if (intid < 32)
		return;
	s->p->spis[intid / 8] |= 1U << (intid % 8);
	if (dev && dev->num_spis < FDT_DEV_SPIS)
		dev->spis[dev->num_spis++] = intid;
}

/*
 * SPIs of `interrupts` (to ctrl, the interrupt parent in force) and of
 * `interrupts-extended`, for the GIC only.
 */
static void scan_interrupts(struct dt_scan *s, int node, int ctrl,
			    struct fdt_device *dev)
{
	const void *fdt = s->fdt;
	const fdt32_t *p;
	int len, cells = 0, i, n;

	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (p && s->gic >= 0 && ctrl == s->gic) {
		cells = dt_get_cells(fdt, ctrl, "#interrupt-cells", 3);
		n = len / (int)sizeof(*p);
		for (i = 0; cells > 0 && i + cells <= n; i += cells)
			note_spi(s, dev, dt_gic_intid(p + i, cells, GIC_SPI));
	}
	p = fdt_getprop(fdt, node, "interrupts-extended", &len);
	n = p ? len / (int)sizeof(*p) : 0;
	for (i = 0; i < n; i += 1 + cells) {
		ctrl = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[i]));
		if (ctrl < 0)
			break;
		cells = dt_get_cells(fdt, ctrl, "#interrupt-cells", 0);
		if (cells < 0 || i + 1 + cells > n)
			break;
		if (ctrl == s->gic)
			note_spi(s, dev,
				 dt_gic_intid(p + i + 1, cells, GIC_SPI));
	}
}

/* SPIs an interrupt nexus (a PCIe host's INTx) maps its children to. */
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
		ctrl = fdt_node_offset_by_phandle(fdt,
						  fdt32_to_cpu(p[i + cac + cic]));
		if (ctrl < 0)
			return;
		pac = dt_get_cells(fdt, ctrl, "#address-cells", 0);
		pic = dt_get_cells(fdt, ctrl, "#interrupt-cells", 0);
		if (pac < 0 || pic < 0 || i + cac + cic + 1 + pac + pic > n)
			return;
		if (ctrl == s->gic)
			note_spi(s, NULL, dt_gic_intid(p + i + cac + cic + 1 + pac,
						    pic, GIC_SPI));
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
		"PCIe config window", "PCIe I/O window", "PCIe MMIO window",
		"PCIe 64-bit MMIO window",
	};
	const void *fdt = s->fdt;
	int parent = fdt_parent_offset(fdt, node), len, i, n, pa, sc;
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
		if (!dt_translate(fdt, parent, &addr))
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
		"cpus", "chosen", "aliases", "reserved-memory", "__symbols__",
		"__fixups__", "__local_fixups__", "memory",
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

/* How a node's `reg` and `interrupts` read, from what is above it. */
struct where {
	int irq_parent;		/* interrupt-parent in force, -1 if none */
	bool devices;		/* its `reg` is MMIO: it may be a device */
};

/* The first device of node's MMIO `reg` entries, if it has any. */
static struct fdt_device *add_node_devices(struct dt_scan *s, int node)
{
	struct fdt_device *dev = NULL, *d;
	struct fdt_range regs[8];
	int n, i;

	n = dt_regs(s->fdt, node, regs, 8);
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
 */
static void walk(struct dt_scan *s, int node, int depth, struct where w)
{
	const void *fdt = s->fdt;
	struct fdt_device *dev = NULL;
	struct where inner;
	const fdt32_t *ph;
	int child, len;

	ph = fdt_getprop(fdt, node, "interrupt-parent", &len);
	if (ph && len == sizeof(*ph))
		w.irq_parent = fdt_node_offset_by_phandle(fdt,
							  fdt32_to_cpu(*ph));
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
	scan_interrupts(s, node, w.irq_parent, dev);
	scan_interrupt_map(s, node);
	if (depth >= 32)
		return;
	fdt_for_each_subnode(child, fdt, node)
		walk(s, child, depth + 1, inner);
}

void dt_scan_devices(struct dt_scan *s)
{
	struct where w = { .irq_parent = -1, .devices = true };

	walk(s, 0, 0, w);
}
