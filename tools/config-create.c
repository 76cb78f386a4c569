// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead config create: a system config for the machine a device tree
 * describes. Linux stays the root cell with everything the tree gives it;
 * the hypervisor and the GIC are left out of it as the validator demands,
 * and memory reserved for cells stays root RAM for cells to take.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config-board.h"
#include "config-model.h"
#include "fdt-scan.h"
#include "util.h"

/* INTID 25 (PPI 9): the maintenance interrupt the Arm BSA recommends. */
#define DEFAULT_MAINT_IRQ 25
#define RAM_FLAGS	  (BH_MEM_RWX | BH_MEM_DMA)
#define IO_FLAGS	  (BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO)

/* [start, end) */
struct span {
	uint64_t start, end;
};

/* A device region being assembled from nodes that share pages. */
struct dev_span {
	struct span s;
	const struct fdt_device *first, *last;
	unsigned int nodes;
	unsigned int spis[FDT_DEV_SPIS * 4];
	unsigned int num_spis;
};

struct creator {
	const struct fdt_platform *p;
	struct board_gic gic;
	struct model *m;
	FILE *diag; /* where warnings go */
	struct span excluded[FDT_MAX_RANGES + 2];
	unsigned int num_excluded;
};

static void warn(struct creator *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(struct creator *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(c->diag, "warning: ");
	va_start(ap, fmt);
	vfprintf(c->diag, fmt, ap);
	va_end(ap);
	fputc('\n', c->diag);
}

static uint64_t range_end(uint64_t start, uint64_t size)
{
	return start + size < start ? ~0ULL : start + size;
}

static bool spans_overlap(struct span a, struct span b)
{
	return a.start < b.end && b.start < a.end;
}

/* What the root cell must not map as RAM: Bulkhead's and no-map memory. */
static void collect_exclusions(struct creator *c)
{
	const struct fdt_platform *p = c->p;
	const struct fdt_range *r;
	unsigned int i;

	for (i = 0; i < p->num_reserved; i++) {
		r = &p->reserved[i];
		if (!r->no_map && (int)i != p->hv && (int)i != p->cells)
			continue;
		c->excluded[c->num_excluded].start = page_down(r->start);
		c->excluded[c->num_excluded].end =
			page_up(range_end(r->start, r->size));
		c->num_excluded++;
		if ((int)i == p->hv && !r->no_map)
			warn(c,
			     "/reserved-memory/%s has no 'no-map': Linux maps it and the driver will refuse it as hypervisor memory",
			     r->name);
		if ((int)i != p->hv && (int)i != p->cells)
			model_describe(
				c->m,
				"Left out of the root cell: /reserved-memory/%s [0x%llx-0x%llx] (no-map).",
				r->name, (unsigned long long)r->start,
				(unsigned long long)r->start + r->size - 1);
	}
}

/* A RAM range minus the exclusions, in whole pages, as regions. */
static int add_ram(struct creator *c, const struct fdt_range *ram)
{
	struct span pieces[FDT_MAX_RANGES * 2 + 1], ex;
	unsigned int n = 1, i, k;

	pieces[0].start = page_up(ram->start);
	pieces[0].end = page_down(range_end(ram->start, ram->size));
	for (k = 0; k < c->num_excluded; k++) {
		ex = c->excluded[k];
		for (i = 0; i < n; i++) {
			if (!spans_overlap(pieces[i], ex))
				continue;
			if (pieces[i].start < ex.start &&
			    ex.end < pieces[i].end &&
			    n < sizeof(pieces) / sizeof(pieces[0])) {
				pieces[n].start = ex.end;
				pieces[n++].end = pieces[i].end;
				pieces[i].end = ex.start;
			} else if (pieces[i].start < ex.start) {
				pieces[i].end = ex.start;
			} else {
				pieces[i].start = ex.end < pieces[i].end ?
							  ex.end :
							  pieces[i].end;
			}
		}
	}
	for (i = 0; i < n; i++) {
		if (pieces[i].end <= pieces[i].start)
			continue;
		if (model_add_region(c->m, pieces[i].start, pieces[i].start,
				     pieces[i].end - pieces[i].start, RAM_FLAGS,
				     "RAM that Linux uses (%s)", ram->name) < 0)
			return -1;
	}
	return 0;
}

static int add_cells_ram(struct creator *c)
{
	const struct fdt_range *r = &c->p->reserved[c->p->cells];

	model_describe(c->m, "Cells take their RAM from /reserved-memory/%s,",
		       r->name);
	model_describe(c->m, "which is root cell RAM until then.");
	return model_add_region(c->m, r->start, r->start, r->size, RAM_FLAGS,
				"RAM reserved for non-root cells (%s, %s)",
				r->name,
				r->no_map ? "no-map for Linux" :
					    "mapped by Linux!");
}

static int cmp_region(const void *a, const void *b)
{
	const struct model_region *x = a, *y = b;

	return x->mem.phys_start < y->mem.phys_start ?
		       -1 :
		       x->mem.phys_start > y->mem.phys_start;
}

static int cmp_dev(const void *a, const void *b)
{
	const struct fdt_device *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->size < y->size ? -1 : x->size > y->size;
}

static bool mergeable(const struct dev_span *d, const struct fdt_device *next,
		      struct span s)
{
	if (s.start < d->s.end)
		return true; /* they share a page */
	return s.start == d->s.end && !d->last->what && !next->what &&
	       d->last->disabled == next->disabled &&
	       !strcmp(d->last->compatible, next->compatible);
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

static void add_spis(struct dev_span *d, const struct fdt_device *dev)
{
	unsigned int i, k;

	for (i = 0; i < dev->num_spis; i++) {
		for (k = 0; k < d->num_spis && d->spis[k] != dev->spis[i]; k++)
			;
		if (k == d->num_spis &&
		    d->num_spis < sizeof(d->spis) / sizeof(d->spis[0]))
			d->spis[d->num_spis++] = dev->spis[i];
	}
}

/* One region for nodes that share pages or sit side by side alike. */
static int emit_device(struct creator *c, struct dev_span *d)
{
	const struct fdt_device *f = d->first;
	char what[256], irqs[48] = "";

	if (d->nodes > 1 && strcmp(f->name, d->last->name))
		snprintf(what, sizeof(what), "%s..%s: %u x %s", f->name,
			 d->last->name, d->nodes, f->compatible);
	else if (f->what)
		snprintf(what, sizeof(what), "%s of %s", f->what, f->name);
	else
		snprintf(what, sizeof(what), "%s (%s)", f->name,
			 *f->compatible ? f->compatible : "no compatible");
	if (d->num_spis) {
		qsort(d->spis, d->num_spis, sizeof(d->spis[0]), cmp_uint);
		strcpy(irqs, ", SPI ");
		format_list(irqs + strlen(irqs), sizeof(irqs) - strlen(irqs),
			    d->spis, d->num_spis);
	}
	return model_add_region(c->m, d->s.start, d->s.start,
				d->s.end - d->s.start, IO_FLAGS, "%s%s%s", what,
				irqs,
				f->disabled ? "; disabled in the DT" : "");
}

/* Whether the device's pages are RAM, Bulkhead's or the GIC's. */
static bool device_clashes(struct creator *c, const struct fdt_device *dev,
			   struct span s)
{
	const struct fdt_platform *p = c->p;
	struct span other;
	unsigned int i;

	for (i = 0; i < p->num_ram + c->num_excluded + 2; i++) {
		if (i < p->num_ram) {
			other.start = p->ram[i].start;
			other.end = range_end(p->ram[i].start, p->ram[i].size);
		} else if (i < p->num_ram + c->num_excluded) {
			other = c->excluded[i - p->num_ram];
		} else if (i == p->num_ram + c->num_excluded) {
			other.start = p->gic.gicd;
			other.end = range_end(p->gic.gicd, p->gic.gicd_size);
		} else {
			other.start = p->gic.gicr;
			other.end = range_end(p->gic.gicr, p->gic.gicr_size);
		}
		if (spans_overlap(s, other)) {
			warn(c,
			     "%s [0x%llx-0x%llx] overlaps RAM, reserved memory or the GIC: left out",
			     dev->name, (unsigned long long)s.start,
			     (unsigned long long)(s.end - 1));
			return true;
		}
	}
	return false;
}

static int add_devices(struct creator *c)
{
	const struct fdt_platform *p = c->p;
	struct fdt_device *devs;
	struct dev_span d = { .nodes = 0 };
	struct span s;
	unsigned int i;
	int ret = 0;

	devs = malloc(sizeof(*devs) * (p->num_devices + 1));
	if (!devs)
		return -1;
	memcpy(devs, p->devices, sizeof(*devs) * p->num_devices);
	qsort(devs, p->num_devices, sizeof(*devs), cmp_dev);
	for (i = 0; i < p->num_devices && !ret; i++) {
		if (!devs[i].size)
			continue;
		s.start = page_down(devs[i].start);
		s.end = page_up(range_end(devs[i].start, devs[i].size));
		if (device_clashes(c, &devs[i], s))
			continue;
		if (d.nodes && mergeable(&d, &devs[i], s)) {
			if (s.end > d.s.end)
				d.s.end = s.end;
			d.last = &devs[i];
			d.nodes++;
			add_spis(&d, &devs[i]);
			continue;
		}
		if (d.nodes)
			ret = emit_device(c, &d) < 0;
		memset(&d, 0, sizeof(d));
		d.s = s;
		d.first = d.last = &devs[i];
		d.nodes = 1;
		add_spis(&d, &devs[i]);
	}
	if (d.nodes && !ret)
		ret = emit_device(c, &d) < 0;
	free(devs);
	return ret ? -1 : 0;
}

static void add_interrupts(struct creator *c)
{
	unsigned int id;

	for (id = 32; id < FDT_INTIDS; id++)
		if (fdt_has_spi(c->p, id) &&
		    model_add_irq(c->m, c->p->gic.gicd, id) < 0)
			warn(c,
			     "INTID %u: the root cell can own SPIs up to %u only: left out",
			     id, MODEL_LAST_INTID);
}

static void fill_header(struct creator *c)
{
	const struct fdt_platform *p = c->p;
	const struct fdt_range *hv = &p->reserved[p->hv];
	struct bh_system *sys = &c->m->sys;

	sys->hypervisor_memory.phys_start = hv->start;
	sys->hypervisor_memory.size = hv->size;
	/* What the validator does not support yet, it names below. */
	sys->platform.arm64.gic_version = p->gic.version;
	sys->platform.arm64.gicd_base = p->gic.gicd;
	sys->platform.arm64.gicr_base = c->gic.gicr;
	sys->platform.arm64.gicc_base = c->gic.gicc;
	sys->platform.arm64.gich_base = c->gic.gich;
	sys->platform.arm64.gicv_base = c->gic.gicv;
	sys->platform.arm64.gits_base = c->gic.gits;
	sys->platform.arm64.maintenance_irq = p->gic.maintenance_irq;
	if (!p->gic.maintenance_irq) {
		sys->platform.arm64.maintenance_irq = DEFAULT_MAINT_IRQ;
		warn(c,
		     "%s names no maintenance interrupt: assuming INTID %u (PPI 9)",
		     p->gic.name, DEFAULT_MAINT_IRQ);
	}
	if (p->gic.num_gicr_regions > 1)
		warn(c,
		     "%s: %u adjacent redistributor regions, described as one of 0x%llx bytes",
		     p->gic.name, p->gic.num_gicr_regions,
		     (unsigned long long)c->gic.gicr_size);
	if (c->gic.gits)
		warn(c,
		     "%s is a GICv3 ITS (Linux's PCIe MSIs go through it): platform.arm64.gits_base 0x%llx; the hypervisor keeps it for the root cell from enable on, and 'bulkhead disable' is refused until the machine restarts",
		     p->gic.its[0].name, (unsigned long long)c->gic.gits);
	if (p->console.found && p->console.pl011 && p->console.address) {
		sys->debug_console.type = BH_CON_PL011;
		sys->debug_console.address = p->console.address;
		sys->debug_console.size = p->console.size > MODEL_PAGE_SIZE ?
						  MODEL_PAGE_SIZE :
						  p->console.size;
	} else if (p->console.found) {
		warn(c,
		     "the console %s (%s) is not a PL011: the hypervisor gets no console",
		     p->console.path, p->console.compatible);
	} else {
		warn(c,
		     "/chosen has no stdout-path: the hypervisor gets no console");
	}
}

static void describe(struct creator *c, const char *dtb)
{
	const struct fdt_platform *p = c->p;

	model_describe(
		c->m,
		"System config for \"%s\", written by `bulkhead config create`",
		p->model);
	model_describe(c->m, "from %s. Review it before use.", dtb);
	model_describe(c->m, "%s", "");
	model_describe(c->m, "%u CPUs, GICv%u %s, debug console %s,",
		       p->num_cpus, p->gic.version, p->gic.name,
		       c->m->sys.debug_console.type ? p->console.path : "none");
	model_describe(c->m, "hypervisor memory /reserved-memory/%s.",
		       p->reserved[p->hv].name);
	model_describe(
		c->m,
		"Linux keeps its RAM and every device the tree describes, also");
	model_describe(c->m,
		       "disabled ones (for cells), and every SPI a node names.");
	model_describe(
		c->m,
		"Hypervisor memory and the GIC are left out of the root cell.");
}

/* The root cell's name: the machine's model, made a valid cell name. */
static void default_name(char *name, const char *model)
{
	unsigned int i;

	for (i = 0; i < BH_CELL_NAME_LEN - 1 && model[i]; i++)
		name[i] =
			(model[i] >= 'a' && model[i] <= 'z') ||
					(model[i] >= 'A' && model[i] <= 'Z') ||
					(model[i] >= '0' && model[i] <= '9') ||
					model[i] == '-' || model[i] == '_' ?
				model[i] :
				'-';
	name[i] = '\0';
	if (!i)
		strcpy(name, "root");
}

static int build(struct model *m, const struct fdt_platform *p,
		 const struct board_gic *gic, const char *dtb, const char *name,
		 FILE *diag)
{
	struct creator c = { .p = p, .gic = *gic, .m = m, .diag = diag };
	char dflt[BH_CELL_NAME_LEN];
	unsigned int i;

	if (!name)
		default_name(dflt, p->model);
	model_init(m, true, name ? name : dflt);
	fill_header(&c);
	describe(&c, dtb);
	for (i = 0; i < p->num_cpus; i++)
		model_set_cpu(m, i);
	collect_exclusions(&c);
	for (i = 0; i < p->num_ram; i++)
		if (add_ram(&c, &p->ram[i]))
			goto too_many;
	if (p->cells >= 0 && add_cells_ram(&c) < 0)
		goto too_many;
	qsort(m->regions, m->num_regions, sizeof(m->regions[0]), cmp_region);
	if (add_devices(&c))
		goto too_many;
	add_interrupts(&c);
	board_report_gaps(p, diag, "warning: ");
	if (p->dropped)
		warn(&c,
		     "%u device tree entries beyond this tool's limits left out",
		     p->dropped);
	return 0;

too_many:
	fprintf(diag, "%s: %s: more than %d memory regions\n", progname, dtb,
		MODEL_MAX_REGIONS);
	return -1;
}

/*
 * The system config for the device tree fdt (checked by fdt_load()) from
 * file dtb, named name (NULL: after the machine's model), into m; p is
 * scratch space. Warnings and why it failed go to diag.
 */
int create_system_model(struct model *m, struct fdt_platform *p,
			const void *fdt, const char *dtb, const char *name,
			FILE *diag)
{
	struct board_gic gic;

	fdt_scan(fdt, p);
	if (board_check(p, dtb, diag, &gic))
		return -1;
	return build(m, p, &gic, dtb, name, diag);
}

static const char create_usage[] =
	"Usage: bulkhead config create [--dtb FILE] [--name NAME] [-o OUT]\n\n"
	"Writes a system config for the machine a flattened device tree\n"
	"describes, as C source for configs/cells/ (or, if OUT ends in .cell,\n"
	"as the binary config itself). Linux becomes the root cell on all CPUs\n"
	"with the device tree's RAM minus /reserved-memory, every MMIO device\n"
	"(disabled ones too, so cells can take them) and every SPI the tree\n"
	"names. The hypervisor runs from /reserved-memory/" FDT_HV_NODE "@...\n"
	"(no-map); /reserved-memory/" FDT_CELLS_NODE
	"@... becomes root RAM that\n"
	"cells take from. The debug console is /chosen's stdout-path (PL011).\n\n"
	"  --dtb FILE   device tree blob (default: /sys/firmware/fdt, this machine)\n"
	"  --name NAME  root cell name (default: from the tree's model)\n"
	"  -o OUT       output file (default: standard output)\n\n"
	"The config is validated before it is written; on errors nothing is\n"
	"written. Exit status: 0 written, 1 failure, 2 usage error.\n";

int cmd_config_create(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dtb", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dtb = "/sys/firmware/fdt", *name = NULL, *out = NULL;
	struct fdt_platform *p;
	struct model *m;
	size_t size;
	void *fdt;
	int c, ret = EXIT_FAIL;

	if (wants_help(argc, argv))
		return fputs(create_usage, stdout), EXIT_OK;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:n:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dtb = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			fputs(create_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(create_usage, stderr);
		return EXIT_USAGE;
	}
	fdt = fdt_load(dtb, &size);
	if (!fdt)
		return EXIT_FAIL;
	p = malloc(sizeof(*p));
	m = malloc(sizeof(*m));
	if (!p || !m)
		goto out;
	if (create_system_model(m, p, fdt, dtb, name, stderr))
		goto out;
	ret = write_model(m, out, "generated system config", p->num_cpus, NULL,
			  NULL);
	if (ret == EXIT_OK)
		board_next_steps(p, stderr);
out:
	free(m);
	free(p);
	free(fdt);
	return ret;
}
