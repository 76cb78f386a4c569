/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The common layout of the Linux cells on QEMU virt (Documentation/
 * memory-layout.md): 128 MiB of RAM from the Linux slot, seen where QEMU
 * puts RAM (IPA 0x40000000) so the same kernel runs in the cell and bare
 * metal; the communication region, which a device tree made for the cell
 * leaves out of its memory; UART1 as the console with its interrupt; and
 * the cell's end of ivshmem link 0 (peer 1; the root cell is peer 0) on
 * its virtual PCI bus. Linux boots at the entry and with the device tree
 * given at load time (BULKHEAD_IOCTL_CELL_SET_BOOT); cpu_reset_address is
 * only where a cell without one would start.
 *
 * A config file defines CELL_NAME and CELL_CPUS (the cpu set's first
 * byte) and includes this file.
 */
#if !defined(CELL_NAME) || !defined(CELL_CPUS)
#error "define CELL_NAME and CELL_CPUS before including qemu-cell-linux.h"
#endif

#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include "qemu-virt.h"

#define LINK_ID		IVSHMEM_LINK0
#define LINK_PEER	1
#define LINK_PHYS	IVSHMEM_LINK0_PHYS
#define LINK_IRQ	IVSHMEM_LINK0_CELL_IRQ
#include "qemu-link.h"

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

	.cpus = { CELL_CPUS },

	.mem_regions = {
		/* RAM: kernel, initramfs and device tree are loaded here */ {
			.phys_start = LINUX_CELL_RAM,
			.virt_start = INMATE_RAM_IPA,
			.size = LINUX_CELL_RAM_SIZE,
			.flags = BH_MEM_RWX | BH_MEM_LOADABLE,
		},
		/* communication region */ {
			.phys_start = LINUX_CELL_COMM,
			.virt_start = BH_COMM_REGION_IPA,
			.size = BH_COMM_REGION_SIZE,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION,
		},
		/* UART1 (PL011): the cell's console, ttyAMA0 in it */ {
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
		/* the ivshmem device's doorbell */ LINK_IRQCHIP,
	},

	.pci_devices = {
		/* device 0: the cell's end of link 0 */ LINK_DEVICE,
	},
};
