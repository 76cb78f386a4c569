// SPDX-License-Identifier: GPL-2.0
/*
 * Emulation of the GICv2 distributor for cells (IHI 0048B, 4.3), and the
 * stage-2 mapping of the virtual CPU interface in its stead of the CPU
 * interface. No cell maps the distributor: the per-interrupt registers
 * are masked by ownership as for GICv3 (vgic-dist.c), with the
 * hypervisor's SGI and PPIs protected in the banked first words; what is
 * GICv2's own is handled here: GICD_ITARGETSR (a cell's SPIs to its own
 * CPUs only) and GICD_SGIR (SGIs to its own CPUs only).
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/hypervisor.h>
#include <hv/io.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/irqchip.h>
#include <bulkhead/comm-region.h>
#include <bulkhead/cell-config.h>
#include "vgic.h"

#define GICD_ITARGETSR_END 0x0c00
/* ITARGETSR0-7: the banked, read-only targets of SGIs and PPIs. */
#define GICD_ITARGETSR_SPI (GICD_ITARGETSR + 32)
#define GICD_SPENDSGIR_END 0x0f30
#define GICD_ID_START	   0x0fd0

#define SGIR_FILTER(v)	   (((v) >> 24) & 3)
#define SGIR_TARGETS(v)	   (((v) >> 16) & 0xff)
#define SGIR_INTID(v)	   ((v)&0xf)
#define SGIR_FILTER_LIST   0
#define SGIR_FILTER_OTHERS 1
#define SGIR_FILTER_SELF   2

/* The target-list bits of the cell's CPUs. */
static u8 cell_cpu_masks(const struct cell *cell)
{
	unsigned int c;
	u8 mask = 0;

	for (c = 0; c < bh_hv_header.max_cpus; c++) {
		struct per_cpu *pc = per_cpu(c);

		if (cell_owns_cpu(cell, c) && pc->active)
			mask |= pc->arch.gic.cpu_mask;
	}
	return mask;
}

/*
 * GICD_ITARGETSR<n>: a byte per INTID. The cell's own SPIs may target
 * only its CPUs (a violation otherwise); other SPIs' bytes read as 0 and
 * ignore writes, as in every per-interrupt register; the banked bytes of
 * SGIs and PPIs are read-only (4.3.12).
 */
static enum mmio_result itargetsr_access(struct cell *cell, uintptr_t gicd,
					 struct mmio_access *acc, u64 off)
{
	u64 mask, forbidden;

	if (acc->size != 4 && acc->size != 1)
		return MMIO_UNHANDLED;
	if (off < GICD_ITARGETSR_SPI) {
		if (!acc->is_write)
			acc->value = mmio_read(gicd + off, acc->size);
		return MMIO_HANDLED;
	}
	mask = vgic_owned_mask(cell, off, GICD_ITARGETSR, 8, acc->size, 0);
	if (acc->is_write) {
		/* Every owned byte's bits outside the cell's CPUs. */
		forbidden = (u64)(u8)~cell_cpu_masks(cell) * 0x01010101ULL;
		if (acc->value & mask & forbidden) {
			pr_cell_warn(cell,
				     "cell %s: GICD_ITARGETSR+0x%llx = 0x%llx targets CPUs it does not own\n",
				     cell->name,
				     (unsigned long long)(off - GICD_ITARGETSR),
				     (unsigned long long)acc->value);
			return MMIO_FORBIDDEN;
		}
	}
	vgic_masked_access(gicd + off, acc, mask, false);
	return MMIO_HANDLED;
}

/* Does the cell's GICD_SGIR value name the CPU? */
static bool sgir_names(u32 val, const struct per_cpu *t,
		       const struct per_cpu *self)
{
	switch (SGIR_FILTER(val)) {
	case SGIR_FILTER_LIST:
		return SGIR_TARGETS(val) & t->arch.gic.cpu_mask;
	case SGIR_FILTER_OTHERS:
		/* "All but self" means all of the cell's other CPUs. */
		return t != self && t->cell == self->cell;
	default:
		return t == self;
	}
}

/*
 * A cell wrote GICD_SGIR: the SGI reaches the named CPUs that are its
 * own; one naming another CPU (or none that exists), the hypervisor's SGI
 * or the reserved filter is a violation. The forwarded SGI's source is
 * the writing CPU, as it would be on the hardware.
 */
