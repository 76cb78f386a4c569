// SPDX-License-Identifier: GPL-2.0
/*
 * Emulation of the GICv3 redistributors for cells (GICv3 spec IHI 0069H,
 * 12.10 and 12.11). No part of a redistributor is mapped into any cell:
 * RD_base holds the LPI controls (GICR_CTLR.EnableLPIs, GICR_PROPBASER,
 * GICR_PENDBASER), through which the GIC itself reads and writes memory at
 * any physical address, and GICR_WAKER, through which a CPU could stop
 * taking the hypervisor's management SGI. LPIs are not offered to any cell
 * (GICR_TYPER.PLPIS reads 0), the wake state is virtual, and the SGI/PPI
 * page is masked by ownership like the distributor, with the hypervisor's
 * SGI, maintenance PPI and timer PPI protected. Every register of the frame map is
 * listed in Documentation/attack-surface.md.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/hypervisor.h>
#include <hv/io.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include "vgic.h"

#define GICR_SGI_PAGE_END (GICR_SGI_BASE + 0x1000)

/* RD_base registers (12.10, table 12-27). */
#define GICR_IIDR     0x0004
#define GICR_STATUSR  0x0010
#define GICR_WAKER    0x0014
#define GICR_ID_START 0xffd0 /* PIDR4 .. CIDR3 */

#define GICR_CTLR_RWP (1U << 3)
#define GICR_CTLR_UWP (1U << 31)

/*
 * GICR_TYPER bits that announce LPI, vLPI and power-management features
 * the emulation does not offer: PLPIS, VLPIS, Dirty, DirectLPI, DPGS,
 * MPAM, RVPEID, CommonLPIAff, VSGI.
 */
#define GICR_TYPER_HIDDEN ((0xffULL & ~GICR_TYPER_LAST) | (7ULL << 24))

#define GICR_WAKER_SLEEP  (1U << 1) /* ProcessorSleep */
#define GICR_WAKER_ASLEEP (1U << 2) /* ChildrenAsleep */

/*
 * The root cell's LPIs, with an ITS the hypervisor keeps (gic-its.c): its
 * redistributors show PLPIS, EnableLPIs and their LPI tables; the tables
 * may be set while LPIs are off and only to root RAM, and LPIs, once on,
 * stay on (12.11.2 lets an implementation refuse turning them off).
 */
static bool root_lpis(const struct per_cpu *cpu)
{
	return cpu->cell == &root_cell && its_present();
}

static bool lpi_reg(u64 doff)
{
	return doff == GICR_PROPBASER || doff == GICR_PENDBASER;
}

static void root_lpi_write(struct per_cpu *cpu, uintptr_t frame,
			   struct mmio_access *acc, u64 foff)
{
	bool on = mmio_read32(frame + GICR_CTLR) & GICR_CTLR_ENABLE_LPIS;

	if (foff == GICR_CTLR && (acc->value & GICR_CTLR_ENABLE_LPIS) && !on) {
		if (its_rd_tables_ok(mmio_read64(frame + GICR_PROPBASER),
				     mmio_read64(frame + GICR_PENDBASER)))
			mmio_write32(frame + GICR_CTLR, GICR_CTLR_ENABLE_LPIS);
		else
			pr_cell_warn(cpu->cell,
				     "CPU %u: LPI tables outside root RAM: EnableLPIs ignored\n",
				     cpu->cpu_id);
	} else if (lpi_reg(foff & ~7ULL) && acc->size == 8 && !on) {
		mmio_write64(frame + foff, acc->value);
	}
}

/* The CPU whose redistributor frame starts at `frame`, if active. */
static struct per_cpu *frame_owner(uintptr_t frame)
{
	unsigned int c;

	for (c = 0; c < bh_hv_header.max_cpus; c++) {
		struct per_cpu *pc = per_cpu(c);

		if (pc->active && pc->arch.gic.gicr == frame)
			return pc;
	}
	return NULL;
}

/*
 * The emulated doubleword at `doff` (8-byte aligned) of a CPU's RD_base:
 * 32-bit registers pair up in it as the frame map lays them out.
 */
