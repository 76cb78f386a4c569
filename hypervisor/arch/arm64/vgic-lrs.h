/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual interrupts into the list registers, with a per-CPU queue for
 * when they are full, for either GIC version (vgic-lrs.c): gic-v2.c and
 * gic-v3.c say through struct lr_ops how their list registers work.
 */
#ifndef _ARM64_VGIC_LRS_H
#define _ARM64_VGIC_LRS_H

#include <hv/types.h>

struct per_cpu;
struct gic_cpu;

/* Queue entries: the interrupt, and whether it is a hardware one. */
#define QUEUE_HW (1U << 31)

struct lr_ops {
	/* The calling CPU's empty list registers, bit n = LR n (ELRSR). */
	u64 (*empty_lrs)(void);
	/* Fills list register n with the queue entry, pending. */
	void (*write_entry)(unsigned int n, u32 entry);
	/* Whether list register n holds the pure virtual entry, pending. */
	bool (*lr_pending)(unsigned int n, u32 entry);
	/*
	 * No room anywhere: a hardware entry is deactivated and the
	 * physical interrupt made pending again, so the GIC signals it later.
	 */
	void (*give_back)(struct per_cpu *cpu, u32 entry);
	/* The underflow maintenance interrupt on or off. */
	void (*set_underflow_irq)(bool on);
	/* The INTID bits of an entry, for messages. */
	u32 intid_mask;
};

/* Injects entry into the calling CPU's cell (pure virtual SGIs merge). */
void vgic_inject(const struct lr_ops *ops, struct per_cpu *cpu, u32 entry);
/* Moves queued entries into free list registers (maintenance interrupt). */
void vgic_refill_lrs(const struct lr_ops *ops, struct per_cpu *cpu);
/* The hypervisor's own SGI: a park request, or a halt (panic). */
void vgic_handle_mgmt_sgi(struct per_cpu *cpu);

#endif
