/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files reading device trees (fdt-util.c, fdt-devices.c,
 * fdt-scan.c) share with each other and with nobody else.
 */
#ifndef _BULKHEAD_TOOLS_FDT_INTERNAL_H
#define _BULKHEAD_TOOLS_FDT_INTERNAL_H

#include <libfdt.h>

#include "fdt-scan.h"

#define GIC_SPI		0	/* first cell of a GIC interrupt specifier */
#define GIC_PPI		1
#define MAX_CELLS	4	/* FDT_MAX_NCELLS */

/* One scan of a tree into a platform description. */
struct dt_scan {
	const void *fdt;
	struct fdt_platform *p;
	int gic;		/* node offset of the GICv3, or -1 */
};

uint64_t dt_read_cells(const fdt32_t *p, int n);
uint32_t dt_get_u32(const void *fdt, int node, const char *name,
		    uint32_t dflt, uint32_t bad);
int dt_get_cells(const void *fdt, int node, const char *name, int dflt);
void dt_copy_name(char *dst, const char *src);
const char *dt_compatible(const void *fdt, int node);
bool dt_disabled(const void *fdt, int node);
bool dt_translate(const void *fdt, int bus, uint64_t *addr);
int dt_regs(const void *fdt, int node, struct fdt_range *out, int max);
int dt_gic_intid(const fdt32_t *spec, int cells, unsigned int want);

void dt_scan_devices(struct dt_scan *s);

#endif
