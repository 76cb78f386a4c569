// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead cell ...: create, load, start, shut down, destroy, list and
 * inspect non-root cells. Cells are named by name or numeric id.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <bulkhead/comm-region.h>
#include <bulkhead/ioctl.h>

#include "cell.h"
#include "config.h"
#include "util.h"

#define CELLS_DIR BULKHEAD_SYSFS "/cells"

/* Reads a one-line sysfs file of a cell into buf, without the newline. */
static int read_cell_attr(unsigned int id, const char *attr, char *buf,
			  size_t size)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%u/%s", CELLS_DIR, id, attr);
	return read_line(path, buf, size);
}

/*
 * Resolves a cell name or id; -1 if there is none (said on stderr unless
 * quiet) or the hypervisor is not enabled (always said).
 */
int find_cell(const char *arg, bool quiet)
{
	struct dirent *de;
	char name[64], *end;
	long id = -1;
	DIR *dir;

	dir = opendir(CELLS_DIR);
	if (!dir) {
		fprintf(stderr, "%s: %s: %s (is the hypervisor enabled?)\n",
			progname, CELLS_DIR, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir))) {
		long n = strtol(de->d_name, &end, 10);

		if (*end || de->d_name[0] == '.')
			continue;
		if (read_cell_attr(n, "name", name, sizeof(name)) == 0 &&
		    (!strcmp(name, arg) || !strcmp(de->d_name, arg))) {
			id = n;
			break;
		}
	}
	closedir(dir);
	if (id < 0 && !quiet)
		fprintf(stderr, "%s: no cell '%s' (see 'bulkhead cell list')\n",
			progname, arg);
	return id;
}

static int cell_id(const char *arg)
{
	return find_cell(arg, false);
}

/* An ioctl of /dev/bulkhead; on failure the driver's messages, and -1. */
int cell_ioctl(unsigned long cmd, void *arg, const char *what)
{
	int fd = open_device(), ret;

	if (fd < 0)
		return -1;
	ret = ioctl(fd, cmd, arg);
	if (ret < 0) {
		char where[32];

		snprintf(where, sizeof(where), "cell %s", what);
		report_ioctl_error(fd, where, errno);
	}
	close(fd);
	return ret;
}

static int cmd_create(int argc, char **argv)
{
	struct bulkhead_config_arg arg;
	size_t size;
	void *cfg;
	int ret;

	ret = usage_of(argc, argv, 1, 1,
		       "Usage: bulkhead cell create CELL.cell\n\n"
		       "Creates a cell from its config: its CPUs leave Linux, its\n"
		       "memory, interrupts and devices leave the root cell.\n");
	if (ret >= 0)
		return ret;
	cfg = read_file(argv[1], &size);
	if (!cfg)
		return 1;
	/* The driver would say the same, with less room to say it. */
	if (precheck_config("cell create", argv[1], cfg, size, false)) {
		free(cfg);
		return 1;
	}
	arg.address = (uintptr_t)cfg;
	arg.size = size;
	ret = cell_ioctl(BULKHEAD_IOCTL_CELL_CREATE, &arg, "create");
	free(cfg);
	if (ret < 0)
		return 1;
	printf("Created cell %d\n", ret);
	return 0;
}

static int parse_address(const char *s, uint64_t *addr)
{
	char *end;

	errno = 0;
	*addr = strtoull(s, &end, 0);
	if (errno || *end || !*s) {
		fprintf(stderr, "%s: '%s' is not an address\n", progname, s);
		return -1;
	}
	return 0;
}

static const char load_usage[] =
	"Usage: bulkhead cell load CELL IMAGE [-a ADDR] [-s STRING [-a ADDR]] ...\n\n"
	"Loads images into the cell's loadable memory (the cell stops first).\n"
	"IMAGE goes to ADDR (guest-physical), by default the start of the\n"
	"cell's first loadable region. -s loads STRING (with its NUL) at ADDR,\n"
	"by default as the inmate's arguments in its communication region.\n";

