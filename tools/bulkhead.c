// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead: the command line tool of the Bulkhead hypervisor.
 *
 * Exit status of every command: 0 success, 1 failure, 2 usage error.
 */
#include <stdio.h>
#include <string.h>

#include <bulkhead/version.h>

#include "util.h"

const char *progname = "bulkhead";

static const struct command commands[] = {
	{ "enable", cmd_enable, "SYSTEM.cell: start the hypervisor" },
	{ "disable", cmd_disable, "stop the hypervisor" },
	{ "console", cmd_console, "print the hypervisor log" },
	{ "stats", cmd_stats, "per-CPU exit statistics, memory pool" },
	{ "cell", cmd_cell,
	  "create, load, start, shutdown, destroy, list cells" },
	{ "ivshmem", cmd_ivshmem, "shared-memory links of the root cell" },
	{ "config", cmd_config, "check, dump and create configs" },
	{ "hardware", cmd_hardware,
	  "check whether this machine can run Bulkhead" },
	{ NULL, NULL, NULL },
};

static void usage(FILE *out)
{
	fprintf(out, "Usage: bulkhead [--version] [--help] COMMAND [ARGS]\n\n"
		     "Commands:\n");
	print_commands(NULL, commands, out);
	fprintf(out, "\n'bulkhead COMMAND --help' describes one command.\n"
		     "Exit status: 0 success, 1 failure, 2 usage error.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("bulkhead %s\n", BULKHEAD_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	return run_subcommand(NULL, commands, argc - 1, argv + 1);
}
