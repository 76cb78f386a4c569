/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * ioctl interface of /dev/bulkhead, used by the bulkhead tool.
 */
#ifndef _BULKHEAD_IOCTL_H
#define _BULKHEAD_IOCTL_H

#include "types.h"
#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define BULKHEAD_DEVICE		"/dev/bulkhead"
#define BULKHEAD_SYSFS		"/sys/devices/bulkhead"
#define BULKHEAD_FIRMWARE	"bulkhead.bin"

/* Largest config file the driver accepts. */
#define BULKHEAD_MAX_CONFIG_SIZE	(1U << 20)

/* A config file in user memory. */
struct bulkhead_config_arg {
	uint64_t address;
	uint64_t size;
};

#define BULKHEAD_IOCTL_ENABLE	_IOW(0xbb, 0, struct bulkhead_config_arg)
#define BULKHEAD_IOCTL_DISABLE	_IO(0xbb, 1)

#endif /* _BULKHEAD_IOCTL_H */
