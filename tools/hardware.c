// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead hardware check: whether Bulkhead can run on this machine, from
 * what user space can see. CurrentEL cannot be read at EL0, so the boot
 * exception level and whether KVM took EL2 come from the kernel log and
 * command line; the GIC and the reserved memory from the device tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>

#include "config-board.h"
#include "config-model.h"
#include "config-dtb.h"
#include "config.h"
#include "fdt-scan.h"
#include "util.h"

#define SYSLOG_ACTION_READ_ALL	  3
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define HV_MEM_MIN		  0x100000ULL /* the validator's minimum */
#define MAX_CPUS		  BH_CHECK_KCONFIG_MAX_CPUS

struct report {
	unsigned int problems;
	char *log; /* the kernel log, NULL if unreadable */
	char cmdline[4096];
};

static void verdict(struct report *r, const char *status, const char *what,
		    const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* One line per check; problems and notes say how to fix them. */
static void verdict(struct report *r, const char *status, const char *what,
		    const char *fix, const char *fmt, ...)
{
	va_list ap;

	printf("%-8s %s: ", status, what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (fix)
		printf("%-8s fix: %s\n", "", fix);
	if (!strcmp(status, "PROBLEM"))
		r->problems++;
}

/* The kernel log: syslog(2) if allowed, else /dev/kmsg without blocking. */
static char *read_kernel_log(void)
{
	size_t cap = 1 << 16, len = 0;
	char *buf, *grown;
	ssize_t n;
	int size, fd;

	size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size > 0) {
		buf = malloc(size + 1);
		if (buf) {
			n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
			if (n >= 0) {
				buf[n] = '\0';
				return buf;
			}
			free(buf);
		}
	}
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return NULL;
	}
	for (;;) {
		if (cap - len < 8192) {
			grown = realloc(buf, cap * 2);
			if (!grown)
				break;
			buf = grown;
			cap *= 2;
		}
		/* One record per read; EPIPE is a record lost to overwriting. */
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

static bool log_has(const struct report *r, const char *text)
{
	return r->log && strstr(r->log, text);
}

/* Whether word (e.g. "kvm-arm.mode=none") is a whole argument of cmdline. */
static bool cmdline_has(const struct report *r, const char *word)
{
	size_t len = strlen(word);
	const char *p = r->cmdline;

	while ((p = strstr(p, word))) {
		if ((p == r->cmdline || p[-1] == ' ') &&
		    (p[len] == ' ' || p[len] == '\n' || !p[len]))
			return true;
		p += len;
	}
	return false;
}

/* How many CPUs a list like "0-3,6" names; -1 if unreadable. */
static int count_cpus(const char *path, char *list, size_t size)
{
	uint8_t set[MODEL_CPU_BYTES] = { 0 };
	unsigned int i, n = 0;

	read_line(path, list, size);
	if (!*list || parse_cpu_list(list, set, sizeof(set) * 8))
		return -1;
	for (i = 0; i < sizeof(set) * 8; i++)
		n += !!(set[i / 8] & (1U << (i % 8)));
	return n;
}

static void check_cpus(struct report *r)
{
	char online[256], possible[256];
	int on = count_cpus("/sys/devices/system/cpu/online", online,
			    sizeof(online));
	int all = count_cpus("/sys/devices/system/cpu/possible", possible,
			     sizeof(possible));

	if (on < 0 || all < 0)
		verdict(r, "NOTE", "CPUs", NULL,
			"cannot read /sys/devices/system/cpu/{online,possible}");
	else if (all > MAX_CPUS)
		verdict(r, "PROBLEM", "CPUs",
			"boot Linux with nr_cpus=64 (maxcpus= is not enough)",
			"%d possible CPUs; the hypervisor handles %d", all,
			MAX_CPUS);
	else if (on != all)
		verdict(r, "PROBLEM", "CPUs",
			"echo 1 > /sys/devices/system/cpu/cpuN/online for each, or leave them out of the root cell's cpu_set",
			"%d of %d online (online %s, possible %s): every CPU of the root cell must be online at enable",
			on, all, online, possible);
	else
		verdict(r, "OK", "CPUs", NULL, "%d of %d online (%s)", on, all,
			online);
}

static void check_arch(struct report *r)
{
	struct utsname u;

	if (uname(&u))
		verdict(r, "NOTE", "architecture", NULL, "uname: %s",
			strerror(errno));
	else if (strcmp(u.machine, "aarch64"))
		verdict(r, "PROBLEM", "architecture",
			"run Bulkhead on an arm64 machine (checks below describe this one)",
			"%s, not arm64", u.machine);
	else
		verdict(r, "OK", "architecture", NULL, "arm64");
}

static void check_el2(struct report *r)
{
	if (log_has(r, "CPU: All CPU(s) started at EL2"))
		verdict(r, "OK", "EL2", NULL,
			"the kernel log says \"All CPU(s) started at EL2\"");
	else if (log_has(r, "CPU: All CPU(s) started at EL1"))
		verdict(r, "PROBLEM", "EL2",
			"make the firmware or boot loader enter Linux at EL2 (QEMU: -machine virt,virtualization=on)",
			"Linux was started at EL1: EL2 is out of reach");
	else if (log_has(r, "CPU: CPUs started in inconsistent modes"))
		verdict(r, "PROBLEM", "EL2",
			"fix the firmware: every CPU must enter Linux at EL2",
			"CPUs started in inconsistent modes");
	else
		verdict(r, "NOTE", "EL2",
			"run as root, or look for \"started at EL2\" in dmesg right after boot",
			"cannot tell: the boot messages are not in the kernel log %s",
			r->log ? "any more" : "(not readable)");
}

static void check_kvm(struct report *r)
{
	bool none = cmdline_has(r, "kvm-arm.mode=none");
	const char *fix = "add kvm-arm.mode=none to the kernel command line";

	if (log_has(r, "VHE mode initialized successfully") ||
	    log_has(r, "Hyp mode initialized successfully"))
		verdict(r, "PROBLEM", "KVM", fix,
			"KVM initialised its hypervisor: it holds EL2");
	else if (none)
		verdict(r, "OK", "KVM", NULL,
			"kvm-arm.mode=none on the kernel command line");
	else if (log_has(r, "KVM disabled from command line") ||
		 access("/sys/module/kvm", F_OK))
		verdict(r, "OK", "KVM", NULL, "not holding EL2");
	else
		verdict(r, "PROBLEM", "KVM", fix,
			"KVM is in this kernel and kvm-arm.mode=none is not on its command line: it may take EL2");
}

/* With VHE, Linux itself runs at EL2 and leaves no room beneath it. */
static void check_vhe(struct report *r)
{
	if (log_has(r, "detected: Virtualization Host Extensions"))
		verdict(r, "PROBLEM", "VHE",
			"add id_aa64mmfr1.vh=0 to the kernel command line",
			"Linux runs at EL2 with VHE");
	else if (cmdline_has(r, "id_aa64mmfr1.vh=0"))
		verdict(r, "OK", "VHE", NULL,
			"disabled on the command line (id_aa64mmfr1.vh=0)");
	else
		verdict(r, "OK", "VHE", NULL,
			r->log ? "not in use" : "no sign of it");
}

static void check_reserved(struct report *r, const struct fdt_platform *p)
{
	const char *fix =
		"add /reserved-memory/" FDT_HV_NODE
		"@ADDR { reg = <...>; no-map; } (8 MiB) to the device tree";
	const struct fdt_range *hv, *cells;
	char size[32];

	if (p->hv < 0) {
		verdict(r, "PROBLEM", "hypervisor memory", fix,
			"no /reserved-memory/%s@... node", FDT_HV_NODE);
	} else {
		hv = &p->reserved[p->hv];
		format_size(size, sizeof(size), hv->size);
		if (!hv->no_map)
			verdict(r, "PROBLEM", "hypervisor memory",
				"give /reserved-memory/" FDT_HV_NODE
				" the property no-map",
				"/reserved-memory/%s (%s) is not no-map: Linux maps it",
				hv->name, size);
		else if (hv->size < HV_MEM_MIN)
			verdict(r, "PROBLEM", "hypervisor memory", fix,
				"/reserved-memory/%s is %s, below 1 MiB",
				hv->name, size);
		else
			verdict(r, "OK", "hypervisor memory", NULL,
				"/reserved-memory/%s, %s, no-map", hv->name,
				size);
	}
	if (p->cells < 0) {
		verdict(r, "NOTE", "cell memory",
			"reserve /reserved-memory/" FDT_CELLS_NODE
			"@ADDR (no-map) for non-root cells",
			"no /reserved-memory/%s@... node: cells need RAM that Linux does not use",
			FDT_CELLS_NODE);
	} else {
		cells = &p->reserved[p->cells];
		format_size(size, sizeof(size), cells->size);
		verdict(r, "OK", "cell memory", NULL,
			"/reserved-memory/%s, %s%s", cells->name, size,
			cells->no_map ? ", no-map" : "");
	}
}

static void check_gic(struct report *r, const struct fdt_platform *p)
{
	const struct fdt_gic *g = &p->gic;

	if (g->version == 3)
		verdict(r, "OK", "GIC", NULL,
			"GICv3 %s (%s), distributor at 0x%llx, %u redistributor region%s",
			g->name, g->compatible, (unsigned long long)g->gicd,
			g->num_gicr_regions,
			g->num_gicr_regions == 1 ? "" : "s");
	else if (g->version == 2)
		verdict(r, "OK", "GIC", NULL,
			"GICv2 %s (%s), distributor at 0x%llx, CPU interface at 0x%llx, GICH at 0x%llx, GICV at 0x%llx",
			g->name, g->compatible, (unsigned long long)g->gicd,
			(unsigned long long)g->gicc,
			(unsigned long long)g->gich,
			(unsigned long long)g->gicv);
	else
		verdict(r, "PROBLEM", "GIC",
			"none: Bulkhead needs a GICv3 (or a GICv2 with the virtualization extensions)",
			"no GIC in the device tree");
	if (g->num_its)
		verdict(r, "NOTE", "ITS",
			"if 'config' below refuses gits_base, disable the ITS node (status = \"disabled\")",
			"%u GICv3 ITS (%s at 0x%llx): Linux's PCIe MSIs go through it",
			g->num_its, g->its[0].name,
			(unsigned long long)g->its[0].start);
}

/* Every SPI the tree names, also through intermediate controllers. */
static void check_interrupts(struct report *r, const struct fdt_platform *p)
{
	char prefix[32];

	if (!p->gic.version)
		return;
	verdict(r, "OK", "interrupts", NULL,
		"%u SPIs named by the device tree, %u of them through intermediate controllers",
		p->num_spis, p->translated);
	if (!p->untranslated)
		return;
	snprintf(prefix, sizeof(prefix), "%-8s interrupts: ", "NOTE");
	board_report_gaps(p, stdout, prefix);
}

/*
 * The config `config create` would write from this tree, through the
 * validator: what it refuses (a GIC version, an ITS, too many CPUs, RAM
 * beyond the IPA space) this machine cannot run yet.
 */
static void check_config(struct report *r, const void *fdt, const char *dtb)
{
	struct fdt_platform *p = malloc(sizeof(*p));
	struct model *m = malloc(sizeof(*m));
	struct bh_check_ctx ctx;
	char *text = NULL, *line, *next;
	size_t len = 0, size;
	unsigned int errors = 0;
	void *data = NULL;
	FILE *diag = open_memstream(&text, &len);

	if (!p || !m || !diag)
		goto out;
	if (!create_system_model(m, p, fdt, dtb, NULL, diag)) {
		data = model_layout(m, &size);
		check_ctx_init(&ctx, diag, NULL);
		if (data)
			check_one(&ctx, data, size, p->num_cpus);
		errors = ctx.errors;
	} else {
		errors = 1;
	}
	fclose(diag);
	diag = NULL;
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!strncmp(line, "warning: ", 9))
			verdict(r, "NOTE", "config", NULL, "%s", line + 9);
		else if (!strncmp(line, "error: ", 7))
			verdict(r, "PROBLEM", "config", NULL, "%s", line + 7);
		else if (*line)
			verdict(r, "PROBLEM", "config", NULL, "%s", line);
	}
	if (!errors)
		verdict(r, "OK", "config", NULL,
			"'bulkhead config create' makes a config of this tree that the validator accepts");
out:
	if (diag)
		fclose(diag);
	free(text);
	free(data);
	free(m);
	free(p);
}

