/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The common layout of the CPU 2 cells on QEMU virt: 16 MiB of RAM from
 * cell slot B (loaded at its start, entered there) and the communication
 * region; no devices, the cell prints through the hypervisor's console.
 * Such a cell can run beside one on CPU 3. A config file defines
 * CELL_NAME and includes this file; with LINK_ID defined, the cell is also
 * one end of an ivshmem link: see qemu-link.h. CELL_CPUS, if defined, is
 * the CPU bitmap instead of CPU 2 alone.
 */
#ifndef CELL_NAME
#error "define CELL_NAME before including qemu-cell-b.h"
#endif

#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include "qemu-virt.h"
#include "qemu-link.h"

#ifndef CELL_CPUS
#define CELL_CPUS	(1 << 2)
#endif

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[2];
	struct bh_irqchip irqchips[LINK_IRQCHIPS];
	struct bh_pci_device pci_devices[LINK_DEVICES];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.name = CELL_NAME,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = 2,
		.num_irqchips = LINK_IRQCHIPS,
		.num_pci_devices = LINK_DEVICES,
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = {
			.type = BH_CON_NONE,
			.flags = BH_CON_FLAG_VIRTUAL,
		},
	},

	.cpus = { CELL_CPUS },

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

#ifdef LINK_ID
	.irqchips = {
		/* the ivshmem device's doorbell */ LINK_IRQCHIP,
	},
	.pci_devices = {
		/* device 0: the cell's end of the link */ LINK_DEVICE,
	},
#endif
};
