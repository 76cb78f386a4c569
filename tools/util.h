/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the bulkhead subcommands. */
#ifndef _BULKHEAD_TOOLS_UTIL_H
#define _BULKHEAD_TOOLS_UTIL_H

#include <stddef.h>

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

extern const char *progname;

void *read_file(const char *path, size_t *size);
int open_device(void);
int wants_help(int argc, char **argv);
int run_subcommand(const char *group, const struct command *cmds,
		   int argc, char **argv);
void print_commands(const char *group, const struct command *cmds);

int cmd_enable(int argc, char **argv);
int cmd_disable(int argc, char **argv);
int cmd_console(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_cell(int argc, char **argv);

#endif
