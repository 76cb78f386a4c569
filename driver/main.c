// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead driver: /dev/bulkhead, the user-space face of the hypervisor in
 * the root cell. See enable.c for bring-up and sysfs.c for state.
 */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>

#include <bulkhead/ioctl.h>
#include <bulkhead/version.h>

#include "main.h"

struct bh_driver bh = {
	.lock = __MUTEX_INITIALIZER(bh.lock),
	.cells = LIST_HEAD_INIT(bh.cells),
};
struct device *bh_root_dev;

static long bh_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	mutex_lock(&bh.lock);
	if (cmd == BULKHEAD_IOCTL_MESSAGES) {
		err = bh_messages_copy(file->private_data, (void __user *)arg);
		mutex_unlock(&bh.lock);
		return err;
	}
	bh_messages_begin(file->private_data);
	switch (cmd) {
	case BULKHEAD_IOCTL_ENABLE:
		err = bh_enable((void __user *)arg);
		break;
	case BULKHEAD_IOCTL_DISABLE:
		err = bh_disable();
		break;
	case BULKHEAD_IOCTL_CELL_CREATE:
		err = bh_cell_create((void __user *)arg);
		break;
	case BULKHEAD_IOCTL_CELL_LOAD:
		err = bh.enabled ? bh_cell_load((void __user *)arg) : -ENODEV;
		break;
	case BULKHEAD_IOCTL_CELL_SET_BOOT:
		err = bh.enabled ? bh_cell_set_boot((void __user *)arg) :
				   -ENODEV;
		break;
	case BULKHEAD_IOCTL_CELL_START:
		err = bh.enabled ? bh_cell_start((void __user *)arg) : -ENODEV;
		break;
	case BULKHEAD_IOCTL_CELL_SHUTDOWN:
		err = bh.enabled ? bh_cell_shutdown((void __user *)arg) :
				   -ENODEV;
		break;
	case BULKHEAD_IOCTL_CELL_DESTROY:
		err = bh.enabled ? bh_cell_destroy((void __user *)arg) :
				   -ENODEV;
		break;
	default:
		err = -ENOTTY;
	}
	bh_messages_end();
	mutex_unlock(&bh.lock);
	return err;
}

/* Each open file keeps the messages of its last ioctl (messages.c). */
static int bh_open(struct inode *inode, struct file *file)
{
	file->private_data = bh_messages_alloc();
	return file->private_data ? 0 : -ENOMEM;
}

static int bh_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations bh_fops = {
	.owner = THIS_MODULE,
	.open = bh_open,
	.release = bh_release,
	.unlocked_ioctl = bh_ioctl,
	.compat_ioctl = bh_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice bh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bh_fops,
};

static int __init bh_init(void)
{
	int err;

	bh_root_dev = root_device_register("bulkhead");
	if (IS_ERR(bh_root_dev))
		return PTR_ERR(bh_root_dev);
	err = bh_sysfs_init();
	if (err)
		goto err_unreg_root;
	err = bh_ivshmem_init();
	if (err)
		goto err_sysfs;
	err = misc_register(&bh_misc);
	if (err)
		goto err_ivshmem;
	pr_info("bulkhead: driver %s loaded\n", BULKHEAD_VERSION);
	return 0;

err_ivshmem:
	bh_ivshmem_exit();
err_sysfs:
	bh_sysfs_exit();
err_unreg_root:
	root_device_unregister(bh_root_dev);
	return err;
}

/* The module cannot go while the hypervisor runs: enable holds a reference. */
static void __exit bh_exit(void)
{
	misc_deregister(&bh_misc);
	bh_ivshmem_exit();
	bh_sysfs_exit();
	root_device_unregister(bh_root_dev);
}

module_init(bh_init);
module_exit(bh_exit);

MODULE_DESCRIPTION("Bulkhead static partitioning hypervisor");
MODULE_LICENSE("GPL");
MODULE_VERSION(BULKHEAD_VERSION);
MODULE_FIRMWARE(BULKHEAD_FIRMWARE);
