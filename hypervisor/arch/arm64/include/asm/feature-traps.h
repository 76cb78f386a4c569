/* SPDX-License-Identifier: GPL-2.0 */
/* The trap controls each cell runs with (feature-traps.c). */
#ifndef _ASM_FEATURE_TRAPS_H
#define _ASM_FEATURE_TRAPS_H

#include <hv/types.h>

struct cell;

/* From what Linux's stub had in each register. */
u64 arch_cell_hcr(const struct cell *cell, u64 stub_hcr);
u64 arch_cell_mdcr(const struct cell *cell, u64 stub_mdcr);
u64 arch_cell_cptr(const struct cell *cell, u64 stub_cptr);

#endif