static enum mmio_result sgir_write(struct cell *cell, u32 val)
{
	struct per_cpu *self = this_cpu();
	bool bad = SGIR_INTID(val) == GIC_SGI_MGMT || SGIR_FILTER(val) == 3;
	unsigned int c;
	u8 named = 0;

	cpu_stat_inc(self, BH_STAT_EXITS_SGI);
	for (c = 0; c < bh_hv_header.max_cpus && !bad; c++) {
		struct per_cpu *t = per_cpu(c);

		if (!t->active || !sgir_names(val, t, self))
			continue;
		named |= t->arch.gic.cpu_mask;
		if (t->cell != cell) {
			bad = true;
			continue;
		}
		/* A CPU that is off takes no SGI (see gic_handle_sgi_write). */
		if (t->arch.psci_state != CPU_STATE_OFF)
			gicv2_send_sgi(t, SGIR_INTID(val));
	}
	if (SGIR_FILTER(val) == SGIR_FILTER_LIST &&
	    (SGIR_TARGETS(val) & ~named))
		bad = true;
	if (!bad)
		return MMIO_HANDLED;
	pr_cell_warn(cell,
		     "cell %s: SGI 0x%x to CPUs it does not own, CPU %u\n",
		     cell->name, val, self->cpu_id);
	/* Linux never does this on purpose: keep it running. */
	return cell == &root_cell ? MMIO_HANDLED : MMIO_FORBIDDEN;
}

static enum mmio_result gicd_access(void *arg, struct mmio_access *acc, u64 off)
{
	uintptr_t gicd = hv.config->platform.arm64.gicd_base;
	struct cell *cell = arg;
	bool set_clear;
	u64 base;

	if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR_END)
		return itargetsr_access(cell, gicd, acc, off);
	if (vgic_irq_reg_bits(off, &base, &set_clear))
		return vgic_dist_irq_access(cell, gicd, acc, off,
					    gic_hyp_banked_irqs());
	if (off == GICD_SGIR && acc->is_write && acc->size == 4)
		return sgir_write(cell, acc->value);
	/*
	 * NSACR (Secure only), SGIR reads, and the SGI pending registers
	 * GICD_CPENDSGIR/SPENDSGIR, through which a CPU could clear the
	 * hypervisor's SGI: RAZ/WI, as reserved space.
	 */
	return vgic_dist_plain_access(gicd, acc, off, GICD_ID_START);
}

int gicv2_init(void)
{
	const struct bh_platform *p = &hv.config->platform;
	int err;

	err = arch_map_device(pa_init(p->arm64.gicd_base), GICV2_DIST_SIZE);
	if (!err)
		err = arch_map_device(pa_init(p->arm64.gicc_base),
				      GICV2_CPU_SIZE);
	if (!err)
		err = arch_map_device(pa_init(p->arm64.gich_base),
				      GICV2_HYP_SIZE);
	return err;
}

/*
 * The cell sees the virtual CPU interface where the CPU interface is
 * (IHI 0048B, 5.1: GICV has GICC's layout), the root cell included: it
 * keeps driving "its" GICC, now the virtual one. The real GICC and GICH
 * are mapped in no cell (the validator keeps configs off them).
 */
int gicv2_cell_init(struct cell *cell)
{
	const struct bh_platform *p = &hv.config->platform;
	const struct bh_memory gicv = {
		.phys_start = p->arm64.gicv_base,
		.virt_start = p->arm64.gicc_base,
		.size = GICV2_CPU_SIZE,
		.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
	};
	int err;

	err = irqchip_mmio_register(cell, ipa_init(p->arm64.gicd_base),
				    GICV2_DIST_SIZE, gicd_access);
	if (err)
		return err;
	return arch_map_memory_region(cell, &gicv);
}

static void route_spi(unsigned int irq, const struct per_cpu *target)
{
	mmio_write8(hv.config->platform.arm64.gicd_base + GICD_ITARGETSR + irq,
		    target->arch.gic.cpu_mask);
}

void gicv2_quiesce_spis(const struct gic_irq_owner *spis,
			const struct per_cpu *target)
{
	vgic_dist_quiesce_spis(spis, target, route_spi);
}

void gicv2_fill_comm_region(struct bh_comm_region *comm)
{
	comm->gic_version = BH_GIC_V2;
	comm->gicd_base = hv.config->platform.arm64.gicd_base;
	comm->gicc_base = hv.config->platform.arm64.gicc_base;
}
