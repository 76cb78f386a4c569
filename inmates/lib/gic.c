// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The GIC for one CPU. GICv3: distributor and redistributor registers for
 * enabling interrupts, the ICC_* system registers to take them. GICv2:
 * the distributor (SGIs through GICD_SGIR) and the memory-mapped CPU
 * interface (IHI 0048B). Which one: the communication region says in a
 * cell, ID_AA64PFR0_EL1.GIC (the system-register interface) bare metal.
 * In a cell the distributor and the SGI/PPI page of the redistributor are
 * emulated by the hypervisor, which lets through only what concerns the
 * cell's own interrupts; the CPU interface is virtual. Bare metal nothing
 * has set the GIC up, so the distributor and redistributor are woken here.
 */
#include "lib.h"

#define GICD_CTLR	    0x0000
#define GICD_CTLR_ENABLE_G1 (1U << 1) /* EnableGrp1(NS) */
#define GICD_CTLR_ARE	    (1U << 4) /* ARE(_NS) */
#define GICD_CTLR_RWP	    (1U << 31)
#define GICD_IROUTER	    0x6000
#define GICD_ITARGETSR	    0x0800 /* GICv2: a byte per INTID */
#define GICD_SGIR	    0x0f00 /* GICv2 */
#define GICD_CTLR_ENABLE_V2 0x3	   /* GICv2: both groups */

/* GICv2 CPU interface (IHI 0048B, 4.4). */
#define GICC_CTLR	  0x0000
#define GICC_CTLR_ENABLE  0x3 /* EnableGrp0, EnableGrp1 */
#define GICC_CTLR_EOIMODE (1U << 9)
#define GICC_PMR	  0x0004
#define GICC_BPR	  0x0008
#define GICC_IAR	  0x000c
#define GICC_EOIR	  0x0010
#define GICC_DIR	  0x1000
#define GICC_IAR_INTID	  0x3ff

/* Per-interrupt registers: in the distributor and in the SGI frame alike. */
#define GIC_IGROUPR    0x0080
#define GIC_ISENABLER  0x0100
#define GIC_ICENABLER  0x0180
#define GIC_IPRIORITYR 0x0400
#define GIC_ICFGR      0x0c00

#define GICR_FRAME_SIZE	  0x20000
#define GICR_SGI_BASE	  0x10000
#define GICR_TYPER	  0x0008
#define GICR_TYPER_LAST	  (1ULL << 4)
#define GICR_WAKER	  0x0014
#define GICR_WAKER_SLEEP  (1U << 1) /* ProcessorSleep */
#define GICR_WAKER_ASLEEP (1U << 2) /* ChildrenAsleep */
#define GICR_MAX_FRAMES	  256

#define ICC_CTLR_EOIMODE (1U << 1)
#define ICC_SRE_SRE	 (1U << 0)
#define ICC_IAR_INTID	 0xffffff

#define IRQ_PRIORITY   0xa0
#define RWP_TIMEOUT_NS (10 * NSEC_PER_MSEC)

/* The distributor once; redistributor and CPU interface per CPU. */
static uintptr_t gicd, gicr[SMP_MAX_CPUS];
static bool dist_ready, gic_ready[SMP_MAX_CPUS], eoi_mode_split;
/* GICv2: the CPU interface, and each CPU's bit in target lists. */
static bool gic_v2;
static uintptr_t gicc;
static uint64_t cpu_mpidrs[SMP_MAX_CPUS];
static uint8_t cpu_masks[SMP_MAX_CPUS];
static irq_handler_t irq_handler;
static uint64_t entry_ticks[SMP_MAX_CPUS];
static struct spinlock dist_lock;

uintptr_t gic_dist_base(void)
{
	return gicd;
}

uintptr_t gic_redist_base(void)
{
	return gicr[cpu_index()];
}

/* GICD_CTLR writes take effect once RWP clears (GICv3 spec 12.9.4). */
static void gicd_wait_rwp(void)
{
	uint64_t end = timer_now() + timer_ns_to_ticks(RWP_TIMEOUT_NS);

	while ((mmio_read32(gicd + GICD_CTLR) & GICD_CTLR_RWP) &&
	       timer_now() < end)
		cpu_relax();
}

static void gicd_enable(void)
{
	uint32_t ctlr = mmio_read32(gicd + GICD_CTLR);

	/* ARE may only change while the groups are disabled. */
	if (!(ctlr & GICD_CTLR_ARE)) {
		mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE);
		gicd_wait_rwp();
	}
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1);
	gicd_wait_rwp();
}

