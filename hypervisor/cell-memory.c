// SPDX-License-Identifier: GPL-2.0
/*
 * Memory of non-root cells: taking it from the root cell's stage 2 and
 * giving it back scrubbed, the root cell's temporary access for loading,
 * the communication region, and copying a cell config out of root memory.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/printk.h>
#include <hv/string.h>

/* The root cell's region holding [phys, phys + size), if one does. */
const struct bh_memory *root_region_of(u64 phys, u64 size)
{
	const struct bh_memory *mem;
	unsigned int i;

	for_each_cell_region(&root_cell, mem, i)
		if (phys >= mem->phys_start &&
		    phys + size <= mem->phys_start + mem->size)
			return mem;
	return NULL;
}

/* The part of a root region that a cell region covers, as root maps it. */
static struct bh_memory root_view(const struct bh_memory *cell_mem)
{
	const struct bh_memory *r =
		root_region_of(cell_mem->phys_start, cell_mem->size);
	struct bh_memory v = *cell_mem;

	v.virt_start = r->virt_start + (cell_mem->phys_start - r->phys_start);
	v.flags = r->flags;
	return v;
}

static bool region_stays_in_root(const struct bh_memory *mem)
{
	return mem->flags & (BH_MEM_ROOTSHARED | BH_MEM_SHARED);
}

/* Zeroes RAM through a temporary mapping in the hypervisor. */
int scrub_memory(u64 phys, u64 size)
{
	int err;

	err = arch_hv_map(pa_init(phys), size);
	if (err)
		return err;
	memset(phys_to_hv(pa_init(phys)), 0, size);
	arch_dcache_flush(phys_to_hv(pa_init(phys)), size);
	arch_hv_unmap(pa_init(phys), size);
	return 0;
}

static int scrub_region(const struct bh_memory *mem)
{
	return mem->flags & BH_MEM_IO ?
		       0 :
		       scrub_memory(mem->phys_start, mem->size);
}

/*
 * Root RAM lent out whole, not as a cell's region (ivshmem link memory):
 * out of the root cell's stage 2 and back, as the root maps it.
 */
int root_unmap_range(u64 phys, u64 size)
{
	struct bh_memory r = { .phys_start = phys, .size = size };
	int err;

	if (!root_region_of(phys, size))
		return -EINVAL;
	r = root_view(&r);
	err = arch_unmap_memory_region(&root_cell, &r);
	arch_flush_cell_tlbs(&root_cell);
	return err;
}

int root_remap_range(u64 phys, u64 size)
{
	struct bh_memory r = { .phys_start = phys, .size = size };

	if (!root_region_of(phys, size))
		return -EINVAL;
	r = root_view(&r);
	return arch_map_memory_region(&root_cell, &r);
}

/*
 * Writes the cell's RAM back to memory before its CPU starts with the MMU
 * and caches off: whatever a previous run left dirty in the caches must
 * not later overwrite what the new run wrote uncached.
 */
int flush_cell_memory(struct cell *cell)
{
	const struct bh_memory *mem;
	unsigned int i;
	int err;

	for_each_cell_region(cell, mem, i) {
		if (mem->flags & (BH_MEM_IO | BH_MEM_COMM_REGION))
			continue;
		err = arch_hv_map(pa_init(mem->phys_start), mem->size);
		if (err)
			return err;
		arch_dcache_flush(phys_to_hv(pa_init(mem->phys_start)),
				  mem->size);
		arch_hv_unmap(pa_init(mem->phys_start), mem->size);
	}
	return 0;
}

/*
 * Table pages that mapping size bytes may need, at most: a 4 KiB-granule
 * table with 2 MiB and 1 GiB blocks needs a last-level table at each
 * unaligned end, a 2 MiB-level table per 1 GiB touched and a 1 GiB-level
 * table per 512 GiB touched (Arm ARM D8.2, VMSAv8-64 translation).
 */
static u64 map_pages_bound(u64 size)
{
	return 2 + (size >> 30) + 2 + (size >> 39) + 2;
}

/*
 * Returning a cell's memory maps each region twice (scrubbing it through
 * the hypervisor's map, then into the root cell's stage 2). Checked before
 * a cell takes memory and before it is destroyed, so that the return
 * cannot run out of table pages half-way and leave memory nobody owns.
 */
int check_memory_returnable(struct cell *cell)
{
	const struct bh_memory *mem;
	u64 need = 0, free;
	unsigned int i;

	for_each_cell_region(cell, mem, i)
		if (!region_stays_in_root(mem))
			need += 2 * map_pages_bound(mem->size);
	spin_lock(&hv.lock);
	free = page_pool_total(&hv.pool) - page_pool_used(&hv.pool);
	spin_unlock(&hv.lock);
	if (free >= need)
		return 0;
	pr_err("cell %s: %llu free pages in the hypervisor, %llu needed to give its memory back\n",
	       cell->name, (unsigned long long)free, (unsigned long long)need);
	return -ENOMEM;
}

