// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead config create-cell: a non-root cell config from options, laid
 * out like configs/cells/qemu-cell-a.h: loadable RAM where a bare-metal
 * inmate expects it, the communication region, passthrough devices with
 * their interrupts, and a console.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/comm-region.h>

#include "config.h"
#include "config-model.h"
#include "util.h"

/* Inmates see their RAM, and start, at QEMU virt's RAM base. */
#define INMATE_RAM_IPA 0x40000000ULL
#define MAX_DEVICES    32
#define IO_FLAGS       (BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO)

struct cell_opts {
	const char *name, *out, *system;
	uint8_t cpus[MODEL_CPU_BYTES];
	uint64_t ram_size, ram_phys;
	bool have_phys, have_cpus, have_gicd;
	uint64_t gicd;
	struct {
		uint64_t addr, size;
		unsigned int irq; /* INTID, 0 for none */
	} dev[MAX_DEVICES];
	unsigned int num_dev;
	int console; /* CON_* */
	uint64_t console_addr;
	struct bh_system *sys; /* loaded from --system */
	size_t sys_size;
};

enum { CON_VIRTUAL, CON_NONE, CON_PL011 };

static const char usage[] =
	"Usage: bulkhead config create-cell --name NAME --cpus LIST --mem SIZE[@PHYS]\n"
	"           [--device ADDR,SIZE[,IRQ]]... [--console ADDR|virtual|none]\n"
	"           [--system SYSTEM.cell | --gicd ADDR] [-o OUT]\n\n"
	"Writes a non-root cell config as C source for configs/cells/ (or, if\n"
	"OUT ends in .cell, as the binary config): SIZE bytes of RAM at\n"
	"physical PHYS, seen by the cell at 0x40000000, where 'bulkhead cell\n"
	"load' puts the image and the CPUs start; the communication region in\n"
	"the page after the RAM (PHYS + SIZE); each device's pages mapped 1:1\n"
	"with its interrupt.\n\n"
	"  --name NAME        cell name (up to 31 printable characters)\n"
	"  --cpus LIST        its CPUs, as \"3\" or \"2-3,5\"\n"
	"  --mem SIZE[@PHYS]  RAM size (K, M, G suffixes) and physical base; without\n"
	"                     @PHYS the C template asks for it (#error)\n"
	"  --device ADDR,SIZE[,IRQ]  a passthrough device; IRQ is its INTID\n"
	"                     (SPI n is INTID 32 + n)\n"
	"  --console ADDR     a PL011 at ADDR (mapped if no --device holds it)\n"
	"  --console virtual  print through the hypervisor (the default)\n"
	"  --console none     no console\n"
	"  --system FILE      the system config: the GIC distributor for IRQs, and\n"
	"                     check that the cell fits it\n"
	"  --gicd ADDR        the GIC distributor, without a system config\n"
	"  -o OUT             output file (default: standard output)\n\n"
	"The config is validated before it is written; on errors nothing is\n"
	"written. Exit status: 0 written, 1 failure, 2 usage error.\n";

static int bad(const char *opt, const char *arg, const char *why)
{
	fprintf(stderr, "%s: config create-cell: %s '%s': %s\n", progname, opt,
		arg, why);
	return -1;
}

static int parse_mem(struct cell_opts *o, const char *arg)
{
	char size[32], *at;

	snprintf(size, sizeof(size), "%s", arg);
	at = strchr(size, '@');
	if (at)
		*at = '\0';
	if (parse_size(size, &o->ram_size) || !o->ram_size)
		return bad("--mem", arg,
			   "expected SIZE[@PHYS], e.g. 16M@0x7b800000");
	if (at && parse_u64(at + 1, &o->ram_phys))
		return bad("--mem", arg, "PHYS is not an address");
	o->have_phys = at != NULL;
	return 0;
}

static int parse_device(struct cell_opts *o, const char *arg)
{
	char buf[96], *size, *irq;
	uint64_t v;

	if (o->num_dev == MAX_DEVICES)
		return bad("--device", arg, "too many devices");
	snprintf(buf, sizeof(buf), "%s", arg);
	size = strchr(buf, ',');
	if (!size)
		return bad("--device", arg, "expected ADDR,SIZE[,IRQ]");
	*size++ = '\0';
	irq = strchr(size, ',');
	if (irq)
		*irq++ = '\0';
	if (parse_u64(buf, &o->dev[o->num_dev].addr) ||
	    parse_size(size, &o->dev[o->num_dev].size) ||
	    !o->dev[o->num_dev].size)
		return bad("--device", arg, "expected ADDR,SIZE[,IRQ]");
	if (irq && (parse_u64(irq, &v) || v < 32 || v > MODEL_LAST_INTID))
		return bad("--device", arg,
			   "IRQ must be the INTID of an SPI (32 or more)");
	o->dev[o->num_dev++].irq = irq ? v : 0;
	return 0;
}

