// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the bulkhead subcommands: file loading, the device,
 * subcommand dispatch.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>

#include "util.h"

/* Reads a whole file; refuses files larger than a config may be. */
void *read_file(const char *path, size_t *size)
{
	struct stat st;
	void *buf;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "%s: %s: not a regular file\n", progname, path);
		goto err_close;
	}
	if (st.st_size > BULKHEAD_MAX_CONFIG_SIZE * 64) {
		fprintf(stderr, "%s: %s: file too large (%lld bytes)\n",
			progname, path, (long long)st.st_size);
		goto err_close;
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf) {
		fprintf(stderr, "%s: out of memory\n", progname);
		goto err_close;
	}
	n = read(fd, buf, st.st_size);
	if (n != st.st_size) {
		fprintf(stderr, "%s: %s: short read\n", progname, path);
		free(buf);
		goto err_close;
	}
	close(fd);
	*size = st.st_size;
	return buf;

err_close:
	close(fd);
	return NULL;
}

int open_device(void)
{
	int fd = open(BULKHEAD_DEVICE, O_RDWR);

	if (fd < 0)
		fprintf(stderr, "%s: %s: %s (is bulkhead.ko loaded?)\n",
			progname, BULKHEAD_DEVICE, strerror(errno));
	return fd;
}

int wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

void print_commands(const char *group, const struct command *cmds)
{
	for (; cmds->name; cmds++)
		printf("  %s%s%-18s %s\n", group ? group : "", group ? " " : "",
		       cmds->name, cmds->summary);
}

/* Runs argv[0] from cmds, with argv[0] as the subcommand's own argv[0]. */
int run_subcommand(const char *group, const struct command *cmds,
		   int argc, char **argv)
{
	const struct command *c;

	for (c = cmds; c->name; c++)
		if (!strcmp(c->name, argv[0]))
			return c->run(argc, argv);
	fprintf(stderr, "%s: unknown command '%s%s%s' (see %s --help)\n",
		progname, group ? group : "", group ? " " : "", argv[0],
		progname);
	return 2;
}
