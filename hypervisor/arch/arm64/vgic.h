/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the distributor and redistributor emulations (GICv3 and GICv2)
 * share: the ownership masks of per-interrupt registers (register access:
 * hv/io.h).
 */
#ifndef _ARM64_VGIC_H
#define _ARM64_VGIC_H

#include <hv/mmio.h>
#include <hv/types.h>

struct cell;
struct per_cpu;
struct gic_irq_owner;

/*
 * The bits of an access to a register with `bits` bits per interrupt
 * (INTID 0 at reg_base) that belong to interrupts the cell may touch;
 * `protect` lists INTIDs below 32 no cell may change.
 */
u64 vgic_owned_mask(const struct cell *cell, u64 off, u64 reg_base,
		    unsigned int bits, unsigned int size, u64 protect);
/* Reads masked; writes: set/clear registers write through, others merge. */
void vgic_masked_access(uintptr_t addr, struct mmio_access *acc, u64 mask,
			bool set_clear);
/* Bits per interrupt of the per-interrupt register at `off`, 0 if none. */
unsigned int vgic_irq_reg_bits(u64 off, u64 *base, bool *set_clear);
bool vgic_is_group_reg(u64 base);

/* A per-interrupt register of the distributor; protect as above. */
enum mmio_result vgic_dist_irq_access(struct cell *cell, uintptr_t gicd,
				      struct mmio_access *acc, u64 off,
				      u64 protect);
/* The SPIs quiesced (and routed with route() to target, if not NULL). */
void vgic_dist_quiesce_spis(const struct gic_irq_owner *spis,
			    const struct per_cpu *target,
			    void (*route)(unsigned int irq,
					  const struct per_cpu *target));

enum mmio_result vgic_gicr_access(void *arg, struct mmio_access *acc, u64 off);

/*
 * The rest of a distributor: CTLR, TYPER, IIDR (below 0x10) and the ID
 * registers (from id_start) read-only, everything else RAZ/WI; 32-bit
 * accesses only.
 */
enum mmio_result vgic_dist_plain_access(uintptr_t gicd, struct mmio_access *acc,
					u64 off, u64 id_start);

#endif
