// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "attack" on QEMU virt, for inmates/tests/attack.bin, the isolation
 * suite's attacker (Documentation/isolation.md): CPU 3, cell slot A,
 * UART1 as its console.
 */
#include "qemu-cells.h"

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[3];
	struct bh_irqchip irqchips[1];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.name = "attack",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = ARRAY_SIZE(config.irqchips),
		.num_pci_devices = 0,
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
	},
};
