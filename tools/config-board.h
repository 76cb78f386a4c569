/* SPDX-License-Identifier: GPL-2.0 */
/* A board's device tree held up to what a system config needs (config-board.c). */
#ifndef _BULKHEAD_TOOLS_CONFIG_BOARD_H
#define _BULKHEAD_TOOLS_CONFIG_BOARD_H

#include <stdarg.h>
#include <stdio.h>

#include "fdt-scan.h"

/* The GIC as a config describes it (platform.arm64). */
struct board_gic {
	uint64_t gicr, gicr_size;  /* GICv3: all regions as one */
	uint64_t gits;		   /* GICv3: the enabled ITS, 0 if none */
	uint64_t gicc, gich, gicv; /* GICv2 */
};

/* 0, or -1 after telling diag why no config can be made of the tree. */
int board_check(const struct fdt_platform *p, const char *dtb, FILE *diag,
		struct board_gic *out);
void board_report_gaps(const struct fdt_platform *p, FILE *out,
		       const char *prefix);
void board_next_steps(const struct fdt_platform *p, FILE *out);

#endif
