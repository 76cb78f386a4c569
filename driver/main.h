/* SPDX-License-Identifier: GPL-2.0 */
/* State shared by the files of the driver. */
#ifndef _BULKHEAD_DRIVER_MAIN_H
#define _BULKHEAD_DRIVER_MAIN_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <bulkhead/cell-config.h>
#include <bulkhead/ioctl.h>

struct bh_driver {
	struct mutex lock;		/* everything below */
	bool enabled;
	struct bh_system *config;	/* copy of the enabled system config */
	unsigned int max_cpus;
	const struct bh_console_ring *console;	/* mapped while enabled */
	cpumask_t cpus;			/* CPUs under the hypervisor */
};

extern struct bh_driver bh;
extern struct device *bh_root_dev;

int bh_enable(struct bulkhead_config_arg __user *uarg);
int bh_disable(void);

int bh_sysfs_init(void);
void bh_sysfs_exit(void);

#endif
