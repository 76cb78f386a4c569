// SPDX-License-Identifier: GPL-2.0
/*
 * Non-root cells, from the root cell's side: validate a cell config, take
 * its CPUs offline in Linux and hand them to the hypervisor, load images
 * into its loadable memory, start it, shut it down, destroy it and bring
 * the CPUs back online.
 */
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <bulkhead/comm-region.h>
#include <bhlib/config-check.h>

#include "hvc.h"
#include "main.h"

#define SHUTDOWN_TIMEOUT_MS 2000

static void report_config(void *arg, int severity, const char *msg)
{
	bh_report(severity == BH_CHECK_ERROR, "cell config: %s", msg);
}

struct bh_cell *bh_cell_find(unsigned int id)
{
	struct bh_cell *cell;

	list_for_each_entry(cell, &bh.cells,
			    list) if (cell->id == id) return cell;
	return NULL;
}

static int check_config(struct bh_cell_desc *desc, u64 size)
{
	const struct bh_cell_desc *others[BH_MAX_CELLS];
	struct bh_check_ctx check = {
		.report = report_config,
	};
	struct bh_cell *cell;
	unsigned int n = 0;
	int err;

	err = bh_check_cell(&check, desc, size, nr_cpu_ids);
	if (err)
		return err;
	list_for_each_entry(cell, &bh.cells, list) if (n < BH_MAX_CELLS)
		others[n++] = cell->desc;
	return bh_check_cell_in_system(&check, bh.config, desc, others, n);
}

static void cpus_online(const cpumask_t *cpus)
{
	unsigned int cpu;
	int err;

	for_each_cpu(cpu, cpus)
	{
		err = add_cpu(cpu);
		if (err)
			bh_err("CPU %u did not come back online (%d)", cpu,
			       err);
	}
}

/* Linux gives the CPUs up through PSCI CPU_OFF: they park in the hypervisor. */
static int cpus_offline(const cpumask_t *cpus)
{
	cpumask_t done;
	unsigned int cpu;
	int err;

	cpumask_clear(&done);
	for_each_cpu(cpu, cpus)
	{
		if (!cpu_online(cpu)) {
			bh_err("cell config: CPU %u is offline in Linux; the cell's CPUs must be online root cell CPUs",
			       cpu);
			err = -EBUSY;
			goto err_online;
		}
		err = remove_cpu(cpu);
		if (err) {
			bh_err("cannot take CPU %u offline (%d)", cpu, err);
			goto err_online;
		}
		cpumask_set_cpu(cpu, &done);
	}
	return 0;

err_online:
	cpus_online(&done);
	return err;
}

int bh_cell_create(struct bulkhead_config_arg __user *uarg)
{
	struct bulkhead_config_arg arg;
	struct bh_cell *cell;
	unsigned int cpu;
	long id;
	int err;

	if (!bh.enabled) {
		bh_err("the hypervisor is not enabled (bulkhead enable SYSTEM.cell)");
		return -ENODEV;
	}
	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.size < sizeof(struct bh_cell_desc) ||
	    arg.size > BULKHEAD_MAX_CELL_CONFIG_SIZE) {
		bh_err("cell config: file is %llu bytes, must be %zu to %u",
		       arg.size, sizeof(struct bh_cell_desc),
		       BULKHEAD_MAX_CELL_CONFIG_SIZE);
		return -EINVAL;
	}
	cell = kzalloc(sizeof(*cell), GFP_KERNEL);
	if (!cell)
		return -ENOMEM;
	/* kmalloc: physically contiguous, so the hypervisor can copy it. */
	cell->desc = kmalloc(arg.size, GFP_KERNEL);
	if (!cell->desc) {
		err = -ENOMEM;
		goto err_free;
	}
	if (copy_from_user(cell->desc, u64_to_user_ptr(arg.address),
			   arg.size)) {
		err = -EFAULT;
		goto err_free;
	}
	cell->size = arg.size;
	err = check_config(cell->desc, arg.size);
	if (!err)
		err = bh_check_root_use(cell->desc);
	if (err)
		goto err_free;
	for (cpu = 0; cpu < cell->desc->cpu_set_size * 8; cpu++)
		if (bh_cell_cpu_is_set(cell->desc, bh_cell_arrays(cell->desc),
				       cpu))
			cpumask_set_cpu(cpu, &cell->cpus);

	err = cpus_offline(&cell->cpus);
	if (err)
		goto err_free;
	id = bh_hypercall(BH_HC_CELL_CREATE, virt_to_phys(cell->desc),
			  arg.size);
	if (id < 0) {
		bh_err("hypervisor refused cell '%s' (%ld): see 'bulkhead console'",
		       cell->desc->name, id);
		err = id;
		goto err_online;
	}
	cell->id = id;
	err = bh_cell_sysfs_add(cell);
	if (err) {
		/* Without its sysfs entry nobody could name it: undo. */
		bh_err("cell '%s': no sysfs entry (%d), destroying it",
		       cell->desc->name, err);
		if (bh_hypercall(BH_HC_CELL_DESTROY, cell->id, 0) == 0)
			goto err_online;
		return err; /* cannot happen: the cell is not running */
	}
	list_add_tail(&cell->list, &bh.cells);
	pr_info("bulkhead: cell '%s' created (id %u)\n", cell->desc->name,
		cell->id);
	return cell->id;

