// SPDX-License-Identifier: GPL-2.0
/*
 * Test helper for test_boards.sh: copies a board's device tree and adds
 * what a user adds before `bulkhead config create`, a no-map
 * /reserved-memory/bulkhead-hypervisor node of 8 MiB, at the top of the
 * first memory node range of at least 32 MiB. Many boards leave the size
 * of their memory node to the boot loader: as one would, it then gives
 * the first memory node 1 GiB at its unit address (0x80000000 if the tree
 * has no memory node). Prints where the hypervisor went.
 *
 * Usage: dtb-add-hv IN.dtb OUT.dtb
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#define HV_SIZE	 0x800000ULL
#define MIN_RAM	 0x2000000ULL
#define ALIGN_2M 0x200000ULL

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/* Where to put the hypervisor: the top of the first big RAM range. */
static uint64_t pick(const void *fdt)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	const char *type;
	const fdt32_t *reg;
	uint64_t start, size;
	int node, len, i;

	fdt_for_each_subnode(node, fdt, 0)
	{
		type = fdt_getprop(fdt, node, "device_type", NULL);
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!type || strcmp(type, "memory") || !reg || ac < 1 ||
		    ac > 2 || sc < 1 || sc > 2)
			continue;
		for (i = 0; (i + ac + sc) * 4 <= len; i += ac + sc) {
			start = cells(reg + i, ac);
			size = cells(reg + i + ac, sc);
			if (size >= MIN_RAM)
				return (start + size - HV_SIZE) &
				       ~(ALIGN_2M - 1);
		}
	}
	return 0;
}

static int set_reg(void *fdt, int node, int parent, uint64_t addr,
		   uint64_t size);

/* What a boot loader does: 1 GiB in the (first) memory node. */
static int fill_memory(void *fdt)
{
	const char *type, *at;
	uint64_t base = 0x80000000;
	char name[64];
	int node;

	fdt_for_each_subnode(node, fdt, 0)
	{
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (type && !strcmp(type, "memory"))
			break;
	}
	if (node < 0) {
		snprintf(name, sizeof(name), "memory@%llx",
			 (unsigned long long)base);
		node = fdt_add_subnode(fdt, 0, name);
		if (node < 0)
			return node;
		fdt_setprop_string(fdt, node, "device_type", "memory");
	} else {
		at = strchr(fdt_get_name(fdt, node, NULL), '@');
		base = at ? strtoull(at + 1, NULL, 16) : 0;
	}
	return set_reg(fdt, node, 0, base, 0x40000000);
}

static int set_reg(void *fdt, int node, int parent, uint64_t addr,
		   uint64_t size)
{
	int ac = fdt_address_cells(fdt, parent),
	    sc = fdt_size_cells(fdt, parent);
	fdt32_t reg[4];
	int n = 0;

	if (ac == 2)
		reg[n++] = cpu_to_fdt32(addr >> 32);
	reg[n++] = cpu_to_fdt32((uint32_t)addr);
	if (sc == 2)
		reg[n++] = cpu_to_fdt32(size >> 32);
	reg[n++] = cpu_to_fdt32((uint32_t)size);
	return fdt_setprop(fdt, node, "reg", reg, n * 4);
}

int main(int argc, char **argv)
{
	int rsv, node, err, size = 4 << 20;
	char name[64];
	uint64_t addr;
	FILE *f;
	void *in, *out;
	long len;

	if (argc != 3)
		return fprintf(stderr, "usage: dtb-add-hv IN.dtb OUT.dtb\n"), 2;
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) <= 0)
		return perror(argv[1]), 1;
	rewind(f);
	in = malloc(len);
	out = malloc(len + size);
	if (!in || !out || fread(in, 1, len, f) != (size_t)len)
		return perror(argv[1]), 1;
	fclose(f);
	err = fdt_open_into(in, out, len + size);
	if (err)
		return fprintf(stderr, "%s: %s\n", argv[1], fdt_strerror(err)),
		       1;
	addr = pick(out);
	if (!addr) {
		err = fill_memory(out);
		if (err)
			return fprintf(stderr, "%s\n", fdt_strerror(err)), 1;
		addr = pick(out);
	}
	rsv = fdt_path_offset(out, "/reserved-memory");
	if (rsv < 0) {
		rsv = fdt_add_subnode(out, 0, "reserved-memory");
		err = rsv < 0 ? rsv : 0;
		if (!err)
			err = fdt_setprop_u32(out, rsv, "#address-cells", 2);
		if (!err)
			err = fdt_setprop_u32(out, rsv, "#size-cells", 2);
		if (!err)
			err = fdt_setprop(out, rsv, "ranges", NULL, 0);
		if (err)
			return fprintf(stderr, "%s\n", fdt_strerror(err)), 1;
	}
	snprintf(name, sizeof(name), "bulkhead-hypervisor@%llx",
		 (unsigned long long)addr);
	node = fdt_add_subnode(out, rsv, name);
	err = node < 0 ? node : set_reg(out, node, rsv, addr, HV_SIZE);
	if (!err)
		err = fdt_setprop(out, node, "no-map", NULL, 0);
	if (!err)
		err = fdt_pack(out);
	if (err)
		return fprintf(stderr, "%s: %s\n", argv[1], fdt_strerror(err)),
		       1;
	f = fopen(argv[2], "wb");
	if (!f || fwrite(out, 1, fdt_totalsize(out), f) != fdt_totalsize(out) ||
	    fclose(f))
		return perror(argv[2]), 1;
	printf("0x%llx\n", (unsigned long long)addr);
	return 0;
}
