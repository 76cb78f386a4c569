// SPDX-License-Identifier: GPL-2.0
/*
 * Dispatch of trapped MMIO accesses to registered regions.
 */
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/mmio.h>

#define MAX_MMIO_REGIONS	32

struct mmio_region {
	struct cell *cell;
	u64 base;
	u64 size;
	mmio_handler_t handler;
	void *arg;
};

static struct mmio_region regions[MAX_MMIO_REGIONS];
static unsigned int num_regions;

int mmio_region_register(struct cell *cell, ipaddr_t base, u64 size,
			 mmio_handler_t handler, void *arg)
{
	int err = -ENOMEM;

	spin_lock(&hv.lock);
	if (num_regions < MAX_MMIO_REGIONS) {
		regions[num_regions++] = (struct mmio_region){
			.cell = cell, .base = ipa_addr(base), .size = size,
			.handler = handler, .arg = arg,
		};
		err = 0;
	}
	spin_unlock(&hv.lock);
	return err;
}

void mmio_region_unregister_cell(struct cell *cell)
{
	unsigned int i = 0;

	spin_lock(&hv.lock);
	while (i < num_regions) {
		if (regions[i].cell == cell)
			regions[i] = regions[--num_regions];
		else
			i++;
	}
	spin_unlock(&hv.lock);
}

/* Regions are registered at start-up and cell creation only. */
enum mmio_result mmio_handle_access(struct cell *cell, struct mmio_access *acc)
{
	u64 addr = ipa_addr(acc->ipa);
	unsigned int i;

	if (acc->size == 0 || !IS_ALIGNED(addr, acc->size))
		return MMIO_UNHANDLED;
	for (i = 0; i < num_regions; i++) {
		struct mmio_region *r = &regions[i];

		if (r->cell != cell || addr < r->base ||
		    addr + acc->size > r->base + r->size)
			continue;
		return r->handler(r->arg, acc, addr - r->base);
	}
	return MMIO_UNHANDLED;
}