static int cmd_load(int argc, char **argv)
{
	struct bulkhead_load_segment segs[BULKHEAD_MAX_LOAD_SEGMENTS];
	struct bulkhead_cell_load arg = { 0 };
	void *bufs[BULKHEAD_MAX_LOAD_SEGMENTS] = { NULL };
	unsigned int n = 0, i;
	int id, ret = 1, a;

	if (wants_help(argc, argv))
		return printf("%s", load_usage), EXIT_OK;
	if (argc < 3) {
		fputs(load_usage, stderr);
		return EXIT_USAGE;
	}
	id = cell_id(argv[1]);
	if (id < 0)
		return 1;
	for (a = 2; a < argc; a++) {
		struct bulkhead_load_segment *seg = &segs[n];
		size_t size;

		if (n == BULKHEAD_MAX_LOAD_SEGMENTS) {
			fprintf(stderr, "%s: at most %d segments\n", progname,
				BULKHEAD_MAX_LOAD_SEGMENTS);
			ret = EXIT_USAGE;
			goto out;
		}
		if (!strcmp(argv[a], "-a")) {
			fprintf(stderr,
				"%s: -a must follow an image or -s STRING\n",
				progname);
			ret = EXIT_USAGE;
			goto out;
		}
		if (!strcmp(argv[a], "-s")) {
			if (++a == argc) {
				fputs(load_usage, stderr);
				ret = EXIT_USAGE;
				goto out;
			}
			size = strlen(argv[a]) + 1;
			if (size > BH_COMM_ARGS_SIZE) {
				fprintf(stderr,
					"%s: string of %zu bytes is longer than the %d the arguments hold\n",
					progname, size, BH_COMM_ARGS_SIZE);
				ret = EXIT_USAGE;
				goto out;
			}
			bufs[n] = strdup(argv[a]);
			seg->address = BH_COMM_REGION_IPA + BH_COMM_ARGS_OFFSET;
		} else {
			bufs[n] = read_file(argv[a], &size);
			seg->address = BULKHEAD_LOAD_DEFAULT_ADDRESS;
		}
		if (!bufs[n])
			goto out;
		seg->size = size;
		seg->data = (uintptr_t)bufs[n];
		if (a + 1 < argc && !strcmp(argv[a + 1], "-a")) {
			if (a + 2 >= argc) {
				fputs(load_usage, stderr);
				n++;
				ret = EXIT_USAGE;
				goto out;
			}
			if (parse_address(argv[a + 2], &seg->address)) {
				n++;
				ret = EXIT_USAGE;
				goto out;
			}
			a += 2;
		}
		n++;
	}
	arg.id = id;
	arg.num_segments = n;
	arg.segments = (uintptr_t)segs;
	ret = cell_ioctl(BULKHEAD_IOCTL_CELL_LOAD, &arg, "load") < 0;
out:
	for (i = 0; i < n; i++)
		free(bufs[i]);
	return ret;
}

static int simple_cell_cmd(int argc, char **argv, unsigned long cmd,
			   const char *what, const char *usage)
{
	struct bulkhead_cell_id arg = { 0 };
	int ret, a, id = -1;
	const char *name = NULL;

	if (wants_help(argc, argv))
		return printf("%s", usage), EXIT_OK;
	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--force") || !strcmp(argv[a], "-f"))
			arg.flags |= BULKHEAD_SHUTDOWN_FORCE;
		else if (!name)
			name = argv[a];
		else
			name = NULL, a = argc;
	}
	if (!name || ((arg.flags & BULKHEAD_SHUTDOWN_FORCE) &&
		      cmd != BULKHEAD_IOCTL_CELL_SHUTDOWN)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	id = cell_id(name);
	if (id < 0)
		return 1;
	arg.id = id;
	ret = cell_ioctl(cmd, &arg, what);
	return ret < 0;
}

