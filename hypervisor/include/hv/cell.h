/* SPDX-License-Identifier: GPL-2.0 */
/* Cells: the partitions the hypervisor keeps apart. */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <hv/types.h>
#include <asm/cell.h>
#include <bulkhead/cell-config.h>

struct cell {
	unsigned int id;		/* 0 = root cell */
	char name[BH_CELL_NAME_LEN];
	const struct bh_cell_desc *desc;
	const void *arrays;		/* cpu set, regions, irqchips */
	u64 cpus;			/* bit n = CPU n */
	struct arch_cell arch;
};

extern struct cell root_cell;

int cell_init_root(void);

static inline bool cell_owns_cpu(const struct cell *cell, unsigned int cpu)
{
	return cpu < 64 && (cell->cpus & (1ULL << cpu));
}

#define for_each_cell_region(cell, mem, i)				\
	for ((i) = 0, (mem) = bh_cell_mem_regions((cell)->desc, (cell)->arrays); \
	     (i) < (cell)->desc->num_memory_regions; (i)++, (mem)++)

#endif
