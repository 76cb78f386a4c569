// SPDX-License-Identifier: GPL-2.0
/*
 * Reads what Bulkhead needs from a flattened device tree (fdt-scan.h) with
 * libfdt: the CPUs, RAM, /reserved-memory, the GIC and the console here,
 * the devices and their interrupts in fdt-devices.c.
 */
#include <stdio.h>
#include <string.h>

#include "fdt-internal.h"

static void scan_cpus(struct dt_scan *s)
{
	const void *fdt = s->fdt;
	int cpus = fdt_path_offset(fdt, "/cpus"), node, ac;
	const fdt32_t *reg;
	const char *type;
	int len;

	if (cpus < 0)
		return;
	ac = fdt_address_cells(fdt, cpus);
	fdt_for_each_subnode(node, fdt, cpus)
	{
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (!type || strcmp(type, "cpu") || dt_disabled(fdt, node))
			continue;
		if (s->p->num_cpus == FDT_MAX_CPUS) {
			s->p->dropped++;
			continue;
		}
		reg = fdt_getprop(fdt, node, "reg", &len);
		s->p->mpidr[s->p->num_cpus++] =
			reg && ac >= 1 && ac <= 2 && len >= ac * 4 ?
				dt_read_cells(reg, ac) :
				0;
	}
}

static void add_range(struct fdt_platform *p, struct fdt_range *list,
		      unsigned int *num, const struct fdt_range *r)
{
	if (*num == FDT_MAX_RANGES) {
		p->dropped++;
		return;
	}
	list[(*num)++] = *r;
}

static void scan_memory(struct dt_scan *s)
{
	const void *fdt = s->fdt;
	struct fdt_range regs[16];
	const char *type;
	int node, n, i;

	fdt_for_each_subnode(node, fdt, 0)
	{
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (!type || strcmp(type, "memory") || dt_disabled(fdt, node))
			continue;
		n = dt_regs_ix(fdt, &s->ix, node, regs, 16);
		for (i = 0; i < n; i++) {
			dt_copy_name(regs[i].name,
				     fdt_get_name(fdt, node, NULL));
			add_range(s->p, s->p->ram, &s->p->num_ram, &regs[i]);
		}
	}
}

static void scan_reserved(struct dt_scan *s)
{
	const void *fdt = s->fdt;
	int rsv = fdt_path_offset(fdt, "/reserved-memory"), node, n, i;
	struct fdt_platform *p = s->p;
	struct fdt_range regs[4];
	const char *name;

	if (rsv < 0)
		return;
	fdt_for_each_subnode(node, fdt, rsv)
	{
		if (dt_disabled(fdt, node))
			continue;
		name = fdt_get_name(fdt, node, NULL);
		n = dt_regs_ix(fdt, &s->ix, node, regs, 4);
		for (i = 0; i < n; i++) {
			dt_copy_name(regs[i].name, name);
			regs[i].no_map =
				fdt_getprop(fdt, node, "no-map", NULL) != NULL;
			if (!strncmp(name, FDT_HV_NODE, strlen(FDT_HV_NODE)) &&
			    p->hv < 0)
				p->hv = p->num_reserved;
			else if (!strncmp(name, FDT_CELLS_NODE,
					  strlen(FDT_CELLS_NODE)) &&
				 p->cells < 0)
				p->cells = p->num_reserved;
			add_range(p, p->reserved, &p->num_reserved, &regs[i]);
		}
	}
}

/* Compatibles of a GICv2: GIC-400, the Cortex-A15/A9/A7 GICs, Qualcomm's. */
static const char *const gicv2_compatibles[] = {
	"arm,gic-400",	     "arm,cortex-a15-gic", "arm,cortex-a9-gic",
	"arm,cortex-a7-gic", "arm,gic-v2",	   "qcom,msm-qgic2",
};

/* The GICv3 ITS nodes under the GIC (arm,gic-v3 binding). */
static void scan_its(struct dt_scan *s, int gic)
{
	const void *fdt = s->fdt;
	struct fdt_gic *g = &s->p->gic;
	struct fdt_range reg;
	int node;

	fdt_for_each_subnode(node, fdt, gic)
	{
		if (fdt_node_check_compatible(fdt, node, "arm,gic-v3-its"))
			continue;
		if (dt_disabled(fdt, node)) {
			g->num_its_disabled++;
			continue;
		}
		if (g->num_its == FDT_MAX_ITS) {
			s->p->dropped++;
			continue;
		}
		if (dt_regs_ix(fdt, &s->ix, node, &reg, 1) != 1)
			memset(&reg, 0, sizeof(reg));
		dt_copy_name(reg.name, fdt_get_name(fdt, node, NULL));
		g->its[g->num_its++] = reg;
	}
}

