/* SPDX-License-Identifier: GPL-2.0 */
/* The host tests' fake arch: a cell has no stage 2 here. */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

struct arch_cell {
	int unused;
};

#endif
