/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 part of the per-CPU state. */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <hv/types.h>

/* EL2 state Linux's hyp stub had, restored when the CPU leaves. */
struct arch_saved_el2 {
	u64 hcr;
	u64 cptr;
	u64 mdcr;
	u64 cnthctl;
	u64 cntvoff;
	u64 vtcr;
	u64 vttbr;
};

/* PSCI state of a CPU of a cell, see psci.c. */
enum psci_cpu_state {
	CPU_STATE_ON,
	CPU_STATE_OFF,
	CPU_STATE_ON_PENDING,
};

struct arch_per_cpu {
	u64 mpidr;
	struct arch_saved_el2 saved;
	volatile enum psci_cpu_state psci_state;
	u64 psci_entry;
	u64 psci_context;
};

#endif
