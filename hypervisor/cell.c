// SPDX-License-Identifier: GPL-2.0
/*
 * Cells: the root cell is built from the system config at start-up.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <bulkhead/config-check.h>
#include <bulkhead/console.h>

struct cell root_cell;

/* The log ring: readable by the root cell, so Linux can show it. */
static int map_console_ring(struct cell *cell)
{
	struct bh_memory ring = {
		.phys_start = pa_addr(hv.mem_base) + bh_hv_header.console_offset,
		.size = BH_CONSOLE_AREA_SIZE,
		.flags = BH_MEM_READ,
	};

	ring.virt_start = ring.phys_start;
	return arch_map_memory_region(cell, &ring);
}

static int cell_map_regions(struct cell *cell)
{
	const struct bh_memory *mem;
	unsigned int i;
	int err;

	for_each_cell_region(cell, mem, i) {
		err = arch_map_memory_region(cell, mem);
		if (err) {
			pr_err("cell %s: cannot map mem_regions[%u] (%d)\n",
			       cell->name, i, err);
			return err;
		}
	}
	return 0;
}

int cell_init_root(void)
{
	const struct bh_cell_desc *desc = &hv.config->root_cell;
	const u8 *cpu_set;
	unsigned int cpu;
	int err;

	root_cell.id = 0;
	root_cell.desc = desc;
	root_cell.arrays = hv.config + 1;
	memcpy(root_cell.name, desc->name, sizeof(root_cell.name));
	root_cell.name[sizeof(root_cell.name) - 1] = 0;
	cpu_set = bh_cell_cpu_set(desc, root_cell.arrays);
	for (cpu = 0; cpu < 64 && cpu < desc->cpu_set_size * 8; cpu++)
		if (cpu_set[cpu / 8] & (1 << (cpu % 8)))
			root_cell.cpus |= 1ULL << cpu;

	err = arch_cell_create(&root_cell);
	if (err)
		return err;
	err = cell_map_regions(&root_cell);
	if (!err)
		err = map_console_ring(&root_cell);
	if (err) {
		arch_cell_destroy(&root_cell);
		return err;
	}
	return 0;
}