err_online:
	cpus_online(&cell->cpus);
err_free:
	kfree(cell->desc);
	kfree(cell);
	return err;
}

/* The physical address of [ipa, ipa + size) in a region root may load. */
static int loadable_phys(struct bh_cell *cell, u64 *ipa, u64 size,
			 phys_addr_t *phys)
{
	const struct bh_memory *mem =
		bh_cell_mem_regions(cell->desc, bh_cell_arrays(cell->desc));
	unsigned int i;

	for (i = 0; i < cell->desc->num_memory_regions; i++, mem++) {
		if (!(mem->flags & (BH_MEM_LOADABLE | BH_MEM_COMM_REGION)))
			continue;
		if (*ipa == BULKHEAD_LOAD_DEFAULT_ADDRESS) {
			if (!(mem->flags & BH_MEM_LOADABLE))
				continue;
			*ipa = mem->virt_start;
		}
		if (*ipa >= mem->virt_start && size <= mem->size &&
		    *ipa - mem->virt_start <= mem->size - size) {
			*phys = mem->phys_start + (*ipa - mem->virt_start);
			return 0;
		}
	}
	return -EINVAL;
}

/* Why a segment does not fit: where it went, and where it could go. */
static void report_no_fit(struct bh_cell *cell,
			  const struct bulkhead_load_segment *seg, u64 ipa)
{
	const struct bh_memory *mem =
		bh_cell_mem_regions(cell->desc, bh_cell_arrays(cell->desc));
	unsigned int i, n = 0;

	if (ipa == BULKHEAD_LOAD_DEFAULT_ADDRESS) {
		bh_err("cell '%s' has no loadable memory region (flag BH_MEM_LOADABLE) to load %llu bytes into",
		       cell->desc->name, seg->size);
		return;
	}
	bh_err("cell '%s': %llu bytes at 0x%llx%s do not fit in a loadable region",
	       cell->desc->name, seg->size, ipa,
	       seg->address == BULKHEAD_LOAD_DEFAULT_ADDRESS ?
		       " (the default: the first loadable region)" :
		       "");
	for (i = 0; i < cell->desc->num_memory_regions; i++, mem++) {
		if (!(mem->flags & BH_MEM_LOADABLE))
			continue;
		bh_err("cell '%s': loadable: mem_regions[%u] 0x%llx-0x%llx (%llu bytes)",
		       cell->desc->name, i, mem->virt_start,
		       mem->virt_start + mem->size - 1, mem->size);
		n++;
	}
	if (!n)
		bh_err("cell '%s' has no loadable memory region (flag BH_MEM_LOADABLE)",
		       cell->desc->name);
}

static int load_segment(struct bh_cell *cell,
			const struct bulkhead_load_segment *seg)
{
	u64 ipa = seg->address;
	phys_addr_t phys;
	void *mem;
	int err;

	if (loadable_phys(cell, &ipa, seg->size, &phys)) {
		report_no_fit(cell, seg, ipa);
		return -EINVAL;
	}
	mem = memremap(phys, seg->size, MEMREMAP_WB);
	if (!mem) {
		bh_err("cell '%s': cannot map %llu bytes at physical 0x%llx to load them",
		       cell->desc->name, seg->size, (u64)phys);
		return -ENOMEM;
	}
	err = copy_from_user(mem, u64_to_user_ptr(seg->data), seg->size) ?
		      -EFAULT :
		      0;
	/* The cell starts with its MMU off: its fetches bypass the caches. */
	bh_clean_to_poc(mem, seg->size);
	memunmap(mem);
	if (!err)
		pr_info("bulkhead: cell '%s': loaded %llu bytes at 0x%llx\n",
			cell->desc->name, seg->size, ipa);
	return err;
}

int bh_cell_load(struct bulkhead_cell_load __user *uarg)
{
	struct bulkhead_load_segment *segs;
	struct bulkhead_cell_load arg;
	struct bh_cell *cell;
	unsigned int i;
	long err;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	cell = bh_cell_find(arg.id);
	if (!cell) {
		bh_err("no cell with id %u", arg.id);
		return -ENOENT;
	}
	if (!arg.num_segments ||
	    arg.num_segments > BULKHEAD_MAX_LOAD_SEGMENTS) {
		bh_err("cell '%s': %u images and strings at once, must be 1 to %u",
		       cell->desc->name, arg.num_segments,
		       BULKHEAD_MAX_LOAD_SEGMENTS);
		return -EINVAL;
	}
	segs = memdup_user(u64_to_user_ptr(arg.segments),
			   arg.num_segments * sizeof(*segs));
	if (IS_ERR(segs))
		return PTR_ERR(segs);
	err = bh_hypercall(BH_HC_CELL_SET_LOADABLE, cell->id, 0);
	for (i = 0; !err && i < arg.num_segments; i++)
		err = load_segment(cell, &segs[i]);
	kfree(segs);
	/* Half loaded is not loaded: start waits for a load that worked. */
	cell->loaded = !err;
	return err;
}

