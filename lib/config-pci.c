// SPDX-License-Identifier: GPL-2.0
/*
 * The config validator's rules for virtual PCI devices (ivshmem links):
 * each device on its own, the root cell's devices against the system, and
 * a new cell's devices against the other ends of their links. Same
 * environment rules as config-check.c: bulkhead/ headers only, no library
 * calls, no allocation.
 */
#include <bulkhead/comm-region.h>
#include <bulkhead/ivshmem.h>
#include "config-check-internal.h"

/* Bounds that keep every size sum below 2^64. */
#define PCI_SECTION_MAX 0x40000000ULL /* 1 GiB */

static const struct bh_pci_device *devices(const struct bh_cell_desc *desc,
					   const void *arrays)
{
	return bh_cell_pci_devices(desc, arrays);
}

static bool owns_pin(const struct bh_cell_desc *desc, const void *arrays,
		     unsigned int intid)
{
	const struct bh_irqchip *chip = bh_cell_irqchips(desc, arrays);
	unsigned int i;

	for (i = 0; i < desc->num_irqchips; i++)
		if (bh_chip_has_pin(&chip[i], intid))
			return true;
	return false;
}

/* Whether the device's numbers are sane enough to compute its ranges. */
static bool device_sized(const struct bh_pci_device *d)
{
	return d->max_peers >= 2 && d->max_peers <= BH_IVSHMEM_MAX_PEERS &&
	       d->rw_size <= PCI_SECTION_MAX &&
	       d->out_size <= PCI_SECTION_MAX &&
	       range_ok(d->shmem_phys, bh_ivshmem_size(d)) &&
	       range_ok(d->shmem_virt, bh_ivshmem_size(d));
}

static void check_sizes(struct bh_check_ctx *ctx, const char *path,
			unsigned int i, const struct bh_pci_device *d)
{
	if (d->max_peers < 2 || d->max_peers > BH_IVSHMEM_MAX_PEERS)
		note_error(ctx, "%spci_devices[%u]: max_peers %u not in 2..%u",
			   path, i, d->max_peers, BH_IVSHMEM_MAX_PEERS);
	else if (d->peer_id >= d->max_peers)
		note_error(ctx,
			   "%spci_devices[%u]: peer_id %u not below max_peers %u",
			   path, i, d->peer_id, d->max_peers);
	if (d->rw_size % CHECK_PAGE_SIZE || d->rw_size > PCI_SECTION_MAX)
		note_error(ctx,
			   "%spci_devices[%u]: rw_size 0x%llx not a multiple of 4 KiB up to 1 GiB",
			   path, i, ull(d->rw_size));
	if (d->out_size % CHECK_PAGE_SIZE || d->out_size > PCI_SECTION_MAX)
		note_error(ctx,
			   "%spci_devices[%u]: out_size 0x%llx not a multiple of 4 KiB up to 1 GiB",
			   path, i, ull(d->out_size));
	if (d->shmem_phys % CHECK_PAGE_SIZE)
		note_error(ctx,
			   "%spci_devices[%u]: shmem_phys 0x%llx not page aligned",
			   path, i, ull(d->shmem_phys));
	if (d->shmem_virt % CHECK_PAGE_SIZE)
		note_error(ctx,
			   "%spci_devices[%u]: shmem_virt 0x%llx not page aligned",
			   path, i, ull(d->shmem_virt));
	if (d->max_peers >= 2 && d->max_peers <= BH_IVSHMEM_MAX_PEERS &&
	    d->rw_size <= PCI_SECTION_MAX && d->out_size <= PCI_SECTION_MAX &&
	    !device_sized(d))
		note_error(ctx,
			   "%spci_devices[%u]: link memory at 0x%llx (virt 0x%llx) + size 0x%llx wraps around",
			   path, i, ull(d->shmem_phys), ull(d->shmem_virt),
			   ull(bh_ivshmem_size(d)));
}

