/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO emulation by registered regions: an emulated device registers
 * (cell, owner, base, size, handler); a trapped access is checked once here
 * (size, alignment, bounds) and handed to the region's handler. The owner
 * (the registering unit) releases its regions when the cell goes.
 */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include <hv/types.h>

struct cell;
struct unit;

struct mmio_access {
	ipaddr_t ipa;
	unsigned int size; /* 1, 2, 4 or 8 bytes */
	bool is_write;
	u64 value; /* in for writes, out for reads */
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_UNHANDLED, /* no device here */
	MMIO_FORBIDDEN, /* a device, but not the cell's to touch */
};

/* offset: from the region's base. */
typedef enum mmio_result (*mmio_handler_t)(void *arg, struct mmio_access *acc,
					   u64 offset);

__must_check int mmio_region_register(struct cell *cell,
				      const struct unit *owner, ipaddr_t base,
				      u64 size, mmio_handler_t handler,
				      void *arg);
/* Releases the cell's regions of owner (NULL: all); returns how many. */
unsigned int mmio_region_release(struct cell *cell, const struct unit *owner);
enum mmio_result mmio_handle_access(struct cell *cell, struct mmio_access *acc);

#endif
