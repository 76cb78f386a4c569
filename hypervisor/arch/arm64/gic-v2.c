// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2 CPU interface virtualisation (GIC architecture spec IHI 0048B,
 * chapter 5, GIC-400 alike).
 *
 * The physical CPU interface (GICC) and the virtual interface control
 * (GICH) are the hypervisor's, mapped at EL2 only; each cell sees the
 * virtual CPU interface (GICV) at the GICC address instead (vgic-v2-dist.c
 * maps it). As with GICv3 (gic-v3.c) every physical interrupt is taken at
 * EL2, the priority dropped at once (EOImode 1) and the interrupt injected
 * through a GICH list register with the HW bit, so that the cell's own
 * deactivation deactivates the physical interrupt; SGIs are deactivated
 * here and injected with their source CPU. Interrupts that find no free
 * list register wait in the per-CPU queue until the underflow maintenance
 * interrupt.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/hypervisor.h>
#include <hv/io.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/errno.h>
#include <asm/sysregs.h>
#include <asm/gic.h>
#include <asm/irqchip.h>
#include <asm/timer.h>
#include "vgic-lrs.h"

/* CPU interface (4.4), the same layout in GICV (5.5). */
#define GICC_CTLR	  0x0000
#define GICC_PMR	  0x0004
#define GICC_BPR	  0x0008
#define GICC_IAR	  0x000c
#define GICC_EOIR	  0x0010
#define GICC_ABPR	  0x001c
#define GICC_DIR	  0x1000
/* Without the Security Extensions (QEMU virt): the whole register. */
#define GICC_CTLR_ENABLE  0x3 /* EnableGrp0, EnableGrp1 */
#define GICC_CTLR_EOIMODE (1U << 9)
#define GICC_IAR_INTID	  0x3ff
#define GICC_IAR_CPUID	  (7U << 10) /* an SGI's source CPU */

/* Virtual interface control (5.3). */
#define GICH_HCR    0x0000
#define GICH_VTR    0x0004
#define GICH_VMCR   0x0008
#define GICH_ELRSR0 0x0030
#define GICH_ELRSR1 0x0034
#define GICH_APR    0x00f0
#define GICH_LR0    0x0100

#define GICH_HCR_EN  (1U << 0)
#define GICH_HCR_UIE (1U << 1)

/* GICH_VMCR: GICV_CTLR's bits 0-4 and 9, PMR, BPR, ABPR (5.3.4). */
#define GICH_VMCR_CTLR_MASK	0x21fU
#define GICH_VMCR_PRIMASK_SHIFT 27
#define GICH_VMCR_BPR_SHIFT	21
#define GICH_VMCR_ABPR_SHIFT	18

/* GICH_LR<n> (5.3.11): group 0, as Linux's GICv2 driver leaves them. */
#define LR_VIRQ_MASK	 0x3ffU
#define LR_PHYS_SHIFT	 10
#define LR_CPUID_MASK	 (7U << 10)
#define LR_PRIO_SHIFT	 23
#define LR_STATE_PENDING (1U << 28)
#define LR_STATE_ACTIVE	 (1U << 29)
#define LR_STATE_MASK	 (3U << 28)
#define LR_HW		 (1U << 31)
#define LR_VIRQ_PRIO	 0xa0U /* Linux's default priority */

#define SGIR_TARGETS_SHIFT 16

static uintptr_t gicc(void)
{
	return hv.config->platform.arm64.gicc_base;
}

static uintptr_t gich(void)
{
	return hv.config->platform.arm64.gich_base;
}

static uintptr_t gicd(void)
{
	return hv.config->platform.arm64.gicd_base;
}

static u32 read_lr(unsigned int n)
{
	return mmio_read32(gich() + GICH_LR0 + n * 4);
}

static void write_lr(unsigned int n, u32 val)
{
	mmio_write32(gich() + GICH_LR0 + n * 4, val);
}

static void deactivate(u32 iar)
{
	mmio_write32(gicc() + GICC_DIR, iar);
}

void gicv2_send_sgi(const struct per_cpu *target, u32 intid)
{
	dsb(ish);
	mmio_write32(gicd() + GICD_SGIR,
		     ((u32)target->arch.gic.cpu_mask << SGIR_TARGETS_SHIFT) |
			     intid);
}

/*
 * Makes a physical interrupt pending again on this CPU (after the cell
 * lost it). An SGI is pending per source CPU: GICD_SPENDSGIR (4.3.14).
 */
static void repend_physical(u32 entry)
{
	u32 irq = entry & GICC_IAR_INTID;

	if (irq < 16)
		mmio_write8(gicd() + GICD_SPENDSGIR + irq,
			    1U << ((entry & GICC_IAR_CPUID) >> 10));
	else
		mmio_write32(gicd() + GICD_ISPENDR + (irq / 32) * 4,
			     1U << (irq % 32));
}

