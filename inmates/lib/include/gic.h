/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Interrupts: the GICv3 (distributor, this CPU's redistributor, the ICC_*
 * CPU interface) or the GICv2 (distributor, memory-mapped CPU interface),
 * and the PSTATE.I mask. One handler receives every
 * interrupt but the library's own sleep timer.
 */
#ifndef _INMATE_GIC_H
#define _INMATE_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_SGI_MAX  15
#define GIC_PPI_MAX  31
#define GIC_SPURIOUS 1020 /* INTIDs from here on are special */

typedef void (*irq_handler_t)(unsigned int intid);

/*
 * Sets up this CPU's interface (and bare metal the distributor and the
 * redistributor, which nobody else did). Idempotent; every CPU that takes
 * interrupts calls it. Returns 0 or -ENODEV if this CPU's redistributor
 * is not found.
 */
int gic_init(void);

/*
 * SGI intid (0-15; the hypervisor keeps 15 for itself in a cell) to the
 * CPU with affinity mpidr: gic_sgi1r() is the ICC_SGI1R_EL1 value that
 * sends it, gic_send_sgi() writes it.
 */
uint64_t gic_sgi1r(uint64_t mpidr, unsigned int intid);
void gic_send_sgi(uint64_t mpidr, unsigned int intid);

/* Group 1, default priority; SPIs are routed to this CPU. */
void gic_enable_irq(unsigned int intid);
void gic_disable_irq(unsigned int intid);
/*
 * Edge- or level-triggered (GICD_ICFGR); SPIs only, and only while the
 * interrupt is disabled (a change of an enabled one is UNPREDICTABLE).
 * In a cell the register's other interrupts read as 0 and are written
 * back as 0, which the hypervisor ignores for those it does not own.
 */
void gic_set_irq_edge(unsigned int intid, bool edge);
bool gic_irq_enabled(unsigned int intid);

uintptr_t gic_dist_base(void);
/* After gic_init(): a GICv2 (gic_sgi1r() and the redistributor: GICv3). */
bool gic_is_v2(void);
uintptr_t gic_redist_base(void); /* this CPU's RD_base frame */

/* The handler for every interrupt, called with IRQs masked. */
void irq_set_handler(irq_handler_t handler);

/*
 * CNTVCT_EL0 as read on exception entry of the interrupt being handled:
 * the earliest point software sees it, for latency measurements.
 */
uint64_t irq_entry_ticks(void);

static inline void irq_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

static inline uint64_t irq_save(void)
{
	uint64_t flags;

	asm volatile("mrs %0, daif\n\tmsr daifset, #2"
		     : "=r"(flags)
		     :
		     : "memory");
	return flags;
}

static inline void irq_restore(uint64_t flags)
{
	asm volatile("msr daif, %0" : : "r"(flags) : "memory");
}

/*
 * Called with IRQs masked: sleeps until an interrupt is pending (WFI wakes
 * for a masked one too), lets it be handled, and masks IRQs again. Check
 * the wake-up condition with IRQs masked, then call this: no wake-up can
 * slip in between.
 */
static inline void irq_idle(void)
{
	asm volatile("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2"
		     :
		     :
		     : "memory");
}

#endif
