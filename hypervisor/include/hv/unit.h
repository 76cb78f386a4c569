/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Units: subsystems (the interrupt controller, virtual PCI, ivshmem, later
 * an IOMMU or virtio forwarding) that take part in the life of every cell.
 * A unit defines the hooks it needs with DEFINE_UNIT; the core calls them
 * all, in the units' order, and never names a unit. All hooks but
 * timer_expired run under the management lock (cell.c).
 */
#ifndef _HV_UNIT_H
#define _HV_UNIT_H

#include <hv/types.h>

struct cell;

struct unit {
	const char *name;
	/* Once at enable, on the first CPU, before the root cell exists. */
	int (*init)(void);
	/*
	 * A cell is being built (the root cell at enable): claim what the
	 * cell's config gives it, register MMIO regions. May fail; undone by
	 * cell_exit, which also runs when this or a later unit's cell_init
	 * failed, so it must undo a partial cell_init.
	 */
	int (*cell_init)(struct cell *cell);
	/*
	 * A non-root cell's creation can no longer fail and its CPUs are its
	 * own: take over from the root cell what must not move earlier.
	 */
	void (*cell_commit)(struct cell *cell);
	/* The cell goes away (or its creation failed): give everything back. */
	void (*cell_exit)(struct cell *cell);
	/* The cell's CPUs start afresh: start, and its own SYSTEM_RESET. */
	void (*cell_reset)(struct cell *cell);
	/*
	 * The cell stops running (shutdown, failure, SYSTEM_OFF, loading);
	 * may run on one of its CPUs while the others are still parking.
	 */
	void (*cell_stopped)(struct cell *cell);
	/* The hypervisor's timer has come (arch_timer_arm); any CPU. */
	void (*timer_expired)(void);
};

/*
 * Defines a unit; order (0..9) places it among the others: cell_init and
 * the other hooks run in ascending order, cell_exit in descending order.
 */
#define DEFINE_UNIT(var, order)      \
	static const struct unit var \
		__attribute__((used, section(".units." #order "." #var)))

__must_check int units_init(void);
__must_check int units_cell_init(struct cell *cell);
void units_cell_commit(struct cell *cell);
void units_cell_exit(struct cell *cell);
void units_cell_reset(struct cell *cell);
void units_cell_stopped(struct cell *cell);
void units_timer_expired(void);

#endif
