// SPDX-License-Identifier: GPL-2.0
/*
 * Which GIC SPI an interrupt specifier ends at when its controller is not
 * the GIC. Linux builds such controllers as hierarchical irq domains; the
 * rules here follow their bindings:
 * - pass-through controllers (i.MX8MQ GPC, Tegra ictlr, MediaTek sysirq)
 *   hand the same three-cell GIC specifier to their parent;
 * - the Qualcomm PDC maps pin p to GIC SPI base + (p - pin base) by its
 *   `qcom,pdc-ranges` triplets <pin base, SPI base, count>;
 * - an interrupt nexus without unit address cells (Layerscape extirq)
 *   translates through `interrupt-map` / `interrupt-map-mask`;
 * - routers that pick their GIC line at run time (TI's INTR, Amlogic's
 *   GPIO interrupt controller, Marvell's GICP, the GIC's own MBIs) own a
 *   set of SPIs, all of which the root cell gets (dt_irq_controller_spis);
 * - a controller with interrupts of its own (a GPIO block, a PMIC arbiter)
 *   demultiplexes one of them: the SPI is its own, already counted;
 * - one that sends messages to a GICv3 ITS (HiSilicon's mbigen) makes
 *   LPIs, which are no SPIs.
 * Anything else is counted and named as untranslated.
 */
#include <string.h>

#include "fdt-internal.h"

#define MAX_HOPS       8 /* controllers between a device and the GIC */
#define GIC_SPEC_CELLS 3

static const char *const pass_through[] = {
	"fsl,imx8mq-gpc",	 "fsl,imx7d-gpc",
	"nvidia,tegra210-ictlr", "nvidia,tegra186-ictlr",
	"nvidia,tegra124-ictlr", "mediatek,mt6577-sysirq",
};

static bool compatible_with(const void *fdt, int node, const char *const *list,
			    unsigned int num)
{
	unsigned int i;

	for (i = 0; i < num; i++)
		if (!fdt_node_check_compatible(fdt, node, list[i]))
			return true;
	return false;
}

/* A router whose GIC lines come from a set (see the top of the file). */
static bool owns_spi_set(const void *fdt, int node)
{
	return fdt_getprop(fdt, node, "ti,interrupt-ranges", NULL) ||
	       fdt_getprop(fdt, node, "amlogic,channel-interrupts", NULL) ||
	       fdt_getprop(fdt, node, "marvell,spi-ranges", NULL);
}

static bool has_own_interrupts(const void *fdt, int node)
{
	return fdt_getprop(fdt, node, "interrupts", NULL) ||
	       fdt_getprop(fdt, node, "interrupts-extended", NULL);
}

/*
 * Whether the SPI behind ctrl is one some node names on its own: ctrl or
 * the node it sits in demultiplexes its own interrupt (a PCIe host's INTx
 * controller sub-node, a GPIO bank), or ctrl, its interrupt parent or its
 * MSI parent picks from a set of SPIs.
 */
static bool covered(const struct dt_scan *s, int ctrl)
{
	const void *fdt = s->fdt;
	const fdt32_t *msi;
	int other, len;

	if (has_own_interrupts(fdt, ctrl) || owns_spi_set(fdt, ctrl))
		return true;
	other = dt_parent(fdt, &s->ix, ctrl);
	if (other > 0 && has_own_interrupts(fdt, other))
		return true;
	other = dt_irq_parent(fdt, &s->ix, ctrl);
	if (other >= 0 && other != s->gic &&
	    (has_own_interrupts(fdt, other) || owns_spi_set(fdt, other)))
		return true;
	msi = fdt_getprop(fdt, ctrl, "msi-parent", &len);
	if (msi && len >= 4) {
		other = dt_by_phandle(fdt, &s->ix, fdt32_to_cpu(msi[0]));
		if (other >= 0 && (owns_spi_set(fdt, other) ||
				   has_own_interrupts(fdt, other)))
			return true;
	}
	return false;
}

