// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "rtos-test" on QEMU virt, for inmates/tests/rtos-test.bin (the
 * real-time kernel's checks): CPUs 2 and 3, cell slot B, the hypervisor's
 * console. It cannot run beside a CPU 3 cell.
 */
#include "qemu-cells.h"

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[2];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.name = "rtos-test",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = 0,
		.num_pci_devices = 0,
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = HV_CONSOLE,
	},

	.cpus = { 1 << 2 | 1 << 3 },		/* CPUs 2 and 3 */

	.mem_regions = {
		SLOT_RAM(CELL_B_RAM),		/* 16 MiB; the image at its start */
		COMM_REGION(CELL_B_COMM),
	},
};
