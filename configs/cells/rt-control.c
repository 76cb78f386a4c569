// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "rt-control" on QEMU virt: CPU 2, 16 MiB of RAM from cell slot B,
 * no devices; it prints through the hypervisor's console. Runs
 * inmates/demos/rt-control.bin, and can run beside a cell on CPU 3.
 */
#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include "qemu-virt.h"

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[2];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.name = "rt-control",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = 2,
		.num_irqchips = 0,
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = {
			.type = BH_CON_NONE,
			.flags = BH_CON_FLAG_VIRTUAL,
		},
	},

	.cpus = { 1 << 2 },

	.mem_regions = {
		/* RAM: the image is loaded at its start */ {
			.phys_start = CELL_B_RAM,
			.virt_start = INMATE_RAM_IPA,
			.size = CELL_RAM_SIZE,
			.flags = BH_MEM_RWX | BH_MEM_LOADABLE,
		},
		/* communication region */ {
			.phys_start = CELL_B_COMM,
			.virt_start = BH_COMM_REGION_IPA,
			.size = BH_COMM_REGION_SIZE,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION,
		},
	},

};