void return_memory_to_root(struct cell *cell, unsigned int count)
{
	const struct bh_memory *mem;
	unsigned int i;

	for_each_cell_region(cell, mem, i) {
		struct bh_memory v;

		if (i == count)
			break;
		if (region_stays_in_root(mem))
			continue;
		v = root_view(mem);
		if (scrub_region(mem) || arch_map_memory_region(&root_cell, &v))
			pr_err("cell %s: mem_regions[%u] not returned to the root cell\n",
			       cell->name, i);
	}
}

int take_memory_from_root(struct cell *cell)
{
	const struct bh_memory *mem;
	unsigned int i;
	int err = 0;

	for_each_cell_region(cell, mem, i) {
		struct bh_memory v;

		if (region_stays_in_root(mem))
			continue;
		v = root_view(mem);
		err = arch_unmap_memory_region(&root_cell, &v);
		if (err) {
			return_memory_to_root(cell, i);
			break;
		}
	}
	arch_flush_cell_tlbs(&root_cell);
	return err;
}

/*
 * Copies the config out of root cell memory, page by page, through the
 * root cell's own stage 2: the root cell can only hand over what it may
 * read itself, and cannot change the copy once it is checked.
 */
int copy_config_from_root(struct cell *cell, u64 ipa, u64 size)
{
	u64 done = 0;
	u8 *dst;
	int err;

	if (size < sizeof(struct bh_cell_desc) || size > MAX_CELL_CONFIG_SIZE)
		return -EINVAL;
	cell->config_npages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	spin_lock(&hv.lock);
	err = page_alloc(&hv.pool, cell->config_npages, 1, &cell->config_pages);
	spin_unlock(&hv.lock);
	if (err)
		return err;
	dst = phys_to_hv(cell->config_pages);
	while (done < size) {
		u64 off = (ipa + done) & (PAGE_SIZE - 1);
		u64 chunk = MIN(PAGE_SIZE - off, size - done);
		paddr_t pa;
		u64 flags;

		err = pt_lookup(&root_cell.arch.stage2, ipa + done, &pa, &flags,
				NULL);
		/*
		 * Only root RAM: never the console ring, a device, or a
		 * cell's memory the root may see for loading.
		 */
		if (err || !(flags & PT_READ) || (flags & PT_DEVICE) ||
		    !root_region_of(pa_addr(pa), 1) ||
		    (root_region_of(pa_addr(pa), 1)->flags & BH_MEM_IO) ||
		    cell_owning_phys(pa_addr(pa)))
			return -EFAULT;
		err = arch_hv_map(pa_init(pa_addr(pa) & PAGE_MASK), PAGE_SIZE);
		if (err)
			return err;
		memcpy(dst + done, phys_to_hv(pa), chunk);
		arch_hv_unmap(pa_init(pa_addr(pa) & PAGE_MASK), PAGE_SIZE);
		done += chunk;
	}
	cell->desc = (const struct bh_cell_desc *)dst;
	cell->arrays = cell->desc + 1;
	return 0;
}

struct bh_comm_region *map_comm_region(struct cell *cell)
{
	struct bh_comm_region *comm;
	const struct bh_memory *mem;
	unsigned int i;

	for_each_cell_region(cell, mem, i) {
		if (!(mem->flags & BH_MEM_COMM_REGION))
			continue;
		if (arch_hv_map(pa_init(mem->phys_start), BH_COMM_REGION_SIZE))
			return NULL;
		comm = phys_to_hv(pa_init(mem->phys_start));
		memset(comm, 0, BH_COMM_REGION_SIZE);
		arch_dcache_flush(comm, BH_COMM_REGION_SIZE);
		return comm;
	}
	return NULL;
}

/* Root cell access to the loadable regions, at their physical address. */
int set_loadable_mapping(struct cell *cell, bool map)
{
	const struct bh_memory *mem;
	unsigned int i;
	int err = 0;

	if (cell->loadable == map)
		return 0;
	for_each_cell_region(cell, mem, i) {
		struct bh_memory v = *mem;

		if (!(mem->flags & (BH_MEM_LOADABLE | BH_MEM_COMM_REGION)) ||
		    region_stays_in_root(mem))
			continue;
		v.virt_start = v.phys_start;
		v.flags = BH_MEM_READ | BH_MEM_WRITE;
		if (map)
			err = arch_map_memory_region(&root_cell, &v);
		else
			err = arch_unmap_memory_region(&root_cell, &v);
		if (err)
			break;
	}
	arch_flush_cell_tlbs(&root_cell);
	if (err) {
		pr_err("cell %s: loadable regions not %smapped in the root cell (%d)\n",
		       cell->name, map ? "" : "un", err);
		return err;
	}
	cell->loadable = map;
	return 0;
}
