// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead cell linux: boots an arm64 Linux Image in a cell, following the
 * kernel's Documentation/arm64/booting.rst: the device tree made from the
 * cell config (or the user's), the kernel at a 2 MiB aligned base plus
 * text_offset, the initrd in /chosen, the boot CPU entered with x0 = the
 * tree. Everything is read, laid out and checked before the cell is
 * created, loaded or started.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <bhlib/config-check.h>
#include <bulkhead/ioctl.h>

#include "cell.h"
#include "cell-dtb.h"
#include "config.h"
#include "fdt-scan.h"
#include "linux-image.h"
#include "linux-restart.h"
#include "util.h"

#define SYSTEM_FDT   "/sys/firmware/fdt"
#define DTB_BUF_SIZE (1U << 20)
#define MAX_RAM	     16

static const char usage[] =
	"Usage: bulkhead cell linux CELL.cell Image [-d DTB] [-i INITRD] [-c CMDLINE]\n"
	"           [-s SYSTEM.cell] [--system-dtb FILE] [-w FILE] [-n]\n"
	"           [--psci smc|hvc] [--kernel-at ADDR] [--dtb-at ADDR] [--initrd-at ADDR]\n"
	"           [--no-pristine-copy]\n\n"
	"Boots an arm64 Linux Image in the cell: creates it from CELL.cell (or\n"
	"uses the cell of that name if it exists), loads the kernel, its device\n"
	"tree and the initrd into the cell's loadable RAM, and starts it with\n"
	"x0 = the device tree (the kernel's booting.rst). Nothing changes if\n"
	"the files do not fit the cell's loadable memory, overlap, or Image is\n"
	"not an arm64 Image.\n\n"
	"The device tree is made from the cell config: its RAM, CPUs (PSCI), the\n"
	"GICv3 with its CPUs' redistributors, the timer, its devices as the\n"
	"system's device tree describes them, the ivshmem devices on a PCI host\n"
	"bridge, and /chosen with the console and the command line.\n\n"
	"  -d DTB             boot with this device tree instead (its /chosen\n"
	"                     gets CMDLINE and the initrd)\n"
	"  -i INITRD          an initrd (initramfs) for the kernel\n"
	"  -c CMDLINE         the kernel command line (/chosen bootargs)\n"
	"  -s SYSTEM.cell     the system config: GIC and PCI windows from it (needed\n"
	"                     for cells with ivshmem devices)\n"
	"  --system-dtb FILE  the system's device tree (default " SYSTEM_FDT
	")\n"
	"  -w, --write-dtb FILE  also write the device tree the cell gets to FILE\n"
	"  -n, --dry-run      check and print the layout; change nothing (no\n"
	"                     hypervisor needed)\n"
	"  --psci smc|hvc     the PSCI conduit the tree names (default smc)\n"
	"  --kernel-at ADDR, --dtb-at ADDR, --initrd-at ADDR\n"
	"                     guest-physical addresses instead of the first that\n"
	"                     fit (the kernel's is its 2 MiB aligned base)\n"
	"  --no-pristine-copy load kernel, device tree and initrd only where they\n"
	"                     run: saves their size of the cell's RAM, but a\n"
	"                     reboot inside the cell cannot boot again\n\n"
	"By default a pristine copy of the three sits at the top of the cell's\n"
	"RAM, reserved in the device tree (/memreserve/), behind a stub that is\n"
	"the cell's entry: at every start, the first and each reboot, it copies\n"
	"them to where they run and enters the kernel.\n";

struct linux_opts {
	const char *cell, *image, *dtb, *initrd, *cmdline, *system;
	const char *sys_dtb, *write_dtb, *psci;
	bool dry_run, no_pristine;
	struct linux_blob blob[LINUX_NUM_BLOBS];
};

struct linux_files {
	void *cell, *sys, *sys_fdt, *image, *initrd, *user_dtb;
	size_t cell_size, sys_size, sys_fdt_size, image_size, initrd_size;
	size_t user_dtb_size;
	void *dtb; /* what the cell boots with */
	struct linux_image img;
	uint64_t entry; /* the kernel's, or the stub's */
	void *pristine; /* the pristine copy (linux-restart.c) */
	uint64_t pristine_at, pristine_size;
};

enum {
	OPT_SYSTEM_DTB = 256,
	OPT_PSCI,
	OPT_KERNEL_AT,
	OPT_DTB_AT,
	OPT_INITRD_AT,
	OPT_NO_PRISTINE
};

static int parse_at(struct linux_blob *b, const char *s)
{
	if (parse_u64(s, &b->addr)) {
		fprintf(stderr, "%s: '%s' is not an address\n", progname, s);
		return -1;
	}
	b->fixed = true;
	return 0;
}

static int parse_opts(int argc, char **argv, struct linux_opts *o)
{
	static const struct option longopts[] = {
		{ "system-dtb", required_argument, NULL, OPT_SYSTEM_DTB },
		{ "write-dtb", required_argument, NULL, 'w' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "psci", required_argument, NULL, OPT_PSCI },
		{ "kernel-at", required_argument, NULL, OPT_KERNEL_AT },
		{ "dtb-at", required_argument, NULL, OPT_DTB_AT },
		{ "initrd-at", required_argument, NULL, OPT_INITRD_AT },
		{ "no-pristine-copy", no_argument, NULL, OPT_NO_PRISTINE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, bad = 0;

	memset(o, 0, sizeof(*o));
	o->sys_dtb = SYSTEM_FDT;
	o->psci = "smc";
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:i:c:s:w:nh", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'd':
			o->dtb = optarg;
			break;
		case 'i':
			o->initrd = optarg;
			break;
		case 'c':
			o->cmdline = optarg;
			break;
		case 's':
			o->system = optarg;
			break;
		case 'w':
			o->write_dtb = optarg;
			break;
		case 'n':
			o->dry_run = true;
			break;
		case OPT_SYSTEM_DTB:
			o->sys_dtb = optarg;
			break;
		case OPT_PSCI:
			o->psci = optarg;
			break;
		case OPT_KERNEL_AT:
			bad |= parse_at(&o->blob[LINUX_KERNEL], optarg);
			break;
		case OPT_DTB_AT:
			bad |= parse_at(&o->blob[LINUX_DTB], optarg);
			break;
		case OPT_INITRD_AT:
			bad |= parse_at(&o->blob[LINUX_INITRD], optarg);
			break;
		case OPT_NO_PRISTINE:
			o->no_pristine = true;
			break;
		case 'h':
			return printf("%s", usage), EXIT_OK;
		default:
			bad = 1;
		}
	}
	if (strcmp(o->psci, "smc") && strcmp(o->psci, "hvc")) {
		fprintf(stderr, "%s: --psci takes smc or hvc, not '%s'\n",
			progname, o->psci);
		bad = 1;
	}
	if (bad || argc - optind != 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	o->cell = argv[optind];
	o->image = argv[optind + 1];
	return -1;
}

static void print_warning(void *arg, const char *msg)
{
	fprintf(stderr, "%s: %s: warning: %s\n", progname, (const char *)arg,
		msg);
}

/* Reads every file and checks what can be checked alone. */
static int read_inputs(const struct linux_opts *o, struct linux_files *f)
{
	char why[256];

	f->cell = read_file(o->cell, &f->cell_size);
	if (!f->cell || precheck_config("cell linux", o->cell, f->cell,
					f->cell_size, false))
		return -1;
	if (o->system) {
		f->sys = read_file(o->system, &f->sys_size);
		if (!f->sys || precheck_config("cell linux", o->system, f->sys,
					       f->sys_size, true))
			return -1;
	}
	f->image = read_file(o->image, &f->image_size);
	if (!f->image)
		return -1;
	if (linux_image_parse(f->image, f->image_size, &f->img, why,
			      sizeof(why))) {
		fprintf(stderr, "%s: %s: %s\n", progname, o->image, why);
		return -1;
	}
	if (o->initrd) {
		f->initrd = read_file(o->initrd, &f->initrd_size);
		if (!f->initrd)
			return -1;
		if (!f->initrd_size) {
			fprintf(stderr, "%s: %s: empty\n", progname, o->initrd);
			return -1;
		}
	}
	if (o->dtb) {
		f->user_dtb = fdt_load(o->dtb, &f->user_dtb_size);
		return f->user_dtb ? 0 : -1;
	}
	f->sys_fdt = fdt_load(o->sys_dtb, &f->sys_fdt_size);
	return f->sys_fdt ? 0 : -1;
}

/* The tree the cell boots with: made from the config, or the user's. */
static int make_dtb(const struct linux_opts *o, struct linux_files *f)
{
	const struct cell_dtb_in in = {
		.cell = f->cell,
		.sys_fdt = f->sys_fdt,
		.sys = f->sys,
		.psci_method = o->psci,
	};
	void *gen = NULL;
	char why[256];
	int ret = 0;

	f->dtb = malloc(DTB_BUF_SIZE);
	if (!f->user_dtb) {
		gen = malloc(DTB_BUF_SIZE);
		if (!gen || !f->dtb)
			ret = -ENOMEM;
		else
			ret = cell_dtb_build(&in, gen, DTB_BUF_SIZE,
					     print_warning, (void *)o->cell,
					     why, sizeof(why));
	}
	if (!ret && !f->dtb)
		ret = -ENOMEM;
	if (!ret)
		ret = cell_dtb_chosen(gen ? gen : f->user_dtb, f->dtb,
				      DTB_BUF_SIZE, o->cmdline, !!f->initrd,
				      why, sizeof(why));
	if (!ret && !o->no_pristine &&
	    cell_dtb_add_reserve(f->dtb, DTB_BUF_SIZE)) {
		snprintf(why, sizeof(why), "no room for /memreserve/");
		ret = -EINVAL;
	}
	free(gen);
	if (ret == -ENOMEM)
		snprintf(why, sizeof(why), "out of memory");
	if (ret)
		fprintf(stderr, "%s: %s: device tree: %s\n", progname,
			o->dtb ? o->dtb : o->cell, why);
	return ret;
}

/* The cell's loadable RAM regions, guest-physical. */
static unsigned int loadable_ram(const struct bh_cell_desc *cell,
				 struct linux_ram *ram)
{
	const struct bh_memory *m =
		bh_cell_mem_regions(cell, bh_cell_arrays(cell));
	unsigned int i, n = 0;

	for (i = 0; i < cell->num_memory_regions && n < MAX_RAM; i++) {
		if (!(m[i].flags & BH_MEM_LOADABLE) || !cell_mem_is_ram(&m[i]))
			continue;
		ram[n].start = m[i].virt_start;
		ram[n].size = m[i].size;
		ram[n].exec = m[i].flags & BH_MEM_EXECUTE;
		n++;
	}
	return n;
}

static void print_range(const char *what, uint64_t start, uint64_t size)
{
	printf("%-12s 0x%09llx-0x%09llx\n", what, (unsigned long long)start,
	       (unsigned long long)(start + size - 1));
}

static void print_layout(const struct linux_opts *o,
			 const struct linux_files *f)
{
	unsigned int i;

	for (i = 0; i < LINUX_NUM_BLOBS; i++)
		if (o->blob[i].size)
			print_range(linux_blob_names[i], o->blob[i].addr,
				    o->blob[i].size);
	if (f->pristine_size)
		print_range("pristine", f->pristine_at, f->pristine_size);
	printf("%-12s 0x%09llx\n", "entry", (unsigned long long)f->entry);
}

static int lay_out(struct linux_opts *o, struct linux_files *f)
{
	struct linux_ram ram[MAX_RAM];
	struct linux_blob *b = o->blob;
	unsigned int n = loadable_ram(f->cell, ram);
	struct bh_check_ctx ctx;
	char why[512];

	b[LINUX_DTB].size = fdt_totalsize(f->dtb);
	b[LINUX_INITRD].size = f->initrd_size;
	if (!o->no_pristine) {
		f->pristine_size =
			linux_restart_size(&f->img, b[LINUX_DTB].size,
					   f->initrd_size);
		if (linux_restart_reserve(ram, n, f->pristine_size,
					  &f->pristine_at, why, sizeof(why))) {
			fprintf(stderr, "%s: %s: %s\n", progname, o->cell, why);
			return -1;
		}
	}
	if (linux_layout(ram, n, &f->img, b, why, sizeof(why))) {
		fprintf(stderr, "%s: %s: %s", progname, o->cell, why);
		if (f->pristine_size)
			fprintf(stderr,
				" (the pristine copy for reboot takes %llu KiB at the top of the RAM: --no-pristine-copy boots without it)",
				(unsigned long long)(f->pristine_size >> 10));
		fputc('\n', stderr);
		return -1;
	}
	if (f->initrd)
		cell_dtb_set_initrd(f->dtb, b[LINUX_INITRD].addr,
				    b[LINUX_INITRD].addr +
					    b[LINUX_INITRD].size);
	if (f->pristine_size)
		cell_dtb_set_reserve(f->dtb, f->pristine_at, f->pristine_size);
	f->entry = f->pristine_size ? f->pristine_at :
				      b[LINUX_KERNEL].addr + f->img.text_offset;
	print_layout(o, f);
	/* What the driver will check too, said before anything changes. */
	check_ctx_init(&ctx, stderr, o->cell);
	return bh_check_cell_boot(&ctx, f->cell, 0, f->entry,
				  b[LINUX_DTB].addr) ?
		       -1 :
		       0;
}

/* The pristine copy, the stub's table pointing at the run addresses. */
static int make_pristine(const struct linux_opts *o, struct linux_files *f)
{
	const struct linux_blob *b = o->blob;
	const struct linux_restart_in in = {
		.image = f->image,
		.image_size = f->image_size,
		.dtb = f->dtb,
		.dtb_size = b[LINUX_DTB].size,
		.initrd = f->initrd,
		.initrd_size = f->initrd_size,
		.kernel_at = b[LINUX_KERNEL].addr + f->img.text_offset,
		.dtb_at = b[LINUX_DTB].addr,
		.initrd_at = b[LINUX_INITRD].addr,
		.addr = f->pristine_at,
		.size = f->pristine_size,
	};

	if (!f->pristine_size)
		return 0;
	f->pristine = linux_restart_build(&in);
	if (!f->pristine)
		fprintf(stderr, "%s: out of memory\n", progname);
	return f->pristine ? 0 : -1;
}

static int write_dtb(const char *path, const void *dtb)
{
	FILE *out = open_output(path);

	if (!out)
		return -1;
	fwrite(dtb, 1, fdt_totalsize(dtb), out);
	return close_output(out, path);
}

/* Create (or find), load, set the boot state, start; undo a create. */
static int boot_cell(const struct linux_opts *o, struct linux_files *f)
{
	const struct linux_blob *b = o->blob;
	struct bulkhead_config_arg cfg = {
		.address = (uintptr_t)f->cell,
		.size = f->cell_size,
	};
	struct bulkhead_load_segment segs[LINUX_NUM_BLOBS] = {
		{ b[LINUX_KERNEL].addr + f->img.text_offset, f->image_size,
		  (uintptr_t)f->image },
		{ b[LINUX_DTB].addr, b[LINUX_DTB].size, (uintptr_t)f->dtb },
		{ b[LINUX_INITRD].addr, f->initrd_size, (uintptr_t)f->initrd },
	};
	/* With the pristine copy, the stub puts the rest in place. */
	const struct bulkhead_load_segment pristine = {
		f->pristine_at,
		f->pristine_size,
		(uintptr_t)f->pristine,
	};
	struct bulkhead_cell_load load = {
		.num_segments = f->pristine ? 1 :
				f->initrd   ? 3 :
					      2,
		.segments =
			f->pristine ? (uintptr_t)&pristine : (uintptr_t)segs,
	};
	struct bulkhead_cell_boot boot = {
		.entry = f->entry,
		.dtb = b[LINUX_DTB].addr,
	};
	struct bulkhead_cell_id id = { 0 };
	const struct bh_cell_desc *desc = f->cell;
	char name[BH_CELL_NAME_LEN + 1];
	bool created = false;
	int cell;

	snprintf(name, sizeof(name), "%.*s", BH_CELL_NAME_LEN, desc->name);
	cell = find_cell(name, true);
	if (cell < 0) {
		cell = cell_ioctl(BULKHEAD_IOCTL_CELL_CREATE, &cfg, "create");
		if (cell < 0)
			return -1;
		created = true;
		printf("Created cell %d\n", cell);
	}
	load.id = boot.id = id.id = cell;
	if (cell_ioctl(BULKHEAD_IOCTL_CELL_LOAD, &load, "load") < 0 ||
	    cell_ioctl(BULKHEAD_IOCTL_CELL_SET_BOOT, &boot, "boot") < 0 ||
	    cell_ioctl(BULKHEAD_IOCTL_CELL_START, &id, "start") < 0) {
		if (created && cell_ioctl(BULKHEAD_IOCTL_CELL_DESTROY, &id,
					  "destroy") == 0)
			fprintf(stderr, "%s: cell %s destroyed again\n",
				progname, name);
		return -1;
	}
	printf("Started Linux in cell %s\n", name);
	return 0;
}

int cmd_cell_linux(int argc, char **argv)
{
	struct linux_files f = { 0 };
	struct linux_opts o;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret >= 0)
		return ret;
	ret = EXIT_FAIL;
	if (read_inputs(&o, &f) || make_dtb(&o, &f) || lay_out(&o, &f) ||
	    make_pristine(&o, &f))
		goto out;
	if (o.write_dtb && write_dtb(o.write_dtb, f.dtb))
		goto out;
	if (!o.dry_run && boot_cell(&o, &f))
		goto out;
	ret = EXIT_OK;
out:
	free(f.cell);
	free(f.sys);
	free(f.sys_fdt);
	free(f.image);
	free(f.initrd);
	free(f.user_dtb);
	free(f.dtb);
	free(f.pristine);
	return ret;
}
