/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The hypervisor's log ring, which the root cell may read (never write):
 * at header.console_offset of hypervisor memory, mapped read-only into the
 * root cell. `written` counts every byte ever logged; byte n is at
 * buf[n % size]. A reader copies `written`, then the bytes, then re-reads
 * `written` and drops what was overwritten meanwhile.
 */
#ifndef _BULKHEAD_CONSOLE_H
#define _BULKHEAD_CONSOLE_H

#include "types.h"

#define BH_CONSOLE_SIGNATURE	"BHCONSOL"
#define BH_CONSOLE_AREA_SIZE	0x4000	/* header + ring, page aligned */

struct bh_console_ring {
	char signature[8];
	uint32_t size;		/* bytes in buf */
	uint32_t padding;
	volatile uint64_t written;
	char buf[];
};

#endif
