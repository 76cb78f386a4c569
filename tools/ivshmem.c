// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead ivshmem ...: the root cell's ivshmem devices, for scripts: list
 * them, show a link, read and set states, ring doorbells, wait for
 * interrupts, read and write the shared sections.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bulkhead/ivshmem.h>
#include <bulkhead/ivshmem-ioctl.h>

#include "util.h"

#define PCI_DEVICES "/sys/bus/pci/devices"

/* DEV: a link id, a device name, or a path. */
static void device_path(const char *dev, char *path, size_t size)
{
	uint64_t n;

	if (strchr(dev, '/'))
		snprintf(path, size, "%s", dev);
	else if (!parse_u64(dev, &n))
		snprintf(path, size, "%s%llu", BULKHEAD_IVSHMEM_DEV_PREFIX,
			 (unsigned long long)n);
	else
		snprintf(path, size, "/dev/%s", dev);
}

/* Opens DEV and reads its info; prints why not and returns -1 on failure. */
static int open_ivshmem(const char *dev, struct bulkhead_ivshmem_info *info)
{
	char path[256];
	int fd;

	device_path(dev, path, sizeof(path));
	fd = open(path, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s (see 'bulkhead ivshmem list')\n",
			progname, path, strerror(errno));
		return -1;
	}
	if (ioctl(fd, BULKHEAD_IVSHMEM_GET_INFO, info) < 0) {
		fprintf(stderr, "%s: %s: not an ivshmem device: %s\n", progname,
			path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* A one-line sysfs attribute of a PCI device, without the newline. */
static int read_attr(const char *pci, const char *attr, char *buf, size_t size)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s/%s", PCI_DEVICES, pci, attr);
	return read_line(path, buf, size);
}

static void attr_or_dash(const char *pci, const char *attr, char *buf,
			 size_t size)
{
	if (read_attr(pci, attr, buf, size))
		snprintf(buf, size, "-");
}

static int cmd_list(int argc, char **argv)
{
	char vendor[16], device[16], link[16], peer[16], peers[16], state[128];
	char node[64];
	struct dirent *de;
	DIR *dir;
	int ret;

	ret = usage_of(
		argc, argv, 0, 0,
		"Usage: bulkhead ivshmem list\n\n"
		"Lists the root cell's ivshmem devices (links): device node,\n"
		"PCI address, link id, own peer id, number of peers, and the\n"
		"state table. They exist while the hypervisor is enabled.\n");
	if (ret >= 0)
		return ret;
	dir = opendir(PCI_DEVICES);
	if (!dir) {
		fprintf(stderr, "%s: %s: %s\n", progname, PCI_DEVICES,
			strerror(errno));
		return 1;
	}
	printf("%-26s %-14s %-5s %-5s %-6s %s\n", "DEVICE", "PCI", "LINK",
	       "PEER", "PEERS", "STATE");
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' ||
		    read_attr(de->d_name, "vendor", vendor, sizeof(vendor)) ||
		    read_attr(de->d_name, "device", device, sizeof(device)) ||
		    strtoul(vendor, NULL, 16) != BH_IVSHMEM_VENDOR_ID ||
		    strtoul(device, NULL, 16) != BH_IVSHMEM_DEVICE_ID)
			continue;
		attr_or_dash(de->d_name, "link_id", link, sizeof(link));
		attr_or_dash(de->d_name, "peer_id", peer, sizeof(peer));
		attr_or_dash(de->d_name, "max_peers", peers, sizeof(peers));
		attr_or_dash(de->d_name, "state", state, sizeof(state));
		if (strcmp(link, "-"))
			snprintf(node, sizeof(node), "%s%s",
				 BULKHEAD_IVSHMEM_DEV_PREFIX, link);
		else
			snprintf(node, sizeof(node), "- (no driver)");
		printf("%-26s %-14s %-5s %-5s %-6s %s\n", node, de->d_name,
		       link, peer, peers, state);
	}
	closedir(dir);
	return 0;
}

