// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 CPU interface virtualisation (GIC architecture spec IHI 0069).
 *
 * With HCR_EL2.IMO/FMO set, every physical interrupt is taken at EL2. The
 * hypervisor runs the physical CPU interface with EOImode 1: it drops the
 * priority at once and injects the interrupt into the cell through a list
 * register with the HW bit, so the cell's own deactivation (ICV_DIR or
 * ICV_EOIR) deactivates the physical interrupt. SGIs are deactivated here
 * and injected as pure virtual interrupts. When all list registers are
 * busy, interrupts wait in a per-CPU queue and the underflow maintenance
 * interrupt refills the list registers.
 */
#include <hv/bitmap.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/io.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/irqchip.h>
#include <asm/sysregs.h>
#include <asm/timer.h>
#include "vgic-lrs.h"

#define ICC_CTLR_EOIMODE (1UL << 1)
#define ICC_SRE_SRE	 (1UL << 0)
#define ICC_SRE_ENABLE	 (1UL << 3)

#define ICH_HCR_EN  (1UL << 0)
#define ICH_HCR_UIE (1UL << 1)

#define ICH_VMCR_VENG1	     (1UL << 1)
#define ICH_VMCR_VEOIM	     (1UL << 9)
#define ICH_VMCR_VBPR1_SHIFT 18
#define ICH_VMCR_VPMR_SHIFT  24

#define LR_PINTID_SHIFT	 32
#define LR_PRIO_SHIFT	 48
#define LR_GROUP1	 (1UL << 60)
#define LR_HW		 (1UL << 61)
#define LR_STATE_PENDING (1UL << 62)
#define LR_STATE_ACTIVE	 (1UL << 63)
#define LR_STATE_MASK	 (3UL << 62)
#define LR_VIRQ_PRIO	 0xa0UL /* Linux's default priority */

#define SGI1R_TARGETS(v) ((v)&0xffff)
#define SGI1R_AFF1(v)	 (((v) >> 16) & 0xff)
#define SGI1R_INTID(v)	 (((v) >> 24) & 0xf)
#define SGI1R_AFF2(v)	 (((v) >> 32) & 0xff)
#define SGI1R_IRM	 (1UL << 40)
#define SGI1R_RS(v)	 (((v) >> 44) & 0xf)
#define SGI1R_AFF3(v)	 (((v) >> 48) & 0xff)

#define GICR_ISENABLER0 (GICR_SGI_BASE + GICD_ISENABLER)
#define GICR_ISPENDR0	(GICR_SGI_BASE + GICD_ISPENDR)
#define GICR_ICPENDR0	(GICR_SGI_BASE + GICD_ICPENDR)
#define GICR_ICENABLER0 (GICR_SGI_BASE + GICD_ICENABLER)
#define GICR_ICACTIVER0 (GICR_SGI_BASE + GICD_ICACTIVER)

static u64 read_lr(unsigned int n)
{
	switch (n) {
	case 0:
		return read_sysreg(ich_lr0_el2);
	case 1:
		return read_sysreg(ich_lr1_el2);
	case 2:
		return read_sysreg(ich_lr2_el2);
	case 3:
		return read_sysreg(ich_lr3_el2);
	case 4:
		return read_sysreg(ich_lr4_el2);
	case 5:
		return read_sysreg(ich_lr5_el2);
	case 6:
		return read_sysreg(ich_lr6_el2);
	case 7:
		return read_sysreg(ich_lr7_el2);
	case 8:
		return read_sysreg(ich_lr8_el2);
	case 9:
		return read_sysreg(ich_lr9_el2);
	case 10:
		return read_sysreg(ich_lr10_el2);
	case 11:
		return read_sysreg(ich_lr11_el2);
	case 12:
		return read_sysreg(ich_lr12_el2);
	case 13:
		return read_sysreg(ich_lr13_el2);
	case 14:
		return read_sysreg(ich_lr14_el2);
	default:
		return read_sysreg(ich_lr15_el2);
	}
}

