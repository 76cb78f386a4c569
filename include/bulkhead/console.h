/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The hypervisor's log rings, which the root cell may read (never write):
 * the console area at header.console_offset of hypervisor memory, mapped
 * read-only into the root cell, holds two rings. The log ring at offset 0
 * has every message, the cells' output and what they provoked included;
 * the own ring at BH_CONSOLE_OWN_OFFSET has only the hypervisor's own
 * messages (start-up, cell life cycle, containment), which no cell can
 * cause in numbers, so no cell can push them out. In each, `written`
 * counts every byte ever logged; byte n is at buf[n % size]. A reader
 * copies `written`, then the bytes, then re-reads `written` and drops
 * what was overwritten meanwhile.
 */
#ifndef _BULKHEAD_CONSOLE_H
#define _BULKHEAD_CONSOLE_H

#include "types.h"

#define BH_CONSOLE_SIGNATURE  "BHCONSOL"
#define BH_CONSOLE_AREA_SIZE  0x8000 /* both rings, page aligned */
#define BH_CONSOLE_OWN_OFFSET 0x4000 /* the own ring, to the area's end */

struct bh_console_ring {
	char signature[8];
	uint32_t size; /* bytes in buf */
	uint32_t padding;
	volatile uint64_t written;
	char buf[];
};

#endif
