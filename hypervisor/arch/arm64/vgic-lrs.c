// SPDX-License-Identifier: GPL-2.0
/*
 * The list-register queue both GIC versions share: an interrupt goes into
 * a free list register; when none is free it waits in the CPU's queue and
 * the underflow maintenance interrupt refills the list registers (GICv3
 * spec 11.2.3, GICv2 IHI 0048B 5.3.1). A pure virtual interrupt (an SGI)
 * that is pending already merges, as it would in hardware.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/percpu.h>
#include "vgic-lrs.h"

static int free_lr(const struct lr_ops *ops, struct gic_cpu *g)
{
	u64 empty = ops->empty_lrs();
	unsigned int n;

	for (n = 0; n < g->num_lrs; n++)
		if (empty & (1ULL << n))
			return n;
	return -1;
}

static bool already_pending(const struct lr_ops *ops, struct gic_cpu *g,
			    u32 entry)
{
	unsigned int n;

	for (n = 0; n < g->num_lrs; n++)
		if (ops->lr_pending(n, entry))
			return true;
	for (n = 0; n < g->queued; n++)
		if (g->queue[n] == entry)
			return true;
	return false;
}

void vgic_inject(const struct lr_ops *ops, struct per_cpu *cpu, u32 entry)
{
	struct gic_cpu *g = &cpu->arch.gic;
	int n;

	if (!(entry & QUEUE_HW) && already_pending(ops, g, entry))
		return;
	n = free_lr(ops, g);
	if (n >= 0) {
		ops->write_entry(n, entry);
		return;
	}
	if (g->queued == GIC_QUEUE_SIZE) {
		/* Keep the line alive: the GIC signals it again later. */
		pr_cell_warn(cpu->cell,
			     "CPU %u: virtual interrupt queue full, INTID %u made pending again\n",
			     cpu->cpu_id, entry & ops->intid_mask);
		ops->give_back(cpu, entry);
		return;
	}
	g->queue[g->queued++] = entry;
	ops->set_underflow_irq(true);
}

void vgic_refill_lrs(const struct lr_ops *ops, struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	unsigned int i;
	int n;

	while (g->queued && (n = free_lr(ops, g)) >= 0) {
		ops->write_entry(n, g->queue[0]);
		g->queued--;
		for (i = 0; i < g->queued; i++)
			g->queue[i] = g->queue[i + 1];
	}
	if (!g->queued)
		ops->set_underflow_irq(false);
}

/* Park requests are acted on by the trap path once interrupts are done. */
void vgic_handle_mgmt_sgi(struct per_cpu *cpu)
{
	cpu_stat_inc(cpu, BH_STAT_EXITS_MANAGEMENT);
	if (cpu->arch.gic.halt_request)
		arch_cpu_halt();
}
