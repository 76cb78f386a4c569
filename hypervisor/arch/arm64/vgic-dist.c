// SPDX-License-Identifier: GPL-2.0
/*
 * Emulation of the GICv3 distributor for cells. No cell maps the
 * distributor: every access traps here and reaches the physical register
 * with the bits, bytes or routing of interrupts the cell does not own
 * masked out. The redistributors are emulated in vgic-redist.c, and the
 * GICv2 distributor in vgic-v2-dist.c, with the helpers shared through
 * vgic.h.
 */
#include <hv/bitmap.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/hypervisor.h>
#include <hv/io.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/irqchip.h>
#include <asm/sysregs.h>
#include <bulkhead/comm-region.h>
#include <bulkhead/cell-config.h>
#include <asm/spinlock.h>
#include "vgic.h"

static spinlock_t dist_lock = SPINLOCK_INIT;

/*
 * The bits of an access to a register with `bits` bits per interrupt
 * (starting at INTID 0 at reg_base) that belong to interrupts the cell may
 * touch. `protect` lists INTIDs no cell may change.
 */
u64 vgic_owned_mask(const struct cell *cell, u64 off, u64 reg_base,
		    unsigned int bits, unsigned int size, u64 protect)
{
	u64 first = (off - reg_base) * 8 / bits, mask = 0, field;
	unsigned int i, n = size * 8 / bits;

	field = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	for (i = 0; i < n; i++) {
		u64 irq = first + i;

		if (!gic_cell_owns_irq(cell, irq) ||
		    (irq < 32 && (protect & (1ULL << irq))))
			continue;
		mask |= field << (i * bits);
	}
	return mask;
}

/*
 * A masked access: set/clear registers write through, others merge. What
 * a cell writes to fields of interrupts it does not own is dropped, in
 * every cell alike: a GICv3 driver writes whole registers at boot (Linux
 * clears the enable and active bits of every SPI and sets every
 * priority), which is no attack (Documentation/cells.md, the rule per
 * register).
 */
void vgic_masked_access(uintptr_t addr, struct mmio_access *acc, u64 mask,
			bool set_clear)
{
	u64 phys;

	if (!acc->is_write) {
		acc->value = mmio_read(addr, acc->size) & mask;
		return;
	}
	if (set_clear) {
		if (acc->value & mask)
			mmio_write(addr, acc->size, acc->value & mask);
		return;
	}
	spin_lock(&dist_lock);
	phys = mmio_read(addr, acc->size);
	mmio_write(addr, acc->size, (phys & ~mask) | (acc->value & mask));
	spin_unlock(&dist_lock);
}

/* Bits per interrupt of the per-interrupt registers; 0 if `off` is none. */
unsigned int vgic_irq_reg_bits(u64 off, u64 *base, bool *set_clear)
{
	*set_clear = false;
	if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
		*base = off & ~0x7fULL;
		*set_clear = *base != GICD_IGROUPR;
		return 1;
	}
	if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
		*base = GICD_IPRIORITYR;
		return 8;
	}
	if (off >= GICD_ICFGR && off < GICD_IGRPMODR) {
		*base = GICD_ICFGR;
		return 2;
	}
	if (off >= GICD_IGRPMODR && off < GICD_IGRPMODR + 0x80) {
		*base = GICD_IGRPMODR;
		return 1;
	}
	return 0;
}

bool vgic_is_group_reg(u64 base)
{
	return base == GICD_IGROUPR || base == GICD_IGRPMODR;
}

static bool cell_owns_mpidr(const struct cell *cell, u64 aff)
{
	unsigned int c;

	for (c = 0; c < bh_hv_header.max_cpus; c++) {
		struct per_cpu *pc = per_cpu(c);

		if (cell_owns_cpu(cell, c) && pc->active &&
		    (pc->arch.mpidr & MPIDR_AFF_MASK) == aff)
			return true;
	}
	return false;
}

