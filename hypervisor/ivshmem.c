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
 * distributor, which delivers it where the peer routed it, within a budget
 * per sender (see below). A peer that leaves a link others stay on takes
 * its data with it: its output section and the read-write section are
 * zeroed before the others see it gone.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/page_alloc.h>
#include <hv/pci.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/unit.h>
#include <asm/barrier.h>
#include <asm/spinlock.h>
#include <bulkhead/ivshmem.h>

#define MAX_LINKS 32

/*
 * Interrupt budget: what one peer's doorbells and state changes may cost
 * another. Each (sender, receiver) pair is a token bucket (kept as the
 * "theoretical arrival time" of the generic cell rate algorithm, ITU-T
 * I.371): IRQ_BURST interrupts at once, then IRQ_RATE per second. A
 * doorbell the receiver rang towards the sender gives one token back: a
 * request-reply exchange is never held back, however fast, since the
 * receiver asked for each answer (the ivshmem round trips of `make bench`
 * reach 240,000 a second in virtual time). Beyond the budget an interrupt
 * is not dropped but held back, merged with any that follow, and raised
 * when the bucket allows, from the hypervisor's timer on the sender's CPU
 * (so the sender pays for that too).
 *
 * IRQ_RATE: under QEMU (TCG) one interrupt costs the root cell's Linux
 * about 25 us of its CPU, so 1000 a second is 2.5 % of it (much less on
 * hardware); a peer streaming without replies still gets an interrupt
 * every millisecond, each covering all it sent since.
 */
#define IRQ_RATE  1000
#define IRQ_BURST 16

struct ivshmem_link {
	bool used;
	u32 id;
	unsigned int users;
	u64 phys;
	u64 size;
	u64 rw_size;
	u64 out_size;
	u16 max_peers;
	volatile u32 *state; /* the state table, hypervisor view */
	struct pci_device *peers[BH_IVSHMEM_MAX_PEERS];
	/* [to][from]: counter time from which the next interrupt conforms */
	u64 tat[BH_IVSHMEM_MAX_PEERS][BH_IVSHMEM_MAX_PEERS];
	u8 held[BH_IVSHMEM_MAX_PEERS]; /* [to]: bit from: one is held back */
};

static struct ivshmem_link links[MAX_LINKS];
/*
 * Peer tables, states, interrupt control and budgets; taken in MMIO traps
 * and in the timer, inside the management lock where both are held.
 */
static spinlock_t link_lock = SPINLOCK_INIT;
static unsigned int held_count; /* held-back interrupts, all links */

static struct ivshmem_link *find_link(u32 id)
{
	unsigned int i;

	for (i = 0; i < MAX_LINKS; i++)
		if (links[i].used && links[i].id == id)
			return &links[i];
	return NULL;
}

/* INTx disabled or not: a masked interrupt waits in the status bit. */
static bool takes_interrupts(const struct pci_device *to)
{
	return to && to->cell->state == BH_CELL_STATE_RUNNING &&
	       (to->int_control & BH_IVSHMEM_INT_ENABLE);
}

/* Counter ticks per interrupt at IRQ_RATE. */
static u64 irq_period(void)
{
	return arch_time_freq() / IRQ_RATE ?: 1;
}

/* When the pair's bucket has a token again (now or earlier: it has one). */
static u64 budget_due(const struct ivshmem_link *link, unsigned int from,
		      unsigned int to)
{
	u64 tat = link->tat[to][from], slack = (IRQ_BURST - 1) * irq_period();

	return tat > slack ? tat - slack : 0;
}

/* Under link_lock: an interrupt, within budget. */
static void deliver(struct ivshmem_link *link, unsigned int from,
		    unsigned int to, u64 now)
{
	struct pci_device *dev = link->peers[to];

	link->tat[to][from] =
		(link->tat[to][from] > now ? link->tat[to][from] : now) +
		irq_period();
	if (!takes_interrupts(dev))
		return;
	dev->int_count++;
	dev->int_status = true;
	if (!(dev->command & PCI_CMD_INTX_DISABLE))
		arch_trigger_irq(dev->cfg->irq);
}

/*
 * PCI Local Bus 3.0, 6.2.2: INTx is asserted while the interrupt status
 * is 1 and INTx is not disabled; setting the disable bit does not change
 * the status. Our INTx is an edge on the cell's SPI, so enabling INTx
 * with an interrupt pending sends that edge (stock drivers such as
 * uio_pci_generic mask INTx in their handler and unmask it later). Only
 * the cell's own device and SPI: nothing of another cell changes.
 */
void ivshmem_set_command(struct pci_device *dev, u16 command)
{
	bool unmasked;

	spin_lock(&link_lock);
	unmasked = (dev->command & PCI_CMD_INTX_DISABLE) &&
		   !(command & PCI_CMD_INTX_DISABLE);
	dev->command = command;
	if (unmasked && dev->int_status && takes_interrupts(dev))
		arch_trigger_irq(dev->cfg->irq);
	spin_unlock(&link_lock);
}

static void release_held(struct ivshmem_link *link, unsigned int from,
			 unsigned int to)
{
	link->held[to] &= ~(1U << from);
	held_count--;
}

/*
 * Under link_lock: peer `from` interrupts peer `to`. One that finds no
 * taker is dropped, as the spec says; one beyond the budget is held back
 * (merged into one already held) until the bucket has a token again.
 */
