/* SPDX-License-Identifier: GPL-2.0 */
/* PMU and self-hosted debug as cells see them (pmu.c). */
#ifndef _ASM_PMU_H
#define _ASM_PMU_H

#include <hv/types.h>

struct cell;

#define PMCR_N(v) (((v) >> 11) & 0x1f)

/* The architected PMU's version (ID_AA64DFR0_EL1.PMUVer), 0 if none. */
unsigned int pmu_version(void);
/* Is this trapped system register (traps.c encoding) a PMU register? */
bool pmu_is_register(u32 reg);
/* Emulates a trapped PMU access: *val in for writes, out for reads. */
void pmu_handle_access(u32 reg, u64 *val, bool read);
/* The calling CPU's PMU and debug state as at reset (a cell's start). */
void pmu_debug_reset(void);

#endif