static void write_lr(unsigned int n, u64 val)
{
	switch (n) {
	case 0:
		write_sysreg(val, ich_lr0_el2);
		break;
	case 1:
		write_sysreg(val, ich_lr1_el2);
		break;
	case 2:
		write_sysreg(val, ich_lr2_el2);
		break;
	case 3:
		write_sysreg(val, ich_lr3_el2);
		break;
	case 4:
		write_sysreg(val, ich_lr4_el2);
		break;
	case 5:
		write_sysreg(val, ich_lr5_el2);
		break;
	case 6:
		write_sysreg(val, ich_lr6_el2);
		break;
	case 7:
		write_sysreg(val, ich_lr7_el2);
		break;
	case 8:
		write_sysreg(val, ich_lr8_el2);
		break;
	case 9:
		write_sysreg(val, ich_lr9_el2);
		break;
	case 10:
		write_sysreg(val, ich_lr10_el2);
		break;
	case 11:
		write_sysreg(val, ich_lr11_el2);
		break;
	case 12:
		write_sysreg(val, ich_lr12_el2);
		break;
	case 13:
		write_sysreg(val, ich_lr13_el2);
		break;
	case 14:
		write_sysreg(val, ich_lr14_el2);
		break;
	default:
		write_sysreg(val, ich_lr15_el2);
		break;
	}
}

u32 gic_hyp_banked_irqs(void)
{
	return (1U << GIC_SGI_MGMT) | (1U << TIMER_HYP_PPI) |
	       (1U << hv.config->platform.arm64.maintenance_irq);
}

/* Makes a physical interrupt pending again (after the cell lost it). */
static void repend_physical(struct per_cpu *cpu, u32 irq)
{
	uintptr_t gicd = hv.config->platform.arm64.gicd_base;

	if (irq < 32)
		mmio_write32(cpu->arch.gic.gicr + GICR_ISPENDR0, 1U << irq);
	else
		mmio_write32(gicd + GICD_ISPENDR + (irq / 32) * 4,
			     1U << (irq % 32));
}

static u64 make_lr(u32 entry)
{
	u32 irq = entry & ~QUEUE_HW;
	u64 lr = irq | LR_GROUP1 | LR_STATE_PENDING |
		 (LR_VIRQ_PRIO << LR_PRIO_SHIFT);

	if (entry & QUEUE_HW)
		lr |= LR_HW | ((u64)irq << LR_PINTID_SHIFT);
	return lr;
}

/* Is the pure virtual interrupt (SGI) pending in list register n? */
static bool lr_pending(unsigned int n, u32 irq)
{
	u64 lr = read_lr(n);

	return (lr & LR_STATE_PENDING) && (u32)lr == irq && !(lr & LR_HW);
}

static u64 empty_lrs(void)
{
	return read_sysreg(ich_elrsr_el2);
}

static void write_entry(unsigned int n, u32 entry)
{
	write_lr(n, make_lr(entry));
}

static void give_back(struct per_cpu *cpu, u32 entry)
{
	if (entry & QUEUE_HW)
		write_sysreg(entry & ~QUEUE_HW, icc_dir_el1);
	repend_physical(cpu, entry & ~QUEUE_HW);
}

/* Underflow maintenance interrupt once the list registers drain. */
static void set_underflow_irq(bool on)
{
	u64 hcr = read_sysreg(ich_hcr_el2);

	write_sysreg(on ? hcr | ICH_HCR_UIE : hcr & ~ICH_HCR_UIE, ich_hcr_el2);
}

static const struct lr_ops lrs = {
	.empty_lrs = empty_lrs,
	.write_entry = write_entry,
	.lr_pending = lr_pending,
	.give_back = give_back,
	.set_underflow_irq = set_underflow_irq,
	.intid_mask = ~QUEUE_HW,
};