/* This CPU's redistributor: the frame whose GICR_TYPER affinity matches. */
static uintptr_t find_redist(uintptr_t base)
{
	uint64_t mpidr = cpu_mpidr(), aff;
	unsigned int n;

	aff = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24;
	for (n = 0; n < GICR_MAX_FRAMES; n++) {
		uintptr_t frame = base + (uintptr_t)n * GICR_FRAME_SIZE;
		uint64_t typer = mmio_read64(frame + GICR_TYPER);

		if ((typer >> 32) == aff)
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

static void gicr_wake(uintptr_t rd)
{
	uint64_t end = timer_now() + timer_ns_to_ticks(RWP_TIMEOUT_NS);

	mmio_write32(rd + GICR_WAKER,
		     mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while ((mmio_read32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP) &&
	       timer_now() < end)
		cpu_relax();
}

void gic_cpu_forget(unsigned int idx)
{
	gic_ready[idx] = false;
}

/* GICv2 or GICv3: the hypervisor says; bare metal the CPU does. */
static bool detect_gic_v2(const struct bh_comm_region *comm)
{
	if (comm)
		return comm->gic_version == BH_GIC_V2;
	/* ID_AA64PFR0_EL1.GIC: 0 = no system-register interface. */
	return !((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf);
}

/* GICv2: this CPU's interface, as Linux's gic_cpu_if_up() sets it. */
static void gicv2_cpu_init(unsigned int me)
{
	uint32_t targets = mmio_read32(gicd + GICD_ITARGETSR);

	/* ITARGETSR0-7 read as this CPU's own bit (IHI 0048B, 4.3.12). */
	cpu_masks[me] = targets | targets >> 8 | targets >> 16 | targets >> 24;
	cpu_mpidrs[me] = cpu_mpidr();
	mmio_write32(gicc + GICC_PMR, 0xff);
	mmio_write32(gicc + GICC_BPR, 0);
	/* In a cell EOImode starts as 0; Linux, bare metal, may leave 1. */
	eoi_mode_split = mmio_read32(gicc + GICC_CTLR) & GICC_CTLR_EOIMODE;
	mmio_write32(gicc + GICC_CTLR,
		     GICC_CTLR_ENABLE |
			     (eoi_mode_split ? GICC_CTLR_EOIMODE : 0));
}

/* GICv3: the redistributor and the ICC_* interface. */
static int gicv3_cpu_init(const struct bh_comm_region *comm, unsigned int me)
{
	uintptr_t rd;

	rd = find_redist(comm ? comm->gicr_base : QEMU_GICR_BASE);
	if (!rd) {
		printk("inmate: no GIC redistributor for MPIDR %llx\n",
		       (unsigned long long)cpu_mpidr());
		return -ENODEV;
	}
	if (inmate_bare_metal())
		gicr_wake(rd);
	gicr[me] = rd;

	if (!(read_sysreg(icc_sre_el1) & ICC_SRE_SRE)) {
		write_sysreg(read_sysreg(icc_sre_el1) | ICC_SRE_SRE,
			     icc_sre_el1);
		isb();
	}
	write_sysreg(0xff, icc_pmr_el1);
	write_sysreg(0, icc_bpr1_el1);
	/*
	 * In a cell the virtual interface keeps the EOImode Linux chose (1,
	 * split priority drop and deactivation, when it owned EL2): follow it.
	 */
	eoi_mode_split = read_sysreg(icc_ctlr_el1) & ICC_CTLR_EOIMODE;
	write_sysreg(1, icc_igrpen1_el1);
	isb();
	return 0;
}

/* Called on every CPU that takes interrupts, the boot CPU first. */
int gic_init(void)
{
	struct bh_comm_region *comm = comm_region();
	unsigned int me = cpu_index();
	int err = 0;

	if (gic_ready[me])
		return 0;
	spin_lock(&dist_lock);
	if (!dist_ready) {
		gic_v2 = detect_gic_v2(comm);
		gicd = comm ? comm->gicd_base : QEMU_GICD_BASE;
		gicc = comm ? comm->gicc_base : QEMU_GICC_BASE;
		/* In a cell Linux has done this, and the hypervisor guards it. */
		if (inmate_bare_metal() && gic_v2)
			mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ENABLE_V2);
		else if (inmate_bare_metal())
			gicd_enable();
		dist_ready = true;
	}
	spin_unlock(&dist_lock);
	if (gic_v2)
		gicv2_cpu_init(me);
	else
		err = gicv3_cpu_init(comm, me);
	if (!err)
		gic_ready[me] = true;
	return err;
}

uint64_t gic_sgi1r(uint64_t mpidr, unsigned int intid)
{
	uint64_t aff0 = mpidr & 0xff;

	/* Aff3.Aff2.Aff1, RS picks the 16 Aff0 values TargetList covers. */
	return ((mpidr >> 32) & 0xff) << 48 | (aff0 / 16) << 44 |
	       ((mpidr >> 16) & 0xff) << 32 | (uint64_t)(intid & 0xf) << 24 |
	       ((mpidr >> 8) & 0xff) << 16 | 1ULL << (aff0 % 16);
}

/*
 * GICv2: the target-list bit of the CPU with affinity mpidr, as it read
 * its own at gic_init(); a CPU that has not yet: Aff0 (QEMU, GIC-400
 * clusters of up to 8 CPUs).
 */
static uint8_t gicv2_target(uint64_t mpidr)
{
	unsigned int i;

	for (i = 0; i < SMP_MAX_CPUS; i++)
		if (cpu_masks[i] && cpu_mpidrs[i] == mpidr)
			return cpu_masks[i];
	return 1U << (mpidr & 7);
}

void gic_send_sgi(uint64_t mpidr, unsigned int intid)
{
	dsb(ish); /* what the target is told about is visible first */
	if (gic_v2) {
		mmio_write32(gicd + GICD_SGIR, (uint32_t)gicv2_target(mpidr)
							       << 16 |
						       (intid & 0xf));
		return;
	}
	write_sysreg(gic_sgi1r(mpidr, intid), icc_sgi1r_el1);
	isb();
}

bool gic_is_v2(void)
{
	return gic_v2;
}

/* Base of the per-interrupt registers that hold intid. */
static uintptr_t irq_regs(unsigned int intid)
{
	/* GICv2: the distributor banks INTIDs 0-31 per CPU. */
	if (gic_v2 || intid > GIC_PPI_MAX)
		return gicd;
	return gicr[cpu_index()] + GICR_SGI_BASE;
}

void gic_enable_irq(unsigned int intid)
{
	uintptr_t regs = irq_regs(intid);
	uintptr_t word = (intid / 32) * 4;
	uint32_t bit = 1U << (intid % 32);
	uint32_t group = mmio_read32(regs + GIC_IGROUPR + word);

	/*
	 * GICv3: group 1, signalled as IRQ (bare metal, groups reset to 0).
	 * GICv2: group 0 is an IRQ too (no FIQEn), as Linux leaves it.
	 */
	if (!gic_v2 && !(group & bit))
		mmio_write32(regs + GIC_IGROUPR + word, group | bit);
	mmio_write8(regs + GIC_IPRIORITYR + intid, IRQ_PRIORITY);
	if (intid > GIC_PPI_MAX && gic_v2)
		mmio_write8(gicd + GICD_ITARGETSR + intid,
			    cpu_masks[cpu_index()]);
	else if (intid > GIC_PPI_MAX)
		mmio_write64(gicd + GICD_IROUTER + 8 * intid, cpu_mpidr());
	mmio_write32(regs + GIC_ISENABLER + word, bit);
}

void gic_set_irq_edge(unsigned int intid, bool edge)
{
	uintptr_t reg = irq_regs(intid) + GIC_ICFGR + (intid / 16) * 4;
	uint32_t bit = 2U << (2 * (intid % 16)), cfg = mmio_read32(reg);

	/* Int_config[1] of the interrupt's 2-bit field: 1 = edge. */
	if (!!(cfg & bit) != edge)
		mmio_write32(reg, edge ? cfg | bit : cfg & ~bit);
}

void gic_disable_irq(unsigned int intid)
{
	mmio_write32(irq_regs(intid) + GIC_ICENABLER + (intid / 32) * 4,
		     1U << (intid % 32));
}

bool gic_irq_enabled(unsigned int intid)
{
	return mmio_read32(irq_regs(intid) + GIC_ISENABLER + (intid / 32) * 4) &
	       (1U << (intid % 32));
}

void irq_set_handler(irq_handler_t handler)
{
	irq_handler = handler;
}

uint64_t irq_entry_ticks(void)
{
	return entry_ticks[cpu_index()];
}

/* GICv2: the whole GICC_IAR goes back (an SGI's source CPU with it). */
static uint32_t irq_ack(void)
{
	if (gic_v2)
		return mmio_read32(gicc + GICC_IAR);
	return read_sysreg(icc_iar1_el1) & ICC_IAR_INTID;
}

static void irq_end(uint32_t iar)
{
	if (gic_v2) {
		mmio_write32(gicc + GICC_EOIR, iar);
		if (eoi_mode_split)
			mmio_write32(gicc + GICC_DIR, iar);
		return;
	}
	write_sysreg(iar, icc_eoir1_el1);
	if (eoi_mode_split)
		write_sysreg(iar, icc_dir_el1);
}

void irq_dispatch(uint64_t ticks)
{
	uint32_t iar = irq_ack();
	unsigned int intid = iar & (gic_v2 ? GICC_IAR_INTID : ICC_IAR_INTID);

	if (intid >= GIC_SPURIOUS)
		return;
	entry_ticks[cpu_index()] = ticks;
	if (timer_sleep_irq(intid)) {
		/* the library's own sleep */
	} else if (irq_handler) {
		irq_handler(intid);
	} else {
		/* Keep a level-triggered line from firing forever. */
		gic_disable_irq(intid);
		printk("inmate: unexpected interrupt %u, disabled\n", intid);
	}
	irq_end(iar);
}