/* Link memory is the link's: no memory region of the cell may map it. */
static void check_clear_of_regions(struct bh_check_ctx *ctx, const char *path,
				   unsigned int i,
				   const struct bh_pci_device *d,
				   const struct bh_cell_desc *desc,
				   const void *arrays)
{
	const struct bh_memory *m = bh_cell_mem_regions(desc, arrays);
	uint64_t size = bh_ivshmem_size(d);
	unsigned int j;

	for (j = 0; j < desc->num_memory_regions; j++, m++) {
		if (!range_ok(m->phys_start, m->size) ||
		    !range_ok(m->virt_start, m->size))
			continue;
		if (ranges_overlap(d->shmem_phys, size, m->phys_start, m->size))
			note_error(ctx,
				   "%spci_devices[%u]: link memory [0x%llx-0x%llx] overlaps mem_regions[%u] [0x%llx-0x%llx] in physical space",
				   path, i, ull(d->shmem_phys),
				   ull(range_last(d->shmem_phys, size)), j,
				   ull(m->phys_start),
				   ull(range_last(m->phys_start, m->size)));
		if (ranges_overlap(d->shmem_virt, size, m->virt_start, m->size))
			note_error(ctx,
				   "%spci_devices[%u]: link memory [0x%llx-0x%llx] overlaps mem_regions[%u] [0x%llx-0x%llx] in guest-physical space",
				   path, i, ull(d->shmem_virt),
				   ull(range_last(d->shmem_virt, size)), j,
				   ull(m->virt_start),
				   ull(range_last(m->virt_start, m->size)));
	}
	if (ranges_overlap(d->shmem_virt, size, BH_COMM_REGION_IPA,
			   BH_COMM_REGION_SIZE))
		note_error(ctx,
			   "%spci_devices[%u]: link memory [0x%llx-0x%llx] overlaps the communication region at 0x%llx",
			   path, i, ull(d->shmem_virt),
			   ull(range_last(d->shmem_virt, size)),
			   ull(BH_COMM_REGION_IPA));
}

static void check_pair(struct bh_check_ctx *ctx, const char *path,
		       unsigned int i, const struct bh_pci_device *a,
		       unsigned int j, const struct bh_pci_device *b)
{
	if (a->bdf == b->bdf)
		note_error(ctx,
			   "%spci_devices[%u]: bdf 0x%x already used by pci_devices[%u]",
			   path, i, a->bdf, j);
	if (a->link_id == b->link_id)
		note_error(ctx,
			   "%spci_devices[%u]: link_id %u already used by pci_devices[%u]: a cell is one peer of a link",
			   path, i, a->link_id, j);
	if (a->irq == b->irq)
		note_error(ctx,
			   "%spci_devices[%u]: irq %u already used by pci_devices[%u]",
			   path, i, a->irq, j);
	if (!device_sized(a) || !device_sized(b))
		return;
	if (ranges_overlap(a->shmem_phys, bh_ivshmem_size(a), b->shmem_phys,
			   bh_ivshmem_size(b)))
		note_error(ctx,
			   "%spci_devices[%u]: link memory at 0x%llx overlaps pci_devices[%u]'s at 0x%llx in physical space",
			   path, i, ull(a->shmem_phys), j, ull(b->shmem_phys));
	if (ranges_overlap(a->shmem_virt, bh_ivshmem_size(a), b->shmem_virt,
			   bh_ivshmem_size(b)))
		note_error(ctx,
			   "%spci_devices[%u]: link memory at 0x%llx overlaps pci_devices[%u]'s at 0x%llx in guest-physical space",
			   path, i, ull(a->shmem_virt), j, ull(b->shmem_virt));
}

void bh_check_pci_devices(struct bh_check_ctx *ctx, const char *path,
			  const struct bh_cell_desc *desc, const void *arrays,
			  bool root)
{
	const struct bh_pci_device *dev = devices(desc, arrays), *d;
	unsigned int i, j;

	if (desc->num_pci_devices > BH_PCI_MAX_DEVICES) {
		note_error(ctx,
			   "%snum_pci_devices %u above the limit of %u (one bus)",
			   path, desc->num_pci_devices, BH_PCI_MAX_DEVICES);
		return;
	}
	for (i = 0; i < desc->num_pci_devices; i++) {
		d = &dev[i];
		if (d->type != BH_PCI_TYPE_IVSHMEM)
			note_error(ctx,
				   "%spci_devices[%u]: type %u unknown (expected %u = ivshmem)",
				   path, i, d->type, BH_PCI_TYPE_IVSHMEM);
		if (d->padding)
			note_error(ctx,
				   "%spci_devices[%u]: padding 0x%x must be 0",
				   path, i, d->padding);
		if (d->bdf & ~0xf8)
			note_error(ctx,
				   "%spci_devices[%u]: bdf 0x%x not bus 0, function 0 (device << 3)",
				   path, i, d->bdf);
		if (d->irq < 32 || d->irq >= 1020)
			note_error(ctx,
				   "%spci_devices[%u]: irq %u not an SPI (32..1019)",
				   path, i, d->irq);
		else if (!owns_pin(desc, arrays, d->irq))
			note_error(ctx,
				   "%spci_devices[%u]: irq %u is not in the cell's irqchips",
				   path, i, d->irq);
		if (d->reserved)
			note_error(ctx,
				   "%spci_devices[%u]: reserved 0x%llx must be 0",
				   path, i, ull(d->reserved));
		check_sizes(ctx, path, i, d);
		/* Either of a pair may be unsized: check_pair() copes. */
		for (j = 0; j < i; j++)
			check_pair(ctx, path, i, d, j, &dev[j]);
		if (!device_sized(d))
			continue;
		/* The root cell's RAM holds its links' memory (taken at enable). */
		if (!root)
			check_clear_of_regions(ctx, path, i, d, desc, arrays);
	}
}

