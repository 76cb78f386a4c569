// SPDX-License-Identifier: GPL-2.0
/*
 * System config for QEMU's `virt` booted with its=on ('# its: on' tests):
 * qemu-arm64.c with the GIC ITS, which the hypervisor keeps for Linux's
 * PCIe MSIs (Documentation/architecture.md, "The GIC ITS"). 4 Cortex-A57
 * CPUs, 1 GiB of RAM. Linux runs as the
 * root cell on all four CPUs and keeps every device it booted with, and
 * is peer 0 of ivshmem link 0 with the cell in slot A (ivshmem-demo).
 */
#include <bulkhead/cell-config.h>
#include "qemu-virt.h"

#define NUM_MEM_REGIONS 12

const struct {
	struct bh_system header;
	uint8_t cpus[8];
	struct bh_memory mem_regions[NUM_MEM_REGIONS];
	struct bh_irqchip irqchips[2];
	struct bh_pci_device pci_devices[1];
} config = {
	.header = {
		.signature = BH_SYSTEM_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.hypervisor_memory = {
			.phys_start = BH_HV_MEM_BASE,
			.size = BH_HV_MEM_SIZE,
		},
		.debug_console = {
			.address = QEMU_UART0_BASE,
			.size = 0x1000,
			.type = BH_CON_PL011,
		},
		.platform = {
			.pci_mmconfig_base = BH_PCI_ECAM_BASE,
			.pci_mmconfig_size = 0x100000,
			.pci_mem_base = BH_PCI_MEM_BASE,
			.arm64 = {
				.gic_version = BH_GIC_V3,
				.gicd_base = QEMU_GICD_BASE,
				.gicr_base = QEMU_GICR_BASE,
				.maintenance_irq = QEMU_GIC_MAINT_IRQ,
				.gits_base = QEMU_GITS_BASE,	/* its=on */
			},
		},
		.root_cell = {
			.signature = BH_CELL_SIGNATURE,
			.revision = BH_CONFIG_REVISION,
			.architecture = BH_ARCH_ARM64,
			.name = "qemu-arm64",
			.cpu_set_size = sizeof(config.cpus),
			.num_memory_regions = NUM_MEM_REGIONS,
			.num_irqchips = 2,
			.num_pci_devices = 1,
		},
	},

	.cpus = { 0x0f },	/* CPUs 0-3 */

	.mem_regions = {
		/* RAM that Linux uses */ {
			.phys_start = QEMU_RAM_BASE,
			.virt_start = QEMU_RAM_BASE,
			.size = BH_CELLS_MEM_BASE - QEMU_RAM_BASE,
			.flags = BH_MEM_RWX | BH_MEM_DMA,
		},
		/* RAM reserved for non-root cells (no-map for Linux) */ {
			.phys_start = BH_CELLS_MEM_BASE,
			.virt_start = BH_CELLS_MEM_BASE,
			.size = BH_CELLS_MEM_SIZE,
			.flags = BH_MEM_RWX | BH_MEM_DMA,
		},
		/* UART0 (PL011): Linux's console, shared with the hypervisor */ {
			.phys_start = QEMU_UART0_BASE,
			.virt_start = QEMU_UART0_BASE,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* RTC (PL031) */ {
			.phys_start = QEMU_RTC_BASE,
			.virt_start = QEMU_RTC_BASE,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* fw-cfg */ {
			.phys_start = QEMU_FWCFG_BASE,
			.virt_start = QEMU_FWCFG_BASE,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* GPIO (PL061) */ {
			.phys_start = QEMU_GPIO_BASE,
			.virt_start = QEMU_GPIO_BASE,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* UART1 (PL011): disabled in Linux's DT, kept for a cell */ {
			.phys_start = QEMU_UART1_BASE,
			.virt_start = QEMU_UART1_BASE,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* virtio-mmio slots */ {
			.phys_start = QEMU_VIRTIO_BASE,
			.virt_start = QEMU_VIRTIO_BASE,
			.size = 0x4000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* PCIe MMIO window */ {
			.phys_start = QEMU_PCIE_MMIO_BASE,
			.virt_start = QEMU_PCIE_MMIO_BASE,
			.size = QEMU_PCIE_MMIO_SIZE,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* PCIe I/O window */ {
			.phys_start = QEMU_PCIE_PIO_BASE,
			.virt_start = QEMU_PCIE_PIO_BASE,
			.size = 0x10000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* PCIe ECAM */ {
			.phys_start = QEMU_PCIE_ECAM_BASE,
			.virt_start = QEMU_PCIE_ECAM_BASE,
			.size = 0x10000000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* PCIe high MMIO window */ {
			.phys_start = QEMU_PCIE_HIGH_BASE,
			.virt_start = QEMU_PCIE_HIGH_BASE,
			.size = QEMU_PCIE_HIGH_SIZE,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
	},

	/* SPIs 32..287: all owned by the root cell. */
	.irqchips = {
		{
			.address = QEMU_GICD_BASE,
			.pin_base = 32,
			.pin_bitmap = { ~0U, ~0U, ~0U, ~0U },
		},
		{
			.address = QEMU_GICD_BASE,
			.pin_base = 160,
			.pin_bitmap = { ~0U, ~0U, ~0U, ~0U },
		},
	},

	.pci_devices = {
		/* 00:00.0: link 0 to the cell in slot A */ {
			.type = BH_PCI_TYPE_IVSHMEM,
			.bdf = 0 << 3,
			.link_id = IVSHMEM_LINK0,
			.peer_id = 0,
			.max_peers = 2,
			.irq = IVSHMEM_LINK0_ROOT_IRQ,
			.shmem_phys = IVSHMEM_LINK0_PHYS,
			.shmem_virt = IVSHMEM_LINK0_PHYS,
			.rw_size = IVSHMEM_RW_SIZE,
			.out_size = IVSHMEM_OUT_SIZE,
		},
	},
};
