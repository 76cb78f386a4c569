/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses of QEMU's arm64 `virt` board (1 GiB, gic-version=3 or 2) and of the
 * memory the harness's device tree reserves for Bulkhead. See
 * Documentation/memory-layout.md.
 */
#ifndef _CONFIGS_QEMU_VIRT_H
#define _CONFIGS_QEMU_VIRT_H

#define QEMU_RAM_BASE 0x40000000ULL
#define QEMU_RAM_SIZE 0x40000000ULL /* 1 GiB */

/* Reserved (no-map) at the top of RAM by the harness's device tree. */
#define BH_CELLS_MEM_BASE 0x7b800000ULL /* 64 MiB for non-root cells */
#define BH_CELLS_MEM_SIZE 0x04000000ULL
#define BH_HV_MEM_BASE	  0x7f800000ULL /* 8 MiB for the hypervisor */
#define BH_HV_MEM_SIZE	  0x00800000ULL

#define QEMU_GICD_BASE	    0x08000000ULL
#define QEMU_GICR_BASE	    0x080a0000ULL
#define QEMU_GITS_BASE	    0x08080000ULL /* with -machine its=on */
/* With gic-version=2 (QEMU's dumped device tree): GICC, GICH, GICV. */
#define QEMU_GICC_BASE	    0x08010000ULL
#define QEMU_GICH_BASE	    0x08030000ULL
#define QEMU_GICV_BASE	    0x08040000ULL
#define QEMU_UART0_BASE	    0x09000000ULL
#define QEMU_RTC_BASE	    0x09010000ULL
#define QEMU_FWCFG_BASE	    0x09020000ULL
#define QEMU_GPIO_BASE	    0x09030000ULL
#define QEMU_UART1_BASE	    0x09040000ULL
#define QEMU_VIRTIO_BASE    0x0a000000ULL
#define QEMU_PCIE_MMIO_BASE 0x10000000ULL
#define QEMU_PCIE_MMIO_SIZE 0x2eff0000ULL
#define QEMU_PCIE_PIO_BASE  0x3eff0000ULL
#define QEMU_PCIE_ECAM_BASE 0x4010000000ULL
#define QEMU_PCIE_HIGH_BASE 0x8000000000ULL
#define QEMU_PCIE_HIGH_SIZE 0x8000000000ULL

#define QEMU_GIC_MAINT_IRQ 25 /* PPI 9 */
#define QEMU_RTC_IRQ	   34 /* SPI 2 */
#define QEMU_UART1_IRQ	   40 /* SPI 8 */

/*
 * Two slots of cell memory in the reserved range, 2 MiB aligned so the
 * root cell's block mappings need no splitting: 16 MiB of RAM and a page
 * for the communication region each.
 */
#define CELL_A_RAM    0x7b800000ULL
#define CELL_A_COMM   0x7c800000ULL
#define CELL_B_RAM    0x7ca00000ULL
#define CELL_B_COMM   0x7da00000ULL
#define CELL_RAM_SIZE 0x01000000ULL

/*
 * The Linux cells' slot (linux-1cpu, linux-2cpu; one at a time, and not
 * beside a slot A cell: both use CPU 3): 128 MiB of RAM below the cells'
 * reserved range, which Debian's stock kernel with a small initramfs
 * needs (64 MiB at the very least). It is root cell RAM unless the
 * device tree keeps it from Linux: a test that runs a Linux cell adds
 * the no-map region with a '# dt:' line (Documentation/memory-layout.md).
 * Its communication page is in the cells' range, after the links.
 */
#define LINUX_CELL_RAM	    0x73800000ULL
#define LINUX_CELL_RAM_SIZE 0x08000000ULL
#define LINUX_CELL_COMM	    0x7e000000ULL

/*
 * Virtual PCI (Documentation/ivshmem.md): ECAM of bus 0 and the register
 * BARs, in the hole QEMU leaves between its secure RAM and the PCIe MMIO
 * window, so they clash with no real device.
 */
#define BH_PCI_ECAM_BASE 0x0f000000ULL
#define BH_PCI_MEM_BASE	 0x0f100000ULL

/*
 * ivshmem links, in the reserved RAM after slot B, 2 MiB each: a 4 KiB
 * state table, 60 KiB read-write, 992 KiB output section per peer.
 * INTIDs 240.. are SPIs no device of the board drives.
 */
#define IVSHMEM_RW_SIZE	       0xf000ULL
#define IVSHMEM_OUT_SIZE       0xf8000ULL
#define IVSHMEM_LINK_SIZE      0x200000ULL
#define IVSHMEM_LINK0	       0 /* root cell <-> cell in slot A */
#define IVSHMEM_LINK0_PHYS     0x7dc00000ULL
#define IVSHMEM_LINK0_ROOT_IRQ 240
#define IVSHMEM_LINK0_CELL_IRQ 241
#define IVSHMEM_LINK1	       1 /* cell in slot A <-> cell in slot B */
#define IVSHMEM_LINK1_PHYS     0x7de00000ULL
#define IVSHMEM_LINK1_A_IRQ    242
#define IVSHMEM_LINK1_B_IRQ    243
/* Where inmates see link memory. */
#define IVSHMEM_IPA	       0x60000000ULL

/* Where inmates see their RAM: QEMU's RAM base, as bare metal. */
#define INMATE_RAM_IPA 0x40000000ULL

#endif