void gic_handle_irq(struct per_cpu *cpu)
{
	u32 maint = hv.config->platform.arm64.maintenance_irq;
	u32 irq;

	for (;;) {
		irq = read_sysreg(icc_iar1_el1) & 0xffffff;
		/*
		 * Only 1020-1023 mean "nothing acknowledged". Anything else,
		 * an LPI (8192 and up) or an extended INTID included, holds
		 * the running priority until its EOI: left without one, a
		 * priority-0 interrupt would keep the management SGI out.
		 */
		if (irq >= GIC_SPECIAL_FIRST && irq <= GIC_SPECIAL_LAST)
			break;
		cpu_stat_inc(cpu, BH_STAT_EXITS_IRQ);
		write_sysreg(irq, icc_eoir1_el1); /* priority drop only */
		if (irq == maint) {
			write_sysreg(irq, icc_dir_el1);
			vgic_refill_lrs(&lrs, cpu);
		} else if (irq == TIMER_HYP_PPI) {
			/* The hypervisor's timer, never a cell's: see timer.c. */
			timer_expire();
			write_sysreg(irq, icc_dir_el1);
		} else if (irq < 16) {
			write_sysreg(irq, icc_dir_el1);
			if (irq == GIC_SGI_MGMT)
				vgic_handle_mgmt_sgi(cpu);
			else
				vgic_inject(&lrs, cpu, irq);
		} else if (irq >= GIC_LPI_FIRST && cpu->cell == &root_cell &&
			   its_present()) {
			/*
			 * The root's LPIs (gic-its.c keeps every collection on
			 * root CPUs). An LPI has no active state (GICv3 spec
			 * 8.2.6): injected as a purely virtual interrupt.
			 */
			vgic_inject(&lrs, cpu, irq);
		} else if (gic_cell_owns_irq(cpu->cell, irq)) {
			vgic_inject(&lrs, cpu, irq | QUEUE_HW);
		} else {
			/*
			 * Routed here against the rules: never reaches the
			 * cell. (For an LPI, which has no active state, the
			 * deactivation is ignored: GICv3 spec 8.2.6.)
			 */
			write_sysreg(irq, icc_dir_el1);
			pr_cell_warn(cpu->cell,
				     "CPU %u: INTID %u not owned by cell %s, dropped\n",
				     cpu->cpu_id, irq, cpu->cell->name);
		}
	}
	isb();
}

static u64 sgi1r_for(u64 mpidr, u32 intid)
{
	u64 aff0 = MPIDR_AFF0(mpidr);

	return (MPIDR_AFF3(mpidr) << 48) | ((aff0 / 16) << 44) |
	       (MPIDR_AFF2(mpidr) << 32) | ((u64)intid << 24) |
	       (MPIDR_AFF1(mpidr) << 16) | (1UL << (aff0 % 16));
}

static void send_sgi(struct per_cpu *target, u32 intid)
{
	write_sysreg(sgi1r_for(target->arch.mpidr, intid), icc_sgi1r_el1);
	isb();
}

/* Does a cell's ICC_SGI1R_EL1 value name this CPU? */
static bool sgi_targets(u64 val, u64 mpidr)
{
	u64 aff0 = MPIDR_AFF0(mpidr);

	return SGI1R_AFF3(val) == MPIDR_AFF3(mpidr) &&
	       SGI1R_AFF2(val) == MPIDR_AFF2(mpidr) &&
	       SGI1R_AFF1(val) == MPIDR_AFF1(mpidr) &&
	       SGI1R_RS(val) == aff0 / 16 &&
	       (SGI1R_TARGETS(val) & (1U << (aff0 % 16)));
}

/*
 * A cell wrote ICC_SGI1R_EL1: forward the SGI to the targets that are its
 * own CPUs. Returns -EPERM if it named any other CPU or the hypervisor's
 * SGI (those targets get nothing).
 */
int gic_handle_sgi_write(struct per_cpu *cpu, u64 val)
{
	u32 intid = SGI1R_INTID(val);
	bool all = val & SGI1R_IRM;
	unsigned int c, named = 0, sent = 0;

	cpu_stat_inc(cpu, BH_STAT_EXITS_SGI);
	if (intid == GIC_SGI_MGMT)
		return -EPERM;
	for (c = 0; c < bh_hv_header.max_cpus; c++) {
		struct per_cpu *t = per_cpu(c);

		if (!t->active)
			continue;
		/* "All but self" means all of the cell's other CPUs. */
		if (all ? (t == cpu || t->cell != cpu->cell) :
			  !sgi_targets(val, t->arch.mpidr))
			continue;
		named++;
		if (t->cell != cpu->cell)
			continue;
		/*
		 * A CPU that is off takes no SGI (PSCI: its interrupt state
		 * is reset when it starts); pending, it would end every wfi
		 * of its park loop, which would spin.
		 */
		if (t->arch.psci_state != CPU_STATE_OFF)
			send_sgi(t, intid);
		sent++;
	}
	/* A target list may name CPUs that do not exist: that is the cell's. */
	if (!all && bitmap_weight_word(SGI1R_TARGETS(val)) != named)
		return -EPERM;
	return sent == named ? 0 : -EPERM;
}

void gic_send_mgmt_sgi(unsigned int cpu, bool halt)
{
	struct per_cpu *t = per_cpu(cpu);

	if (t && t->active) {
		if (halt)
			t->arch.gic.halt_request = true;
		dsb(ish);
		send_sgi(t, GIC_SGI_MGMT);
	}
}

