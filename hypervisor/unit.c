// SPDX-License-Identifier: GPL-2.0
/*
 * Calls the hooks of every unit (hv/unit.h) at each step of a cell's life.
 * The linker collects the units between __units_start and __units_end,
 * sorted by their order.
 */
#include <hv/cell.h>
#include <hv/mmio.h>
#include <hv/printk.h>
#include <hv/unit.h>

extern const struct unit __units_start[], __units_end[];

/*
 * How many units the linker collected. The two symbols bound one array,
 * but to C they are two objects: compared as addresses, not pointers.
 */
static unsigned int num_units(void)
{
	return ((uintptr_t)__units_end - (uintptr_t)__units_start) /
	       sizeof(struct unit);
}

#define for_each_unit(u) \
	for ((u) = __units_start; (u) != __units_start + num_units(); (u)++)

int units_init(void)
{
	const struct unit *u;
	int err;

	for_each_unit(u) {
		if (!u->init)
			continue;
		err = u->init();
		if (err) {
			pr_err("%s: not started (%d)\n", u->name, err);
			return err;
		}
	}
	return 0;
}

/* cell_exit of the first n units, last first. */
static void exit_units(struct cell *cell, unsigned int n)
{
	while (n--)
		if (__units_start[n].cell_exit)
			__units_start[n].cell_exit(cell);
}

int units_cell_init(struct cell *cell)
{
	const struct unit *u;
	int err;

	for_each_unit(u) {
		if (!u->cell_init)
			continue;
		err = u->cell_init(cell);
		if (err) {
			pr_err("cell %s: %s not set up (%d)\n", cell->name,
			       u->name, err);
			/* A unit that failed cleans up after itself too. */
			exit_units(cell, u - __units_start + 1);
			return err;
		}
	}
	return 0;
}

void units_cell_commit(struct cell *cell)
{
	const struct unit *u;

	for_each_unit(u)
		if (u->cell_commit)
			u->cell_commit(cell);
}

/*
 * Each unit releases its own MMIO regions; one left behind would route a
 * later cell's accesses to freed state, so it is released here too.
 */
void units_cell_exit(struct cell *cell)
{
	unsigned int left;

	exit_units(cell, num_units());
	left = mmio_region_release(cell, NULL);
	if (left)
		pr_err("cell %s: %u MMIO regions left behind by units: released\n",
		       cell->name, left);
}

void units_cell_reset(struct cell *cell)
{
	const struct unit *u;

	for_each_unit(u)
		if (u->cell_reset)
			u->cell_reset(cell);
}

void units_cell_stopped(struct cell *cell)
{
	const struct unit *u;

	for_each_unit(u)
		if (u->cell_stopped)
			u->cell_stopped(cell);
}

void units_timer_expired(void)
{
	const struct unit *u;

	for_each_unit(u)
		if (u->timer_expired)
			u->timer_expired();
}