static void report_boot(void *arg, int severity, const char *msg)
{
	bh_report(severity == BH_CHECK_ERROR, "cell '%s': %s",
		  (const char *)arg, msg);
}

/*
 * The boot CPU's entry and device tree for the next start and the cell's
 * own restarts. Checked here to name the field; the hypervisor checks
 * again and keeps it until the cell is shut down.
 */
int bh_cell_set_boot(struct bulkhead_cell_boot __user *uarg)
{
	struct bulkhead_cell_boot arg;
	struct bh_check_ctx check = {
		.report = report_boot,
	};
	struct bh_cell *cell;
	long err;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	cell = bh_cell_find(arg.id);
	if (!cell) {
		bh_err("no cell with id %u", arg.id);
		return -ENOENT;
	}
	check.arg = cell->desc->name;
	if (bh_check_cell_boot(&check, cell->desc, arg.flags, arg.entry,
			       arg.dtb))
		return -EINVAL;
	err = bh_hypercall3(BH_HC_CELL_SET_BOOT, cell->id, arg.entry, arg.dtb);
	if (err == -EBUSY)
		bh_err("cell '%s' is running: shut it down before setting its boot (bulkhead cell shutdown %s)",
		       cell->desc->name, cell->desc->name);
	else if (err)
		bh_err("cell '%s': the hypervisor refused the boot (%ld): see 'bulkhead console'",
		       cell->desc->name, err);
	else
		pr_info("bulkhead: cell '%s': boot at 0x%llx, device tree at 0x%llx\n",
			cell->desc->name, arg.entry, arg.dtb);
	return err;
}

/* The cell a struct bulkhead_cell_id from user space names. */
static struct bh_cell *user_cell(struct bulkhead_cell_id __user *uarg,
				 struct bulkhead_cell_id *arg)
{
	struct bh_cell *cell;

	if (copy_from_user(arg, uarg, sizeof(*arg)))
		return ERR_PTR(-EFAULT);
	cell = bh_cell_find(arg->id);
	if (!cell) {
		bh_err("no cell with id %u", arg->id);
		return ERR_PTR(-ENOENT);
	}
	return cell;
}

int bh_cell_start(struct bulkhead_cell_id __user *uarg)
{
	struct bulkhead_cell_id arg;
	struct bh_cell *cell = user_cell(uarg, &arg);
	long err;

	if (IS_ERR(cell))
		return PTR_ERR(cell);
	/* Its CPUs would run whatever its RAM held: scrubbed zeros. */
	if (!cell->loaded) {
		bh_err("cell '%s': nothing loaded: load an image first (bulkhead cell load %s IMAGE)",
		       cell->desc->name, cell->desc->name);
		return -ENOEXEC;
	}
	err = bh_hypercall(BH_HC_CELL_START, cell->id, 0);
	if (err)
		bh_err("cell '%s': start failed (%ld)", cell->desc->name, err);
	return err;
}

/*
 * Asks the hypervisor until the cell answered: an inmate that takes
 * messages gets a shutdown request it may refuse, unless forced.
 */
int bh_cell_shutdown(struct bulkhead_cell_id __user *uarg)
{
	unsigned long deadline =
		jiffies + msecs_to_jiffies(SHUTDOWN_TIMEOUT_MS);
	struct bulkhead_cell_id arg;
	struct bh_cell *cell = user_cell(uarg, &arg);
	long err;

	if (IS_ERR(cell))
		return PTR_ERR(cell);
	for (;;) {
		err = bh_hypercall(BH_HC_CELL_SHUTDOWN, cell->id,
				   arg.flags & BULKHEAD_SHUTDOWN_FORCE);
		if (err != -EAGAIN)
			break;
		if (time_after(jiffies, deadline)) {
			bh_err("cell '%s' did not answer the shutdown request within %u ms; use --force",
			       cell->desc->name, SHUTDOWN_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		msleep(10);
	}
	if (err == -EPERM)
		bh_err("cell '%s' refused to shut down; use --force",
		       cell->desc->name);
	return err;
}

static int destroy(struct bh_cell *cell)
{
	long err = bh_hypercall(BH_HC_CELL_DESTROY, cell->id, 0);

	if (err) {
		bh_err("cell '%s': destroy failed (%ld)", cell->desc->name,
		       err);
		return err;
	}
	cpus_online(&cell->cpus);
	list_del(&cell->list);
	pr_info("bulkhead: cell '%s' destroyed\n", cell->desc->name);
	bh_cell_sysfs_del(cell);
	return 0;
}

int bh_cell_destroy(struct bulkhead_cell_id __user *uarg)
{
	struct bulkhead_cell_id arg;
	struct bh_cell *cell = user_cell(uarg, &arg);

	return IS_ERR(cell) ? PTR_ERR(cell) : destroy(cell);
}
