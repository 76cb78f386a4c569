// SPDX-License-Identifier: GPL-2.0
/*
 * ivshmem links: memory shared by up to BH_IVSHMEM_MAX_PEERS cells, each
 * seeing the link as a PCI device with doorbell and state registers. A
 * link exists while at least one peer does. Its memory is root RAM that
 * the root cell loses while the link exists (scrubbed on the way in and
 * out), mapped into each peer with the access the spec gives it: the state
 * table read-only (the hypervisor writes it), the read-write section
 * read-write, the peer's own output section read-write and the others'
 * read-only. Interrupts are the device's SPI made pending in the
 * distributor, which delivers it where the peer routed it.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/pci.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <asm/barrier.h>
#include <asm/spinlock.h>
#include <bulkhead/ivshmem.h>

#define MAX_LINKS	32

struct ivshmem_link {
	bool used;
	u32 id;
	unsigned int users;
	u64 phys;
	u64 size;
	u64 rw_size;
	u64 out_size;
	u16 max_peers;
	volatile u32 *state;		/* the state table, hypervisor view */
	struct pci_device *peers[BH_IVSHMEM_MAX_PEERS];
};

static struct ivshmem_link links[MAX_LINKS];
/* Peer tables, states and interrupt control; taken in MMIO traps. */
static spinlock_t link_lock = SPINLOCK_INIT;

static struct ivshmem_link *find_link(u32 id)
{
	unsigned int i;

	for (i = 0; i < MAX_LINKS; i++)
		if (links[i].used && links[i].id == id)
			return &links[i];
	return NULL;
}

/* Under link_lock. */
static void notify(struct pci_device *to)
{
	if (!to || to->cell->state != BH_CELL_STATE_RUNNING ||
	    !(to->int_control & BH_IVSHMEM_INT_ENABLE) ||
	    (to->command & PCI_CMD_INTX_DISABLE))
		return;
	to->int_count++;
	arch_trigger_irq(to->cfg->irq);
}

/* Under link_lock: a peer's state changed, tell the others. */
static void set_state(struct pci_device *dev, u32 state)
{
	struct ivshmem_link *link = dev->link;
	unsigned int p;

	link->state[dev->cfg->peer_id] = state;
	/* The new state before the interrupt that announces it. */
	smp_wmb();
	for (p = 0; p < link->max_peers; p++)
		if (p != dev->cfg->peer_id)
			notify(link->peers[p]);
}

static int map_section(struct cell *cell, u64 phys, u64 virt, u64 size,
		       bool writable)
{
	struct bh_memory mem = {
		.phys_start = phys,
		.virt_start = virt,
		.size = size,
		.flags = BH_MEM_READ | (writable ? BH_MEM_WRITE : 0),
	};

	return size ? arch_map_memory_region(cell, &mem) : 0;
}

/* The cell's view of the link; its stage 2 goes with the cell. */
static int map_link(struct pci_device *dev)
{
	const struct bh_pci_device *c = dev->cfg;
	struct ivshmem_link *link = dev->link;
	unsigned int p;
	u64 off;
	int err;

	err = map_section(dev->cell, link->phys, c->shmem_virt,
			  BH_IVSHMEM_STATE_TABLE_SIZE, false);
	if (!err)
		err = map_section(dev->cell, link->phys + BH_IVSHMEM_RW_OFFSET,
				  c->shmem_virt + BH_IVSHMEM_RW_OFFSET,
				  link->rw_size, true);
	for (p = 0; p < link->max_peers && !err; p++) {
		off = bh_ivshmem_out_offset(link->rw_size, link->out_size, p);
		err = map_section(dev->cell, link->phys + off,
				  c->shmem_virt + off, link->out_size,
				  p == c->peer_id);
	}
	return err;
}

static int create_link(struct ivshmem_link *link,
		       const struct bh_pci_device *c)
{
	int err;

	*link = (struct ivshmem_link){
		.id = c->link_id,
		.phys = c->shmem_phys,
		.size = bh_ivshmem_size(c),
		.rw_size = c->rw_size,
		.out_size = c->out_size,
		.max_peers = c->max_peers,
	};
	err = root_unmap_range(link->phys, link->size);
	if (err)
		return err;
	err = scrub_memory(link->phys, link->size);
	if (!err)
		err = arch_hv_map(pa_init(link->phys),
				  BH_IVSHMEM_STATE_TABLE_SIZE);
	if (err) {
		root_remap_range(link->phys, link->size);
		return err;
	}
	link->state = (volatile u32 *)(uintptr_t)link->phys;
	link->used = true;
	return 0;
}

/* The last peer left: the memory goes back to the root cell, zeroed. */
static void free_link(struct ivshmem_link *link)
{
	arch_hv_unmap(pa_init(link->phys), BH_IVSHMEM_STATE_TABLE_SIZE);
	if (scrub_memory(link->phys, link->size) ||
	    root_remap_range(link->phys, link->size))
		pr_err("ivshmem link %u: memory not returned to the root cell\n",
		       link->id);
	link->used = false;
}