static int cmd_info(int argc, char **argv)
{
	struct bulkhead_ivshmem_info info;
	char size[32];
	int ret, fd;

	ret = usage_of(
		argc, argv, 1, 1,
		"Usage: bulkhead ivshmem info DEV\n\n"
		"Prints a link's parameters, one 'name: value' per line.\n"
		"DEV is a link id, a device name (bulkhead-ivshmem0) or a path.\n"
		"Offsets are those of the link memory (and of mmap on DEV).\n");
	if (ret >= 0)
		return ret;
	fd = open_ivshmem(argv[1], &info);
	if (fd < 0)
		return 1;
	close(fd);
	format_size(size, sizeof(size), info.shmem_size);
	printf("link_id: %u\n", info.link_id);
	printf("peer_id: %u\n", info.peer_id);
	printf("max_peers: %u\n", info.max_peers);
	printf("intid: %u\n", info.intid);
	printf("irq: %u\n", info.irq);
	printf("shmem_addr: 0x%llx\n", (unsigned long long)info.shmem_phys);
	printf("shmem_size: 0x%llx (%s)\n", (unsigned long long)info.shmem_size,
	       size);
	printf("state_size: 0x%llx\n", (unsigned long long)info.state_size);
	printf("rw_offset: 0x%llx\n", (unsigned long long)info.rw_offset);
	printf("rw_size: 0x%llx\n", (unsigned long long)info.rw_size);
	printf("out_offset: 0x%llx\n", (unsigned long long)info.out_offset);
	printf("out_size: 0x%llx\n", (unsigned long long)info.out_size);
	printf("own_out_offset: 0x%llx\n",
	       (unsigned long long)(info.out_offset +
				    (uint64_t)info.peer_id * info.out_size));
	printf("interrupts: %u\n", info.interrupts);
	return 0;
}

/* Maps [off, off + len) of the link memory; NULL with a message if not. */
static void *map_link(int fd, uint64_t off, uint64_t len, int prot)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t start = off & ~((uint64_t)page - 1);
	char *p;

	p = mmap(NULL, len + (off - start), prot, MAP_SHARED, fd, start);
	if (p == MAP_FAILED) {
		fprintf(stderr, "%s: mmap of 0x%llx bytes at 0x%llx: %s\n",
			progname, (unsigned long long)len,
			(unsigned long long)off, strerror(errno));
		return NULL;
	}
	return p + (off - start);
}

static void unmap_link(void *p, uint64_t off, uint64_t len)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t delta = off & ((uint64_t)page - 1);

	munmap((char *)p - delta, len + delta);
}

static int cmd_state(int argc, char **argv)
{
	struct bulkhead_ivshmem_info info;
	const volatile uint32_t *table;
	uint64_t value;
	unsigned int i;
	int ret, fd;

	ret = usage_of(argc, argv, 1, 2,
		       "Usage: bulkhead ivshmem state DEV [VALUE]\n\n"
		       "With VALUE, sets this cell's state on the link (the other\n"
		       "peers take an interrupt). Then prints the state table, one\n"
		       "'peer N: STATE' line per peer.\n");
	if (ret >= 0)
		return ret;
	if (argc == 3 && (parse_u64(argv[2], &value) || value > UINT32_MAX)) {
		fprintf(stderr, "%s: '%s' is not a 32-bit state value\n",
			progname, argv[2]);
		return EXIT_USAGE;
	}
	fd = open_ivshmem(argv[1], &info);
	if (fd < 0)
		return 1;
	if (argc == 3) {
		uint32_t state = value;

		if (ioctl(fd, BULKHEAD_IVSHMEM_SET_STATE, &state) < 0) {
			fprintf(stderr, "%s: setting the state: %s\n", progname,
				strerror(errno));
			close(fd);
			return 1;
		}
	}
	table = map_link(fd, 0, info.state_size, PROT_READ);
	if (!table) {
		close(fd);
		return 1;
	}
	for (i = 0; i < info.max_peers; i++)
		printf("peer %u: %u\n", i, table[i]);
	unmap_link((void *)table, 0, info.state_size);
	close(fd);
	return 0;
}

