/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the bulkhead subcommands. */
#ifndef _BULKHEAD_TOOLS_UTIL_H
#define _BULKHEAD_TOOLS_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses of every command. */
#define EXIT_OK	   0
#define EXIT_FAIL  1
#define EXIT_USAGE 2

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

extern const char *progname;

void *read_file(const char *path, size_t *size);
int read_line(const char *path, char *buf, size_t size);
int open_device(void);
void report_ioctl_error(int fd, const char *what, int err);
int wants_help(int argc, char **argv);
int usage_of(int argc, char **argv, int min, int max, const char *text);
int run_subcommand(const char *group, const struct command *cmds, int argc,
		   char **argv);
int run_group(const char *group, const struct command *cmds, int argc,
	      char **argv, const char *intro);
void print_commands(const char *group, const struct command *cmds, FILE *out);

int parse_u64(const char *s, uint64_t *v);
int parse_size(const char *s, uint64_t *v);
int parse_cpu_list(const char *s, uint8_t *set, unsigned int max_cpus);
void format_size(char *buf, size_t len, uint64_t size);
int format_list(char *buf, size_t len, const unsigned int *nums,
		unsigned int count);

FILE *open_output(const char *path);
int close_output(FILE *f, const char *path);

int cmd_enable(int argc, char **argv);
int cmd_disable(int argc, char **argv);
int cmd_console(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_cell(int argc, char **argv);
int cmd_ivshmem(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_hardware(int argc, char **argv);

#endif