/* The virtual PCI windows: the system's, emulated for every cell. */
void bh_check_pci_platform(struct bh_check_ctx *ctx,
			   const struct bh_platform *p)
{
	if (!p->pci_mmconfig_base) {
		if (p->pci_mmconfig_size)
			note_error(ctx,
				   "platform.pci_mmconfig_size 0x%x without pci_mmconfig_base",
				   p->pci_mmconfig_size);
		if (p->pci_mem_base)
			note_error(ctx,
				   "platform.pci_mem_base 0x%llx without pci_mmconfig_base",
				   ull(p->pci_mem_base));
		return;
	}
	if (p->pci_mmconfig_base % BH_PCI_ECAM_BUS_SIZE)
		note_error(ctx,
			   "platform.pci_mmconfig_base 0x%llx not 1 MiB aligned",
			   ull(p->pci_mmconfig_base));
	if (p->pci_mmconfig_size != BH_PCI_ECAM_BUS_SIZE)
		note_error(ctx,
			   "platform.pci_mmconfig_size 0x%x must be 0x%llx (bus 0 only)",
			   p->pci_mmconfig_size, ull(BH_PCI_ECAM_BUS_SIZE));
	else if (!range_ok(p->pci_mmconfig_base, p->pci_mmconfig_size))
		note_error(ctx,
			   "platform: pci_mmconfig_base 0x%llx + size 0x%x wraps around",
			   ull(p->pci_mmconfig_base), p->pci_mmconfig_size);
	/* 32-bit BARs: the window must sit below 4 GiB (no sum: it could wrap). */
	if (!p->pci_mem_base || p->pci_mem_base % CHECK_PAGE_SIZE ||
	    p->pci_mem_base >
		    0x100000000ULL - BH_PCI_MAX_DEVICES * BH_PCI_BAR_SIZE)
		note_error(ctx,
			   "platform.pci_mem_base 0x%llx not a page aligned address with 128 KiB below 4 GiB",
			   ull(p->pci_mem_base));
	else if (ranges_overlap(p->pci_mem_base,
				BH_PCI_MAX_DEVICES * BH_PCI_BAR_SIZE,
				p->pci_mmconfig_base, BH_PCI_ECAM_BUS_SIZE))
		note_error(ctx,
			   "platform.pci_mem_base 0x%llx: the register window overlaps the ECAM window",
			   ull(p->pci_mem_base));
}

/* The windows are emulated: no cell may map memory there. */
static void check_windows_clear(struct bh_check_ctx *ctx, const char *path,
				const struct bh_platform *p,
				const struct bh_cell_desc *desc,
				const void *arrays)
{
	const struct bh_memory *m = bh_cell_mem_regions(desc, arrays);
	const struct bh_pci_device *d = devices(desc, arrays);
	unsigned int i;

	if (!p->pci_mmconfig_base)
		return;
	for (i = 0; i < desc->num_memory_regions; i++, m++) {
		if (!range_ok(m->virt_start, m->size))
			continue;
		if (ranges_overlap(m->virt_start, m->size, p->pci_mmconfig_base,
				   BH_PCI_ECAM_BUS_SIZE))
			note_error(ctx,
				   "%smem_regions[%u] [0x%llx-0x%llx] overlaps the virtual PCI ECAM window at 0x%llx",
				   path, i, ull(m->virt_start),
				   ull(range_last(m->virt_start, m->size)),
				   ull(p->pci_mmconfig_base));
		if (ranges_overlap(m->virt_start, m->size, p->pci_mem_base,
				   BH_PCI_MAX_DEVICES * BH_PCI_BAR_SIZE))
			note_error(ctx,
				   "%smem_regions[%u] [0x%llx-0x%llx] overlaps the virtual PCI register window at 0x%llx",
				   path, i, ull(m->virt_start),
				   ull(range_last(m->virt_start, m->size)),
				   ull(p->pci_mem_base));
	}
	for (i = 0; i < desc->num_pci_devices; i++, d++) {
		if (!device_sized(d))
			continue;
		if (ranges_overlap(d->shmem_virt, bh_ivshmem_size(d),
				   p->pci_mmconfig_base,
				   BH_PCI_ECAM_BUS_SIZE) ||
		    ranges_overlap(d->shmem_virt, bh_ivshmem_size(d),
				   p->pci_mem_base,
				   BH_PCI_MAX_DEVICES * BH_PCI_BAR_SIZE))
			note_error(ctx,
				   "%spci_devices[%u]: link memory at 0x%llx overlaps a virtual PCI window",
				   path, i, ull(d->shmem_virt));
	}
}

