// SPDX-License-Identifier: GPL-2.0
/*
 * Dispatch of trapped MMIO accesses to registered regions.
 */
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/mmio.h>
#include <asm/barrier.h>

#define MAX_MMIO_REGIONS 64

struct mmio_region {
	struct cell *cell;
	const struct unit *owner;
	u64 base;
	u64 size;
	mmio_handler_t handler;
	void *arg;
};

static struct mmio_region regions[MAX_MMIO_REGIONS];
static unsigned int num_regions;

int mmio_region_register(struct cell *cell, const struct unit *owner,
			 ipaddr_t base, u64 size, mmio_handler_t handler,
			 void *arg)
{
	int err = -ENOMEM;
	unsigned int i;

	spin_lock(&hv.lock);
	for (i = 0; i < MAX_MMIO_REGIONS; i++) {
		struct mmio_region *r = &regions[i];

		if (r->cell)
			continue;
		r->owner = owner;
		r->base = ipa_addr(base);
		r->size = size;
		r->handler = handler;
		r->arg = arg;
		/* Lookups run without the lock: publish the slot last. */
		smp_wmb();
		r->cell = cell;
		if (i >= num_regions)
			num_regions = i + 1;
		err = 0;
		break;
	}
	spin_unlock(&hv.lock);
	return err;
}

unsigned int mmio_region_release(struct cell *cell, const struct unit *owner)
{
	unsigned int i, n = 0;

	/* Slots are freed in place: a lookup never sees another cell's. */
	spin_lock(&hv.lock);
	for (i = 0; i < num_regions; i++)
		if (regions[i].cell == cell &&
		    (!owner || regions[i].owner == owner)) {
			regions[i].cell = NULL;
			n++;
		}
	spin_unlock(&hv.lock);
	return n;
}

/*
 * No lock: slots only change at cell creation and destruction, and a slot
 * is published (cell set) after its other fields.
 */
enum mmio_result mmio_handle_access(struct cell *cell, struct mmio_access *acc)
{
	u64 addr = ipa_addr(acc->ipa);
	unsigned int i;

	if (acc->size == 0 || !IS_ALIGNED(addr, acc->size))
		return MMIO_UNHANDLED;
	for (i = 0; i < num_regions; i++) {
		struct mmio_region *r = &regions[i];

		if (r->cell != cell)
			continue;
		smp_rmb();
		if (addr < r->base || addr + acc->size > r->base + r->size)
			continue;
		return r->handler(r->arg, acc, addr - r->base);
	}
	return MMIO_UNHANDLED;
}
