/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interrupt controller the hypervisor virtualises, behind one
 * interface: GICv3 implements it (gic-v3.c, vgic-dist.c, vgic-redist.c),
 * and GICv2 (gic-v2.c, vgic-v2-dist.c, sharing vgic-dist.c's masking). irqchip.c picks the implementation at start-up
 * from platform.arm64.gic_version, keeps which SPIs each cell owns, takes
 * part in the cells' lives as a unit (hv/unit.h), and is the only caller
 * of the implementation; the rest of the arch code calls irqchip_*().
 */
#ifndef _ASM_IRQCHIP_H
#define _ASM_IRQCHIP_H

#include <hv/mmio.h>
#include <hv/types.h>
#include <asm/gic.h>

struct per_cpu;
struct cell;
struct bh_comm_region;

struct irqchip {
	const char *name;
	unsigned int gic_version; /* BH_GIC_V* it drives */
	/* Maps the controller's registers and checks what it can do. */
	int (*init)(void);
	/* Takes over the calling CPU's interface / gives it back to Linux. */
	int (*cpu_init)(struct per_cpu *cpu);
	void (*cpu_exit)(struct per_cpu *cpu);
	/*
	 * The CPU starts afresh, in its current cell or a new one, with a
	 * fresh virtual CPU interface: the cell sets it up (Linux does).
	 */
	void (*cpu_reset)(struct per_cpu *cpu);
	/* Registers the cell's emulated registers (irqchip_mmio_register). */
	int (*cell_init)(struct cell *cell);
	/* A physical interrupt was taken at EL2 on the calling CPU. */
	void (*handle_irq)(struct per_cpu *cpu);
	/* Interrupts a CPU for the hypervisor (park request; halt: panic). */
	void (*send_mgmt_sgi)(unsigned int cpu, bool halt);
	/*
	 * The SPIs set in spis (already locked against a cell's emulated
	 * accesses by the implementation): disabled, neither pending nor
	 * active, and, if target is not NULL, routed to that CPU.
	 */
	void (*quiesce_spis)(const struct gic_irq_owner *spis,
			     const struct per_cpu *target);
	/* Makes an SPI pending, as a wired device would. */
	void (*set_spi_pending)(unsigned int irq);
	/* The controller's addresses, for inmates. */
	void (*fill_comm_region)(struct bh_comm_region *comm);
};

extern const struct irqchip gicv3_irqchip;
extern const struct irqchip gicv2_irqchip;

/* Called by the arch code, for the implementation chosen at start-up. */
__must_check int irqchip_cpu_init(struct per_cpu *cpu);
void irqchip_cpu_exit(struct per_cpu *cpu);
void irqchip_cpu_reset(struct per_cpu *cpu);
void irqchip_handle_irq(struct per_cpu *cpu);
void irqchip_send_mgmt_sgi(unsigned int cpu, bool halt);

/* For implementations: an MMIO region of the cell, released at its exit. */
__must_check int irqchip_mmio_register(struct cell *cell, ipaddr_t base,
				       u64 size, mmio_handler_t handler);

#endif
