// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead config ...: check and dump binary configs with the validator
 * the hypervisor and the driver run (lib/config-check.c and
 * config-place.c, compiled in), and create them (config-create.c).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "config-dtb.h"
#include "config.h"
#include "config-model.h"
#include "util.h"

static void print_finding(void *arg, int severity, const char *msg)
{
	fprintf(arg, "%s: %s\n",
		severity == BH_CHECK_ERROR ? "error" : "warning", msg);
}

void check_ctx_init(struct bh_check_ctx *ctx, FILE *out, const char *file)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->report = print_finding;
	ctx->arg = out;
	ctx->file = file;
}

void print_check_summary(FILE *out, const struct bh_check_ctx *ctx)
{
	fprintf(out, "%u error%s, %u warning%s\n", ctx->errors,
		ctx->errors == 1 ? "" : "s", ctx->warnings,
		ctx->warnings == 1 ? "" : "s");
}

/* The check of one file on its own, by its signature. */
int check_one(struct bh_check_ctx *ctx, const void *data, size_t size,
	      unsigned int num_cpus)
{
	if (is_system_config(data, size))
		return bh_check_system(ctx, data, size, num_cpus);
	return bh_check_cell(ctx, data, size, num_cpus);
}

static void print_precheck(void *arg, int severity, const char *msg)
{
	fprintf(stderr, "%s: %s: %s: %s\n", progname, (const char *)arg,
		severity == BH_CHECK_ERROR ? "error" : "warning", msg);
}

/*
 * Before an ioctl: the config checked on its own with the validator the
 * driver runs, its findings on standard error as "PROG: WHAT: error:
 * FILE: ...", so that they are on the terminal. Returns the errors.
 */
unsigned int precheck_config(const char *what, const char *path,
			     const void *data, size_t size, bool system)
{
	struct bh_check_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.report = print_precheck;
	ctx.arg = (void *)what;
	ctx.file = path;
	if (system)
		bh_check_system(&ctx, data, size, 0);
	else
		bh_check_cell(&ctx, data, size, 0);
	return ctx.errors;
}

/* Whether the output file of a created config takes the binary (.cell). */
bool writes_binary(const char *out)
{
	size_t n = out ? strlen(out) : 0;

	return n >= 5 && !strcmp(out + n - 5, ".cell");
}

/*
 * Validates the model as the binary it lays out, then writes that binary
 * (OUT.cell) or the C source that compiles to it: config create and
 * create-cell. Nothing is written if the validator finds an error.
 */
int write_model(struct model *m, const char *out, const char *what,
		unsigned int num_cpus, extra_check_fn *extra_check, void *arg)
{
	struct bh_check_ctx ctx;
	size_t size;
	void *data;
	FILE *f;
	int ret;

	data = model_layout(m, &size);
	if (!data) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return EXIT_FAIL;
	}
	check_ctx_init(&ctx, stderr, out && strcmp(out, "-") ? out : what);
	if (!check_one(&ctx, data, size, num_cpus) && extra_check)
		extra_check(&ctx, data, size, arg);
	if (ctx.errors) {
		fprintf(stderr,
			"%s: the %s has errors (above): nothing written\n",
			progname, what);
		free(data);
		return EXIT_FAIL;
	}
	f = open_output(out);
	if (!f) {
		free(data);
		return EXIT_FAIL;
	}
	if (writes_binary(out))
		fwrite(data, 1, size, f);
	else
		model_write_c(m, f);
	ret = close_output(f, out);
	free(data);
	return ret ? EXIT_FAIL : EXIT_OK;
}

/* --- config check --- */

struct config_file {
	const char *path;
	void *data;
	size_t size;
	bool system;
	bool sound; /* passed its check alone */
};

static const char check_usage[] =
	"Usage: bulkhead config check [--cpus N] [--dtb FILE] SYSTEM.cell [CELL.cell ...]\n\n"
	"Validates each config on its own, with the validator the driver and\n"
	"the hypervisor run, then the cells together with the system config,\n"
	"in the order given (as 'bulkhead cell create' would create them):\n"
	"every cell must fit in the root cell and keep clear of the hypervisor,\n"
	"the GIC and the cells before it; the root cell must keep a CPU.\n"
	"A cell config alone may be given without a system config.\n\n"
	"  --cpus N   the target has N CPUs (default: unknown, not checked)\n"
	"  --dtb FILE the device tree the target's Linux boots with: a cell's\n"
	"             RAM must not be RAM Linux uses (not reserved no-map), its\n"
	"             devices and interrupts not those of enabled nodes, as the\n"
	"             driver checks at 'cell create'\n\n"
	"Prints every finding as 'error: FILE: ...' or 'warning: FILE: ...',\n"
	"then 'N errors, M warnings'. Exit status: 0 without errors (warnings\n"
	"allowed), 1 with errors, 2 on usage errors.\n";

static int parse_cpus_opt(const char *arg, unsigned int *num_cpus)
{
	uint64_t v;

	if (parse_u64(arg, &v) || v > MODEL_CPU_BYTES * 8) {
		fprintf(stderr, "%s: --cpus: '%s' is not a CPU count\n",
			progname, arg);
		return -1;
	}
	*num_cpus = v;
	return 0;
}

/* Cells in the order given, each against the system and those before it. */
static void check_set(struct bh_check_ctx *ctx, struct config_file *files,
		      unsigned int num)
{
	const struct bh_cell_desc **placed;
	const struct bh_system *sys = files[0].data;
	unsigned int i, n = 0;

	placed = calloc(num, sizeof(*placed));
	if (!placed) {
		fprintf(stderr, "%s: out of memory\n", progname);
		ctx->errors++;
		return;
	}
	for (i = 1; i < num; i++) {
		if (!files[i].sound || files[i].system)
			continue;
		ctx->file = files[i].path;
		bh_check_cell_in_system(ctx, sys, files[i].data, placed, n);
		placed[n++] = files[i].data;
	}
	free(placed);
}

