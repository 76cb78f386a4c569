// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * PCI configuration space through ECAM (PCIe base spec 7.2.2): bus 0 only,
 * which is all the hypervisor's virtual bus has. Accesses have the field's
 * width (1, 2 or 4 bytes, naturally aligned), single loads and stores the
 * hypervisor can emulate.
 */
#include "lib.h"

#define ECAM_FN_SHIFT	    12
#define QEMU_PCIE_ECAM_BASE 0x4010000000UL

uintptr_t pci_ecam_base(void)
{
	struct bh_comm_region *comm = comm_region();

	if (inmate_bare_metal())
		return QEMU_PCIE_ECAM_BASE;
	/* 0 for a cell without devices: its ECAM is not there to probe. */
	return comm ? comm->pci_mmconfig_base : 0;
}

static uintptr_t cfg_addr(uint16_t bdf, unsigned int reg)
{
	/* Bus 0: the window covers one bus. */
	return pci_ecam_base() + ((uintptr_t)(bdf & 0xff) << ECAM_FN_SHIFT) +
	       (reg & 0xfff);
}

uint32_t pci_read_config(uint16_t bdf, unsigned int reg, unsigned int size)
{
	uintptr_t addr = cfg_addr(bdf, reg);

	/* No bus: as if no device answered. */
	if (!pci_ecam_base())
		return size >= 4 ? ~0U : (1U << (8 * size)) - 1;
	switch (size) {
	case 1:
		return mmio_read8(addr);
	case 2:
		return mmio_read16(addr);
	default:
		return mmio_read32(addr);
	}
}

void pci_write_config(uint16_t bdf, unsigned int reg, uint32_t value,
		      unsigned int size)
{
	uintptr_t addr = cfg_addr(bdf, reg);

	if (!pci_ecam_base())
		return;
	switch (size) {
	case 1:
		mmio_write8(addr, value);
		break;
	case 2:
		mmio_write16(addr, value);
		break;
	default:
		mmio_write32(addr, value);
	}
}

/* The next function present on bus 0 after `bdf` (-1: the first). */
static int next_function(int bdf)
{
	for (bdf++; bdf < 256; bdf++) {
		unsigned int fn = bdf & 7;

		/* Functions 1..7 only of a multi-function device. */
		if (fn && !(pci_read_config(bdf - fn, PCI_CFG_HEADER_TYPE, 1) &
			    PCI_HEADER_MULTI_FN)) {
			bdf |= 7;
			continue;
		}
		if (pci_read_config(bdf, PCI_CFG_VENDOR_ID, 2) != PCI_NO_DEVICE)
			return bdf;
		/* No function 0, no device: one read per absent device. */
		if (!fn)
			bdf |= 7;
	}
	return -ENODEV;
}

int pci_find_device(uint16_t vendor, uint16_t device, unsigned int from)
{
	int bdf = (int)from - 1;

	while ((bdf = next_function(bdf)) >= 0) {
		uint32_t id = pci_read_config(bdf, PCI_CFG_VENDOR_ID, 4);

		if ((id & 0xffff) == vendor && id >> 16 == device)
			return bdf;
	}
	return -ENODEV;
}

int pci_find_class(uint32_t class_code, unsigned int from)
{
	int bdf = (int)from - 1;

	while ((bdf = next_function(bdf)) >= 0) {
		uint32_t class_rev = pci_read_config(bdf, PCI_CFG_CLASS_REV, 4);

		if (class_rev >> 8 == class_code)
			return bdf;
	}
	return -ENODEV;
}

uint64_t pci_bar_address(uint16_t bdf, unsigned int bar)
{
	unsigned int reg = PCI_CFG_BAR0 + 4 * bar;
	uint64_t lo = pci_read_config(bdf, reg, 4);

	if ((lo & 7) == PCI_BAR_MEM_TYPE_64 && bar < 5)
		lo |= (uint64_t)pci_read_config(bdf, reg + 4, 4) << 32;
	return lo & PCI_BAR_MEM_MASK;
}

void pci_enable_mem(uint16_t bdf)
{
	uint32_t cmd = pci_read_config(bdf, PCI_CFG_COMMAND, 2);

	if (!(cmd & PCI_CMD_MEM))
		pci_write_config(bdf, PCI_CFG_COMMAND, cmd | PCI_CMD_MEM, 2);
}
