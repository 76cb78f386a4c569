/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses of QEMU's arm64 `virt` board (gic-version=3, 1 GiB) and of the
 * memory the harness's device tree reserves for Bulkhead. See
 * Documentation/memory-layout.md.
 */
#ifndef _CONFIGS_QEMU_VIRT_H
#define _CONFIGS_QEMU_VIRT_H

#define QEMU_RAM_BASE		0x40000000ULL
#define QEMU_RAM_SIZE		0x40000000ULL	/* 1 GiB */

/* Reserved (no-map) at the top of RAM by the harness's device tree. */
#define BH_CELLS_MEM_BASE	0x7b800000ULL	/* 64 MiB for non-root cells */
#define BH_CELLS_MEM_SIZE	0x04000000ULL
#define BH_HV_MEM_BASE		0x7f800000ULL	/* 8 MiB for the hypervisor */
#define BH_HV_MEM_SIZE		0x00800000ULL

#define QEMU_GICD_BASE		0x08000000ULL
#define QEMU_GICR_BASE		0x080a0000ULL
#define QEMU_UART0_BASE		0x09000000ULL
#define QEMU_RTC_BASE		0x09010000ULL
#define QEMU_FWCFG_BASE		0x09020000ULL
#define QEMU_GPIO_BASE		0x09030000ULL
#define QEMU_UART1_BASE		0x09040000ULL
#define QEMU_VIRTIO_BASE	0x0a000000ULL
#define QEMU_PCIE_MMIO_BASE	0x10000000ULL
#define QEMU_PCIE_MMIO_SIZE	0x2eff0000ULL
#define QEMU_PCIE_PIO_BASE	0x3eff0000ULL
#define QEMU_PCIE_ECAM_BASE	0x4010000000ULL
#define QEMU_PCIE_HIGH_BASE	0x8000000000ULL
#define QEMU_PCIE_HIGH_SIZE	0x8000000000ULL

#define QEMU_GIC_MAINT_IRQ	25	/* PPI 9 */
#define QEMU_RTC_IRQ		34	/* SPI 2 */
#define QEMU_UART1_IRQ		40	/* SPI 8 */

/*
 * Two slots of cell memory in the reserved range, 2 MiB aligned so the
 * root cell's block mappings need no splitting: 16 MiB of RAM and a page
 * for the communication region each.
 */
#define CELL_A_RAM		0x7b800000ULL
#define CELL_A_COMM		0x7c800000ULL
#define CELL_B_RAM		0x7ca00000ULL
#define CELL_B_COMM		0x7da00000ULL
#define CELL_RAM_SIZE		0x01000000ULL

/* Where inmates see their RAM: QEMU's RAM base, as bare metal. */
#define INMATE_RAM_IPA		0x40000000ULL

#endif