static void print_dtb_error(void *arg, const char *msg)
{
	printf("error: %s: %s\n", (const char *)arg, msg);
}

/* What the device tree at path says (fdt-scan.c), or NULL, said why. */
static struct fdt_platform *load_platform(const char *path)
{
	struct fdt_platform *p = malloc(sizeof(*p));
	size_t size;
	void *fdt = fdt_load(path, &size);

	if (!fdt || !p) {
		fprintf(stderr, "%s: config check: --dtb %s: cannot use it\n",
			progname, path);
		free(p);
		free(fdt);
		return NULL;
	}
	fdt_scan(fdt, p);
	free(fdt);
	return p;
}

int cmd_config_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cpus", required_argument, NULL, 'c' },
		{ "dtb", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct config_file *files;
	unsigned int num_cpus = 0, num, i, skipped = 0;
	struct fdt_platform *dt = NULL;
	const char *dtb = NULL;
	struct bh_check_ctx ctx;
	int c;

	if (wants_help(argc, argv))
		return fputs(check_usage, stdout), EXIT_OK;
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:d:h", opts, NULL)) != -1) {
		if (c == 'd') {
			dtb = optarg;
			continue;
		}
		if (c != 'c' || parse_cpus_opt(optarg, &num_cpus)) {
			fputs(check_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		fputs(check_usage, stderr);
		return EXIT_USAGE;
	}
	if (dtb) {
		dt = load_platform(dtb);
		if (!dt)
			return EXIT_FAIL;
	}
	num = argc - optind;
	files = calloc(num, sizeof(*files));
	if (!files)
		return EXIT_FAIL;
	check_ctx_init(&ctx, stdout, NULL);
	for (i = 0; i < num; i++) {
		files[i].path = argv[optind + i];
		files[i].data = read_file(files[i].path, &files[i].size);
		if (!files[i].data) {
			/* read_file() said why on stderr. */
			printf("error: %s: cannot read the file\n",
			       files[i].path);
			ctx.errors++;
			continue;
		}
		ctx.file = files[i].path;
		files[i].system =
			is_system_config(files[i].data, files[i].size);
		files[i].sound = !check_one(&ctx, files[i].data, files[i].size,
					    num_cpus);
		if (files[i].system && i > 0) {
			printf("error: %s: a system config: give it first, the cells after it\n",
			       files[i].path);
			ctx.errors++;
		}
		skipped += i > 0 && !files[i].sound;
		if (dt && files[i].sound && !files[i].system)
			ctx.errors +=
				check_cell_against_dtb(dt, files[i].data,
						       print_dtb_error,
						       (void *)files[i].path);
	}
	if (num > 1 && files[0].system && files[0].sound) {
		check_set(&ctx, files, num);
		if (skipped)
			printf("note: %u config%s with errors of %s own left out of the check together\n",
			       skipped, skipped == 1 ? "" : "s",
			       skipped == 1 ? "its" : "their");
	} else if (num > 1 && files[0].system) {
		printf("note: %s has errors: the cells were checked alone only\n",
		       files[0].path);
	}
	print_check_summary(stdout, &ctx);
	for (i = 0; i < num; i++)
		free(files[i].data);
	free(files);
	free(dt);
	return ctx.errors ? EXIT_FAIL : EXIT_OK;
}

/* --- config dump --- */

static const char dump_usage[] =
	"Usage: bulkhead config dump FILE.cell\n\n"
	"Validates a system or cell config (as 'config check' does for one\n"
	"file), prints the findings, then every field in words: CPUs, memory\n"
	"regions with their flags, interrupts as INTID lists, consoles.\n"
	"Invalid configs are shown as far as their bytes allow.\n"
	"Exit status: 0 if the config is valid, 1 if it has errors or cannot\n"
	"be read, 2 on usage errors.\n";

int cmd_config_dump(int argc, char **argv)
{
	struct bh_check_ctx ctx;
	size_t size;
	void *data;
	int ret;

	ret = usage_of(argc, argv, 1, 1, dump_usage);
	if (ret >= 0)
		return ret;
	data = read_file(argv[1], &size);
	if (!data)
		return EXIT_FAIL;
	check_ctx_init(&ctx, stdout, argv[1]);
	check_one(&ctx, data, size, 0);
	if (ctx.errors || ctx.warnings)
		print_check_summary(stdout, &ctx);
	printf("%s: %zu bytes, %s\n", argv[1], size,
	       ctx.errors ? "INVALID" : "valid");
	if (config_dump(stdout, data, size))
		printf("%s: neither a system nor a cell config: nothing to show\n",
		       argv[1]);
	free(data);
	return ctx.errors ? EXIT_FAIL : EXIT_OK;
}

static const struct command config_commands[] = {
	{ "check", cmd_config_check,
	  "[--dtb FILE] SYSTEM.cell [CELL.cell ...]: validate configs" },
	{ "dump", cmd_config_dump, "FILE.cell: print a config in words" },
	{ "create", cmd_config_create,
	  "[--dtb FILE] [-o OUT]: system config from a device tree" },
	{ "create-cell", cmd_config_create_cell,
	  "--name N --cpus L --mem S@P ...: cell config" },
	{ NULL, NULL, NULL },
};

int cmd_config(int argc, char **argv)
{
	return run_group(
		"config", config_commands, argc, argv,
		"Binary configs (.cell files): system configs for\n"
		"'bulkhead enable', cell configs for 'bulkhead cell create'.\n\n");
}