static int cmd_ring(int argc, char **argv)
{
	struct bulkhead_ivshmem_ring ring = { 0 };
	struct bulkhead_ivshmem_info info;
	uint64_t peer, vector = 0;
	int ret, fd;

	ret = usage_of(argc, argv, 2, 3,
		       "Usage: bulkhead ivshmem ring DEV PEER [VECTOR]\n\n"
		       "Rings PEER's doorbell on the link (vector 0 by default):\n"
		       "an interrupt in that peer.\n");
	if (ret >= 0)
		return ret;
	if (parse_u64(argv[2], &peer) || peer > UINT32_MAX ||
	    (argc == 4 && (parse_u64(argv[3], &vector) || vector > 0xffff))) {
		fprintf(stderr, "%s: bad PEER or VECTOR\n", progname);
		return EXIT_USAGE;
	}
	fd = open_ivshmem(argv[1], &info);
	if (fd < 0)
		return 1;
	if (peer >= info.max_peers) {
		fprintf(stderr, "%s: link %u has peers 0 to %u\n", progname,
			info.link_id, info.max_peers - 1U);
		close(fd);
		return EXIT_USAGE;
	}
	ring.peer = peer;
	ring.vector = vector;
	ret = ioctl(fd, BULKHEAD_IVSHMEM_RING, &ring);
	if (ret < 0)
		fprintf(stderr, "%s: ring: %s\n", progname, strerror(errno));
	close(fd);
	return ret < 0;
}

static const char wait_usage[] =
	"Usage: bulkhead ivshmem wait DEV [--timeout SEC]\n\n"
	"Waits for an interrupt of the link's device (a doorbell or a state\n"
	"change of another peer) after it started waiting, and prints how\n"
	"many came. Exit status 1 if none came within SEC seconds.\n";

