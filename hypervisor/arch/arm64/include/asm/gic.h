/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GICv3 virtualisation: physical interrupts are taken at EL2 and injected
 * into the owning cell through the list registers; the distributor is
 * emulated with per-interrupt ownership checks; SGIs a cell sends are
 * trapped and only reach the cell's own CPUs.
 */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <hv/types.h>
#include <hv/bitmap.h>
#include <hv/mmio.h>

struct per_cpu;
struct cell;
struct trap_context;

#define GIC_MAX_IRQS	  1020
#define GIC_SGI_MGMT	  15 /* reserved for the hypervisor */
/* INTIDs 1020-1023 are special: nothing to acknowledge (GICv3 2.2.1). */
#define GIC_SPECIAL_FIRST 1020
#define GIC_SPECIAL_LAST  1023
#define GIC_LPI_FIRST	  8192

#define GICD_SIZE	0x10000
#define GICR_FRAME_SIZE 0x20000 /* RD_base + SGI_base */
#define GICR_SGI_BASE	0x10000

/* Distributor and redistributor registers (GICv3 spec, 12.9 / 12.11) */
#define GICD_CTLR	 0x0000
#define GICD_TYPER	 0x0004
#define GICD_IGROUPR	 0x0080
#define GICD_ISENABLER	 0x0100
#define GICD_ICENABLER	 0x0180
#define GICD_ISPENDR	 0x0200
#define GICD_ICPENDR	 0x0280
#define GICD_ISACTIVER	 0x0300
#define GICD_ICACTIVER	 0x0380
#define GICD_IPRIORITYR	 0x0400
#define GICD_ITARGETSR	 0x0800
#define GICD_ICFGR	 0x0c00
#define GICD_IGRPMODR	 0x0d00
#define GICD_NSACR	 0x0e00
#define GICD_SGIR	 0x0f00
#define GICD_CPENDSGIR	 0x0f10 /* GICv2: byte per SGI, bit per source */
#define GICD_SPENDSGIR	 0x0f20
#define GICD_IROUTER	 0x6000
#define GICD_IROUTER_END 0x7fe0
#define GICD_PIDR2	 0xffe8

#define GICR_CTLR	      0x0000
#define GICR_CTLR_ENABLE_LPIS (1U << 0)
#define GICR_TYPER	      0x0008
#define GICR_TYPER_PLPIS      (1UL << 0)
#define GICR_TYPER_VLPIS      (1UL << 1)
#define GICR_PROPBASER	      0x0070
#define GICR_PENDBASER	      0x0078
#define GICR_TYPER_LAST	      (1UL << 4)

/* PPIs: INTIDs 16-31 of a redistributor's banked registers. */
#define GIC_PPI_MASK 0xffff0000U

/* A cell's share of the interrupt lines: bit n = INTID n. */
struct gic_irq_owner {
	u64 bitmap[BITMAP_WORDS(GIC_MAX_IRQS)];
};

struct bh_comm_region;

/* The GICv3 implementation of struct irqchip (asm/irqchip.h). */
__must_check int gicv3_init(void);		     /* vgic-dist.c */
__must_check int gicv3_cell_init(struct cell *cell); /* vgic-dist.c */
void gicv3_quiesce_spis(const struct gic_irq_owner *spis,
			const struct per_cpu *target); /* vgic-dist.c */
/* Makes an SPI pending, any GIC version (vgic-dist.c). */
void vgic_set_spi_pending(unsigned int irq);
void gicv3_fill_comm_region(struct bh_comm_region *comm);
__must_check int gic_cpu_init(struct per_cpu *cpu);
void gic_cpu_exit(struct per_cpu *cpu);
/* Returns what a CPU's cell had not taken yet to the physical GIC. */
void gic_cpu_reset(struct per_cpu *cpu);
void gic_handle_irq(struct per_cpu *cpu);
void gic_send_mgmt_sgi(unsigned int cpu, bool halt);

/* The GICv2 implementation (gic-v2.c, vgic-v2-dist.c). */
#define GICV2_CPU_SIZE	0x2000 /* GICC and GICV: DIR at 0x1000 */
#define GICV2_HYP_SIZE	0x1000 /* GICH, this CPU's view */
#define GICV2_DIST_SIZE 0x1000
int gicv2_init(void);			/* vgic-v2-dist.c */
int gicv2_cell_init(struct cell *cell); /* vgic-v2-dist.c */
void gicv2_quiesce_spis(const struct gic_irq_owner *spis,
			const struct per_cpu *target); /* vgic-v2-dist.c */
void gicv2_fill_comm_region(struct bh_comm_region *comm);
/* Sends an SGI to a CPU through GICD_SGIR (gic-v2.c). */
void gicv2_send_sgi(const struct per_cpu *target, u32 intid);

/* A trapped ICC_SGI1R_EL1 write (GICv3 system-register interface only). */
__must_check int gic_handle_sgi_write(struct per_cpu *cpu, u64 val);

/* Whether the cell owns the interrupt (irqchip.c, any GIC version). */
bool gic_cell_owns_irq(const struct cell *cell, unsigned int irq);
/*
 * The banked interrupts that are the hypervisor's, bit n = INTID n: the
 * management SGI, the maintenance PPI and the EL2 timer's PPI. No cell
 * may disable, clear or reconfigure them.
 */
u32 gic_hyp_banked_irqs(void);

/* The GIC ITS (gic-its.c), for the root cell's redistributors. */
bool its_present(void);
bool its_rd_tables_ok(u64 propbaser, u64 pendbaser);
int its_may_disable(void);

#endif
