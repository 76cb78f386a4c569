// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "gpio-demo": QEMU virt's PL061 GPIO given to a cell, the worked
 * example of Documentation/give-a-device.md. Written by
 *   bulkhead config create-cell --name gpio-demo --cpus 3 \
 *       --mem 16M@0x7b800000 --device 0x9030000,0x1000,39 \
 *       --console 0x9040000 --system qemu-arm64.cell -o gpio-demo.c
 * and left as written but for this comment and the PL061's: CPU 3, 16 MiB
 * of RAM at CELL_RAM_PHYS (cell slot A), seen at INMATE_RAM_IPA, where
 * `bulkhead cell load` puts the image and the CPUs start, and the
 * communication region in the page after it; the PL061 and UART1 (the
 * console) mapped 1:1. Runs inmates/demos/gpio-demo.bin.
 */
#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>

#define CELL_RAM_PHYS 0x7b800000ULL /* physical RAM of the cell */
#define CELL_RAM_SIZE 0x1000000ULL
#define CELL_COMM_PHYS \
	(CELL_RAM_PHYS + CELL_RAM_SIZE) /* the page after the RAM */
#define INMATE_RAM_IPA 0x40000000ULL	/* where the inmate sees its RAM */

#define NUM_MEM_REGIONS 4
#define NUM_IRQCHIPS	1

const struct {
	struct bh_cell_desc cell;
	uint8_t cpus[8];
	struct bh_memory mem_regions[NUM_MEM_REGIONS];
	struct bh_irqchip irqchips[NUM_IRQCHIPS];
} config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.architecture = BH_ARCH_ARM64,
		.name = "gpio-demo",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = NUM_MEM_REGIONS,
		.num_irqchips = NUM_IRQCHIPS,
		.cpu_reset_address = INMATE_RAM_IPA,
		.console = {
			.address = 0x9040000,
			.size = 0x1000,
			.type = BH_CON_PL011,
		},
	},

	/* CPU 3 */
	.cpus = {
		0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	},

	.mem_regions = {
		/* RAM: the image is loaded at its start */ {
			.phys_start = CELL_RAM_PHYS,
			.virt_start = INMATE_RAM_IPA,
			.size = CELL_RAM_SIZE,
			.flags = BH_MEM_RWX | BH_MEM_LOADABLE,
		},
		/* communication region */ {
			.phys_start = CELL_COMM_PHYS,
			.virt_start = BH_COMM_REGION_IPA,
			.size = BH_COMM_REGION_SIZE,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION,
		},
		/* the PL061 GPIO; its interrupt is SPI 7, INTID 39 */ {
			.phys_start = 0x9030000,
			.virt_start = 0x9030000,
			.size = 0x1000,	/* 4 KiB */
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		/* console UART (PL011) */ {
			.phys_start = 0x9040000,
			.virt_start = 0x9040000,
			.size = 0x1000,	/* 4 KiB */
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
	},

	.irqchips = {
		/* INTIDs 39 */ {
			.address = 0x8000000,
			.pin_base = 32,
			.pin_bitmap = { 0x00000080, 0x00000000, 0x00000000, 0x00000000 },
		},
	},
};