/*
 * GICD_IROUTER<n>: the cell's own SPIs only to a CPU of the cell, never
 * "any CPU" (a violation); other interrupts' routing reads as 0 and
 * ignores writes (Linux routes every SPI to its boot CPU at boot).
 */
static enum mmio_result irouter_access(struct cell *cell, uintptr_t gicd,
				       struct mmio_access *acc, u64 off)
{
	u64 irq = (off - GICD_IROUTER) / 8, val, aff;
	uintptr_t reg = gicd + (off & ~7ULL);

	if (irq < 32 || !gic_cell_owns_irq(cell, irq) || acc->size < 4) {
		if (!acc->is_write)
			acc->value = 0;
		return MMIO_HANDLED;
	}
	if (!acc->is_write) {
		acc->value = mmio_read(gicd + off, acc->size);
		return MMIO_HANDLED;
	}
	spin_lock(&dist_lock);
	val = mmio_read(reg, 8);
	if (acc->size == 8)
		val = acc->value;
	else if (off & 4)
		val = (val & 0xffffffffULL) | (acc->value << 32);
	else
		val = (val & ~0xffffffffULL) | (acc->value & 0xffffffffULL);
	aff = val & MPIDR_AFF_MASK;
	if ((val & (1ULL << 31)) || !cell_owns_mpidr(cell, aff)) {
		spin_unlock(&dist_lock);
		pr_cell_warn(cell,
			     "cell %s: routing INTID %llu to affinity 0x%llx denied\n",
			     cell->name, (unsigned long long)irq,
			     (unsigned long long)val);
		return MMIO_FORBIDDEN;
	}
	mmio_write(reg, 8, val);
	spin_unlock(&dist_lock);
	return MMIO_HANDLED;
}

/*
 * A per-interrupt register (vgic_irq_reg_bits() is not 0) of the
 * distributor at gicd, for GICv3 and GICv2 alike: the cell reaches the
 * fields of its own interrupts, never those in `protect` (INTIDs below
 * 32 of a GICv2, whose banked registers are in the distributor).
 */
enum mmio_result vgic_dist_irq_access(struct cell *cell, uintptr_t gicd,
				      struct mmio_access *acc, u64 off,
				      u64 protect)
{
	u64 base = 0, mask;
	unsigned int bits;
	bool set_clear;

	bits = vgic_irq_reg_bits(off, &base, &set_clear);
	/* Byte access only where a byte is one interrupt's field. */
	if (!bits || (acc->size != 4 && !(bits == 8 && acc->size == 1)))
		return MMIO_UNHANDLED;
	/* Setting the hypervisor's interrupts' enables is harmless. */
	if (set_clear && base == GICD_ISENABLER)
		protect = 0;
	mask = vgic_owned_mask(cell, off, base, bits, acc->size, protect);
	/* Groups stay as set up: they arrive as IRQs. */
	if (acc->is_write && vgic_is_group_reg(base))
		return MMIO_HANDLED;
	vgic_masked_access(gicd + off, acc, mask, set_clear);
	return MMIO_HANDLED;
}

static enum mmio_result gicd_access(void *arg, struct mmio_access *acc, u64 off)
{
	uintptr_t gicd = hv.config->platform.arm64.gicd_base;
	struct cell *cell = arg;
	bool set_clear;
	u64 base;

	if (off >= GICD_IROUTER && off < GICD_IROUTER_END + 8)
		return irouter_access(cell, gicd, acc, off);
	if (vgic_irq_reg_bits(off, &base, &set_clear))
		return vgic_dist_irq_access(cell, gicd, acc, off, 0);
	/* ITARGETSR, NSACR, SGIR: RAZ/WI with affinity routing on. */
	return vgic_dist_plain_access(gicd, acc, off, 0xffd0);
}