static int parse_console(struct cell_opts *o, const char *arg)
{
	if (!strcmp(arg, "virtual"))
		o->console = CON_VIRTUAL;
	else if (!strcmp(arg, "none"))
		o->console = CON_NONE;
	else if (!parse_u64(arg, &o->console_addr))
		o->console = CON_PL011;
	else
		return bad("--console", arg, "expected ADDR, virtual or none");
	return 0;
}

static int parse_opts(struct cell_opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "mem", required_argument, NULL, 'm' },
		{ "device", required_argument, NULL, 'd' },
		{ "console", required_argument, NULL, 'C' },
		{ "system", required_argument, NULL, 's' },
		{ "gicd", required_argument, NULL, 'g' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int c, err = 0;

	optind = 1;
	while (!err && (c = getopt_long(argc, argv, "n:c:m:d:C:s:g:o:", opts,
					NULL)) != -1) {
		switch (c) {
		case 'n':
			o->name = optarg;
			break;
		case 'c':
			o->have_cpus = true;
			if (parse_cpu_list(optarg, o->cpus,
					   sizeof(o->cpus) * 8))
				err = bad("--cpus", optarg,
					  "expected a list like 3 or 2-3,5");
			break;
		case 'm':
			err = parse_mem(o, optarg);
			break;
		case 'd':
			err = parse_device(o, optarg);
			break;
		case 'C':
			err = parse_console(o, optarg);
			break;
		case 's':
			o->system = optarg;
			break;
		case 'g':
			o->have_gicd = true;
			if (parse_u64(optarg, &o->gicd))
				err = bad("--gicd", optarg, "not an address");
			break;
		case 'o':
			o->out = optarg;
			break;
		default:
			err = -1;
		}
	}
	if (err || optind != argc)
		return -1;
	if (!o->name || !o->have_cpus || !o->ram_size) {
		fprintf(stderr,
			"%s: config create-cell: --name, --cpus and --mem are required\n",
			progname);
		return -1;
	}
	if (o->system && o->have_gicd) {
		fprintf(stderr,
			"%s: config create-cell: --system or --gicd, not both\n",
			progname);
		return -1;
	}
	if (!o->have_phys && writes_binary(o->out)) {
		fprintf(stderr,
			"%s: config create-cell: a binary config needs --mem SIZE@PHYS\n",
			progname);
		return -1;
	}
	return 0;
}

/* The system config of --system, checked: it gives the GIC distributor. */
static int load_system(struct cell_opts *o)
{
	struct bh_check_ctx ctx;

	o->sys = read_file(o->system, &o->sys_size);
	if (!o->sys)
		return -1;
	check_ctx_init(&ctx, stderr, o->system);
	if (!is_system_config(o->sys, o->sys_size) ||
	    bh_check_system(&ctx, o->sys, o->sys_size, 0)) {
		fprintf(stderr,
			"%s: %s: not a valid system config (see 'bulkhead config check %s')\n",
			progname, o->system, o->system);
		return -1;
	}
	o->gicd = o->sys->platform.arm64.gicd_base;
	o->have_gicd = true;
	return 0;
}

static void place_check(struct bh_check_ctx *ctx, const void *data, size_t size,
			void *arg)
{
	(void)size;
	bh_check_cell_in_system(ctx, arg, data, NULL, 0);
}

static bool in_devices(const struct cell_opts *o, uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < o->num_dev; i++)
		if (addr >= o->dev[i].addr &&
		    addr - o->dev[i].addr < o->dev[i].size)
			return true;
	return false;
}

static int add_memory(struct model *m, const struct cell_opts *o)
{
	int r;

	model_define(m, "CELL_RAM_PHYS", o->ram_phys, NULL,
		     o->have_phys ? "physical RAM of the cell" :
				    "TODO: physical RAM the root cell gives");
	model_define(m, "CELL_RAM_SIZE", o->ram_size, NULL, NULL);
	model_define(m, "CELL_COMM_PHYS", o->ram_phys + o->ram_size,
		     "CELL_RAM_PHYS + CELL_RAM_SIZE", "the page after the RAM");
	model_define(m, "INMATE_RAM_IPA", INMATE_RAM_IPA, NULL,
		     "where the inmate sees its RAM");
	r = model_add_region(m, o->ram_phys, INMATE_RAM_IPA, o->ram_size,
			     BH_MEM_RWX | BH_MEM_LOADABLE,
			     "RAM: the image is loaded at its start");
	if (r < 0)
		return r;
	m->regions[r].phys_sym = "CELL_RAM_PHYS";
	m->regions[r].virt_sym = "INMATE_RAM_IPA";
	m->regions[r].size_sym = "CELL_RAM_SIZE";
	r = model_add_region(m, o->ram_phys + o->ram_size, BH_COMM_REGION_IPA,
			     BH_COMM_REGION_SIZE,
			     BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION,
			     "communication region");
	if (r < 0)
		return r;
	m->regions[r].phys_sym = "CELL_COMM_PHYS";
	m->regions[r].virt_sym = "BH_COMM_REGION_IPA";
	m->regions[r].size_sym = "BH_COMM_REGION_SIZE";
	m->cell.cpu_reset_address = INMATE_RAM_IPA;
	m->reset_sym = "INMATE_RAM_IPA";
	return 0;
}

