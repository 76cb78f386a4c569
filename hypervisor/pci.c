// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual PCI: config space of bus 0 through the system's ECAM window and
 * the register BARs of the cell's devices, both trapped for every cell
 * that has devices. A cell sees its own devices and nothing else: absent
 * devices read as all ones, as on a real bus. BARs are fixed (the system
 * config places them); writes of other addresses are ignored, but the
 * all-ones sizing write works, so stock PCI code can probe them.
 */
#include <hv/cell.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/pci.h>
#include <hv/printk.h>
#include <hv/unit.h>
#include <bulkhead/ivshmem.h>

#define PCI_CFG_VENDOR	  0x00
#define PCI_CFG_COMMAND	  0x04
#define PCI_CFG_CLASS_REV 0x08
#define PCI_CFG_BAR0	  0x10
#define PCI_CFG_SUBSYSTEM 0x2c
#define PCI_CFG_INTERRUPT 0x3c
#define PCI_HEADER_SIZE	  0x40

#define PCI_CMD_WRITABLE    (PCI_CMD_MEMORY | PCI_CMD_INTX_DISABLE)
#define PCI_INTERRUPT_PIN_A 1

static struct pci_device devices[MAX_CELLS][BH_PCI_MAX_DEVICES];
static const struct unit pci_unit;

static struct pci_device *device_by_number(struct cell *cell, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < cell->num_pci_devs; i++)
		if (cell->pci_devs[i].cfg->bdf >> 3 == n)
			return &cell->pci_devs[i];
	return NULL;
}

static u64 bar0_address(const struct pci_device *dev)
{
	return hv.config->platform.pci_mem_base +
	       (dev->cfg->bdf >> 3) * BH_PCI_BAR_SIZE;
}

/* The 32-bit config register at reg (dword aligned) as the guest sees it. */
static u32 config_read(const struct pci_device *dev, unsigned int reg)
{
	switch (reg) {
	case PCI_CFG_VENDOR:
	case PCI_CFG_SUBSYSTEM:
		return BH_IVSHMEM_DEVICE_ID << 16 | BH_IVSHMEM_VENDOR_ID;
	case PCI_CFG_COMMAND:
		return dev->command |
		       (dev->int_status ? PCI_STATUS_INTERRUPT << 16 : 0);
	case PCI_CFG_CLASS_REV:
		return BH_IVSHMEM_CLASS << 8 | BH_IVSHMEM_REVISION;
	case PCI_CFG_BAR0:
		/* 32-bit, non-prefetchable memory BAR: low flag bits 0. */
		return dev->bar_sizing ? (u32) ~(BH_PCI_BAR_SIZE - 1) :
					 (u32)bar0_address(dev);
	case PCI_CFG_INTERRUPT:
		return PCI_INTERRUPT_PIN_A << 8 | dev->intx_line;
	default:
		return 0;
	}
}

static void config_write(struct pci_device *dev, unsigned int reg, u32 val)
{
	switch (reg) {
	case PCI_CFG_COMMAND:
		/* The status half is read-only (its bits here: none RW1C). */
		ivshmem_set_command(dev, val & PCI_CMD_WRITABLE);
		break;
	case PCI_CFG_BAR0:
		dev->bar_sizing = val == 0xffffffff;
		break;
	case PCI_CFG_INTERRUPT:
		dev->intx_line = val & 0xff;
		break;
	}
}

static enum mmio_result ecam_access(void *arg, struct mmio_access *acc,
				    u64 offset)
{
	struct pci_device *dev = device_by_number(arg, (offset >> 15) & 0x1f);
	unsigned int fn = (offset >> 12) & 7, reg = offset & 0xffc;
	unsigned int shift = (offset & 3) * 8;
	u64 mask = acc->size == 4 ? 0xffffffffULL :
				    ((1ULL << (acc->size * 8)) - 1);
	u32 cur;

	if (acc->size > 4)
		return MMIO_FORBIDDEN;
	if (!dev || fn) {
		if (!acc->is_write)
			acc->value = mask;
		return MMIO_HANDLED;
	}
	cur = reg < PCI_HEADER_SIZE ? config_read(dev, reg) : 0;
	if (!acc->is_write) {
		acc->value = (cur >> shift) & mask;
		return MMIO_HANDLED;
	}
	/* Sub-word writes change only their bytes of the register. */
	cur &= ~(u32)(mask << shift);
	cur |= (u32)((acc->value & mask) << shift);
	if (reg < PCI_HEADER_SIZE)
		config_write(dev, reg, cur);
	return MMIO_HANDLED;
}

static enum mmio_result bar_access(void *arg, struct mmio_access *acc,
				   u64 offset)
{
	struct pci_device *dev =
		device_by_number(arg, offset / BH_PCI_BAR_SIZE);

	if (!dev)
		return MMIO_UNHANDLED;
	return ivshmem_register_access(dev, acc, offset % BH_PCI_BAR_SIZE);
}

static int pci_cell_init(struct cell *cell)
{
	const struct bh_platform *p = &hv.config->platform;
	const struct bh_pci_device *cfg;
	unsigned int i;
	int err;

	cell->num_pci_devs = 0;
	if (!cell->desc->num_pci_devices)
		return 0;
	cell->pci_devs = devices[cell->id];
	cfg = bh_cell_pci_devices(cell->desc, cell->arrays);
	for (i = 0; i < cell->desc->num_pci_devices; i++) {
		struct pci_device *dev = &cell->pci_devs[i];

		*dev = (struct pci_device){ .cell = cell, .cfg = &cfg[i] };
		err = ivshmem_attach(dev);
		if (err) {
			pr_err("cell %s: pci_devices[%u] (link %u) not attached (%d)\n",
			       cell->name, i, cfg[i].link_id, err);
			return err;
		}
		cell->num_pci_devs++;
	}
	err = mmio_region_register(cell, &pci_unit,
				   ipa_init(p->pci_mmconfig_base),
				   BH_PCI_ECAM_BUS_SIZE, ecam_access, cell);
	if (!err)
		err = mmio_region_register(cell, &pci_unit,
					   ipa_init(p->pci_mem_base),
					   BH_PCI_MAX_DEVICES * BH_PCI_BAR_SIZE,
					   bar_access, cell);
	return err;
}

/* Also after a failed or partial pci_cell_init. */
static void pci_cell_exit(struct cell *cell)
{
	mmio_region_release(cell, &pci_unit);
	while (cell->num_pci_devs)
		ivshmem_detach(&cell->pci_devs[--cell->num_pci_devs]);
}

static void pci_cell_reset(struct cell *cell)
{
	unsigned int i;

	/* Inmates find the bus through their communication region. */
	if (cell->comm)
		cell->comm->pci_mmconfig_base =
			cell->num_pci_devs ?
				hv.config->platform.pci_mmconfig_base :
				0;

	for (i = 0; i < cell->num_pci_devs; i++) {
		struct pci_device *dev = &cell->pci_devs[i];

		dev->command = 0; /* not running: nothing to send */
		dev->intx_line = 0;
		dev->bar_sizing = false;
		ivshmem_reset(dev);
	}
}

static void pci_cell_stopped(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < cell->num_pci_devs; i++)
		ivshmem_stopped(&cell->pci_devs[i]);
}

/* After the interrupt controller: its devices raise interrupts. */
DEFINE_UNIT(pci_unit, 5) = {
	.name = "virtual PCI",
	.cell_init = pci_cell_init,
	.cell_exit = pci_cell_exit,
	.cell_reset = pci_cell_reset,
	.cell_stopped = pci_cell_stopped,
};
