// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead enable / disable: start and stop the hypervisor.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>

#include "config.h"
#include "util.h"

int cmd_enable(int argc, char **argv)
{
	struct bulkhead_config_arg arg;
	size_t size;
	void *cfg;
	int fd, err;

	err = usage_of(
		argc, argv, 1, 1,
		"Usage: bulkhead enable SYSTEM.cell\n\n"
		"Starts the hypervisor with the system config SYSTEM.cell and\n"
		"moves the running Linux into the root cell it describes.\n"
		"The driver (bulkhead.ko) must be loaded. 'bulkhead config\n"
		"check SYSTEM.cell' explains a config the driver rejects.\n");
	if (err >= 0)
		return err;
	cfg = read_file(argv[1], &size);
	if (!cfg)
		return 1;
	if (precheck_config("enable", argv[1], cfg, size, true)) {
		free(cfg);
		return 1;
	}
	fd = open_device();
	if (fd < 0) {
		free(cfg);
		return 1;
	}
	arg.address = (uintptr_t)cfg;
	arg.size = size;
	err = ioctl(fd, BULKHEAD_IOCTL_ENABLE, &arg);
	if (err < 0)
		report_ioctl_error(fd, "enable", errno);
	close(fd);
	free(cfg);
	return err < 0 ? 1 : 0;
}

int cmd_disable(int argc, char **argv)
{
	int fd, err;

	err = usage_of(argc, argv, 0, 0,
		       "Usage: bulkhead disable\n\n"
		       "Stops the hypervisor; Linux keeps running on all CPUs.\n"
		       "Fails while non-root cells exist.\n");
	if (err >= 0)
		return err;
	fd = open_device();
	if (fd < 0)
		return 1;
	err = ioctl(fd, BULKHEAD_IOCTL_DISABLE);
	if (err < 0)
		report_ioctl_error(fd, "disable", errno);
	close(fd);
	return err < 0 ? 1 : 0;
}

/* Copies a sysfs file of the driver to stdout. */
static int cat_sysfs(const char *name)
{
	char path[256], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", BULKHEAD_SYSFS, name);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
			strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, n, stdout) != (size_t)n)
			break;
	if (n < 0)
		fprintf(stderr, "%s: %s: %s%s\n", progname, path,
			strerror(errno),
			errno == ENODEV ? " (hypervisor not enabled)" : "");
	close(fd);
	return n < 0 ? 1 : 0;
}

int cmd_console(int argc, char **argv)
{
	static const char help[] =
		"Usage: bulkhead console [--own]\n\n"
		"Prints the hypervisor's log ring (its most recent messages). Lines\n"
		"a cell printed through the hypervisor start with \"[CELL] \".\n\n"
		"  --own  only the hypervisor's own messages (start-up, cell life\n"
		"         cycle, containment), from a ring that no cell's output or\n"
		"         the warnings a cell provokes can push out\n";
	int ret = usage_of(argc, argv, 0, 1, help);

	if (ret >= 0)
		return ret;
	if (argc == 2 && strcmp(argv[1], "--own")) {
		fprintf(stderr, "bulkhead console: unknown option '%s'\n\n%s",
			argv[1], help);
		return EXIT_USAGE;
	}
	return cat_sysfs(argc == 2 ? "console_own" : "console");
}

int cmd_stats(int argc, char **argv)
{
	int ret = usage_of(
		argc, argv, 0, 0,
		"Usage: bulkhead stats\n\n"
		"Prints, per CPU, how often it exited to the hypervisor, by\n"
		"reason, and the hypervisor's memory pool usage in pages.\n");

	if (ret >= 0)
		return ret;
	if (cat_sysfs("stats"))
		return 1;
	printf("memory pool pages: ");
	fflush(stdout);
	if (cat_sysfs("mem_pool_used"))
		return 1;
	printf("of total: ");
	fflush(stdout);
	return cat_sysfs("mem_pool_total");
}
