/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building blocks of the QEMU virt cell configs: each macro is one whole
 * array element or field value, so a config reads as a list of what the
 * cell has (addresses in qemu-virt.h, the layout in
 * Documentation/memory-layout.md).
 */
#ifndef _CONFIGS_QEMU_CELLS_H
#define _CONFIGS_QEMU_CELLS_H

#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>
#include "qemu-virt.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* 16 MiB of a cell slot (CELL_A_RAM, CELL_B_RAM) at INMATE_RAM_IPA. */
#define SLOT_RAM(phys)                                                        \
	{                                                                     \
		.phys_start = (phys), .virt_start = INMATE_RAM_IPA,           \
		.size = CELL_RAM_SIZE, .flags = BH_MEM_RWX | BH_MEM_LOADABLE, \
	}

/* The page the hypervisor and the inmate talk through. */
#define COMM_REGION(phys)                                                 \
	{                                                                 \
		.phys_start = (phys), .virt_start = BH_COMM_REGION_IPA,   \
		.size = BH_COMM_REGION_SIZE,                              \
		.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION, \
	}

/* The second PL011, mapped 1:1. */
#define UART1_MMIO                                                            \
	{                                                                     \
		.phys_start = QEMU_UART1_BASE, .virt_start = QEMU_UART1_BASE, \
		.size = 0x1000,                                               \
		.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,              \
	}

/* The cell's console: UART1, or the hypervisor's (virtual) console. */
#define UART1_CONSOLE                                       \
	{                                                   \
		.address = QEMU_UART1_BASE, .size = 0x1000, \
		.type = BH_CON_PL011,                       \
	}
#define HV_CONSOLE                                                 \
	{                                                          \
		.type = BH_CON_NONE, .flags = BH_CON_FLAG_VIRTUAL, \
	}

/* UART1's interrupt (SPI 8). */
#define UART1_IRQCHIP                                          \
	{                                                      \
		.address = QEMU_GICD_BASE, .pin_base = 32,     \
		.pin_bitmap = { 1U << (QEMU_UART1_IRQ - 32) }, \
	}

/* An ivshmem doorbell interrupt (INTIDs 160..287). */
#define LINK_IRQCHIP(irq)                                                     \
	{                                                                     \
		.address = QEMU_GICD_BASE, .pin_base = 160,                   \
		.pin_bitmap = { [((irq)-160) / 32] = 1U                       \
						     << (((irq)-160) % 32) }, \
	}

/*
 * A cell's end of an ivshmem link as its virtual PCI device 0: link id,
 * this end's peer id (of 2), the link's memory and doorbell interrupt,
 * the size of the read-write section (IVSHMEM_RW_SIZE unless meant to
 * differ), the memory seen at IVSHMEM_IPA.
 */
#define LINK_END(link, peer, phys, irq_, rw)                                   \
	{                                                                      \
		.type = BH_PCI_TYPE_IVSHMEM, .bdf = 0 << 3, .link_id = (link), \
		.peer_id = (peer), .max_peers = 2, .irq = (irq_),              \
		.shmem_phys = (phys), .shmem_virt = IVSHMEM_IPA,               \
		.rw_size = (rw), .out_size = IVSHMEM_OUT_SIZE,                 \
	}

#endif