/* GICv3 `reg`: GICD, then #redistributor-regions GICR regions, then more. */
static void scan_gicv3(struct dt_scan *s, int node)
{
	const void *fdt = s->fdt;
	struct fdt_gic *g = &s->p->gic;
	struct fdt_range regs[FDT_MAX_GICR + 1];
	unsigned int i, want;
	const fdt32_t *st;
	int n, len;

	g->version = 3;
	dt_copy_name(g->compatible, "arm,gic-v3");
	n = dt_regs_ix(fdt, &s->ix, node, regs, FDT_MAX_GICR + 1);
	want = dt_get_u32(fdt, node, "#redistributor-regions", 1, 1);
	if (n >= 1) {
		g->gicd = regs[0].start;
		g->gicd_size = regs[0].size;
	}
	for (i = 0; i < want && i + 1 < (unsigned int)(n > 0 ? n : 0); i++)
		g->gicr_regions[g->num_gicr_regions++] = regs[i + 1];
	if (want > FDT_MAX_GICR)
		s->p->dropped++;
	if (g->num_gicr_regions) {
		g->gicr = g->gicr_regions[0].start;
		g->gicr_size = g->gicr_regions[0].size;
	}
	st = fdt_getprop(fdt, node, "redistributor-stride", &len);
	if (st && (len == 4 || len == 8))
		g->gicr_stride = dt_read_cells(st, len / 4);
	scan_its(s, node);
}

/* GICv2 `reg`: GICD, GICC, and with the virtualization extensions GICH, GICV. */
static void scan_gicv2(struct dt_scan *s, int node)
{
	struct fdt_gic *g = &s->p->gic;
	struct fdt_range regs[4];
	int n;

	g->version = 2;
	n = dt_regs_ix(s->fdt, &s->ix, node, regs, 4);
	if (n >= 1) {
		g->gicd = regs[0].start;
		g->gicd_size = regs[0].size;
	}
	if (n >= 2) {
		g->gicc = regs[1].start;
		g->gicc_size = regs[1].size;
	}
	if (n >= 4) {
		g->gich = regs[2].start;
		g->gicv = regs[3].start;
	}
}

static void scan_gic(struct dt_scan *s)
{
	const void *fdt = s->fdt;
	struct fdt_gic *g = &s->p->gic;
	const fdt32_t *irq;
	unsigned int i;
	int node, len;

	node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	if (node >= 0) {
		scan_gicv3(s, node);
	} else {
		for (i = 0; i < sizeof(gicv2_compatibles) /
					    sizeof(gicv2_compatibles[0]) &&
			    node < 0;
		     i++)
			node = fdt_node_offset_by_compatible(fdt, -1,
							     gicv2_compatibles
								     [i]);
		if (node < 0)
			return;
		scan_gicv2(s, node);
		dt_copy_name(g->compatible, gicv2_compatibles[i - 1]);
	}
	s->gic = node;
	dt_copy_name(g->name, fdt_get_name(fdt, node, NULL));
	irq = fdt_getprop(fdt, node, "interrupts", &len);
	if (irq && dt_gic_intid(irq, len / 4, GIC_PPI) > 0)
		g->maintenance_irq = dt_gic_intid(irq, len / 4, GIC_PPI);
}

/* /chosen stdout-path: "/pl011@9000000" or "serial0:115200n8". */
static void scan_console(struct dt_scan *s)
{
	const void *fdt = s->fdt;
	struct fdt_console *c = &s->p->console;
	int chosen = fdt_path_offset(fdt, "/chosen"), node, len;
	struct fdt_range reg;
	const char *path, *full;

	if (chosen < 0)
		return;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path)
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!path || len < 1 || path[len - 1])
		return;
	len = strcspn(path, ":");
	full = path;
	if (path[0] != '/') {
		/*
		 * An alias is a full path (Devicetree spec 3.3). libfdt would
		 * resolve one that is not as an alias again, without end for
		 * serial0 = "serial0": take full paths only.
		 */
		full = fdt_get_alias_namelen(fdt, path, len);
		if (!full || full[0] != '/')
			return;
		len = strlen(full);
	}
	node = fdt_path_offset_namelen(fdt, full, len);
	if (node < 0)
		return;
	c->found = true;
	snprintf(c->path, sizeof(c->path), "%.*s", len, full);
	dt_copy_name(c->compatible, dt_compatible(fdt, node));
	c->pl011 = !fdt_node_check_compatible(fdt, node, "arm,pl011") ||
		   !fdt_node_check_compatible(fdt, node, "arm,sbsa-uart");
	if (dt_regs_ix(fdt, &s->ix, node, &reg, 1) == 1) {
		c->address = reg.start;
		c->size = reg.size;
	}
}

int fdt_scan(const void *fdt, struct fdt_platform *p)
{
	struct dt_scan s = { .fdt = fdt, .p = p, .gic = -1 };
	const char *model;

	memset(p, 0, sizeof(*p));
	p->hv = -1;
	p->cells = -1;
	if (dt_index_build(fdt, &s.ix)) {
		p->out_of_memory = true;
		return -1;
	}
	model = fdt_getprop(fdt, 0, "model", NULL);
	dt_copy_name(p->model, model ? model : dt_compatible(fdt, 0));
	scan_gic(&s);
	scan_cpus(&s);
	scan_memory(&s);
	scan_reserved(&s);
	scan_console(&s);
	dt_scan_devices(&s);
	dt_index_free(&s.ix);
	return 0;
}
