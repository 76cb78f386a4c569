/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files reading device trees (fdt-util.c, fdt-devices.c,
 * fdt-scan.c) share with each other and with nobody else.
 */
#ifndef _BULKHEAD_TOOLS_FDT_INTERNAL_H
#define _BULKHEAD_TOOLS_FDT_INTERNAL_H

#include <libfdt.h>

#include "fdt-scan.h"

#define GIC_SPI	  0 /* first cell of a GIC interrupt specifier */
#define GIC_PPI	  1
#define MAX_CELLS 4 /* FDT_MAX_NCELLS */

/* A tree's parents, phandles and interrupt parents (fdt-index.c). */
struct dt_index {
	struct dt_node *nodes;
	unsigned int num;
	struct dt_phandle *ph;
	unsigned int num_ph;
};

int dt_index_build(const void *fdt, struct dt_index *ix);
void dt_index_free(struct dt_index *ix);
/* These take ix NULL for libfdt's own (slow) lookups; errors < 0. */
int dt_parent(const void *fdt, const struct dt_index *ix, int node);
int dt_by_phandle(const void *fdt, const struct dt_index *ix, uint32_t ph);
int dt_irq_parent(const void *fdt, const struct dt_index *ix, int node);

/* One scan of a tree into a platform description. */
struct dt_scan {
	const void *fdt;
	struct fdt_platform *p;
	int gic; /* node offset of the GIC, or -1 */
	struct dt_index ix;
};

uint64_t dt_read_cells(const fdt32_t *p, int n);
uint32_t dt_get_u32(const void *fdt, int node, const char *name, uint32_t dflt,
		    uint32_t bad);
int dt_get_cells(const void *fdt, int node, const char *name, int dflt);
void dt_copy_name(char *dst, const char *src);
const char *dt_compatible(const void *fdt, int node);
bool dt_disabled(const void *fdt, int node);
bool dt_translate(const void *fdt, const struct dt_index *ix, int bus,
		  uint64_t *addr);
int dt_regs_ix(const void *fdt, const struct dt_index *ix, int node,
	       struct fdt_range *out, int max);
int dt_regs(const void *fdt, int node, struct fdt_range *out, int max);
int dt_gic_intid(const fdt32_t *spec, int cells, unsigned int want);

void dt_scan_devices(struct dt_scan *s);

/* Where an interrupt specifier leads (fdt-irq.c). */
enum dt_irq_kind {
	DT_IRQ_SPI,	     /* a GIC SPI: intid */
	DT_IRQ_NOT_SPI,	     /* a GIC SGI or PPI, or no valid SPI */
	DT_IRQ_COVERED,	     /* behind a controller with SPIs of its own */
	DT_IRQ_UNTRANSLATED, /* behind controller `via`, unknown how */
};

struct dt_irq {
	enum dt_irq_kind kind;
	unsigned int intid;
	int via; /* first controller on the way, -1 if none */
};

void dt_irq_resolve(const struct dt_scan *s, int ctrl, const fdt32_t *spec,
		    int cells, struct dt_irq *out);
void dt_irq_controller_spis(struct dt_scan *s, int node,
			    struct fdt_device *dev);
void dt_note_spi(struct dt_scan *s, struct fdt_device *dev, int intid);
int dt_map_parent_addr_cells(const void *fdt, int nexus, int parent);

#endif
