/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * PCI configuration space over ECAM, bus 0: in a cell the hypervisor's
 * virtual bus (its ivshmem devices), bare metal QEMU's PCIe host bridge.
 * Devices are named by bdf = bus << 8 | device << 3 | function.
 */
#ifndef _INMATE_PCI_H
#define _INMATE_PCI_H

#include <stdint.h>

#define PCI_CFG_VENDOR_ID   0x00 /* 16 bits; device id above */
#define PCI_CFG_COMMAND	    0x04 /* 16 bits; status above */
#define PCI_CFG_CLASS_REV   0x08 /* class << 8 | revision */
#define PCI_CFG_HEADER_TYPE 0x0e /* 8 bits */
#define PCI_CFG_BAR0	    0x10
#define PCI_CFG_INT_LINE    0x3c /* 8 bits; pin above */

#define PCI_CMD_MEM	    (1U << 1)
#define PCI_HEADER_MULTI_FN 0x80
#define PCI_BAR_MEM_TYPE_64 (2U << 1)
#define PCI_BAR_MEM_MASK    (~0xfULL)

#define PCI_BDF(bus, dev, fn) ((uint16_t)((bus) << 8 | (dev) << 3 | (fn)))
#define PCI_BDF_DEV(bdf)      (((bdf) >> 3) & 0x1f)
#define PCI_NO_DEVICE	      0xffff /* a vendor id no device has */

/*
 * The ECAM window: in a cell the one the communication region names (0
 * for a cell without PCI devices: then every device reads as absent),
 * bare metal QEMU's (virt board, bus 0 only is reached).
 */
uintptr_t pci_ecam_base(void);

/* Config space accesses of size 1, 2 or 4 bytes, naturally aligned. */
uint32_t pci_read_config(uint16_t bdf, unsigned int reg, unsigned int size);
void pci_write_config(uint16_t bdf, unsigned int reg, uint32_t value,
		      unsigned int size);

/*
 * The first function at or after bdf `from` on bus 0 with that vendor and
 * device id, or with that class code (base class << 16 | subclass << 8 |
 * prog-if, i.e. PCI_CFG_CLASS_REV >> 8). Returns its bdf, or -ENODEV.
 */
int pci_find_device(uint16_t vendor, uint16_t device, unsigned int from);
int pci_find_class(uint32_t class_code, unsigned int from);

/* The memory address BAR n decodes (a 64-bit BAR takes n and n + 1). */
uint64_t pci_bar_address(uint16_t bdf, unsigned int bar);

/* Turns on memory decoding in the command register if it is off. */
void pci_enable_mem(uint16_t bdf);

#endif
