// SPDX-License-Identifier: GPL-2.0
/*
 * Device tree basics for fdt-scan.c and fdt-devices.c: loading a blob,
 * reading cells and names, and translating a `reg` through the `ranges`
 * of every bus up to the root (a path with a bus without `ranges` is not
 * memory-mapped); GIC interrupt specifiers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt-internal.h"
#include "util.h"

/* More nesting than any real tree has (Linux's own limit is 64). */
#define FDT_MAX_DEPTH 64

/*
 * The structure block walked tag by tag, each step forced to move on and
 * the nesting bounded: libfdt 1.6.1's fdt_check_full() does not return on
 * some malformed blobs (tests/fuzz/regress/fdt-check-full-hang.fdt).
 * Checks what the scanners rely on: tags, balanced nodes, property names
 * inside the strings block.
 */
static const char *check_structure(const void *fdt)
{
	int offset = 0, next, depth = 0, len;
	const struct fdt_property *prop;
	uint32_t tag;

	for (;;) {
		tag = fdt_next_tag(fdt, offset, &next);
		if (next <= offset)
			return "truncated or inconsistent structure block";
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (++depth > FDT_MAX_DEPTH)
				return "nodes nested too deep";
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return "unbalanced end of node";
			break;
		case FDT_PROP:
			if (!depth)
				return "property outside the root node";
			prop = fdt_get_property_by_offset(fdt, offset, &len);
			if (!prop ||
			    !fdt_get_string(fdt, fdt32_ld(&prop->nameoff),
					    &len))
				return "bad property name";
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return depth ? "structure ends inside a node" : NULL;
		default:
			return "unknown tag in the structure block";
		}
		offset = next;
	}
}

/*
 * What a blob must be before it is scanned: NULL, or why not. Version 17,
 * which dtc and Linux write: libfdt 1.6.1's fdt_check_full() dereferences
 * NULL on some malformed older ones (found by tests/fuzz/fuzz_fdt.c), and
 * may not return on others: the structure is walked here instead.
 */
const char *fdt_check_blob(const void *fdt, size_t size)
{
	static char why[64];
	int err;

	if (size < FDT_V17_SIZE)
		return "shorter than a device tree header";
	if (fdt_magic(fdt) != FDT_MAGIC)
		return "no device tree magic (0xd00dfeed)";
	if (fdt_version(fdt) < 17) {
		snprintf(why, sizeof(why), "version %u, older than 17",
			 fdt_version(fdt));
		return why;
	}
	if (fdt_totalsize(fdt) > size)
		return "truncated: shorter than its header says";
	err = fdt_check_header(fdt);
	return err ? fdt_strerror(err) : check_structure(fdt);
}

/* Loads a .dtb (or /sys/firmware/fdt) and checks its whole structure. */
void *fdt_load(const char *path, size_t *size)
{
	void *fdt = read_file(path, size);
	const char *why;

	if (!fdt)
		return NULL;
	why = fdt_check_blob(fdt, *size);
	if (why) {
		fprintf(stderr,
			"%s: %s: not a valid flattened device tree: %s\n",
			progname, path, why);
		free(fdt);
		return NULL;
	}
	return fdt;
}

/* A number of up to two cells; wider ones keep their low 64 bits. */
uint64_t dt_read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* A one-cell property: dflt if absent, bad if malformed. */
uint32_t dt_get_u32(const void *fdt, int node, const char *name, uint32_t dflt,
		    uint32_t bad)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, name, &len);
	if (!p)
		return dflt;
	return len == sizeof(*p) ? fdt32_to_cpu(*p) : bad;
}

/* A "#...-cells" property: dflt if absent, -1 if malformed or too big. */
int dt_get_cells(const void *fdt, int node, const char *name, int dflt)
{
	uint32_t v = dt_get_u32(fdt, node, name, dflt, ~0U);

	return v > MAX_CELLS ? -1 : (int)v;
}

void dt_copy_name(char *dst, const char *src)
{
	snprintf(dst, FDT_NAME_LEN, "%s", src ? src : "");
}

const char *dt_compatible(const void *fdt, int node)
{
	const char *c = fdt_getprop(fdt, node, "compatible", NULL);

	return c ? c : "";
}

bool dt_disabled(const void *fdt, int node)
{
	const char *s = fdt_getprop(fdt, node, "status", NULL);

	return s && strcmp(s, "okay") && strcmp(s, "ok");
}

/*
 * Translates addr, an address on the bus of node `bus`'s children, into a
 * CPU physical address. False if some bus on the way has no `ranges` or
 * none of its ranges holds addr. ix may be NULL (fdt-index.c).
 */
bool dt_translate(const void *fdt, const struct dt_index *ix, int bus,
		  uint64_t *addr)
{
	int parent, ca, pa, sc, len, n, i, hops;
	uint64_t child = 0, paddr = 0, size;
	const fdt32_t *r;

	for (hops = 0; bus > 0; hops++) {
		parent = dt_parent(fdt, ix, bus);
		if (parent < 0 || hops > 64)
			return false;
		r = fdt_getprop(fdt, bus, "ranges", &len);
		if (!r)
			return false;
		if (len) {
			ca = fdt_address_cells(fdt, bus);
			pa = fdt_address_cells(fdt, parent);
			sc = fdt_size_cells(fdt, bus);
			if (ca < 1 || ca > 2 || pa < 1 || pa > 2 || sc < 0 ||
			    sc > 2)
				return false;
			n = len / (int)sizeof(*r) / (ca + pa + sc);
			for (i = 0; i < n; i++, r += ca + pa + sc) {
				child = dt_read_cells(r, ca);
				paddr = dt_read_cells(r + ca, pa);
				size = dt_read_cells(r + ca + pa, sc);
				if (*addr >= child && *addr - child < size)
					break;
			}
			if (i == n)
				return false;
			*addr = paddr + (*addr - child);
		}
		bus = parent;
	}
	return true;
}

/* The MMIO ranges of node's `reg`, at most max; -1 if it has none. */
int dt_regs_ix(const void *fdt, const struct dt_index *ix, int node,
	       struct fdt_range *out, int max)
{
	int parent = dt_parent(fdt, ix, node), ac, sc, len, i, n = 0;
	const fdt32_t *reg;
	uint64_t addr;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || parent < 0)
		return -1;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -1;
	for (i = 0; i + ac + sc <= len / (int)sizeof(*reg); i += ac + sc) {
		addr = dt_read_cells(reg + i, ac);
		if (n == max || !dt_translate(fdt, ix, parent, &addr))
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].start = addr;
		out[n].size = dt_read_cells(reg + i + ac, sc);
		n++;
	}
	return n;
}

/* The same without an index, for a few nodes. */
int dt_regs(const void *fdt, int node, struct fdt_range *out, int max)
{
	return dt_regs_ix(fdt, NULL, node, out, max);
}

/* The INTID of a GIC specifier of type want (SPI or PPI), or -1. */
int dt_gic_intid(const fdt32_t *spec, int cells, unsigned int want)
{
	unsigned int type, num;

	if (cells < 2)
		return -1;
	type = fdt32_to_cpu(spec[0]);
	num = fdt32_to_cpu(spec[1]);
	if (type != want)
		return -1;
	if (type == GIC_SPI && num < 1020 - 32)
		return 32 + num;
	if (type == GIC_PPI && num < 16)
		return 16 + num;
	return -1;
}