// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead driver: /dev/bulkhead and /sys/devices/bulkhead, the user-space
 * face of the hypervisor in the root cell.
 */
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <bulkhead/header.h>
#include <bulkhead/ioctl.h>
#include <bulkhead/version.h>

#include "main.h"

static DEFINE_MUTEX(bh_lock);
static bool bh_enabled;
struct device *bh_root_dev;

static int bh_load_image(const struct firmware **fw)
{
	const struct bh_hv_header *hdr;
	int err;

	err = request_firmware(fw, BULKHEAD_FIRMWARE, bh_root_dev);
	if (err) {
		pr_err("bulkhead: cannot load /lib/firmware/%s (%d)\n",
		       BULKHEAD_FIRMWARE, err);
		return err;
	}
	hdr = (const struct bh_hv_header *)(*fw)->data;
	if ((*fw)->size < sizeof(*hdr) ||
	    memcmp(hdr->signature, BH_HV_SIGNATURE, sizeof(hdr->signature))) {
		pr_err("bulkhead: %s is not a Bulkhead hypervisor image\n",
		       BULKHEAD_FIRMWARE);
		err = -EINVAL;
	} else if (hdr->revision != BH_HV_HEADER_REVISION) {
		pr_err("bulkhead: %s has header revision %u, driver expects %u\n",
		       BULKHEAD_FIRMWARE, hdr->revision, BH_HV_HEADER_REVISION);
		err = -EINVAL;
	}
	if (err) {
		release_firmware(*fw);
		return err;
	}
	pr_info("bulkhead: hypervisor image %s found: %zu bytes, core %u bytes\n",
		BULKHEAD_FIRMWARE, (*fw)->size, hdr->core_size);
	return 0;
}

static int bh_cmd_enable(struct bulkhead_config_arg __user *uarg)
{
	const struct firmware *fw;
	int err;

	if (bh_enabled)
		return -EBUSY;
	err = bh_load_image(&fw);
	if (err)
		return err;
	/* Bring-up of the hypervisor lands with the bring-up issue. */
	pr_err("bulkhead: enable: hypervisor bring-up not implemented yet\n");
	release_firmware(fw);
	return -ENOSYS;
}

static long bh_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	mutex_lock(&bh_lock);
	switch (cmd) {
	case BULKHEAD_IOCTL_ENABLE:
		err = bh_cmd_enable((void __user *)arg);
		break;
	case BULKHEAD_IOCTL_DISABLE:
		err = bh_enabled ? -ENOSYS : -EINVAL;
		break;
	default:
		err = -ENOTTY;
	}
	mutex_unlock(&bh_lock);
	return err;
}

static const struct file_operations bh_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = bh_ioctl,
	.compat_ioctl = bh_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice bh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bh_fops,
};

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", bh_enabled);
}
static DEVICE_ATTR_RO(enabled);

static ssize_t version_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", BULKHEAD_VERSION);
}
static DEVICE_ATTR_RO(version);

static struct attribute *bh_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_version.attr,
	NULL,
};

static const struct attribute_group bh_attr_group = {
	.attrs = bh_attrs,
};

static int __init bh_init(void)
{
	int err;

	bh_root_dev = root_device_register("bulkhead");
	if (IS_ERR(bh_root_dev))
		return PTR_ERR(bh_root_dev);
	err = sysfs_create_group(&bh_root_dev->kobj, &bh_attr_group);
	if (err)
		goto err_unreg_root;
	err = misc_register(&bh_misc);
	if (err)
		goto err_remove_group;
	pr_info("bulkhead: driver %s loaded\n", BULKHEAD_VERSION);
	return 0;

err_remove_group:
	sysfs_remove_group(&bh_root_dev->kobj, &bh_attr_group);
err_unreg_root:
	root_device_unregister(bh_root_dev);
	return err;
}

static void __exit bh_exit(void)
{
	misc_deregister(&bh_misc);
	sysfs_remove_group(&bh_root_dev->kobj, &bh_attr_group);
	root_device_unregister(bh_root_dev);
}

module_init(bh_init);
module_exit(bh_exit);

MODULE_DESCRIPTION("Bulkhead static partitioning hypervisor");
MODULE_LICENSE("GPL");
MODULE_VERSION(BULKHEAD_VERSION);
MODULE_FIRMWARE(BULKHEAD_FIRMWARE);
