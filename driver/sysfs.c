// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/bulkhead: state of the hypervisor for user space.
 *   enabled         1 while the hypervisor runs
 *   version         driver version
 *   console         the hypervisor's log ring (binary read)
 *   console_own     its ring of its own messages only (binary read)
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
	val = bh.enabled ? bh_hypercall(BH_HC_HYPERVISOR_GET_INFO, type, 0) :
			   -ENODEV;
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
	for_each_cpu(cpu, cpus)
	{
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
struct con_snapshot {
	const struct file *filp;
	char *buf;
	u32 size;
	u64 len;
};

/* One snapshot per ring: the log ring, and the hypervisor's own ring. */
static struct con_snapshot con_snap, own_snap;

/*
 * The ring is written by the hypervisor while we copy: take `written`
 * before and after, and keep only bytes that were not overwritten.
 */
static int console_snapshot(struct con_snapshot *snap,
			    const struct bh_console_ring *ring, u32 max_size)
{
	u64 before, after, first, valid, i;
	u32 size = READ_ONCE(ring->size);

	/* A size that does not fit its place is a broken hypervisor. */
	if (!size || size > max_size)
		return -EIO;
	if (snap->size != size) {
		kfree(snap->buf);
		snap->size = 0;
		snap->len = 0;
		snap->buf = kmalloc(size, GFP_KERNEL);
		if (!snap->buf)
			return -ENOMEM;
		snap->size = size;
	}
	before = READ_ONCE(ring->written);
	smp_rmb();
	first = before > size ? before - size : 0;
	for (i = first; i < before; i++)
		snap->buf[i - first] = ring->buf[i % size];
	smp_rmb();
	after = READ_ONCE(ring->written);
	/* Bytes older than after - size were overwritten while we copied. */
	valid = after > size ? max(first, after - size) : first;
	valid = min(valid, before);
	memmove(snap->buf, snap->buf + (valid - first), before - valid);
	snap->len = before - valid;
	return 0;
}

static ssize_t ring_read(struct con_snapshot *snap, size_t ring_off,
			 struct file *filp, char *buf, loff_t off, size_t count)
{
	size_t end = ring_off ? BH_CONSOLE_AREA_SIZE : BH_CONSOLE_OWN_OFFSET;
	ssize_t ret = 0;

	mutex_lock(&bh.lock);
	if (!bh.console) {
		ret = -ENODEV;
	} else if (off == 0 || snap->filp != filp) {
		snap->filp = NULL;
		ret = console_snapshot(snap,
				       (const void *)bh.console + ring_off,
				       end - ring_off -
					       sizeof(struct bh_console_ring));
		if (!ret)
			snap->filp = filp;
	}
	if (!ret && off < snap->len) {
		ret = min_t(u64, count, snap->len - off);
		memcpy(buf, snap->buf + off, ret);
	}
	mutex_unlock(&bh.lock);
	return ret;
}

static ssize_t console_read(struct file *filp, struct kobject *kobj,
			    struct bin_attribute *attr, char *buf, loff_t off,
			    size_t count)
{
	return ring_read(&con_snap, 0, filp, buf, off, count);
}

static ssize_t console_own_read(struct file *filp, struct kobject *kobj,
				struct bin_attribute *attr, char *buf,
				loff_t off, size_t count)
{
	return ring_read(&own_snap, BH_CONSOLE_OWN_OFFSET, filp, buf, off,
			 count);
}

static struct bin_attribute bin_attr_console = {
	.attr = { .name = "console", .mode = 0400 },
	.size = 0,
	.read = console_read,
};

static struct bin_attribute bin_attr_console_own = {
	.attr = { .name = "console_own", .mode = 0400 },
	.size = 0,
	.read = console_own_read,
};

static struct attribute *bh_attrs[] = {
	&dev_attr_enabled.attr,	       &dev_attr_version.attr,
	&dev_attr_mem_pool_total.attr, &dev_attr_mem_pool_used.attr,
	&dev_attr_stats.attr,	       NULL,
};

static struct bin_attribute *bh_bin_attrs[] = {
	&bin_attr_console,
	&bin_attr_console_own,
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
	kfree(own_snap.buf);
	own_snap.buf = NULL;
}
