// SPDX-License-Identifier: GPL-2.0
/*
 * A seed for fuzz_config: a cell config with virtual PCI devices, so that
 * mutations start from a sound cell that has some, beside the QEMU system
 * config whose root cell is peer 0 of ivshmem link 0. CPU 2 and cell slot
 * B's RAM (as rt-control), peer 1 of link 0 and peer 0 of link 1. Built
 * for the host into the seed corpus (tests/fuzz/Makefile): the ABI is the
 * same on every little-endian machine.
 */
#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include "qemu-virt.h"

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[2];
	struct bh_irqchip irqchips[1];
	struct bh_pci_device pci_devices[2];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.name = "fuzz-links",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = 2,
		.num_irqchips = 1,
		.num_pci_devices = 2,
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = {
			.flags = BH_CON_FLAG_VIRTUAL,
		},
	},

	.cpus = { 1 << 2 },

	.mem_regions = {
		{
			.phys_start = CELL_B_RAM,
			.virt_start = INMATE_RAM_IPA,
			.size = CELL_RAM_SIZE,
			.flags = BH_MEM_RWX | BH_MEM_LOADABLE,
		},
		{
			.phys_start = CELL_B_COMM,
			.virt_start = BH_COMM_REGION_IPA,
			.size = BH_COMM_REGION_SIZE,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION,
		},
	},

	/* INTIDs 241 and 242 */
	.irqchips = {
		{
			.address = QEMU_GICD_BASE,
			.pin_base = 224,
			.pin_bitmap = { 3U << 17 },
		},
	},

	.pci_devices = {
		{
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
		{
			.type = BH_PCI_TYPE_IVSHMEM,
			.bdf = 1 << 3,
			.link_id = IVSHMEM_LINK1,
			.peer_id = 0,
			.max_peers = 2,
			.irq = IVSHMEM_LINK1_A_IRQ,
			.shmem_phys = IVSHMEM_LINK1_PHYS,
			.shmem_virt = IVSHMEM_IPA + IVSHMEM_LINK_SIZE,
			.rw_size = IVSHMEM_RW_SIZE,
			.out_size = IVSHMEM_OUT_SIZE,
		},
	},
};
