// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead: state of the hypervisor for user space.
 *   enabled         1 while the hypervisor runs
 *   version         driver version
 *   console         the hypervisor's log ring (binary read)
 *   mem_pool_total  pages in the hypervisor's page pool
 *   mem_pool_used   pages of it in use
 *   stats           per-CPU exit counts by reason, one CPU per line
 *   cells/          one directory per non-root cell (cell-sysfs.c)
 */
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include <bulkhead/console.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/version.h>

#include "hvc.h"
#include "main.h"

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", bh.enabled);
}
static DEVICE_ATTR_RO(enabled);

static ssize_t version_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", BULKHEAD_VERSION);
}
static DEVICE_ATTR_RO(version);

static ssize_t pool_info(char *buf, unsigned long type)
{
	long val;

	mutex_lock(&bh.lock);
	val = bh.enabled ? bh_hypercall(BH_HC_HYPERVISOR_GET_INFO, type, 0)
			 : -ENODEV;
	mutex_unlock(&bh.lock);
	return val < 0 ? val : sysfs_emit(buf, "%ld\n", val);
}

static ssize_t mem_pool_total_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return pool_info(buf, BH_INFO_MEM_POOL_SIZE);
}
static DEVICE_ATTR_RO(mem_pool_total);

static ssize_t mem_pool_used_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return pool_info(buf, BH_INFO_MEM_POOL_USED);
}
static DEVICE_ATTR_RO(mem_pool_used);

/* Exit statistics of `cpus`, a header line and one line per CPU. */
ssize_t bh_sysfs_emit_stats(char *buf, const cpumask_t *cpus)
{
	static const char *const names[] = BH_STAT_NAMES;
	unsigned int cpu, i;
	ssize_t len;
	long val;

	len = sysfs_emit(buf, "cpu");
	for (i = 0; i < BH_NUM_CPU_STATS; i++)
		len += sysfs_emit_at(buf, len, " %s", names[i]);
	len += sysfs_emit_at(buf, len, "\n");
	for_each_cpu(cpu, cpus) {
		len += sysfs_emit_at(buf, len, "%u", cpu);
		for (i = 0; i < BH_NUM_CPU_STATS; i++) {
			val = bh_hypercall(BH_HC_CPU_GET_INFO, cpu,
					   BH_CPU_INFO_STAT_BASE + i);
			len += sysfs_emit_at(buf, len, " %ld", val);
		}
		len += sysfs_emit_at(buf, len, "\n");
	}
	return len;
}

static ssize_t stats_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	ssize_t len;

	mutex_lock(&bh.lock);
	len = bh.enabled ? bh_sysfs_emit_stats(buf, &bh.cpus) : -ENODEV;
	mutex_unlock(&bh.lock);
	return len;
}
static DEVICE_ATTR_RO(stats);

/*
 * kernfs hands a reader the file a page per call. The pages of one read
 * come from one snapshot, taken at offset 0 (or when another open file
 * reads), so that they fit together while the hypervisor goes on logging.
 * Under bh.lock.
 */
static struct {
	const struct file *filp;
	char *buf;
	u32 size;
	u64 len;
} con_snap;

/*
 * The ring is written by the hypervisor while we copy: take `written`
 * before and after, and keep only bytes that were not overwritten.
 */
static int console_snapshot(const struct bh_console_ring *ring)
{
	u64 before, after, first, valid, i;

	if (con_snap.size != ring->size) {
		kfree(con_snap.buf);
		con_snap.size = 0;
		con_snap.len = 0;
		con_snap.buf = kmalloc(ring->size, GFP_KERNEL);
		if (!con_snap.buf)
			return -ENOMEM;
		con_snap.size = ring->size;
	}
	before = READ_ONCE(ring->written);
	smp_rmb();
	first = before > ring->size ? before - ring->size : 0;
	for (i = first; i < before; i++)
		con_snap.buf[i - first] = ring->buf[i % ring->size];
	smp_rmb();
	after = READ_ONCE(ring->written);
	/* Bytes older than after - size were overwritten while we copied. */
	valid = after > ring->size ? max(first, after - ring->size) : first;
	valid = min(valid, before);
	memmove(con_snap.buf, con_snap.buf + (valid - first), before - valid);
	con_snap.len = before - valid;
	return 0;
}

static ssize_t console_read(struct file *filp, struct kobject *kobj,
			    struct bin_attribute *attr, char *buf, loff_t off,
			    size_t count)
{
	ssize_t ret = 0;

	mutex_lock(&bh.lock);
	if (!bh.console) {
		ret = -ENODEV;
	} else if (off == 0 || con_snap.filp != filp) {
		con_snap.filp = NULL;
		ret = console_snapshot(bh.console);
		if (!ret)
			con_snap.filp = filp;
	}
	if (!ret && off < con_snap.len) {
		ret = min_t(u64, count, con_snap.len - off);
		memcpy(buf, con_snap.buf + off, ret);
	}
	mutex_unlock(&bh.lock);
	return ret;
}

static struct bin_attribute bin_attr_console = {
	.attr = { .name = "console", .mode = 0400 },
	.size = 0,
	.read = console_read,
};

static struct attribute *bh_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_version.attr,
	&dev_attr_mem_pool_total.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_stats.attr,
	NULL,
};

static struct bin_attribute *bh_bin_attrs[] = {
	&bin_attr_console,
	NULL,
};

static const struct attribute_group bh_attr_group = {
	.attrs = bh_attrs,
	.bin_attrs = bh_bin_attrs,
};

int bh_sysfs_init(void)
{
	int err;

	bh.cells_dir = kobject_create_and_add("cells", &bh_root_dev->kobj);
	if (!bh.cells_dir)
		return -ENOMEM;
	err = sysfs_create_group(&bh_root_dev->kobj, &bh_attr_group);
	if (err)
		kobject_put(bh.cells_dir);
	return err;
}

void bh_sysfs_exit(void)
{
	sysfs_remove_group(&bh_root_dev->kobj, &bh_attr_group);
	kobject_put(bh.cells_dir);
	kfree(con_snap.buf);
	con_snap.buf = NULL;
}
