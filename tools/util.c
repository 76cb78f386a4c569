// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the bulkhead subcommands: file loading, the device,
 * subcommand dispatch, usage texts, parsing and printing of numbers.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>

#include "util.h"

/*
 * Reads a one-line file (a sysfs attribute) into buf, without its newline.
 * Returns 0 or -errno (buf then empty).
 */
int read_line(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	buf[0] = 0;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return 0;
}

/* Reads a whole file; refuses files larger than a config may be. */
void *read_file(const char *path, size_t *size)
{
	struct stat st;
	size_t done;
	void *buf;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
			strerror(errno));
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
	/* sysfs binary files (/sys/firmware/fdt) come a page per read. */
	for (done = 0; done < (size_t)st.st_size; done += n) {
		n = read(fd, (char *)buf + done, st.st_size - done);
		if (n < 0 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n <= 0) {
			fprintf(stderr, "%s: %s: %s\n", progname, path,
				n ? strerror(errno) : "short read");
			free(buf);
			goto err_close;
		}
	}
	close(fd);
	*size = st.st_size;
	return buf;

err_close:
	close(fd);
	return NULL;
}

/*
 * After a failed ioctl on fd: what the driver said about it, one line
 * each, as "PROGNAME: WHAT: LINE"; the errno's text if it said nothing.
 */
void report_ioctl_error(int fd, const char *what, int err)
{
	static char buf[4096];
	struct bulkhead_messages arg = {
		.address = (uintptr_t)buf,
		.size = sizeof(buf),
	};
	char *line, *save;
	int n;

	n = ioctl(fd, BULKHEAD_IOCTL_MESSAGES, &arg);
	if (n <= 0) {
		fprintf(stderr, "%s: %s: %s (details: dmesg)\n", progname, what,
			strerror(err));
		return;
	}
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, "%s: %s: %s\n", progname, what, line);
	fprintf(stderr, "%s: %s: %s\n", progname, what, strerror(err));
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

/*
 * The usage convention of every command: --help prints text on stdout and
 * succeeds; min..max arguments (after argv[0]) go on (-1); anything else
 * prints text on stderr and is a usage error.
 */
int usage_of(int argc, char **argv, int min, int max, const char *text)
{
	if (wants_help(argc, argv)) {
		fputs(text, stdout);
		return EXIT_OK;
	}
	if (argc - 1 < min || argc - 1 > max) {
		fputs(text, stderr);
		return EXIT_USAGE;
	}
	return -1;
}

void print_commands(const char *group, const struct command *cmds, FILE *out)
{
	char name[64];

	for (; cmds->name; cmds++) {
		snprintf(name, sizeof(name), "%s%s%s", group ? group : "",
			 group ? " " : "", cmds->name);
		fprintf(out, "  %-20s %s\n", name, cmds->summary);
	}
}

/* Runs argv[0] from cmds, with argv[0] as the subcommand's own argv[0]. */
int run_subcommand(const char *group, const struct command *cmds, int argc,
		   char **argv)
{
	const struct command *c;

	for (c = cmds; c->name; c++)
		if (!strcmp(c->name, argv[0]))
			return c->run(argc, argv);
	fprintf(stderr, "%s: unknown command '%s%s%s' (see '%s%s%s --help')\n",
		progname, group ? group : "", group ? " " : "", argv[0],
		progname, group ? " " : "", group ? group : "");
	return EXIT_USAGE;
}

/* A command with subcommands: "bulkhead GROUP SUBCOMMAND ...". */
int run_group(const char *group, const struct command *cmds, int argc,
	      char **argv, const char *intro)
{
	bool help = argc >= 2 &&
		    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
	FILE *out = help ? stdout : stderr;

	if (argc < 2 || help) {
		fprintf(out, "Usage: %s %s COMMAND [ARGS]\n\n%sCommands:\n",
			progname, group, intro);
		print_commands(group, cmds, out);
		fprintf(out,
			"\n'%s %s COMMAND --help' describes one command.\n",
			progname, group);
		return help ? EXIT_OK : EXIT_USAGE;
	}
	return run_subcommand(group, cmds, argc - 1, argv + 1);
}

