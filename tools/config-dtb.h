/* SPDX-License-Identifier: GPL-2.0 */
/* Cell configs held against a device tree (config-dtb.c). */
#ifndef _BULKHEAD_TOOLS_CONFIG_DTB_H
#define _BULKHEAD_TOOLS_CONFIG_DTB_H

#include <bulkhead/cell-config.h>

#include "fdt-scan.h"

/* Prints "error: FILE: ..." for each finding; returns how many. */
unsigned int check_cell_against_dtb(const struct fdt_platform *p,
				    const char *file,
				    const struct bh_cell_desc *desc);

#endif
