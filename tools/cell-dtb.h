/* SPDX-License-Identifier: GPL-2.0 */
/* The device tree of a Linux cell, made from its config (cell-dtb.c). */
#ifndef _BULKHEAD_TOOLS_CELL_DTB_H
#define _BULKHEAD_TOOLS_CELL_DTB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bulkhead/cell-config.h>

struct cell_dtb_in {
	const struct bh_cell_desc *cell; /* passed the validator */
	const void *sys_fdt;	     /* the device tree the root booted with */
	const struct bh_system *sys; /* NULL: the GIC from sys_fdt, no PCI */
	const char *psci_method;     /* "smc" or "hvc" */
};

/* Receives each warning (a node Linux will not see, ...). */
typedef void cell_dtb_warn_fn(void *arg, const char *msg);

/*
 * Writes the cell's device tree into buf: its RAM, CPUs with PSCI, the
 * GICv3 with its CPUs' redistributors, the timer, its devices copied from
 * sys_fdt (with the clocks they name), the virtual PCI host bridge with
 * its ivshmem devices, /chosen with stdout-path. 0 or -errno with why.
 */
int cell_dtb_build(const struct cell_dtb_in *in, void *buf, size_t size,
		   cell_dtb_warn_fn *warn, void *arg, char *why, size_t len);

/*
 * Reopens fdt (any tree: generated or the user's) into buf and sets
 * /chosen bootargs (if cmdline) and linux,initrd-start/-end (0 for now:
 * cell_dtb_set_initrd fills them once the layout is known).
 */
int cell_dtb_chosen(const void *fdt, void *buf, size_t size,
		    const char *cmdline, bool initrd, char *why, size_t len);
int cell_dtb_set_initrd(void *fdt, uint64_t start, uint64_t end);

/*
 * Adds a placeholder /memreserve/ entry to the packed tree in a buffer of
 * size bytes; cell_dtb_set_reserve fills in the last entry in place.
 * 0 or a libfdt error.
 */
int cell_dtb_add_reserve(void *fdt, size_t size);
int cell_dtb_set_reserve(void *fdt, uint64_t start, uint64_t size);

/* The cell's RAM as Linux sees it: not devices, not shared, not comm. */
static inline bool cell_mem_is_ram(const struct bh_memory *m)
{
	return !(m->flags & (BH_MEM_IO | BH_MEM_COMM_REGION | BH_MEM_SHARED |
			     BH_MEM_ROOTSHARED));
}

#endif