/*
 * The parent unit address cells of nexus's interrupt-map entries. The
 * Layerscape external IRQ blocks write their maps without them although
 * the GIC has #address-cells 2; Linux lists them as "imap abusers"
 * (drivers/of/irq.c) and reads them the same way.
 */
int dt_map_parent_addr_cells(const void *fdt, int nexus, int parent)
{
	static const char *const abusers[] = {
		"fsl,ls1021a-extirq",
		"fsl,ls1043a-extirq",
		"fsl,ls1088a-extirq",
	};

	if (compatible_with(fdt, nexus, abusers,
			    sizeof(abusers) / sizeof(abusers[0])))
		return 0;
	return dt_get_cells(fdt, parent, "#address-cells", 0);
}

/*
 * Whether ctrl (or the node it sits in, as HiSilicon's mbigen's children
 * do) turns interrupts into messages for a GICv3 ITS: LPIs, not SPIs.
 */
static bool sends_to_its(const struct dt_scan *s, int ctrl)
{
	const void *fdt = s->fdt;
	const fdt32_t *msi;
	int node, i, len, its;

	for (node = ctrl, i = 0; node > 0 && i < 2;
	     node = dt_parent(fdt, &s->ix, node), i++) {
		msi = fdt_getprop(fdt, node, "msi-parent", &len);
		if (!msi || len < 4)
			continue;
		its = dt_by_phandle(fdt, &s->ix, fdt32_to_cpu(msi[0]));
		return its >= 0 &&
		       !fdt_node_check_compatible(fdt, its, "arm,gic-v3-its");
	}
	return false;
}

/* PDC pin spec[0] as a GIC SPI specifier in out; false if unmapped. */
static bool pdc_to_gic(const void *fdt, int pdc, const fdt32_t *spec, int cells,
		       fdt32_t *out)
{
	const fdt32_t *r;
	uint32_t pin, base, spi, count;
	int len, i;

	r = fdt_getprop(fdt, pdc, "qcom,pdc-ranges", &len);
	if (!r || cells < 2)
		return false;
	pin = fdt32_to_cpu(spec[0]);
	for (i = 0; i + 3 <= len / 4; i += 3) {
		base = fdt32_to_cpu(r[i]);
		spi = fdt32_to_cpu(r[i + 1]);
		count = fdt32_to_cpu(r[i + 2]);
		if (pin >= base && pin - base < count) {
			out[0] = cpu_to_fdt32(GIC_SPI);
			out[1] = cpu_to_fdt32(spi + (pin - base));
			out[2] = spec[1];
			return true;
		}
	}
	return false;
}

/*
 * spec through the interrupt-map of nexus (no unit address cells): the
 * parent controller and its specifier; -1 if no entry matches.
 */
static int map_through(const struct dt_scan *s, int nexus, const fdt32_t *spec,
		       int cells, const fdt32_t **out, int *out_cells)
{
	const void *fdt = s->fdt;
	const fdt32_t *map, *mask;
	int len, mask_len, n, i, k, ctrl, pac = 0, pic = 0;
	uint32_t m;

	map = fdt_getprop(fdt, nexus, "interrupt-map", &len);
	mask = fdt_getprop(fdt, nexus, "interrupt-map-mask", &mask_len);
	if (!map || dt_get_cells(fdt, nexus, "#address-cells", 0) != 0)
		return -1;
	n = len / 4;
	for (i = 0; i + cells + 1 <= n; i += cells + 1 + pac + pic) {
		ctrl = dt_by_phandle(fdt, &s->ix, fdt32_to_cpu(map[i + cells]));
		if (ctrl < 0)
			return -1;
		pac = dt_map_parent_addr_cells(fdt, nexus, ctrl);
		pic = dt_get_cells(fdt, ctrl, "#interrupt-cells", 0);
		if (pac < 0 || pic < 0 || i + cells + 1 + pac + pic > n)
			return -1;
		for (k = 0; k < cells; k++) {
			m = mask && mask_len / 4 > k ? fdt32_to_cpu(mask[k]) :
						       ~0U;
			if ((fdt32_to_cpu(spec[k]) & m) !=
			    fdt32_to_cpu(map[i + k]))
				break;
		}
		if (k == cells) {
			*out = map + i + cells + 1 + pac;
			*out_cells = pic;
			return ctrl;
		}
	}
	return -1;
}

