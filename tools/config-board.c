// SPDX-License-Identifier: GPL-2.0
/*
 * What `config create` needs of a board's device tree before it can write
 * a system config, and what it tells the user afterwards: a GIC with the
 * registers a hypervisor needs, one redistributor region and at most one
 * ITS (all the config can describe), hypervisor and cell memory inside
 * RAM; then the steps from the config to a running root cell. The
 * validator (lib/) rules on the config itself: the GIC version it
 * supports, the ITS, the CPU limit, the IPA limit, root RAM.
 */
#include <string.h>

#include "config-board.h"
#include "util.h"

static void board_error(FILE *diag, const char *dtb, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void board_error(FILE *diag, const char *dtb, const char *fmt, ...)
{
	va_list ap;

	fprintf(diag, "%s: %s: ", progname, dtb);
	va_start(ap, fmt);
	vfprintf(diag, fmt, ap);
	va_end(ap);
	fputc('\n', diag);
}

static uint64_t end_of(uint64_t start, uint64_t size)
{
	return start + size < start ? ~0ULL : start + size;
}

/*
 * The redistributor regions as one, if they follow each other without a
 * gap: the config has one gicr_base, and the hypervisor finds CPU n's
 * frames at gicr_base + n * 128 KiB.
 */
static bool one_gicr_range(const struct fdt_gic *g, uint64_t *size)
{
	uint64_t end =
		end_of(g->gicr_regions[0].start, g->gicr_regions[0].size);
	unsigned int i;

	for (i = 1; i < g->num_gicr_regions; i++) {
		if (g->gicr_regions[i].start != end)
			return false;
		end = end_of(g->gicr_regions[i].start, g->gicr_regions[i].size);
	}
	*size = end - g->gicr_regions[0].start;
	return true;
}

static int check_gicv3(const struct fdt_platform *p, const char *dtb,
		       FILE *diag, struct board_gic *out)
{
	const struct fdt_gic *g = &p->gic;

	if (!g->gicd || !g->num_gicr_regions) {
		board_error(diag, dtb,
			    "%s: the GICv3 node has no distributor and redistributor in 'reg'",
			    g->name);
		return -1;
	}
	out->gicr_size = g->gicr_regions[0].size;
	if (g->num_gicr_regions > 1 && !one_gicr_range(g, &out->gicr_size)) {
		board_error(diag, dtb,
			    "%s: %u redistributor regions apart from each other (#redistributor-regions): a Bulkhead config holds one (platform.arm64.gicr_base)",
			    g->name, g->num_gicr_regions);
		return -1;
	}
	if (g->gicr_stride && g->gicr_stride != 0x20000) {
		board_error(diag, dtb,
			    "%s: redistributor-stride 0x%llx: Bulkhead expects two 64 KiB frames per CPU (0x20000)",
			    g->name, (unsigned long long)g->gicr_stride);
		return -1;
	}
	if (g->num_its > 1) {
		board_error(diag, dtb,
			    "%s: %u enabled GICv3 ITS nodes: a Bulkhead config holds one (platform.arm64.gits_base); disable the others (status = \"disabled\")",
			    g->name, g->num_its);
		return -1;
	}
	out->gicr = g->gicr;
	if (g->num_its)
		out->gits = g->its[0].start;
	return 0;
}

static int check_gicv2(const struct fdt_platform *p, const char *dtb,
		       FILE *diag, struct board_gic *out)
{
	const struct fdt_gic *g = &p->gic;

	if (!g->gicd || !g->gicc) {
		board_error(diag, dtb,
			    "%s: the GICv2 node has no distributor and CPU interface in 'reg'",
			    g->name);
		return -1;
	}
	if (!g->gich || !g->gicv) {
		board_error(diag, dtb,
			    "%s (%s): 'reg' names no virtualization extension (GICH, GICV): this GIC cannot be virtualized",
			    g->name, g->compatible);
		return -1;
	}
	out->gicc = g->gicc;
	out->gich = g->gich;
	out->gicv = g->gicv;
	return 0;
}

static bool inside_ram(const struct fdt_platform *p, const struct fdt_range *r)
{
	unsigned int i;

	for (i = 0; i < p->num_ram; i++)
		if (r->start >= p->ram[i].start &&
		    end_of(r->start, r->size) <=
			    end_of(p->ram[i].start, p->ram[i].size))
			return true;
	return false;
}

static int check_memory(const struct fdt_platform *p, const char *dtb,
			FILE *diag)
{
	const struct fdt_range *r;
	int ret = 0, i, which[2] = { p->hv, p->cells };

	for (i = 0; i < 2; i++) {
		if (which[i] < 0)
			continue;
		r = &p->reserved[which[i]];
		if (inside_ram(p, r))
			continue;
		board_error(diag, dtb,
			    "/reserved-memory/%s [0x%llx-0x%llx] is not inside one memory node's RAM: %s",
			    r->name, (unsigned long long)r->start,
			    (unsigned long long)(end_of(r->start, r->size) - 1),
			    i ? "cells would get memory that is not RAM" :
				"the hypervisor must run from RAM");
		ret = -1;
	}
	return ret;
}

int board_check(const struct fdt_platform *p, const char *dtb, FILE *diag,
		struct board_gic *out)
{
	memset(out, 0, sizeof(*out));
	if (p->out_of_memory) {
		board_error(diag, dtb, "out of memory while reading the tree");
		return -1;
	}
	if (p->gic.version == 3 && check_gicv3(p, dtb, diag, out))
		return -1;
	if (p->gic.version == 2 && check_gicv2(p, dtb, diag, out))
		return -1;
	if (!p->gic.version) {
		board_error(
			diag, dtb,
			"no GIC found (compatible \"arm,gic-v3\", or a GICv2: \"arm,gic-400\", \"arm,cortex-a15-gic\", \"qcom,msm-qgic2\", ...): Bulkhead needs one");
		return -1;
	}
	if (p->hv < 0) {
		board_error(
			diag, dtb,
			"no /reserved-memory/" FDT_HV_NODE
			"@ADDR node: reserve 'no-map' memory for the hypervisor in the device tree first");
		return -1;
	}
	if (!p->num_cpus) {
		board_error(diag, dtb, "no CPU in /cpus");
		return -1;
	}
	if (!p->num_ram) {
		board_error(
			diag, dtb,
			"no memory node with a 'reg' (the boot loader may fill it in: pass the tree the kernel booted with, /sys/firmware/fdt)");
		return -1;
	}
	if (check_memory(p, dtb, diag))
		return -1;
	if (p->devices_dropped) {
		board_error(diag, dtb,
			    "more than %u device regions, this tool's limit: a config without some of them would stop Linux where it touches them",
			    FDT_MAX_DEVICES);
		return -1;
	}
	return 0;
}

/* The interrupts the scan could not trace to an SPI, by controller. */
void board_report_gaps(const struct fdt_platform *p, FILE *out,
		       const char *prefix)
{
	unsigned int i;

	for (i = 0; i < p->num_gaps; i++)
		fprintf(out,
			"%s%u interrupt%s behind %s (%s) not traced to a GIC SPI: if Linux needs %s, add %s SPI%s to the root cell's irqchips by hand\n",
			prefix, p->gaps[i].count,
			p->gaps[i].count == 1 ? "" : "s", p->gaps[i].controller,
			*p->gaps[i].compatible ? p->gaps[i].compatible :
						 "no compatible",
			p->gaps[i].count == 1 ? "it" : "them",
			p->gaps[i].count == 1 ? "its" : "their",
			p->gaps[i].count == 1 ? "" : "s");
}

void board_next_steps(const struct fdt_platform *p, FILE *out)
{
	const struct fdt_range *hv = &p->reserved[p->hv];
	unsigned int i, disabled = 0;
	char size[32];

	format_size(size, sizeof(size), hv->size);
	fprintf(out, "next steps:\n");
	fprintf(out,
		"  1. boot Linux with this device tree: /reserved-memory/%s (%s at 0x%llx, no-map) keeps Linux off the hypervisor's memory\n",
		hv->name, size, (unsigned long long)hv->start);
	if (p->cells >= 0) {
		format_size(size, sizeof(size), p->reserved[p->cells].size);
		fprintf(out,
			"     and /reserved-memory/%s (%s) holds the cells' RAM\n",
			p->reserved[p->cells].name, size);
	} else {
		fprintf(out,
			"     and reserve RAM for cells too: /reserved-memory/" FDT_CELLS_NODE
			"@ADDR { reg = <...>; no-map; }\n");
	}
	fprintf(out,
		"  2. add kvm-arm.mode=none to the kernel command line (and id_aa64mmfr1.vh=0 on a CPU with VHE)\n");
	for (i = 0; i < p->num_devices; i++)
		disabled += p->devices[i].disabled && !p->devices[i].what;
	fprintf(out,
		"  3. a device for a cell must be status = \"disabled\" in this tree (%u device region%s are now), or unbound in Linux before 'cell create'\n",
		disabled, disabled == 1 ? "" : "s");
	fprintf(out,
		"  4. check it there: bulkhead hardware check; then bulkhead enable CONFIG.cell\n");
}