static u64 rd_base_read64(struct per_cpu *cpu, uintptr_t frame, u64 doff)
{
	u64 ctlr, waker, shown = root_lpis(cpu) ? GICR_CTLR_ENABLE_LPIS : 0;

	switch (doff) {
	case GICR_CTLR: /* with GICR_IIDR */
		/* The write-pending bits (root: EnableLPIs), no wake-up groups. */
		ctlr = mmio_read(frame + GICR_CTLR, 4) &
		       (GICR_CTLR_RWP | GICR_CTLR_UWP | shown);
		return ctlr | (mmio_read(frame + GICR_IIDR, 4) << 32);
	case GICR_TYPER:
		return mmio_read(frame + GICR_TYPER, 8) &
		       ~(GICR_TYPER_HIDDEN & ~(shown ? GICR_TYPER_PLPIS : 0));
	case GICR_PROPBASER:
	case GICR_PENDBASER:
		return shown ? mmio_read64(frame + doff) : 0;
	case GICR_STATUSR: /* with GICR_WAKER */
		waker = cpu->arch.gic.vsleep ?
				GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP :
				0;
		return waker << 32;
	default:
		/* 32-bit registers: QEMU answers no 64-bit access to them. */
		if (doff >= GICR_ID_START && doff < GICR_SGI_BASE)
			return mmio_read(frame + doff, 4) |
			       (mmio_read(frame + doff + 4, 4) << 32);
		/* LPI registers, MPAM, reserved: RAZ (PLPIS is 0). */
		return 0;
	}
}

/* Writes: only the virtual ProcessorSleep bit is kept; the rest is WI. */
static void rd_base_write(struct per_cpu *cpu, uintptr_t frame,
			  struct mmio_access *acc, u64 foff)
{
	u64 val = acc->value;

	if (root_lpis(cpu))
		root_lpi_write(cpu, frame, acc, foff);
	if (foff == GICR_STATUSR && acc->size == 8)
		val >>= 32;
	else if (foff != GICR_WAKER || acc->size != 4)
		return;
	cpu->arch.gic.vsleep = !!(val & GICR_WAKER_SLEEP);
}

static enum mmio_result rd_base_access(struct per_cpu *cpu, uintptr_t frame,
				       struct mmio_access *acc, u64 foff)
{
	u64 val;

	/* Registers are 32 or 64 bits; narrower accesses are not defined. */
	if (acc->size < 4)
		return MMIO_UNHANDLED;
	if (acc->is_write) {
		rd_base_write(cpu, frame, acc, foff);
		return MMIO_HANDLED;
	}
	val = rd_base_read64(cpu, frame, foff & ~7ULL);
	if (acc->size == 4)
		val = (val >> ((foff & 4) * 8)) & 0xffffffffULL;
	acc->value = val;
	return MMIO_HANDLED;
}

/* Identification a CPU may read in any frame (Linux scans them all). */
static bool is_ident(u64 foff)
{
	return foff < GICR_STATUSR ||
	       (foff >= GICR_ID_START && foff < GICR_SGI_BASE);
}

/* SGI_base page 0: SGI and PPI enables, pending, active, priority, config. */
static enum mmio_result sgi_page_access(struct cell *cell, uintptr_t frame,
					struct mmio_access *acc, u64 soff)
{
	unsigned int bits;
	bool set_clear;
	u64 base, mask;

	bits = vgic_irq_reg_bits(soff, &base, &set_clear);
	if (acc->size != 4 && !(bits == 8 && acc->size == 1))
		return MMIO_UNHANDLED;
	/*
	 * Only the first word of each register exists here (INTIDs 0-31);
	 * NSACR is Secure only; the rest of the page is reserved. RAZ/WI.
	 */
	if (!bits || (soff - base) * 8 / bits >= 32) {
		if (!acc->is_write)
			acc->value = 0;
		return MMIO_HANDLED;
	}
	mask = vgic_owned_mask(cell, soff, base, bits, acc->size,
			       gic_hyp_banked_irqs());
	if (acc->is_write && vgic_is_group_reg(base))
		return MMIO_HANDLED;
	/* Setting the hypervisor's interrupts' enables is harmless. */
	if (set_clear && soff == GICD_ISENABLER)
		mask = ~0ULL;
	vgic_masked_access(frame + GICR_SGI_BASE + soff, acc, mask, set_clear);
	return MMIO_HANDLED;
}

enum mmio_result vgic_gicr_access(void *arg, struct mmio_access *acc, u64 off)
{
	uintptr_t frame = hv.config->platform.arm64.gicr_base +
			  (off & ~(u64)(GICR_FRAME_SIZE - 1));
	u64 foff = off & (GICR_FRAME_SIZE - 1);
	struct per_cpu *owner = frame_owner(frame);
	struct cell *cell = arg;

	/* Other CPUs' frames: identification only, never a write. */
	if (!owner || owner->cell != cell) {
		if (acc->is_write || !is_ident(foff))
			return MMIO_FORBIDDEN;
		if (owner)
			return rd_base_access(owner, frame, acc, foff);
		acc->value = 0;
		return MMIO_HANDLED;
	}
	if (foff < GICR_SGI_BASE)
		return rd_base_access(owner, frame, acc, foff);
	if (foff < GICR_SGI_PAGE_END)
		return sgi_page_access(cell, frame, acc, foff - GICR_SGI_BASE);
	/* The rest of SGI_base is reserved (GICv3; no vLPI frames). */
	if (!acc->is_write)
		acc->value = 0;
	return MMIO_HANDLED;
}