static u32 make_lr(u32 entry)
{
	u32 irq = entry & GICC_IAR_INTID;
	u32 lr =
		irq | LR_STATE_PENDING | ((LR_VIRQ_PRIO >> 3) << LR_PRIO_SHIFT);

	if (entry & QUEUE_HW)
		return lr | LR_HW | (irq << LR_PHYS_SHIFT);
	return lr | (entry & LR_CPUID_MASK);
}

/* Is this SGI from this source pending in list register n? */
static bool lr_pending(unsigned int n, u32 entry)
{
	u32 lr = read_lr(n);

	return (lr & LR_STATE_PENDING) && !(lr & LR_HW) &&
	       (lr & (LR_VIRQ_MASK | LR_CPUID_MASK)) == entry;
}

static u64 empty_lrs(void)
{
	return mmio_read32(gich() + GICH_ELRSR0) |
	       ((u64)mmio_read32(gich() + GICH_ELRSR1) << 32);
}

static void write_entry(unsigned int n, u32 entry)
{
	write_lr(n, make_lr(entry));
}

static void give_back(struct per_cpu *cpu, u32 entry)
{
	if (entry & QUEUE_HW)
		deactivate(entry & ~QUEUE_HW);
	repend_physical(entry);
}

static void set_underflow_irq(bool on)
{
	u32 hcr = mmio_read32(gich() + GICH_HCR);

	mmio_write32(gich() + GICH_HCR,
		     on ? hcr | GICH_HCR_UIE : hcr & ~GICH_HCR_UIE);
}

static const struct lr_ops lrs = {
	.empty_lrs = empty_lrs,
	.write_entry = write_entry,
	.lr_pending = lr_pending,
	.give_back = give_back,
	.set_underflow_irq = set_underflow_irq,
	.intid_mask = GICC_IAR_INTID,
};

static void handle_irq(struct per_cpu *cpu)
{
	u32 maint = hv.config->platform.arm64.maintenance_irq;
	u32 iar, irq;

	for (;;) {
		iar = mmio_read32(gicc() + GICC_IAR);
		irq = iar & GICC_IAR_INTID;
		/* 1020-1023: nothing acknowledged (IHI 0048B, 3.2.5). */
		if (irq >= GIC_SPECIAL_FIRST)
			break;
		cpu_stat_inc(cpu, BH_STAT_EXITS_IRQ);
		mmio_write32(gicc() + GICC_EOIR, iar); /* priority drop only */
		if (irq == maint) {
			deactivate(iar);
			vgic_refill_lrs(&lrs, cpu);
		} else if (irq == TIMER_HYP_PPI) {
			/* The hypervisor's timer, never a cell's: see timer.c. */
			timer_expire();
			deactivate(iar);
		} else if (irq < 16) {
			deactivate(iar);
			if (irq == GIC_SGI_MGMT)
				vgic_handle_mgmt_sgi(cpu);
			else
				vgic_inject(&lrs, cpu,
					    iar & (GICC_IAR_INTID |
						   GICC_IAR_CPUID));
		} else if (gic_cell_owns_irq(cpu->cell, irq)) {
			vgic_inject(&lrs, cpu, irq | QUEUE_HW);
		} else {
			/* Routed here against the rules: never reaches the cell. */
			deactivate(iar);
			pr_cell_warn(cpu->cell,
				     "CPU %u: INTID %u not owned by cell %s, dropped\n",
				     cpu->cpu_id, irq, cpu->cell->name);
		}
	}
	isb();
}

static void send_mgmt_sgi(unsigned int cpu, bool halt)
{
	struct per_cpu *t = per_cpu(cpu);

	if (t && t->active) {
		if (halt)
			t->arch.gic.halt_request = true;
		gicv2_send_sgi(t, GIC_SGI_MGMT);
	}
}

/*
 * This CPU's bit in target lists: GICD_ITARGETSR0-7 read as it for
 * SGIs and PPIs (IHI 0048B, 4.3.12).
 */
static u8 own_cpu_mask(void)
{
	u32 targets = mmio_read32(gicd() + GICD_ITARGETSR);

	return targets | targets >> 8 | targets >> 16 | targets >> 24;
}

