/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cell of peer 1 of ivshmem link 1 on QEMU virt, for inmates/demos/
 * ivshmem-peer.bin: CPU 2, 16 MiB of RAM from cell slot B, no devices but
 * the link's (virtual PCI device 0, its memory at IVSHMEM_IPA, its doorbell
 * interrupt IVSHMEM_LINK1_B_IRQ); it prints through the hypervisor's
 * console. A config file defines CELL_NAME and LINK_RW_SIZE (the link's
 * read-write section, IVSHMEM_RW_SIZE unless it is meant not to match
 * ivshmem-peer-a) and includes this file.
 */
#if !defined(CELL_NAME) || !defined(LINK_RW_SIZE)
#error "define CELL_NAME and LINK_RW_SIZE before including ivshmem-peer-b.h"
#endif

#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include "qemu-virt.h"

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[2];
	struct bh_irqchip irqchips[1];
	struct bh_pci_device pci_devices[1];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.name = CELL_NAME,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = 2,
		.num_irqchips = 1,
		.num_pci_devices = 1,
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

	.irqchips = {
		/* the ivshmem device's doorbell: INTID 243 is bit 83 */ {
			.address = QEMU_GICD_BASE,
			.pin_base = 160,
			.pin_bitmap = {
				[(IVSHMEM_LINK1_B_IRQ - 160) / 32] =
					1U << ((IVSHMEM_LINK1_B_IRQ - 160) % 32),
			},
		},
	},

	.pci_devices = {
		/* link 1: ivshmem-peer-a is peer 0, this cell peer 1 */ {
			.type = BH_PCI_TYPE_IVSHMEM,
			.bdf = 0 << 3,
			.link_id = IVSHMEM_LINK1,
			.peer_id = 1,
			.max_peers = 2,
			.irq = IVSHMEM_LINK1_B_IRQ,
			.shmem_phys = IVSHMEM_LINK1_PHYS,
			.shmem_virt = IVSHMEM_IPA,
			.rw_size = LINK_RW_SIZE,
			.out_size = IVSHMEM_OUT_SIZE,
		},
	},
};
