/* SPDX-License-Identifier: GPL-2.0 */
/* State shared by the files of the driver. */
#ifndef _BULKHEAD_DRIVER_MAIN_H
#define _BULKHEAD_DRIVER_MAIN_H

#include <linux/device.h>

extern struct device *bh_root_dev;

#endif
