// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt controller as a unit of the hypervisor (asm/irqchip.h):
 * chooses the implementation for the platform's GIC, keeps each cell's
 * share of the SPIs and moves them between cells, and forwards the rest
 * of the arch code's calls to the implementation.
 */
#include <hv/bitmap.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/unit.h>
#include <asm/irqchip.h>

static const struct irqchip *const chips[] = { &gicv3_irqchip, &gicv2_irqchip };
static const struct irqchip *chip;
static const struct unit irqchip_unit;

static int irqchip_unit_init(void)
{
	unsigned int version = hv.config->platform.arm64.gic_version;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(chips); i++)
		if (chips[i]->gic_version == version)
			chip = chips[i];
	if (!chip) {
		pr_err("GIC version %u: not supported\n", version);
		return -ENODEV;
	}
	return chip->init();
}

int irqchip_cpu_init(struct per_cpu *cpu)
{
	return chip->cpu_init(cpu);
}

void irqchip_cpu_exit(struct per_cpu *cpu)
{
	chip->cpu_exit(cpu);
}

void irqchip_cpu_reset(struct per_cpu *cpu)
{
	chip->cpu_reset(cpu);
}

void irqchip_handle_irq(struct per_cpu *cpu)
{
	chip->handle_irq(cpu);
}

void irqchip_send_mgmt_sgi(unsigned int cpu, bool halt)
{
	chip->send_mgmt_sgi(cpu, halt);
}

int irqchip_mmio_register(struct cell *cell, ipaddr_t base, u64 size,
			  mmio_handler_t handler)
{
	return mmio_region_register(cell, &irqchip_unit, base, size, handler,
				    cell);
}

bool gic_cell_owns_irq(const struct cell *cell, unsigned int irq)
{
	if (irq < 32)
		return true; /* SGIs and PPIs are banked per CPU */
	if (irq >= GIC_MAX_IRQS)
		return false;
	return bitmap_test(cell->arch.irqs.bitmap, irq);
}

/* What the cell's config gives it; the root cell's from the start. */
static int irqchip_cell_init(struct cell *cell)
{
	const struct bh_irqchip *c = bh_cell_irqchips(cell->desc, cell->arrays);
	unsigned int i, pin;

	for (i = 0; i < cell->desc->num_irqchips; i++, c++)
		for (pin = 0; pin < BH_IRQCHIP_PINS; pin++)
			if (bh_irqchip_pin_is_set(c, pin))
				bitmap_set(cell->arch.irqs.bitmap,
					   c->pin_base + pin);
	return chip->cell_init(cell);
}

static const struct per_cpu *first_cpu_of(const struct cell *cell)
{
	unsigned int c;

	for_each_cell_cpu(cell, c)
		if (per_cpu(c))
			return per_cpu(c);
	return NULL;
}

/*
 * The SPIs in spis change hands: quiet first (an SPI left active would
 * never reach its next owner, GICv3 spec 4.1.2), routed to the new
 * owner's first CPU.
 */
static void move_spis(const struct gic_irq_owner *spis, struct cell *from,
		      struct cell *to)
{
	unsigned int irq;

	chip->quiesce_spis(spis, first_cpu_of(to));
	for (irq = 32; irq < GIC_MAX_IRQS; irq++)
		if (bitmap_test(spis->bitmap, irq)) {
			bitmap_clear(from->arch.irqs.bitmap, irq);
			bitmap_set(to->arch.irqs.bitmap, irq);
		}
}

/* Nothing fails any more: the SPIs leave the root cell. */
static void irqchip_cell_commit(struct cell *cell)
{
	struct gic_irq_owner spis = cell->arch.irqs;

	move_spis(&spis, &root_cell, cell);
	cell->arch.irqs_taken = true;
}

/* The root cell gets them back disabled; Linux enables what it uses. */
static void irqchip_cell_exit(struct cell *cell)
{
	struct gic_irq_owner spis = cell->arch.irqs;

	if (cell->arch.irqs_taken)
		move_spis(&spis, cell, &root_cell);
	cell->arch.irqs_taken = false;
	mmio_region_release(cell, &irqchip_unit);
}

/*
 * A stopped cell's devices must not keep interrupting the CPU parked for
 * it (a pending interrupt ends every wfi): its SPIs are disabled. A cell
 * that starts again enables what it uses.
 */
static void irqchip_cell_stopped(struct cell *cell)
{
	chip->quiesce_spis(&cell->arch.irqs, NULL);
}

/* The interrupt of a virtual device (ivshmem). */
void arch_trigger_irq(unsigned int irq)
{
	/* Memory the interrupt announces is written before it fires. */
	asm volatile("dsb ishst" : : : "memory");
	chip->set_spi_pending(irq);
}

void arch_fill_comm_region(struct cell *cell, struct bh_comm_region *comm)
{
	chip->fill_comm_region(comm);
}

/* First: the other units' devices raise interrupts through it. */
DEFINE_UNIT(irqchip_unit, 1) = {
	.name = "interrupt controller",
	.init = irqchip_unit_init,
	.cell_init = irqchip_cell_init,
	.cell_commit = irqchip_cell_commit,
	.cell_exit = irqchip_cell_exit,
	.cell_stopped = irqchip_cell_stopped,
};
