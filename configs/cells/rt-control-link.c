// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "rt-control-link" on QEMU virt, for inmates/demos/rt-control.bin
 * streaming its control samples to the root cell's tools/rt-samples:
 * CPU 3, cell slot A, UART1 as its console, ivshmem link 0 as peer 1 (the
 * root cell is peer 0). The plain rt-control cell (CPU 2) has no link.
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
		.name = "rt-control-link",
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
		LINK_IRQCHIP(IVSHMEM_LINK0_CELL_IRQ),	/* the link's doorbell */
	},

	.pci_devices = {
		/* device 0: peer 1 of link 0, the root cell is peer 0 */
		LINK_END(IVSHMEM_LINK0, 1, IVSHMEM_LINK0_PHYS, IVSHMEM_LINK0_CELL_IRQ,
			 IVSHMEM_RW_SIZE),
	},
};
