// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "linux-1cpu" on QEMU virt for a Linux kernel (bulkhead cell linux,
 * Documentation/linux-cells.md): CPU 3; 128 MiB of RAM from the Linux
 * slot, seen where QEMU puts RAM (IPA 0x40000000) so the same kernel runs
 * in the cell and bare metal; the communication region, which the cell's
 * device tree leaves out of its memory; UART1 as its console; and the
 * cell's end of ivshmem link 0 (peer 1; the root cell is peer 0). Linux
 * starts at the entry and with the device tree given at load time
 * (BULKHEAD_IOCTL_CELL_SET_BOOT); cpu_reset_address is only where a cell
 * without one would start. The slot is root RAM unless the device tree
 * keeps it from Linux (Documentation/memory-layout.md).
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
		.name = "linux-1cpu",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = ARRAY_SIZE(config.irqchips),
		.num_pci_devices = ARRAY_SIZE(config.pci_devices),
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = UART1_CONSOLE,
	},

	.cpus = { 1 << 3 },		/* CPU 3 */

	.mem_regions = {
		{
			/* 128 MiB: kernel, initramfs and device tree */
			.phys_start = LINUX_CELL_RAM,
			.virt_start = INMATE_RAM_IPA,
			.size = LINUX_CELL_RAM_SIZE,
			.flags = BH_MEM_RWX | BH_MEM_LOADABLE,
		},
		COMM_REGION(LINUX_CELL_COMM),
		UART1_MMIO,			/* its console, ttyAMA0 */
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
