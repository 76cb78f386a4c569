/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The common layout of the CPU 3 cells on QEMU virt: 16 MiB of RAM from
 * cell slot A (loaded at its start, entered there), the communication
 * region, and the second PL011 (UART1) as the console with its interrupt.
 * A config file defines CELL_NAME and includes this file; CELL_FLAGS, if
 * defined, are the cell's flags.
 *
 * With LINK_ID defined, the cell is also one end of an ivshmem link: see
 * qemu-link.h.
 */
#ifndef CELL_NAME
#error "define CELL_NAME before including qemu-cell-a.h"
#endif

#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include "qemu-virt.h"
#include "qemu-link.h"

#ifndef CELL_FLAGS
#define CELL_FLAGS	0
#endif

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[3];
	struct bh_irqchip irqchips[1 + LINK_IRQCHIPS];
	struct bh_pci_device pci_devices[LINK_DEVICES];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.flags = CELL_FLAGS,
		.name = CELL_NAME,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = 3,
		.num_irqchips = 1 + LINK_IRQCHIPS,
		.num_pci_devices = LINK_DEVICES,
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = {
			.address = QEMU_UART1_BASE,
			.size = 0x1000,
			.type = BH_CON_PL011,
		},
	},

	.cpus = { 1 << 3 },

	.mem_regions = {
		/* RAM: the image is loaded at its start */ {
			.phys_start = CELL_A_RAM,
			.virt_start = INMATE_RAM_IPA,
			.size = CELL_RAM_SIZE,
			.flags = BH_MEM_RWX | BH_MEM_LOADABLE,
		},
		/* communication region */ {
			.phys_start = CELL_A_COMM,
			.virt_start = BH_COMM_REGION_IPA,
			.size = BH_COMM_REGION_SIZE,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION,
		},
		/* UART1 (PL011) */ {
			.phys_start = QEMU_UART1_BASE,
			.virt_start = QEMU_UART1_BASE,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
	},

	.irqchips = {
		/* UART1's interrupt */ {
			.address = QEMU_GICD_BASE,
			.pin_base = 32,
			.pin_bitmap = { 1U << (QEMU_UART1_IRQ - 32) },
		},
#ifdef LINK_ID
		/* the ivshmem device's doorbell */ LINK_IRQCHIP,
#endif
	},

#ifdef LINK_ID
	.pci_devices = {
		/* device 0: the cell's end of the link */ LINK_DEVICE,
	},
#endif
};