static int cmd_wait(int argc, char **argv)
{
	struct bulkhead_ivshmem_info info;
	struct pollfd pfd;
	double timeout = -1;
	const char *dev = NULL;
	uint32_t count;
	char *end;
	int a, fd, ret;

	if (wants_help(argc, argv))
		return fputs(wait_usage, stdout), EXIT_OK;
	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--timeout") || !strcmp(argv[a], "-t")) {
			if (++a == argc)
				goto usage;
			timeout = strtod(argv[a], &end);
			if (*end || !*argv[a] || timeout < 0 ||
			    timeout > 86400) {
				fprintf(stderr,
					"%s: '%s' is not a timeout in seconds\n",
					progname, argv[a]);
				return EXIT_USAGE;
			}
		} else if (!dev) {
			dev = argv[a];
		} else {
			goto usage;
		}
	}
	if (!dev)
		goto usage;
	fd = open_ivshmem(dev, &info);
	if (fd < 0)
		return 1;
	pfd.fd = fd;
	pfd.events = POLLIN;
	do
		ret = poll(&pfd, 1, timeout < 0 ? -1 : (int)(timeout * 1000));
	while (ret < 0 && errno == EINTR);
	if (ret == 0) {
		fprintf(stderr, "%s: no interrupt on link %u within %g s\n",
			progname, info.link_id, timeout);
		close(fd);
		return 1;
	}
	if (ret < 0 || read(fd, &count, sizeof(count)) != sizeof(count)) {
		fprintf(stderr, "%s: waiting: %s\n", progname, strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	printf("%u\n", count);
	return 0;

usage:
	fputs(wait_usage, stderr);
	return EXIT_USAGE;
}

/* Section SECT ("rw" or "out") of peer: its offset and size. */
static int section(const struct bulkhead_ivshmem_info *info, const char *sect,
		   uint64_t peer, uint64_t *off, uint64_t *size)
{
	if (!strcmp(sect, "rw")) {
		*off = info->rw_offset;
		*size = info->rw_size;
		return 0;
	}
	if (!strcmp(sect, "out") && peer < info->max_peers) {
		*off = info->out_offset + peer * info->out_size;
		*size = info->out_size;
		return 0;
	}
	if (!strcmp(sect, "out"))
		fprintf(stderr, "%s: link %u has peers 0 to %u\n", progname,
			info->link_id, info->max_peers - 1U);
	else
		fprintf(stderr, "%s: section '%s': rw or out\n", progname,
			sect);
	return -1;
}

static const char read_usage[] =
	"Usage: bulkhead ivshmem read DEV rw [OFFSET LEN]\n"
	"       bulkhead ivshmem read DEV out PEER [OFFSET LEN]\n\n"
	"Writes LEN bytes at OFFSET of the read-write section, or of PEER's\n"
	"output section, to standard output, unchanged (by default all of\n"
	"the section).\n";

static int cmd_read(int argc, char **argv)
{
	struct bulkhead_ivshmem_info info;
	uint64_t peer = 0, sect_off, sect_size, off = 0, len;
	int fd, a = 3, ret = 1;
	const char *p;

	if (wants_help(argc, argv))
		return fputs(read_usage, stdout), EXIT_OK;
	if (argc < 3)
		goto usage;
	if (!strcmp(argv[2], "out")) {
		if (argc < 4 || parse_u64(argv[3], &peer))
			goto usage;
		a = 4;
	}
	if (argc != a && argc != a + 2)
		goto usage;
	if (argc == a + 2 &&
	    (parse_size(argv[a], &off) || parse_size(argv[a + 1], &len)))
		goto usage;
	fd = open_ivshmem(argv[1], &info);
	if (fd < 0)
		return 1;
	if (section(&info, argv[2], peer, &sect_off, &sect_size)) {
		ret = EXIT_USAGE;
		goto out;
	}
	if (argc == a)
		len = sect_size;
	if (off > sect_size || len > sect_size - off) {
		fprintf(stderr,
			"%s: %llu bytes at %llu do not fit in the %llu-byte section\n",
			progname, (unsigned long long)len,
			(unsigned long long)off, (unsigned long long)sect_size);
		ret = EXIT_USAGE;
		goto out;
	}
	if (!len) {
		ret = 0;
		goto out;
	}
	p = map_link(fd, sect_off + off, len, PROT_READ);
	if (!p)
		goto out;
	ret = fwrite(p, 1, len, stdout) != len || fflush(stdout);
	if (ret)
		fprintf(stderr, "%s: writing the output: %s\n", progname,
			strerror(errno));
	unmap_link((void *)p, sect_off + off, len);
out:
	close(fd);
	return ret;

usage:
	fputs(read_usage, stderr);
	return EXIT_USAGE;
}

static int cmd_write(int argc, char **argv)
{
	struct bulkhead_ivshmem_info info;
	uint64_t sect_off, sect_size, off, len;
	int fd, ret;
	char *p;

	ret = usage_of(
		argc, argv, 4, 4,
		"Usage: bulkhead ivshmem write DEV rw|out OFFSET STRING\n\n"
		"Writes STRING (without a terminating NUL) at OFFSET of the\n"
		"read-write section or of this cell's own output section.\n");
	if (ret >= 0)
		return ret;
	if (parse_size(argv[3], &off)) {
		fprintf(stderr, "%s: '%s' is not an offset\n", progname,
			argv[3]);
		return EXIT_USAGE;
	}
	len = strlen(argv[4]);
	fd = open_ivshmem(argv[1], &info);
	if (fd < 0)
		return 1;
	if (section(&info, argv[2], info.peer_id, &sect_off, &sect_size)) {
		ret = EXIT_USAGE;
		goto out;
	}
	if (off > sect_size || len > sect_size - off) {
		fprintf(stderr,
			"%s: %llu bytes at %llu do not fit in the %llu-byte section\n",
			progname, (unsigned long long)len,
			(unsigned long long)off, (unsigned long long)sect_size);
		ret = EXIT_USAGE;
		goto out;
	}
	ret = 0;
	if (!len)
		goto out;
	p = map_link(fd, sect_off + off, len, PROT_READ | PROT_WRITE);
	if (!p) {
		ret = 1;
		goto out;
	}
	memcpy(p, argv[4], len);
	unmap_link(p, sect_off + off, len);
out:
	close(fd);
	return ret;
}

static const struct command ivshmem_commands[] = {
	{ "list", cmd_list, "list the ivshmem devices (links)" },
	{ "info", cmd_info, "DEV: a link's parameters" },
	{ "state", cmd_state, "DEV [VALUE]: set own state, print the table" },
	{ "ring", cmd_ring, "DEV PEER [VECTOR]: ring a peer's doorbell" },
	{ "wait", cmd_wait, "DEV [--timeout SEC]: wait for an interrupt" },
	{ "read", cmd_read, "DEV rw|(out PEER) [OFFSET LEN]: print a section" },
	{ "write", cmd_write, "DEV rw|out OFFSET STRING: write a section" },
	{ NULL, NULL, NULL },
};

int cmd_ivshmem(int argc, char **argv)
{
	return run_group(
		"ivshmem", ivshmem_commands, argc, argv,
		"The root cell's shared-memory links to other cells, while\n"
		"the hypervisor is enabled. DEV is a link id, a device name\n"
		"(bulkhead-ivshmem0) or a path.\n\n");
}
