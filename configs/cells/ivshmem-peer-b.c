// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "ivshmem-peer-b" on QEMU virt, for inmates/demos/ivshmem-peer.bin:
 * peer 1 of ivshmem link 1 (ivshmem-peer-a is peer 0). CPU 2, cell slot B,
 * the hypervisor's console.
 */
#include "qemu-cells.h"

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
		.name = "ivshmem-peer-b",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = ARRAY_SIZE(config.irqchips),
		.num_pci_devices = ARRAY_SIZE(config.pci_devices),
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = HV_CONSOLE,
	},

	.cpus = { 1 << 2 },		/* CPU 2 */

	.mem_regions = {
		SLOT_RAM(CELL_B_RAM),		/* 16 MiB; the image at its start */
		COMM_REGION(CELL_B_COMM),
	},

	.irqchips = {
		LINK_IRQCHIP(IVSHMEM_LINK1_B_IRQ),	/* the link's doorbell */
	},

	.pci_devices = {
		/* device 0: peer 1 of link 1, ivshmem-peer-a is peer 0 */
		LINK_END(IVSHMEM_LINK1, 1, IVSHMEM_LINK1_PHYS, IVSHMEM_LINK1_B_IRQ,
			 IVSHMEM_RW_SIZE),
	},
};
