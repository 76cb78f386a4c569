// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead: the command line tool of the Bulkhead hypervisor.
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
	{ "cell", cmd_cell, "create, load, start, shutdown, destroy, list cells" },
	{ NULL, NULL, NULL },
};

static void usage(void)
{
	printf("Usage: bulkhead [--version] [--help] COMMAND [ARGS]\n\n"
	       "Commands:\n");
	print_commands(NULL, commands);
	printf("\n'bulkhead COMMAND --help' describes one command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage();
		return 2;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("bulkhead %s\n", BULKHEAD_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage();
		return 0;
	}
	return run_subcommand(NULL, commands, argc - 1, argv + 1);
}