/* A number in C notation (0x..., decimal); the whole string must be used. */
int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!*s || *s == '-' || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &end, 0);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

/* A size: a number with an optional K, M or G suffix (powers of 1024). */
int parse_size(const char *s, uint64_t *v)
{
	static const char suffixes[] = "KMG";
	char num[32], *p;
	unsigned int shift = 0;
	size_t len = strlen(s);

	if (!len || len >= sizeof(num))
		return -EINVAL;
	memcpy(num, s, len + 1);
	p = strchr(suffixes, toupper((unsigned char)num[len - 1]));
	if (p) {
		shift = 10 * (unsigned int)(p - suffixes + 1);
		num[len - 1] = '\0';
	}
	if (parse_u64(num, v) || (*v << shift) >> shift != *v)
		return -EINVAL;
	*v <<= shift;
	return 0;
}

/* "0-2,5" into a CPU bitmap (bit n % 8 of byte n / 8), CPUs < max_cpus. */
int parse_cpu_list(const char *s, uint8_t *set, unsigned int max_cpus)
{
	unsigned long first, last, cpu;
	const char *p = s;
	char *end;

	do {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		first = strtoul(p, &end, 10);
		last = first;
		if (*end == '-') {
			if (!isdigit((unsigned char)end[1]))
				return -EINVAL;
			last = strtoul(end + 1, &end, 10);
		}
		if (last < first || last >= max_cpus)
			return -EINVAL;
		for (cpu = first; cpu <= last; cpu++)
			set[cpu / 8] |= 1U << (cpu % 8);
		p = end + 1;
	} while (*end == ',');
	return *end ? -EINVAL : 0;
}

/* A size in the largest binary unit that divides it: "8 MiB", "4100 bytes". */
void format_size(char *buf, size_t len, uint64_t size)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB",
					     "TiB" };
	unsigned int u = 0;

	while (u < 4 && size && !(size & 0x3ff)) {
		size >>= 10;
		u++;
	}
	snprintf(buf, len, "%llu %s", (unsigned long long)size, units[u]);
}

/* Ascending numbers as runs: "32-40,48,50-52"; "none" if count is 0. */
int format_list(char *buf, size_t len, const unsigned int *nums,
		unsigned int count)
{
	unsigned int i = 0, j;
	size_t pos = 0;
	int n;

	if (!count)
		return snprintf(buf, len, "none");
	buf[0] = '\0';
	while (i < count) {
		for (j = i; j + 1 < count && nums[j + 1] == nums[j] + 1; j++)
			;
		if (j == i)
			n = snprintf(buf + pos, len - pos, "%s%u",
				     pos ? "," : "", nums[i]);
		else
			n = snprintf(buf + pos, len - pos, "%s%u-%u",
				     pos ? "," : "", nums[i], nums[j]);
		if (n < 0 || (size_t)n >= len - pos)
			return -ENOSPC;
		pos += n;
		i = j + 1;
	}
	return pos;
}

/* stdout for NULL or "-", else the file, created or truncated. */
FILE *open_output(const char *path)
{
	FILE *f;

	if (!path || !strcmp(path, "-"))
		return stdout;
	f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "%s: %s: %s\n", progname, path,
			strerror(errno));
	return f;
}

/* Closes what open_output() opened; a failed write shows only here. */
int close_output(FILE *f, const char *path)
{
	bool err = ferror(f);

	if (f == stdout)
		err |= fflush(f) != 0;
	else
		err |= fclose(f) != 0;
	if (err)
		fprintf(stderr, "%s: %s: write failed\n", progname,
			path && f != stdout ? path : "stdout");
	return err ? -EIO : 0;
}