static void notify(struct ivshmem_link *link, unsigned int from,
		   unsigned int to)
{
	u64 now, due;

	if (!takes_interrupts(link->peers[to]) ||
	    (link->held[to] & (1U << from)))
		return;
	now = arch_time_now();
	due = budget_due(link, from, to);
	if (due <= now) {
		deliver(link, from, to, now);
		return;
	}
	link->held[to] |= 1U << from;
	held_count++;
	arch_timer_arm(due);
}

/*
 * Under link_lock: `from` rang `to`, so `to` may answer once more than its
 * budget towards `from` allows; one of its interrupts held back for want
 * of that token goes now.
 */
static void refund(struct ivshmem_link *link, unsigned int from,
		   unsigned int to)
{
	u64 now = arch_time_now(), t = irq_period();
	u64 *tat = &link->tat[from][to];

	*tat = *tat > now + t ? *tat - t : now;
	if ((link->held[from] & (1U << to)) &&
	    budget_due(link, to, from) <= now) {
		release_held(link, to, from);
		deliver(link, to, from, now);
	}
}

/* Interrupts held back for their budget whose time has come. */
static void ivshmem_timer_expired(void)
{
	u64 now, due, next = ~0ULL;
	unsigned int l, to, from;

	spin_lock(&link_lock);
	now = arch_time_now();
	for (l = 0; l < MAX_LINKS && held_count; l++) {
		struct ivshmem_link *link = &links[l];

		for (to = 0; link->used && to < link->max_peers; to++)
			for (from = 0; link->held[to] && from < link->max_peers;
			     from++) {
				if (!(link->held[to] & (1U << from)))
					continue;
				due = budget_due(link, from, to);
				if (due <= now) {
					release_held(link, from, to);
					deliver(link, from, to, now);
				} else if (due < next) {
					next = due;
				}
			}
	}
	if (next != ~0ULL)
		arch_timer_arm(next);
	spin_unlock(&link_lock);
}

/* Under link_lock: a fresh slot, no interrupt held for or from it. */
static void forget_budgets(struct ivshmem_link *link, unsigned int peer)
{
	unsigned int p;

	for (p = 0; p < link->max_peers; p++) {
		if (link->held[peer] & (1U << p))
			release_held(link, p, peer);
		if (link->held[p] & (1U << peer))
			release_held(link, peer, p);
		link->tat[peer][p] = 0;
		link->tat[p][peer] = 0;
	}
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
			notify(link, dev->cfg->peer_id, p);
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

static int create_link(struct ivshmem_link *link, const struct bh_pci_device *c)
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
		if (root_remap_range(link->phys, link->size))
			pr_err("ivshmem link %u: memory not returned to the root cell\n",
			       link->id);
		return err;
	}
	link->state = phys_to_hv(pa_init(link->phys));
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
	/* The root cell runs already; other cells from their first start. */
	dev->has_run = dev->cell == &root_cell;
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

/*
 * What a departing peer may have written and the peers that stay must not
 * hand to its successor: its output section, and the read-write section,
 * in which nobody can tell its bytes from the others' (ivshmem.md).
 */
static void clear_sections(struct pci_device *dev)
{
	struct ivshmem_link *link = dev->link;
	u64 out = bh_ivshmem_out_offset(link->rw_size, link->out_size,
					dev->cfg->peer_id);

	if ((link->rw_size &&
	     scrub_memory(link->phys + BH_IVSHMEM_RW_OFFSET, link->rw_size)) ||
	    (link->out_size && scrub_memory(link->phys + out, link->out_size)))
		pr_err("ivshmem link %u: peer %u's sections not cleared\n",
		       link->id, dev->cfg->peer_id);
}

/*
 * Under the management lock, the peer's CPUs parked (it writes no more):
 * it leaves with state 0, then its sections are cleared. In this order a
 * peer that stays sees it leave; cleared first, its output would look
 * like a restarted peer's (ready, no message) for as long as the clearing
 * takes. Its successor in the slot can attach only after this (management
 * lock), so it never sees what was there.
 */
void ivshmem_detach(struct pci_device *dev)
{
	struct ivshmem_link *link = dev->link;

	if (!link)
		return;
	spin_lock(&link_lock);
	if (link->peers[dev->cfg->peer_id] == dev) {
		link->peers[dev->cfg->peer_id] = NULL;
		/* Its farewell is not held back for its old budget. */
		forget_budgets(link, dev->cfg->peer_id);
		set_state(dev, 0);
	}
	spin_unlock(&link_lock);
	if (link->users > 1 && dev->has_run)
		clear_sections(dev);
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
	dev->int_status = false;
	if (reset) {
		dev->int_count = 0;
		dev->has_run = true;
	}
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
	struct ivshmem_link *link = dev->link;
	unsigned int peer = val >> 16, self = dev->cfg->peer_id;

	/* INTx has one vector; other vectors and peers ring nothing. */
	if ((val & 0xffff) || peer >= link->max_peers || peer == self ||
	    !link->peers[peer])
		return;
	notify(link, self, peer);
	refund(link, self, peer);
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
	case BH_IVSHMEM_REG_INT_STATUS:
		return dev->int_status;
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
	} else if (offset == BH_IVSHMEM_REG_INT_STATUS && (val & 1)) {
		dev->int_status = false;
	}
	spin_unlock(&link_lock);
	return MMIO_HANDLED;
}

/* The devices themselves join cells through pci.c; the timer is its own. */
DEFINE_UNIT(ivshmem_unit, 6) = {
	.name = "ivshmem",
	.timer_expired = ivshmem_timer_expired,
};
