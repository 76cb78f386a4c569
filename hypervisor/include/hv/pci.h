/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual PCI: one bus per cell behind the system's ECAM window, holding
 * the cell's own devices only (pci.c), so far all of them ivshmem link
 * ends (ivshmem.c). Documentation/ivshmem.md is the guest-visible spec.
 */
#ifndef _HV_PCI_H
#define _HV_PCI_H

#include <hv/mmio.h>
#include <hv/types.h>
#include <bulkhead/cell-config.h>

struct cell;
struct ivshmem_link;

/* Config space command register bits a virtual device keeps. */
#define PCI_CMD_MEMORY	     (1U << 1)
#define PCI_CMD_INTX_DISABLE (1U << 10)
/* Status register bit (PCI Local Bus 3.0, 6.2.3): the function's INTx. */
#define PCI_STATUS_INTERRUPT (1U << 3)

struct pci_device {
	struct cell *cell;
	const struct bh_pci_device *cfg; /* in the cell's config copy */
	struct ivshmem_link *link;
	u16 command;	 /* config space command register */
	u8 intx_line;	 /* interrupt line: scratch for the guest */
	bool bar_sizing; /* BAR0 written with all ones */
	u32 int_control; /* BH_IVSHMEM_REG_INT_CONTROL */
	u32 int_count;	 /* interrupts raised in this cell */
	bool int_status; /* raised, not yet acknowledged */
	bool has_run;	 /* its cell ran since it joined */
};

/*
 * pci.c is a unit (hv/unit.h): a cell's devices are attached at its
 * creation, reset before it (re)starts, and when it stops its peers see
 * its state 0. ivshmem.c implements the devices:
 */
__must_check int ivshmem_attach(struct pci_device *dev);
void ivshmem_detach(struct pci_device *dev);
void ivshmem_reset(struct pci_device *dev);
void ivshmem_stopped(struct pci_device *dev);
void ivshmem_set_command(struct pci_device *dev, u16 command);
enum mmio_result ivshmem_register_access(struct pci_device *dev,
					 struct mmio_access *acc, u64 offset);

#endif
