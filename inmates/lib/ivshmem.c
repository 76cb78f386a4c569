// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The inmate's side of an ivshmem link: find the device on the virtual
 * PCI bus, map what it describes, and ring and take doorbells. Layout and
 * registers: include/bulkhead/ivshmem.h.
 */
#include "lib.h"

#define MAX_OPEN  4
#define SPI_FIRST 32

/* Opened devices whose interrupts the library counts. */
static struct ivshmem_device *open_devs[MAX_OPEN];

static uint32_t reg_read(const struct ivshmem_device *dev, unsigned int reg)
{
	return mmio_read32(dev->regs + reg);
}

static uint64_t reg_read64(const struct ivshmem_device *dev, unsigned int reg)
{
	/* 32-bit accesses only: two of them. */
	return reg_read(dev, reg) | (uint64_t)reg_read(dev, reg + 4) << 32;
}

static void reg_write(struct ivshmem_device *dev, unsigned int reg,
		      uint32_t val)
{
	mmio_write32(dev->regs + reg, val);
}

static int find_nth(unsigned int index)
{
	int bdf = -1;

	do {
		bdf = pci_find_device(BH_IVSHMEM_VENDOR_ID,
				      BH_IVSHMEM_DEVICE_ID, bdf + 1);
	} while (bdf >= 0 && index--);
	return bdf;
}

int ivshmem_open(struct ivshmem_device *dev, unsigned int index)
{
	uint64_t size, bar;
	unsigned int line;
	int bdf, err;

	bdf = find_nth(index);
	if (bdf < 0)
		return -ENODEV;
	memset(dev, 0, sizeof(*dev));
	dev->bdf = bdf;
	bar = pci_bar_address(bdf, 0);
	if (!bar)
		return -EINVAL;
	err = mmu_map_range(bar, BH_PCI_BAR_SIZE, MMU_DEVICE);
	if (err)
		return err;
	pci_enable_mem(bdf);
	dev->regs = bar;

	dev->id = reg_read(dev, BH_IVSHMEM_REG_ID);
	dev->max_peers = reg_read(dev, BH_IVSHMEM_REG_MAX_PEERS);
	dev->link_id = reg_read(dev, BH_IVSHMEM_REG_LINK_ID);
	dev->shmem = reg_read64(dev, BH_IVSHMEM_REG_SHMEM_LO);
	dev->rw_size = reg_read64(dev, BH_IVSHMEM_REG_RW_SIZE_LO);
	dev->out_size = reg_read64(dev, BH_IVSHMEM_REG_OUT_SIZE_LO);
	if (dev->max_peers < 2 || dev->max_peers > BH_IVSHMEM_MAX_PEERS ||
	    dev->id >= dev->max_peers || !dev->shmem)
		return -EINVAL;

	size = bh_ivshmem_out_offset(dev->rw_size, dev->out_size,
				     dev->max_peers);
	/* Read-only parts stay writable here: the hypervisor guards them. */
	err = mmu_map_range(dev->shmem, size, MMU_NORMAL);
	if (err)
		return err;
	dev->state = (const volatile uint32_t *)dev->shmem;
	dev->rw = (void *)(dev->shmem + BH_IVSHMEM_RW_OFFSET);

	dev->irq = reg_read(dev, BH_IVSHMEM_REG_INTID);
	if (dev->irq < SPI_FIRST) {
		/* The interrupt line, where a config space names it. */
		line = pci_read_config(bdf, PCI_CFG_INT_LINE, 1);
		dev->irq = line >= SPI_FIRST && line != 0xff ? line : 0;
	}
	return 0;
}

void *ivshmem_out(const struct ivshmem_device *dev, unsigned int peer)
{
	if (peer >= dev->max_peers)
		return NULL;
	return (void *)(dev->shmem + bh_ivshmem_out_offset(dev->rw_size,
							   dev->out_size,
							   peer));
}

void ivshmem_set_state(struct ivshmem_device *dev, uint32_t state)
{
	/* What the state announces must be there before it. */
	dsb(ish);
	reg_write(dev, BH_IVSHMEM_REG_STATE, state);
}

void ivshmem_ring(struct ivshmem_device *dev, unsigned int peer,
		  unsigned int vector)
{
	/*
	 * A DSB, not a DMB: the doorbell is a trapped store whose effect
	 * (the peer's interrupt) must not overtake the message.
	 */
	dsb(ish);
	reg_write(dev, BH_IVSHMEM_REG_DOORBELL,
		  BH_IVSHMEM_DOORBELL(peer, vector));
}

bool ivshmem_handle_irq(unsigned int intid)
{
	unsigned int i;
	bool ours = false;

	for (i = 0; i < MAX_OPEN; i++) {
		if (open_devs[i] && open_devs[i]->irq == intid) {
			open_devs[i]->irq_count++;
			ours = true;
		}
	}
	return ours;
}

static void irq_handler(unsigned int intid)
{
	if (ivshmem_handle_irq(intid))
		return;
	/* As the library does without a handler: no level line may storm. */
	gic_disable_irq(intid);
	printk("ivshmem: unexpected interrupt %u, disabled\n", intid);
}

int ivshmem_enable_irq(struct ivshmem_device *dev, unsigned int intid)
{
	unsigned int i, free = MAX_OPEN;
	int err;

	if (intid)
		dev->irq = intid;
	if (dev->irq < SPI_FIRST || dev->irq >= GIC_SPURIOUS)
		return -EINVAL;
	err = gic_init();
	if (err)
		return err;
	for (i = 0; i < MAX_OPEN; i++) {
		if (open_devs[i] == dev)
			free = i;
		else if (!open_devs[i] && free == MAX_OPEN)
			free = i;
	}
	if (free == MAX_OPEN)
		return -ENOMEM;
	open_devs[free] = dev;

	irq_set_handler(irq_handler);
	/*
	 * No line drives the SPI: the hypervisor makes it pending per
	 * doorbell (GICD_ISPENDR), an event, not a level. Acknowledging
	 * clears such a pending state in either mode, but edge is what it
	 * is (and what the root cell's driver sets).
	 */
	gic_disable_irq(dev->irq);
	gic_set_irq_edge(dev->irq, true);
	gic_enable_irq(dev->irq);
	reg_write(dev, BH_IVSHMEM_REG_INT_CONTROL, BH_IVSHMEM_INT_ENABLE);
	return 0;
}

struct wait_arg {
	struct ivshmem_device *dev;
	uint64_t seen;
};

static bool irq_came(void *arg)
{
	struct wait_arg *w = arg;

	return w->dev->irq_count != w->seen;
}

bool ivshmem_wait_irq(struct ivshmem_device *dev, uint64_t *seen,
		      uint64_t timeout_ns)
{
	struct wait_arg w = { .dev = dev, .seen = *seen };
	bool came;

	came = timer_wait_until(timer_now() + timer_ns_to_ticks(timeout_ns),
				irq_came, &w);
	*seen = dev->irq_count;
	return came;
}

uint32_t ivshmem_int_count(const struct ivshmem_device *dev)
{
	return reg_read(dev, BH_IVSHMEM_REG_INT_COUNT);
}
