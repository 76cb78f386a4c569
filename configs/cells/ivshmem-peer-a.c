// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "ivshmem-peer-a" on QEMU virt, for inmates/demos/ivshmem-peer.bin:
 * peer 0 of ivshmem link 1, which joins it to ivshmem-peer-b; the root
 * cell is not part of that link. CPU 3, cell slot A, UART1 as its console.
 */
#include "qemu-cells.h"

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
		.name = "ivshmem-peer-a",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = ARRAY_SIZE(config.irqchips),
		.num_pci_devices = ARRAY_SIZE(config.pci_devices),
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = UART1_CONSOLE,
	},

	.cpus = { 1 << 3 },		/* CPU 3 */

	.mem_regions = {
		SLOT_RAM(CELL_A_RAM),		/* 16 MiB; the image at its start */
		COMM_REGION(CELL_A_COMM),
		UART1_MMIO,			/* its console */
	},

	.irqchips = {
		UART1_IRQCHIP,
		LINK_IRQCHIP(IVSHMEM_LINK1_A_IRQ),	/* the link's doorbell */
	},

	.pci_devices = {
		/* device 0: peer 0 of link 1, ivshmem-peer-b is peer 1 */
		LINK_END(IVSHMEM_LINK1, 0, IVSHMEM_LINK1_PHYS, IVSHMEM_LINK1_A_IRQ,
			 IVSHMEM_RW_SIZE),
	},
};
