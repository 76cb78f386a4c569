/* SPDX-License-Identifier: GPL-2.0 */
/* Cell configs held against a device tree (config-dtb.c). */
#ifndef _BULKHEAD_TOOLS_CONFIG_DTB_H
#define _BULKHEAD_TOOLS_CONFIG_DTB_H

#include <bulkhead/cell-config.h>

#include "fdt-scan.h"

/* Receives each finding, a message naming the field and the node. */
typedef void dtb_report_fn(void *arg, const char *msg);

/* Reports each finding through fn; returns how many. */
unsigned int check_cell_against_dtb(const struct fdt_platform *p,
				    const struct bh_cell_desc *desc,
				    dtb_report_fn *fn, void *arg);

#endif