/* Link memory must be root RAM: the hypervisor takes it from there. */
static void check_from_root_ram(struct bh_check_ctx *ctx, const char *path,
				const struct bh_system *sys,
				const struct bh_cell_desc *desc,
				const void *arrays)
{
	const struct bh_cell_desc *root = &sys->root_cell;
	const void *root_arrays = sys + 1;
	const struct bh_pci_device *d = devices(desc, arrays);
	const struct bh_memory *rm = bh_cell_mem_regions(root, root_arrays);
	unsigned int i, num = root->num_memory_regions;

	for (i = 0; i < desc->num_pci_devices; i++, d++) {
		if (!device_sized(d))
			continue;
		if (bh_check_find_region(rm, num, d->shmem_phys,
					 bh_ivshmem_size(d), true, BH_MEM_IO,
					 0) == num)
			note_error(ctx,
				   "%spci_devices[%u]: link memory [0x%llx-0x%llx] is not inside one RAM region of the root cell",
				   path, i, ull(d->shmem_phys),
				   ull(range_last(d->shmem_phys,
						  bh_ivshmem_size(d))));
	}
}

void bh_check_pci_root(struct bh_check_ctx *ctx, const struct bh_system *sys)
{
	const struct bh_cell_desc *root = &sys->root_cell;
	const void *arrays = sys + 1;
	const struct bh_pci_device *d = devices(root, arrays);
	unsigned int i;

	check_windows_clear(ctx, "root_cell.", &sys->platform, root, arrays);
	if (!root->num_pci_devices)
		return;
	if (!sys->platform.pci_mmconfig_base)
		note_error(ctx,
			   "root_cell.num_pci_devices %u without a virtual PCI bus (platform.pci_mmconfig_base 0)",
			   root->num_pci_devices);
	check_from_root_ram(ctx, "root_cell.", sys, root, arrays);
	/* Root cell memory is identity-mapped; so is its link memory. */
	for (i = 0; i < root->num_pci_devices; i++)
		if (d[i].shmem_virt != d[i].shmem_phys)
			note_error(ctx,
				   "root_cell.pci_devices[%u]: shmem_virt 0x%llx differs from shmem_phys 0x%llx: the root cell sees memory at its physical address",
				   i, ull(d[i].shmem_virt),
				   ull(d[i].shmem_phys));
}

/* Two ends of one link: same memory, same shape, other peer ids. */
static void check_link_ends(struct bh_check_ctx *ctx, unsigned int i,
			    const struct bh_pci_device *a, const char *name,
			    unsigned int j, const struct bh_pci_device *b)
{
	if (a->shmem_phys != b->shmem_phys)
		note_error(ctx,
			   "pci_devices[%u]: link %u shmem_phys 0x%llx, but cell '%s' pci_devices[%u] has 0x%llx",
			   i, a->link_id, ull(a->shmem_phys), name, j,
			   ull(b->shmem_phys));
	if (a->rw_size != b->rw_size)
		note_error(ctx,
			   "pci_devices[%u]: link %u rw_size 0x%llx, but cell '%s' pci_devices[%u] has 0x%llx",
			   i, a->link_id, ull(a->rw_size), name, j,
			   ull(b->rw_size));
	if (a->out_size != b->out_size)
		note_error(ctx,
			   "pci_devices[%u]: link %u out_size 0x%llx, but cell '%s' pci_devices[%u] has 0x%llx",
			   i, a->link_id, ull(a->out_size), name, j,
			   ull(b->out_size));
	if (a->max_peers != b->max_peers)
		note_error(ctx,
			   "pci_devices[%u]: link %u max_peers %u, but cell '%s' pci_devices[%u] has %u",
			   i, a->link_id, a->max_peers, name, j, b->max_peers);
	if (a->peer_id == b->peer_id)
		note_error(ctx,
			   "pci_devices[%u]: link %u peer_id %u already taken by cell '%s' pci_devices[%u]",
			   i, a->link_id, a->peer_id, name, j);
}

/*
 * The root cell's devices keep their interrupts: the new cell may take
 * other root SPIs, not these (another cell's are its own already).
 */
