/* SPDX-License-Identifier: GPL-2.0 */
/* PMU and self-hosted debug as cells see them (pmu.c). */
#ifndef _ASM_PMU_H
#define _ASM_PMU_H

#include <hv/types.h>

struct cell;

/* The MDCR_EL2 a cell runs with; stub_mdcr is what Linux's stub had. */
u64 arch_cell_mdcr(const struct cell *cell, u64 stub_mdcr);
/* Is this trapped system register (traps.c encoding) a PMU register? */
bool pmu_is_register(u32 reg);
/* Emulates a trapped PMU access: *val in for writes, out for reads. */
void pmu_handle_access(u32 reg, u64 *val, bool read);
/* The calling CPU's PMU and debug state as at reset (a cell's start). */
void pmu_debug_reset(void);

#endif
