/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Hypercall ABI: `hvc #BH_HVC_IMM` with the code in x0 and arguments in
 * x1, x2, x3; the result comes back in x0, a negative errno on failure. Other
 * registers are preserved. The immediate tells Bulkhead's calls apart from
 * Linux's hyp-stub calls (`hvc #0`), which the hypervisor refuses.
 */
#ifndef _BULKHEAD_HYPERCALL_H
#define _BULKHEAD_HYPERCALL_H

#ifndef __ASSEMBLY__
#include "types.h"
#endif

#define BH_HVC_IMM 0x4248 /* "BH" */

/* Hypercall codes (x0). */
#define BH_HC_DISABLE		  0
#define BH_HC_HYPERVISOR_GET_INFO 1
#define BH_HC_CPU_GET_INFO	  2
#define BH_HC_DEBUG_CONSOLE_PUTC  3 /* x1 = character */
#define BH_HC_CELL_CREATE	  4 /* x1 = IPA of config, x2 = size */
#define BH_HC_CELL_SET_LOADABLE	  5 /* x1 = cell id */
#define BH_HC_CELL_START	  6 /* x1 = cell id */
#define BH_HC_CELL_SHUTDOWN	  7 /* x1 = cell id, x2 = force */
#define BH_HC_CELL_DESTROY	  8 /* x1 = cell id */
#define BH_HC_CELL_GET_STATE	  9 /* x1 = cell id */
/* x1 = cell id, x2 = entry IPA, x3 = device tree IPA (0 = none) */
#define BH_HC_CELL_SET_BOOT	  10

/* BH_HC_HYPERVISOR_GET_INFO, x1: */
#define BH_INFO_MEM_POOL_SIZE 0
#define BH_INFO_MEM_POOL_USED 1
#define BH_INFO_NUM_CELLS     2

/*
 * BH_HC_CPU_GET_INFO, x1 = Linux CPU id, x2: BH_CPU_INFO_STATE or
 * BH_CPU_INFO_STAT_BASE + one of the exit reasons below.
 */
#define BH_CPU_INFO_STATE     0
#define BH_CPU_INFO_STAT_BASE 1000

#define BH_CPU_RUNNING 0
#define BH_CPU_FAILED  2

/* Per-CPU exit statistics, by reason. */
#define BH_STAT_EXITS_TOTAL	 0
#define BH_STAT_EXITS_MMIO	 1
#define BH_STAT_EXITS_HYPERCALL	 2
#define BH_STAT_EXITS_PSCI	 3
#define BH_STAT_EXITS_IRQ	 4
#define BH_STAT_EXITS_SGI	 5
#define BH_STAT_EXITS_SYSREG	 6
#define BH_STAT_EXITS_MANAGEMENT 7
#define BH_NUM_CPU_STATS	 8

#define BH_STAT_NAMES                                                         \
	{                                                                     \
		"total", "mmio", "hypercall", "psci", "irq", "sgi", "sysreg", \
			"management"                                          \
	}

#endif /* _BULKHEAD_HYPERCALL_H */