static int cpu_init(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	u32 ctlr, vmcr;
	unsigned int n;

	g->cpu_mask = own_cpu_mask();
	if (!g->cpu_mask) {
		pr_err("CPU %u: GICD_ITARGETSR0 names no CPU interface\n",
		       cpu->cpu_id);
		return -ENODEV;
	}
	g->num_lrs = (mmio_read32(gich() + GICH_VTR) & 0x3f) + 1;
	for (n = 0; n < g->num_lrs; n++)
		write_lr(n, 0);
	mmio_write32(gich() + GICH_APR, 0);

	/* The cell keeps seeing the CPU interface Linux had set up. */
	ctlr = mmio_read32(gicc() + GICC_CTLR);
	g->saved_ctlr = ctlr;
	vmcr = (ctlr & GICH_VMCR_CTLR_MASK) |
	       ((mmio_read32(gicc() + GICC_PMR) >> 3)
		<< GICH_VMCR_PRIMASK_SHIFT) |
	       ((mmio_read32(gicc() + GICC_BPR) & 7) << GICH_VMCR_BPR_SHIFT) |
	       ((mmio_read32(gicc() + GICC_ABPR) & 7) << GICH_VMCR_ABPR_SHIFT);
	mmio_write32(gich() + GICH_VMCR, vmcr);
	mmio_write32(gich() + GICH_HCR, GICH_HCR_EN);

	/* The physical interface is the hypervisor's from now on. */
	mmio_write32(gicc() + GICC_CTLR, GICC_CTLR_ENABLE | GICC_CTLR_EOIMODE);
	mmio_write32(gicc() + GICC_PMR, 0xff);
	mmio_write32(gicd() + GICD_ISENABLER, gic_hyp_banked_irqs());
	g->owner = cpu->cell;
	return 0;
}

/*
 * Empties the list registers and the queue before the CPU starts over,
 * as gic_cpu_reset() does for GICv3: within one cell what the cell has
 * not taken goes back to the physical GIC; a CPU that changes cells drops
 * its old cell's interrupts, its pending and active SGIs and PPIs (the
 * banked first registers of the distributor, SGIs per source in
 * GICD_CPENDSGIR) and disables its PPIs. The management SGI stays.
 */
static void cpu_reset(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	bool moved = g->owner != cpu->cell;
	u32 banked = ~(1U << GIC_SGI_MGMT);
	unsigned int n;

	for (n = 0; n < g->num_lrs; n++) {
		u32 lr = read_lr(n);

		if (!(lr & LR_STATE_MASK))
			continue;
		if (lr & LR_HW)
			deactivate((lr >> LR_PHYS_SHIFT) & LR_VIRQ_MASK);
		if ((lr & LR_STATE_PENDING) && !moved)
			repend_physical(lr & (LR_VIRQ_MASK | LR_CPUID_MASK));
		write_lr(n, 0);
	}
	for (n = 0; n < g->queued; n++) {
		if (g->queue[n] & QUEUE_HW)
			deactivate(g->queue[n] & ~QUEUE_HW);
		if (!moved)
			repend_physical(g->queue[n] & ~QUEUE_HW);
	}
	g->queued = 0;
	set_underflow_irq(false);
	/* No virtual priority stays active (5.3.7, GICH_APR). */
	mmio_write32(gich() + GICH_APR, 0);
	if (moved) {
		for (n = 0; n < GIC_SGI_MGMT; n++)
			mmio_write8(gicd() + GICD_CPENDSGIR + n, 0xff);
		mmio_write32(gicd() + GICD_ICPENDR, banked);
		mmio_write32(gicd() + GICD_ICACTIVER, banked);
		/* The next occupant enables the PPIs it uses (Linux does). */
		mmio_write32(gicd() + GICD_ICENABLER,
			     GIC_PPI_MASK & ~gic_hyp_banked_irqs());
		g->owner = cpu->cell;
	}
}

/* The CPU starts afresh (struct irqchip's cpu_reset). */
static void cpu_restart(struct per_cpu *cpu)
{
	cpu_reset(cpu);
	mmio_write32(gich() + GICH_VMCR, 0);
}

static void cpu_exit(struct per_cpu *cpu)
{
	u32 vmcr = mmio_read32(gich() + GICH_VMCR);

	cpu_reset(cpu);
	/* Linux at EL1 never uses the maintenance PPI or the EL2 timer. */
	mmio_write32(gicd() + GICD_ICENABLER,
		     gic_hyp_banked_irqs() & GIC_PPI_MASK);
	mmio_write32(gich() + GICH_HCR, 0);
	mmio_write32(gicc() + GICC_PMR, (vmcr >> GICH_VMCR_PRIMASK_SHIFT) << 3);
	mmio_write32(gicc() + GICC_CTLR, cpu->arch.gic.saved_ctlr);
	isb();
}

const struct irqchip gicv2_irqchip = {
	.name = "GICv2",
	.gic_version = BH_GIC_V2,
	.init = gicv2_init,
	.cpu_init = cpu_init,
	.cpu_exit = cpu_exit,
	.cpu_reset = cpu_restart,
	.cell_init = gicv2_cell_init,
	.handle_irq = handle_irq,
	.send_mgmt_sgi = send_mgmt_sgi,
	.quiesce_spis = gicv2_quiesce_spis,
	.set_spi_pending = vgic_set_spi_pending,
	.fill_comm_region = gicv2_fill_comm_region,
};