/* Finds this CPU's redistributor by the affinity in GICR_TYPER. */
static uintptr_t find_redistributor(u64 mpidr)
{
	uintptr_t frame = hv.config->platform.arm64.gicr_base;
	/* GICR_TYPER[63:32] holds Aff3.Aff2.Aff1.Aff0. */
	u64 aff = (MPIDR_AFF2(mpidr) << 16) | (MPIDR_AFF1(mpidr) << 8) |
		  MPIDR_AFF0(mpidr) | (MPIDR_AFF3(mpidr) << 24);
	unsigned int n;

	for (n = 0; n < bh_hv_header.max_cpus; n++, frame += GICR_FRAME_SIZE) {
		u64 typer = mmio_read64(frame + GICR_TYPER);

		if ((typer >> 32) == aff)
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

/*
 * LPIs once enabled may not be disabled again (GICR_CTLR.EnableLPIs,
 * 12.11.2), and their tables are in memory the GIC writes. Linux enables
 * them for an ITS: only one the config names, which the hypervisor then
 * keeps (gic-its.c), and with the tables in root RAM.
 */
static int check_lpis(struct per_cpu *cpu)
{
	uintptr_t rd = cpu->arch.gic.gicr;

	if (!(mmio_read32(rd + GICR_CTLR) & GICR_CTLR_ENABLE_LPIS))
		return 0;
	if (!its_present()) {
		pr_err("CPU %u: LPIs are on (Linux drives a GIC ITS) but the config names no ITS: set platform.arm64.gits_base, or boot with the ITS disabled\n",
		       cpu->cpu_id);
		return -EBUSY;
	}
	if (!its_rd_tables_ok(mmio_read64(rd + GICR_PROPBASER),
			      mmio_read64(rd + GICR_PENDBASER))) {
		pr_err("CPU %u: the LPI tables of its redistributor are not in root RAM\n",
		       cpu->cpu_id);
		return -EBUSY;
	}
	return 0;
}

int gic_cpu_init(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	u64 ctlr, vmcr;
	unsigned int n;
	int err;

	/* GICv4 frames are 256 KiB (VLPI_base, reserved): not emulated. */
	if (mmio_read64(hv.config->platform.arm64.gicr_base + GICR_TYPER) &
	    GICR_TYPER_VLPIS) {
		pr_err("CPU %u: the GIC has GICv4 redistributors (vLPIs): not supported\n",
		       cpu->cpu_id);
		return -ENODEV;
	}
	g->gicr = find_redistributor(cpu->arch.mpidr);
	if (!g->gicr) {
		pr_err("CPU %u: no redistributor for MPIDR 0x%llx\n",
		       cpu->cpu_id, (unsigned long long)cpu->arch.mpidr);
		return -ENODEV;
	}
	err = check_lpis(cpu);
	if (err)
		return err;
	write_sysreg(read_sysreg(icc_sre_el2) | ICC_SRE_SRE | ICC_SRE_ENABLE,
		     icc_sre_el2);
	isb();
	g->num_lrs = (read_sysreg(ich_vtr_el2) & 0x1f) + 1;
	for (n = 0; n < g->num_lrs; n++)
		write_lr(n, 0);

	/* The cell keeps seeing the CPU interface Linux had set up. */
	ctlr = read_sysreg(icc_ctlr_el1);
	g->saved_ctlr = ctlr;
	vmcr = ICH_VMCR_VENG1 |
	       (read_sysreg(icc_pmr_el1) << ICH_VMCR_VPMR_SHIFT) |
	       ((read_sysreg(icc_bpr1_el1) & 7) << ICH_VMCR_VBPR1_SHIFT);
	if (ctlr & ICC_CTLR_EOIMODE)
		vmcr |= ICH_VMCR_VEOIM;
	write_sysreg(vmcr, ich_vmcr_el2);
	write_sysreg(ICH_HCR_EN, ich_hcr_el2);

	/* The physical interface is the hypervisor's from now on. */
	write_sysreg(ctlr | ICC_CTLR_EOIMODE, icc_ctlr_el1);
	write_sysreg(0xff, icc_pmr_el1);
	write_sysreg(1, icc_igrpen1_el1);
	mmio_write32(g->gicr + GICR_ISENABLER0, gic_hyp_banked_irqs());
	g->owner = cpu->cell;
	isb();
	return 0;
}

/*
 * A CPU starts with no virtual interrupt active: an occupant that
 * acknowledged one and never ended it leaves its priority in the active
 * priorities registers, which would hold off every later interrupt of
 * the same or lower priority (GICv3 spec 8.4.1/8.4.2, ICH_AP0R/AP1R:
 * 2^(PREbits - 5) registers of each).
 */
static void clear_active_priorities(struct gic_cpu *g)
{
	unsigned int prebits = ((read_sysreg(ich_vtr_el2) >> 26) & 7) + 1;

	write_sysreg(0, ich_ap0r0_el2);
	write_sysreg(0, ich_ap1r0_el2);
	if (prebits >= 6) {
		write_sysreg(0, ich_ap0r1_el2);
		write_sysreg(0, ich_ap1r1_el2);
	}
	if (prebits >= 7) {
		write_sysreg(0, ich_ap0r2_el2);
		write_sysreg(0, ich_ap1r2_el2);
		write_sysreg(0, ich_ap0r3_el2);
		write_sysreg(0, ich_ap1r3_el2);
	}
}

/*
 * Empties the list registers and the queue before the CPU starts over.
 * Within one cell, what it has not taken yet goes back to the physical
 * GIC. A CPU that changes cells leaves its old cell's interrupts behind:
 * they are dropped, and so are the SGIs and PPIs still pending or active
 * in its redistributor (an SGI a cell sent itself must not reach Linux,
 * where SGI 2 stops the CPU), and its PPIs are disabled. The management
 * SGI stays: park requests have their own bookkeeping. No LPI state can
 * move with the CPU: no cell can enable LPIs (vgic-redist.c).
 */
void gic_cpu_reset(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	bool moved = g->owner != cpu->cell;
	u32 banked = ~(1U << GIC_SGI_MGMT);
	unsigned int n;

	for (n = 0; n < g->num_lrs; n++) {
		u64 lr = read_lr(n);
		u32 irq = (u32)lr;

		if (!(lr & LR_STATE_MASK))
			continue;
		if (lr & LR_HW)
			write_sysreg(irq, icc_dir_el1);
		if ((lr & LR_STATE_PENDING) && !moved)
			repend_physical(cpu, irq);
		write_lr(n, 0);
	}
	for (n = 0; n < g->queued; n++) {
		if (g->queue[n] & QUEUE_HW)
			write_sysreg(g->queue[n] & ~QUEUE_HW, icc_dir_el1);
		if (!moved)
			repend_physical(cpu, g->queue[n] & ~QUEUE_HW);
	}
	g->queued = 0;
	clear_active_priorities(g);
	if (moved) {
		mmio_write32(g->gicr + GICR_ICPENDR0, banked);
		mmio_write32(g->gicr + GICR_ICACTIVER0, banked);
		/* The next occupant enables the PPIs it uses (Linux does). */
		mmio_write32(g->gicr + GICR_ICENABLER0,
			     GIC_PPI_MASK & ~gic_hyp_banked_irqs());
		g->vsleep = false;
		g->owner = cpu->cell;
	}
}

/* The CPU starts afresh (struct irqchip's cpu_reset). */
static void gic_cpu_restart(struct per_cpu *cpu)
{
	gic_cpu_reset(cpu);
	write_sysreg(0, ich_vmcr_el2);
}

void gic_cpu_exit(struct per_cpu *cpu)
{
	u64 vmcr = read_sysreg(ich_vmcr_el2);

	gic_cpu_reset(cpu);
	/*
	 * Linux keeps its SGIs enabled, but at EL1 never uses the maintenance
	 * PPI or the EL2 timer.
	 */
	mmio_write32(cpu->arch.gic.gicr + GICR_ICENABLER0,
		     gic_hyp_banked_irqs() & GIC_PPI_MASK);
	write_sysreg(0, ich_hcr_el2);
	write_sysreg(vmcr >> ICH_VMCR_VPMR_SHIFT, icc_pmr_el1);
	write_sysreg(cpu->arch.gic.saved_ctlr, icc_ctlr_el1);
	isb();
}

const struct irqchip gicv3_irqchip = {
	.name = "GICv3",
	.gic_version = BH_GIC_V3,
	.init = gicv3_init,
	.cpu_init = gic_cpu_init,
	.cpu_exit = gic_cpu_exit,
	.cpu_reset = gic_cpu_restart,
	.cell_init = gicv3_cell_init,
	.handle_irq = gic_handle_irq,
	.send_mgmt_sgi = gic_send_mgmt_sgi,
	.quiesce_spis = gicv3_quiesce_spis,
	.set_spi_pending = vgic_set_spi_pending,
	.fill_comm_region = gicv3_fill_comm_region,
};