enum mmio_result vgic_dist_plain_access(uintptr_t gicd, struct mmio_access *acc,
					u64 off, u64 id_start)
{
	if (acc->size != 4)
		return MMIO_UNHANDLED;
	/* CTLR, TYPER, IIDR, ID registers: read-only for cells. */
	if (off < 0x10 || off >= id_start) {
		if (!acc->is_write)
			acc->value = mmio_read(gicd + off, 4);
		return MMIO_HANDLED;
	}
	if (!acc->is_write)
		acc->value = 0;
	return MMIO_HANDLED;
}

int gicv3_init(void)
{
	const struct bh_platform *p = &hv.config->platform;
	int err;

	err = arch_map_device(pa_init(p->arm64.gicd_base), GICD_SIZE);
	if (err)
		return err;
	return arch_map_device(pa_init(p->arm64.gicr_base),
			       (u64)GICR_FRAME_SIZE * bh_hv_header.max_cpus);
}

int gicv3_cell_init(struct cell *cell)
{
	const struct bh_platform *p = &hv.config->platform;
	int err;

	err = irqchip_mmio_register(cell, ipa_init(p->arm64.gicd_base),
				    GICD_SIZE, gicd_access);
	if (err)
		return err;
	return irqchip_mmio_register(cell, ipa_init(p->arm64.gicr_base),
				     (u64)GICR_FRAME_SIZE *
					     bh_hv_header.max_cpus,
				     vgic_gicr_access);
}

/*
 * Disables an SPI and clears its pending and active state before it
 * changes hands: an SPI a cell left active (GICD_ISACTIVER, or taken and
 * never deactivated) would otherwise never be signalled to its next owner
 * (GICv3 spec 4.1.2: an active interrupt is not forwarded again).
 */
static void quiesce_spi(unsigned int irq)
{
	uintptr_t gicd = hv.config->platform.arm64.gicd_base;
	u64 word = (irq / 32) * 4;
	u32 bit = 1U << (irq % 32);

	mmio_write(gicd + GICD_ICENABLER + word, 4, bit);
	mmio_write(gicd + GICD_ICPENDR + word, 4, bit);
	mmio_write(gicd + GICD_ICACTIVER + word, 4, bit);
}

/* Routes an SPI to a CPU (affinity routing, GICD_IROUTER). */
static void route_spi(unsigned int irq, const struct per_cpu *target)
{
	uintptr_t gicd = hv.config->platform.arm64.gicd_base;

	mmio_write(gicd + GICD_IROUTER + irq * 8, 8,
		   target->arch.mpidr & MPIDR_AFF_MASK);
}

/*
 * Under dist_lock: no emulated access interleaves with the change. route
 * sets the SPI's target the version's way.
 */
void vgic_dist_quiesce_spis(const struct gic_irq_owner *spis,
			    const struct per_cpu *target,
			    void (*route)(unsigned int irq,
					  const struct per_cpu *target))
{
	unsigned int irq;

	spin_lock(&dist_lock);
	for (irq = 32; irq < GIC_MAX_IRQS; irq++) {
		if (!bitmap_test(spis->bitmap, irq))
			continue;
		quiesce_spi(irq);
		if (target)
			route(irq, target);
	}
	spin_unlock(&dist_lock);
}

void gicv3_quiesce_spis(const struct gic_irq_owner *spis,
			const struct per_cpu *target)
{
	vgic_dist_quiesce_spis(spis, target, route_spi);
}

/*
 * The distributor delivers a virtual device's interrupt like a wired
 * one, to wherever the owning cell routed it: set-pending is all it takes
 * (GICv3 and GICv2 alike).
 */
void vgic_set_spi_pending(unsigned int irq)
{
	uintptr_t gicd = hv.config->platform.arm64.gicd_base;

	mmio_write(gicd + GICD_ISPENDR + (irq / 32) * 4, 4, 1U << (irq % 32));
}

/* Inmates find the interrupt controller through their comm region. */
void gicv3_fill_comm_region(struct bh_comm_region *comm)
{
	comm->gic_version = BH_GIC_V3;
	comm->gicd_base = hv.config->platform.arm64.gicd_base;
	comm->gicr_base = hv.config->platform.arm64.gicr_base;
}
