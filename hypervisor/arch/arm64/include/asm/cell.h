/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 part of a cell: its stage-2 translation. */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <hv/paging.h>
#include <asm/gic.h>

struct arch_cell {
	struct page_table stage2;
	u64 vttbr;
	struct gic_irq_owner irqs; /* SPIs the cell owns */
	bool irqs_taken;	   /* from the root cell (irqchip.c) */
};

#endif
