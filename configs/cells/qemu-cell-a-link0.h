/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A CPU 3 cell on QEMU virt that is peer 1 of ivshmem link 0, whose peer 0
 * is the root cell (configs/cells/qemu-arm64.c): cell slot A, UART1
 * console (as qemu-cell-a.h), virtual PCI device 0 with its memory at
 * IVSHMEM_IPA and its doorbell interrupt IVSHMEM_LINK0_CELL_IRQ.
 * A config file defines CELL_NAME and includes this file.
 */
#ifndef CELL_NAME
#error "define CELL_NAME before including qemu-cell-a-link0.h"
#endif

#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include "qemu-virt.h"

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[3];
	struct bh_irqchip irqchips[2];
	struct bh_pci_device pci_devices[1];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.name = CELL_NAME,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = 3,
		.num_irqchips = 2,
		.num_pci_devices = 1,
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
		/* the ivshmem device's doorbell: INTID 241 is bit 81 */ {
			.address = QEMU_GICD_BASE,
			.pin_base = 160,
			.pin_bitmap = {
				[(IVSHMEM_LINK0_CELL_IRQ - 160) / 32] =
					1U << ((IVSHMEM_LINK0_CELL_IRQ - 160) % 32),
			},
		},
	},

	.pci_devices = {
		/* link 0: the root cell is peer 0, this cell peer 1 */ {
			.type = BH_PCI_TYPE_IVSHMEM,
			.bdf = 0 << 3,
			.link_id = IVSHMEM_LINK0,
			.peer_id = 1,
			.max_peers = 2,
			.irq = IVSHMEM_LINK0_CELL_IRQ,
			.shmem_phys = IVSHMEM_LINK0_PHYS,
			.shmem_virt = IVSHMEM_IPA,
			.rw_size = IVSHMEM_RW_SIZE,
			.out_size = IVSHMEM_OUT_SIZE,
		},
	},
};