static void check_root_irqs(struct bh_check_ctx *ctx,
			    const struct bh_cell_desc *cell,
			    const struct bh_cell_desc *root,
			    const void *root_arrays)
{
	const struct bh_pci_device *rdev = devices(root, root_arrays);
	unsigned int j;

	for (j = 0; j < root->num_pci_devices; j++)
		if (owns_pin(cell, bh_cell_arrays(cell), rdev[j].irq))
			note_error(ctx,
				   "irqchips: INTID %u is the interrupt of the root cell's pci_devices[%u] (link %u)",
				   rdev[j].irq, j, rdev[j].link_id);
}

/* The new cell's devices and memory against one other cell's. */
static void check_against(struct bh_check_ctx *ctx,
			  const struct bh_cell_desc *cell,
			  const struct bh_cell_desc *other,
			  const void *other_arrays, bool other_is_root)
{
	const void *arrays = bh_cell_arrays(cell);
	const struct bh_pci_device *dev = devices(cell, arrays);
	const struct bh_pci_device *odev = devices(other, other_arrays);
	const struct bh_memory *m = bh_cell_mem_regions(cell, arrays);
	const struct bh_memory *om = bh_cell_mem_regions(other, other_arrays);
	unsigned int i, j;

	for (i = 0; i < cell->num_pci_devices; i++) {
		if (!device_sized(&dev[i]))
			continue;
		for (j = 0; j < other->num_pci_devices; j++) {
			if (!device_sized(&odev[j]))
				continue;
			if (dev[i].link_id == odev[j].link_id)
				check_link_ends(ctx, i, &dev[i], other->name, j,
						&odev[j]);
			else if (ranges_overlap(dev[i].shmem_phys,
						bh_ivshmem_size(&dev[i]),
						odev[j].shmem_phys,
						bh_ivshmem_size(&odev[j])))
				note_error(ctx,
					   "pci_devices[%u]: link %u memory at 0x%llx overlaps link %u of cell '%s' at 0x%llx",
					   i, dev[i].link_id,
					   ull(dev[i].shmem_phys),
					   odev[j].link_id, other->name,
					   ull(odev[j].shmem_phys));
		}
		/* The root's RAM holds link memory until the link exists. */
		for (j = 0; !other_is_root && j < other->num_memory_regions;
		     j++)
			if (range_ok(om[j].phys_start, om[j].size) &&
			    ranges_overlap(dev[i].shmem_phys,
					   bh_ivshmem_size(&dev[i]),
					   om[j].phys_start, om[j].size))
				note_error(ctx,
					   "pci_devices[%u]: link %u memory at 0x%llx overlaps cell '%s' mem_regions[%u] [0x%llx-0x%llx]",
					   i, dev[i].link_id,
					   ull(dev[i].shmem_phys), other->name,
					   j, ull(om[j].phys_start),
					   ull(range_last(om[j].phys_start,
							  om[j].size)));
	}
	/* No region of the new cell may map another link's memory. */
	for (i = 0; i < cell->num_memory_regions; i++) {
		if (!range_ok(m[i].phys_start, m[i].size))
			continue;
		for (j = 0; j < other->num_pci_devices; j++)
			if (device_sized(&odev[j]) &&
			    ranges_overlap(m[i].phys_start, m[i].size,
					   odev[j].shmem_phys,
					   bh_ivshmem_size(&odev[j])))
				note_error(ctx,
					   "mem_regions[%u] [0x%llx-0x%llx] overlaps the memory of link %u (cell '%s' pci_devices[%u])",
					   i, ull(m[i].phys_start),
					   ull(range_last(m[i].phys_start,
							  m[i].size)),
					   odev[j].link_id, other->name, j);
	}
}

void bh_check_pci_place(struct bh_check_ctx *ctx, const struct bh_system *sys,
			const struct bh_cell_desc *cell,
			const struct bh_cell_desc *const *others,
			unsigned int num_others)
{
	unsigned int k;

	check_windows_clear(ctx, "", &sys->platform, cell,
			    bh_cell_arrays(cell));
	if (cell->num_pci_devices && !sys->platform.pci_mmconfig_base)
		note_error(ctx,
			   "num_pci_devices %u, but the system has no virtual PCI bus (platform.pci_mmconfig_base 0)",
			   cell->num_pci_devices);
	check_from_root_ram(ctx, "", sys, cell, bh_cell_arrays(cell));
	check_root_irqs(ctx, cell, &sys->root_cell, sys + 1);
	check_against(ctx, cell, &sys->root_cell, sys + 1, true);
	for (k = 0; k < num_others; k++)
		check_against(ctx, cell, others[k], bh_cell_arrays(others[k]),
			      false);
}