struct cell_report {
	struct report *r;
	const char *file;
};

static void cell_problem(void *arg, const char *msg)
{
	struct cell_report *c = arg;

	verdict(c->r, "PROBLEM", "cell", NULL, "%s: %s", c->file, msg);
}

/*
 * The cell configs given: what Linux will use, by the device tree, must
 * not be theirs (config-dtb.c, as config check --dtb and the driver).
 */
static void check_cells(struct report *r, const struct fdt_platform *p,
			char **cells, int num)
{
	unsigned int problems;
	int i;

	for (i = 0; i < num; i++) {
		struct cell_report c = { .r = r, .file = cells[i] };
		size_t size;
		void *data = read_file(cells[i], &size);

		if (!data || precheck_config("hardware check", cells[i], data,
					     size, false)) {
			verdict(r, "PROBLEM", "cell", "see above",
				"%s: not a valid cell config", cells[i]);
			free(data);
			continue;
		}
		problems = check_cell_against_dtb(p, data, cell_problem, &c);
		if (!problems)
			verdict(r, "OK", "cell", NULL,
				"%s: nothing Linux uses by the device tree",
				cells[i]);
		free(data);
	}
}

static void check_device_tree(struct report *r, const char *dtb, char **cells,
			      int num_cells)
{
	struct fdt_platform *p;
	size_t size;
	void *fdt;

	fdt = fdt_load(dtb, &size);
	p = malloc(sizeof(*p));
	if (!fdt || !p) {
		verdict(r, "PROBLEM", "device tree",
			"run as root (/sys/firmware/fdt is readable by root only), or pass --dtb FILE",
			"cannot read %s", dtb);
		goto out;
	}
	fdt_scan(fdt, p);
	verdict(r, "OK", "device tree", NULL, "%s (\"%s\")", dtb, p->model);
	check_gic(r, p);
	check_interrupts(r, p);
	check_reserved(r, p);
	if (p->hv >= 0)
		check_config(r, fdt, dtb);
	check_cells(r, p, cells, num_cells);
out:
	free(p);
	free(fdt);
}