static bool same_shape(const struct ivshmem_link *link,
		       const struct bh_pci_device *c)
{
	return link->phys == c->shmem_phys && link->rw_size == c->rw_size &&
	       link->out_size == c->out_size && link->max_peers == c->max_peers;
}

/*
 * Under the management lock. The validator has checked that the ends
 * agree; this checks again what would corrupt the link if it did not.
 */
int ivshmem_attach(struct pci_device *dev)
{
	const struct bh_pci_device *c = dev->cfg;
	struct ivshmem_link *link = find_link(c->link_id);
	unsigned int i;
	int err;

	if (link && (!same_shape(link, c) || link->peers[c->peer_id]))
		return -EINVAL;
	if (!link) {
		for (i = 0; i < MAX_LINKS && links[i].used; i++)
			;
		if (i == MAX_LINKS)
			return -ENOMEM;
		link = &links[i];
		err = create_link(link, c);
		if (err)
			return err;
	}
	dev->link = link;
	link->users++;
	err = map_link(dev);
	if (err) {
		ivshmem_detach(dev);
		return err;
	}
	spin_lock(&link_lock);
	link->peers[c->peer_id] = dev;
	spin_unlock(&link_lock);
	return 0;
}

/* Under the management lock: the peer leaves with state 0. */
void ivshmem_detach(struct pci_device *dev)
{
	struct ivshmem_link *link = dev->link;

	if (!link)
		return;
	spin_lock(&link_lock);
	if (link->peers[dev->cfg->peer_id] == dev) {
		link->peers[dev->cfg->peer_id] = NULL;
		set_state(dev, 0);
	}
	spin_unlock(&link_lock);
	dev->link = NULL;
	if (--link->users == 0)
		free_link(link);
}

/*
 * The peer no longer runs (stopped), or starts over (reset, which also
 * counts interrupts from zero): interrupts off, state 0 announced.
 */
static void quiet(struct pci_device *dev, bool reset)
{
	spin_lock(&link_lock);
	dev->int_control = 0;
	if (reset)
		dev->int_count = 0;
	if (dev->link->state[dev->cfg->peer_id])
		set_state(dev, 0);
	spin_unlock(&link_lock);
}

void ivshmem_stopped(struct pci_device *dev)
{
	quiet(dev, false);
}

void ivshmem_reset(struct pci_device *dev)
{
	quiet(dev, true);
}

static void doorbell(struct pci_device *dev, u32 val)
{
	unsigned int peer = val >> 16;

	/* INTx has one vector; other vectors and peers ring nothing. */
	if ((val & 0xffff) || peer >= dev->link->max_peers ||
	    peer == dev->cfg->peer_id)
		return;
	notify(dev->link->peers[peer]);
}

static u32 register_read(struct pci_device *dev, u64 offset)
{
	const struct bh_pci_device *c = dev->cfg;

	switch (offset) {
	case BH_IVSHMEM_REG_ID:
		return c->peer_id;
	case BH_IVSHMEM_REG_MAX_PEERS:
		return c->max_peers;
	case BH_IVSHMEM_REG_INT_CONTROL:
		return dev->int_control;
	case BH_IVSHMEM_REG_STATE:
		return dev->link->state[c->peer_id];
	case BH_IVSHMEM_REG_LINK_ID:
		return c->link_id;
	case BH_IVSHMEM_REG_SHMEM_LO:
		return (u32)c->shmem_virt;
	case BH_IVSHMEM_REG_SHMEM_HI:
		return c->shmem_virt >> 32;
	case BH_IVSHMEM_REG_RW_SIZE_LO:
		return (u32)c->rw_size;
	case BH_IVSHMEM_REG_RW_SIZE_HI:
		return c->rw_size >> 32;
	case BH_IVSHMEM_REG_OUT_SIZE_LO:
		return (u32)c->out_size;
	case BH_IVSHMEM_REG_OUT_SIZE_HI:
		return c->out_size >> 32;
	case BH_IVSHMEM_REG_INT_COUNT:
		return dev->int_count;
	case BH_IVSHMEM_REG_INTID:
		return c->irq;
	default:
		return 0;
	}
}

enum mmio_result ivshmem_register_access(struct pci_device *dev,
					 struct mmio_access *acc, u64 offset)
{
	u32 val = acc->value;

	/* The spec's registers are 32 bits wide: other sizes are faults. */
	if (acc->size != 4)
		return MMIO_FORBIDDEN;
	spin_lock(&link_lock);
	if (!acc->is_write) {
		acc->value = register_read(dev, offset);
	} else if (offset == BH_IVSHMEM_REG_INT_CONTROL) {
		dev->int_control = val & BH_IVSHMEM_INT_ENABLE;
	} else if (offset == BH_IVSHMEM_REG_DOORBELL) {
		doorbell(dev, val);
	} else if (offset == BH_IVSHMEM_REG_STATE) {
		set_state(dev, val);
	}
	spin_unlock(&link_lock);
	return MMIO_HANDLED;
}