static int cmd_start(int argc, char **argv)
{
	return simple_cell_cmd(
		argc, argv, BULKHEAD_IOCTL_CELL_START, "start",
		"Usage: bulkhead cell start CELL\n\n"
		"Starts the cell's first CPU at its entry point (cpu_reset_address).\n");
}

static int cmd_shutdown(int argc, char **argv)
{
	return simple_cell_cmd(
		argc, argv, BULKHEAD_IOCTL_CELL_SHUTDOWN, "shutdown",
		"Usage: bulkhead cell shutdown CELL [--force]\n\n"
		"Stops the cell's CPUs. An inmate that takes messages is asked\n"
		"first and may refuse; --force stops it regardless.\n");
}

static int cmd_destroy(int argc, char **argv)
{
	return simple_cell_cmd(
		argc, argv, BULKHEAD_IOCTL_CELL_DESTROY, "destroy",
		"Usage: bulkhead cell destroy CELL\n\n"
		"Stops the cell, scrubs its memory and gives its CPUs, memory,\n"
		"interrupts and devices back to the root cell.\n");
}

static int cmd_list(int argc, char **argv)
{
	char name[64], state[32], cpus[64];
	struct dirent *de;
	DIR *dir;
	int ret;

	ret = usage_of(argc, argv, 0, 0,
		       "Usage: bulkhead cell list\n\n"
		       "Lists the non-root cells: id, name, state, CPUs.\n");
	if (ret >= 0)
		return ret;
	dir = opendir(CELLS_DIR);
	if (!dir) {
		fprintf(stderr, "%s: %s: %s (is the hypervisor enabled?)\n",
			progname, CELLS_DIR, strerror(errno));
		return 1;
	}
	printf("%-4s %-24s %-10s %s\n", "ID", "NAME", "STATE", "CPUS");
	while ((de = readdir(dir))) {
		char *end;
		long id = strtol(de->d_name, &end, 10);

		if (*end || de->d_name[0] == '.')
			continue;
		if (read_cell_attr(id, "name", name, sizeof(name)) ||
		    read_cell_attr(id, "state", state, sizeof(state)) ||
		    read_cell_attr(id, "cpus", cpus, sizeof(cpus)))
			continue;
		printf("%-4ld %-24s %-10s %s\n", id, name, state, cpus);
	}
	closedir(dir);
	return 0;
}

static int cmd_cell_stats(int argc, char **argv)
{
	char path[64], buf[4096];
	ssize_t n;
	int ret, id, fd;

	ret = usage_of(argc, argv, 1, 1,
		       "Usage: bulkhead cell stats CELL\n\n"
		       "Prints how often each CPU of the cell exited to the\n"
		       "hypervisor, by reason.\n");
	if (ret >= 0)
		return ret;
	id = cell_id(argv[1]);
	if (id < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/%d/stats", CELLS_DIR, id);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
			strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	close(fd);
	return n < 0;
}

static const struct command cell_commands[] = {
	{ "create", cmd_create, "CELL.cell: create a cell" },
	{ "load", cmd_load, "CELL IMAGE [-a ADDR] [-s STRING [-a ADDR]]" },
	{ "start", cmd_start, "CELL: start the cell" },
	{ "shutdown", cmd_shutdown, "CELL [--force]: stop the cell" },
	{ "destroy", cmd_destroy, "CELL: destroy it, resources back to root" },
	{ "linux", cmd_cell_linux,
	  "CELL.cell Image [-d DTB] [-i INITRD] [-c CMDLINE]: boot Linux in it" },
	{ "list", cmd_list, "list the cells" },
	{ "stats", cmd_cell_stats, "CELL: exit statistics of its CPUs" },
	{ NULL, NULL, NULL },
};

int cmd_cell(int argc, char **argv)
{
	return run_group("cell", cell_commands, argc, argv,
			 "Non-root cells, while the hypervisor is enabled.\n"
			 "CELL is a cell's name or id.\n\n");
}
