// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Just enough of a flattened device tree reader (Devicetree Specification
 * v0.4, chapter 5) to find /chosen/bootargs: bare metal, QEMU passes the
 * tree in x0 and puts -append there, which gives inmates args.
 */
#include "lib.h"

#define FDT_MAGIC      0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP	       4
#define FDT_END	       9

/* Header fields, big-endian 32-bit words. */
#define FDT_TOTALSIZE	 1
#define FDT_OFF_STRUCT	 2
#define FDT_OFF_STRINGS	 3
#define FDT_SIZE_STRINGS 8
#define FDT_SIZE_STRUCT	 9

static uint32_t be32(const void *p)
{
	return __builtin_bswap32(*(const uint32_t *)p);
}

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Length of a string bounded by end, or end - s if unterminated. */
static size_t bounded_strlen(const char *s, const char *end)
{
	const char *p = s;

	while (p < end && *p)
		p++;
	return p - s;
}

const char *fdt_bootargs(uintptr_t fdt)
{
	const uint32_t *hdr = (const uint32_t *)fdt;
	const char *st, *st_end, *strings;
	uint32_t size_strings;
	unsigned int depth = 0;
	bool in_chosen = false;

	if (fdt & 7 || be32(&hdr[0]) != FDT_MAGIC)
		return "";
	st = (const char *)fdt + be32(&hdr[FDT_OFF_STRUCT]);
	st_end = st + be32(&hdr[FDT_SIZE_STRUCT]);
	strings = (const char *)fdt + be32(&hdr[FDT_OFF_STRINGS]);
	size_strings = be32(&hdr[FDT_SIZE_STRINGS]);
	if (be32(&hdr[FDT_OFF_STRUCT]) + be32(&hdr[FDT_SIZE_STRUCT]) >
	    be32(&hdr[FDT_TOTALSIZE]))
		return "";

	while (st + 4 <= st_end) {
		uint32_t token = be32(st);
		size_t len;

		st += 4;
		switch (token) {
		case FDT_BEGIN_NODE:
			len = bounded_strlen(st, st_end);
			depth++;
			in_chosen = depth == 2 && len == 6 &&
				    !strncmp(st, "chosen", 6);
			st += align4(len + 1);
			break;
		case FDT_END_NODE:
			if (!depth)
				return "";
			depth--;
			in_chosen = false;
			break;
		case FDT_PROP: {
			uint32_t plen, nameoff;

			if (st + 8 > st_end)
				return "";
			plen = be32(st);
			nameoff = be32(st + 4);
			st += 8;
			if (plen > (size_t)(st_end - st))
				return "";
			if (in_chosen && nameoff < size_strings &&
			    !strncmp(strings + nameoff, "bootargs",
				     size_strings - nameoff) &&
			    plen && !st[plen - 1])
				return st;
			st += align4(plen);
			break;
		}
		case FDT_NOP:
			break;
		default: /* FDT_END or garbage */
			return "";
		}
	}
	return "";
}