/*
 * Where the specifier spec (cells cells) of controller ctrl leads, in at
 * most MAX_HOPS controllers (a loop in a broken tree ends there).
 */
void dt_irq_resolve(const struct dt_scan *s, int ctrl, const fdt32_t *spec,
		    int cells, struct dt_irq *out)
{
	const void *fdt = s->fdt;
	fdt32_t pdc[GIC_SPEC_CELLS];
	int hop, intid, next;

	out->kind = DT_IRQ_UNTRANSLATED;
	out->via = -1;
	for (hop = 0; hop < MAX_HOPS && ctrl >= 0; hop++) {
		if (ctrl == s->gic) {
			intid = dt_gic_intid(spec, cells, GIC_SPI);
			out->kind = intid < 0 ? DT_IRQ_NOT_SPI : DT_IRQ_SPI;
			out->intid = intid < 0 ? 0 : intid;
			return;
		}
		if (out->via < 0)
			out->via = ctrl;
		if (compatible_with(fdt, ctrl, pass_through,
				    sizeof(pass_through) /
					    sizeof(pass_through[0]))) {
			ctrl = dt_irq_parent(fdt, &s->ix, ctrl);
			continue;
		}
		if (!fdt_node_check_compatible(fdt, ctrl, "qcom,pdc")) {
			if (!pdc_to_gic(fdt, ctrl, spec, cells, pdc))
				break;
			spec = pdc;
			cells = GIC_SPEC_CELLS;
			ctrl = dt_irq_parent(fdt, &s->ix, ctrl);
			continue;
		}
		if (sends_to_its(s, ctrl)) {
			out->kind = DT_IRQ_NOT_SPI;
			return;
		}
		if (covered(s, ctrl)) {
			out->kind = DT_IRQ_COVERED;
			return;
		}
		next = map_through(s, ctrl, spec, cells, &spec, &cells);
		if (next < 0)
			break;
		ctrl = next;
	}
	out->kind = DT_IRQ_UNTRANSLATED;
}

/* A property of <first count> pairs (INTIDs), or one SPI number a cell. */
static void note_ranges(struct dt_scan *s, struct fdt_device *dev,
			const fdt32_t *p, int cells, int stride, int first,
			int count, unsigned int add)
{
	uint32_t start, num, k;
	int i;

	for (i = 0; i + stride <= cells; i += stride) {
		start = fdt32_to_cpu(p[i + first]) + add;
		num = count < 0 ? 1 : fdt32_to_cpu(p[i + count]);
		for (k = 0; k < num && start + k < FDT_INTIDS; k++)
			dt_note_spi(s, dev, start + k);
	}
}

/*
 * The SPIs a router may pick at run time, all the root cell's: TI INTR
 * outputs (<in, INTID, count>), Amlogic channels (SPI numbers), Marvell
 * GICP and GIC MBI ranges (<INTID, count>).
 */
void dt_irq_controller_spis(struct dt_scan *s, int node, struct fdt_device *dev)
{
	const void *fdt = s->fdt;
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, "ti,interrupt-ranges", &len);
	if (p)
		note_ranges(s, dev, p, len / 4, 3, 1, 2, 0);
	p = fdt_getprop(fdt, node, "amlogic,channel-interrupts", &len);
	if (p)
		note_ranges(s, dev, p, len / 4, 1, 0, -1, 32);
	p = fdt_getprop(fdt, node, "marvell,spi-ranges", &len);
	if (p)
		note_ranges(s, dev, p, len / 4, 2, 0, 1, 0);
	p = fdt_getprop(fdt, node, "mbi-ranges", &len);
	if (p && node == s->gic)
		note_ranges(s, dev, p, len / 4, 2, 0, 1, 0);
}