static const char check_usage[] =
	"Usage: bulkhead hardware check [--dtb FILE] [CELL.cell ...]\n\n"
	"Checks on the target whether Bulkhead can run: the device tree (the\n"
	"GIC and its ITS, the SPIs the tree names, also through intermediate\n"
	"controllers, no-map reserved memory for the hypervisor and for cells,\n"
	"and whether the config 'config create' makes of it passes the\n"
	"validator), all CPUs online, Linux started at EL2, KVM not holding\n"
	"EL2, no VHE; and\n"
	"for each cell config given, that the device tree leaves its RAM,\n"
	"devices and interrupts to it (as 'config check --dtb'). One line per\n"
	"check: OK, PROBLEM (with a fix) or NOTE (cannot tell, or matters for\n"
	"cells only).\n\n"
	"  --dtb FILE  device tree blob (default: /sys/firmware/fdt)\n\n"
	"Exit status: 0 without problems, 1 with problems, 2 on usage errors.\n";

static int cmd_hardware_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dtb", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dtb = "/sys/firmware/fdt";
	struct report r = { 0 };
	char enabled[8];
	int c;

	if (wants_help(argc, argv))
		return fputs(check_usage, stdout), EXIT_OK;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:", opts, NULL)) != -1) {
		if (c != 'd') {
			fputs(check_usage, stderr);
			return EXIT_USAGE;
		}
		dtb = optarg;
	}
	r.log = read_kernel_log();
	read_line("/proc/cmdline", r.cmdline, sizeof(r.cmdline));
	check_arch(&r);
	check_device_tree(&r, dtb, argv + optind, argc - optind);
	check_cpus(&r);
	check_el2(&r);
	check_kvm(&r);
	check_vhe(&r);
	read_line(BULKHEAD_SYSFS "/enabled", enabled, sizeof(enabled));
	if (!strcmp(enabled, "1"))
		printf("Bulkhead is enabled now: Linux runs in the root cell.\n");
	if (r.problems)
		printf("%u problem%s: Bulkhead cannot run here until %s fixed\n",
		       r.problems, r.problems == 1 ? "" : "s",
		       r.problems == 1 ? "it is" : "they are");
	else
		printf("no problems: Bulkhead can run here\n");
	free(r.log);
	return r.problems ? EXIT_FAIL : EXIT_OK;
}

static const struct command hardware_commands[] = {
	{ "check", cmd_hardware_check,
	  "[--dtb FILE] [CELL.cell ...]: can Bulkhead run here?" },
	{ NULL, NULL, NULL },
};

int cmd_hardware(int argc, char **argv)
{
	return run_group("hardware", hardware_commands, argc, argv,
			 "The machine Bulkhead is to run on.\n\n");
}
