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

#define GIC_QUEUE_SIZE 64

/* GIC state of a CPU: see gic-v3.c and gic-v2.c. */
struct gic_cpu {
	uintptr_t gicr; /* GICv3: this CPU's redistributor frame */
	u8 cpu_mask;	/* GICv2: its bit in target lists */
	unsigned int num_lrs;
	u64 saved_ctlr; /* Linux's ICC_CTLR_EL1 / GICC_CTLR at enable */
	u32 queue[GIC_QUEUE_SIZE]; /* waiting for a free list register */
	unsigned int queued;
	const struct cell *owner;   /* whose interrupts the state above holds */
	bool vsleep;		    /* the cell's GICR_WAKER.ProcessorSleep */
	volatile bool halt_request; /* panic: stop for good */
};

struct arch_per_cpu {
	u64 mpidr;
	struct arch_saved_el2 saved;
	volatile enum psci_cpu_state psci_state;
	u64 psci_entry;
	u64 psci_context;
	volatile bool park_request; /* set by other CPUs: park at next exit */
	bool restart;		    /* park, but start over at psci_entry */
	struct gic_cpu gic;
};

#endif