static int add_devices(struct model *m, const struct cell_opts *o)
{
	uint64_t start, end;
	unsigned int i;
	char irq[24];

	for (i = 0; i < o->num_dev; i++) {
		start = page_down(o->dev[i].addr);
		end = page_up(o->dev[i].addr + o->dev[i].size);
		irq[0] = '\0';
		if (o->dev[i].irq) {
			snprintf(irq, sizeof(irq), ", INTID %u", o->dev[i].irq);
			model_add_irq(m, o->gicd, o->dev[i].irq);
		}
		if (model_add_region(m, start, start, end - start, IO_FLAGS,
				     "device at 0x%llx%s%s",
				     (unsigned long long)o->dev[i].addr, irq,
				     o->console == CON_PL011 &&
						     o->console_addr ==
							     o->dev[i].addr ?
					     ": the console" :
					     "") < 0)
			return -1;
	}
	if (o->console == CON_PL011 && !in_devices(o, o->console_addr) &&
	    model_add_region(m, page_down(o->console_addr),
			     page_down(o->console_addr), MODEL_PAGE_SIZE,
			     IO_FLAGS, "console UART (PL011)") < 0)
		return -1;
	return 0;
}

static void describe(struct model *m, const struct cell_opts *o,
		     const char *cpus)
{
	char size[32];

	format_size(size, sizeof(size), o->ram_size);
	model_describe(
		m,
		"Cell \"%s\", written by `bulkhead config create-cell`: CPU%s %s,",
		o->name, strpbrk(cpus, ",-") ? "s" : "", cpus);
	model_describe(m,
		       "%s of RAM at CELL_RAM_PHYS, seen at INMATE_RAM_IPA, where",
		       size);
	model_describe(
		m,
		"`bulkhead cell load` puts the image and the CPUs start, and the");
	model_describe(m, "communication region in the page after it.%s",
		       o->num_dev ? " Devices are mapped 1:1." : "");
	model_describe(m, "Console: %s.",
		       o->console == CON_VIRTUAL ? "through the hypervisor" :
		       o->console == CON_PL011	 ? "a PL011" :
						   "none");
	if (o->system)
		model_describe(m, "Checked against %s.", o->system);
	if (!o->have_phys)
		m->todo =
			"set CELL_RAM_PHYS: RAM of the root cell's (e.g. bulkhead-cells) for this cell, then remove this line";
}

static int build(struct model *m, const struct cell_opts *o, const char *cpus)
{
	unsigned int i;

	model_init(m, false, o->name);
	memcpy(m->cpus, o->cpus, sizeof(m->cpus));
	describe(m, o, cpus);
	for (i = 0; i < o->num_dev; i++)
		if (o->dev[i].irq && !o->have_gicd) {
			fprintf(stderr,
				"%s: config create-cell: an IRQ needs the GIC distributor: --system SYSTEM.cell or --gicd ADDR\n",
				progname);
			return EXIT_USAGE;
		}
	if (o->console == CON_PL011) {
		m->cell.console.type = BH_CON_PL011;
		m->cell.console.address = o->console_addr;
		m->cell.console.size = MODEL_PAGE_SIZE;
	} else if (o->console == CON_VIRTUAL) {
		m->cell.console.flags = BH_CON_FLAG_VIRTUAL;
	}
	if (add_memory(m, o) || add_devices(m, o)) {
		fprintf(stderr, "%s: config create-cell: too many regions\n",
			progname);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_config_create_cell(int argc, char **argv)
{
	struct cell_opts *o;
	struct model *m;
	char cpus[256];
	unsigned int list[256], n = 0, i;
	int ret = EXIT_USAGE;

	if (wants_help(argc, argv))
		return fputs(usage, stdout), EXIT_OK;
	o = calloc(1, sizeof(*o));
	m = malloc(sizeof(*m));
	if (!o || !m) {
		ret = EXIT_FAIL;
		goto out;
	}
	if (parse_opts(o, argc, argv)) {
		fputs("\n", stderr);
		fputs(usage, stderr);
		goto out;
	}
	ret = EXIT_FAIL;
	if (o->system && load_system(o))
		goto out;
	for (i = 0; i < MODEL_CPU_BYTES * 8 && n < 256; i++)
		if (o->cpus[i / 8] & (1U << (i % 8)))
			list[n++] = i;
	format_list(cpus, sizeof(cpus), list, n);
	ret = build(m, o, cpus);
	if (ret == EXIT_OK)
		ret = write_model(m, o->out, "cell config", 0,
				  o->sys ? place_check : NULL, o->sys);
out:
	if (o)
		free(o->sys);
	free(o);
	free(m);
	return ret;
}
