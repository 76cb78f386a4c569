// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead/cells/<id>/: one directory per non-root cell.
 *   name    the cell's name
 *   state   created, running, shut down or failed (asked from the hypervisor)
 *   cpus    the cell's CPUs, as a CPU list
 *   stats   exits of the cell's CPUs by reason, one CPU per line
 * The show functions do not take bh.lock: destroy holds it while it
 * removes the directory, and waits for readers.
 */
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include <bulkhead/comm-region.h>
#include <bulkhead/hypercall.h>

#include "hvc.h"
#include "main.h"

#define to_cell(k) container_of(k, struct bh_cell, kobj)

static const char *state_name(long state)
{
	switch (state) {
	case 0:
		return "created";
	case BH_CELL_STATE_RUNNING:
		return "running";
	case BH_CELL_STATE_SHUT_DOWN:
		return "shut down";
	case BH_CELL_STATE_FAILED:
		return "failed";
	default:
		return "unknown";
	}
}

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_cell(kobj)->desc->name);
}

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	long state = bh_hypercall(BH_HC_CELL_GET_STATE, to_cell(kobj)->id, 0);

	return state < 0 ? state : sysfs_emit(buf, "%s\n", state_name(state));
}

static ssize_t cpus_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%*pbl\n",
			  cpumask_pr_args(&to_cell(kobj)->cpus));
}

static ssize_t stats_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return bh_sysfs_emit_stats(buf, &to_cell(kobj)->cpus);
}

static struct kobj_attribute cell_attr_name = __ATTR_RO(name);
static struct kobj_attribute cell_attr_state = __ATTR_RO(state);
static struct kobj_attribute cell_attr_cpus = __ATTR_RO(cpus);
static struct kobj_attribute cell_attr_stats = __ATTR_RO(stats);

static struct attribute *cell_attrs[] = {
	&cell_attr_name.attr,
	&cell_attr_state.attr,
	&cell_attr_cpus.attr,
	&cell_attr_stats.attr,
	NULL,
};
ATTRIBUTE_GROUPS(cell);

/* Frees the cell once sysfs is done with it; not if adding it failed. */
static void cell_release(struct kobject *kobj)
{
	struct bh_cell *cell = to_cell(kobj);

	if (!cell->kobj_added)
		return;
	kfree(cell->desc);
	kfree(cell);
}

static struct kobj_type cell_ktype = {
	.release = cell_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = cell_groups,
};

int bh_cell_sysfs_add(struct bh_cell *cell)
{
	int err;

	err = kobject_init_and_add(&cell->kobj, &cell_ktype, bh.cells_dir, "%u",
				   cell->id);
	if (err) {
		/* The caller still owns the cell and frees it. */
		kobject_put(&cell->kobj);
		return err;
	}
	cell->kobj_added = true;
	return 0;
}

/* Frees the cell: by the kobject's release once the last reader left. */
void bh_cell_sysfs_del(struct bh_cell *cell)
{
	if (cell->kobj_added) {
		kobject_del(&cell->kobj);
		kobject_put(&cell->kobj);
	} else {
		kfree(cell->desc);
		kfree(cell);
	}
}
