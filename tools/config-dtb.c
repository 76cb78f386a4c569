// SPDX-License-Identifier: GPL-2.0
/*
 * `config check --dtb`: what the device tree Linux boots with says the
 * root kernel will use, held against each cell config, offline. The same
 * rules the driver applies on the target before a cell create
 * (driver/root-use.c): a cell's RAM must not be RAM Linux uses (a memory
 * node not covered by a no-map reserved region), its devices must not be
 * enabled nodes (Linux would drive them), its interrupts not those of an
 * enabled node.
 */
#include <stdarg.h>
#include <stdio.h>

#include <bulkhead/cell-config.h>

#include "config-dtb.h"

struct dtb_report {
	dtb_report_fn *fn;
	void *arg;
};

static void __attribute__((format(printf, 2, 3)))
finding(const struct dtb_report *r, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->fn(r->arg, msg);
}

static bool overlap(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
	return asize && bsize && a <= b + (bsize - 1) && b <= a + (asize - 1);
}

/* Is all of [start, start + size) inside no-map reserved memory? */
static bool reserved_no_map(const struct fdt_platform *p, uint64_t start,
			    uint64_t size)
{
	unsigned int i;

	for (i = 0; i < p->num_reserved; i++) {
		const struct fdt_range *r = &p->reserved[i];

		if (r->no_map && start >= r->start &&
		    start - r->start <= r->size && size <= r->size &&
		    start - r->start <= r->size - size)
			return true;
	}
	return false;
}

static unsigned int check_ram(const struct fdt_platform *p,
			      const struct dtb_report *rep,
			      const struct bh_memory *m, unsigned int i)
{
	unsigned int r;

	for (r = 0; r < p->num_ram; r++) {
		if (!overlap(m->phys_start, m->size, p->ram[r].start,
			     p->ram[r].size) ||
		    reserved_no_map(p, m->phys_start, m->size))
			continue;
		finding(rep,
			"mem_regions[%u] [0x%llx-0x%llx] is RAM Linux uses (device tree %s, not reserved no-map): reserve it under /reserved-memory with no-map",
			i, (unsigned long long)m->phys_start,
			(unsigned long long)(m->phys_start + m->size - 1),
			p->ram[r].name);
		return 1;
	}
	return 0;
}

static unsigned int check_device(const struct fdt_platform *p,
				 const struct dtb_report *rep,
				 const struct bh_memory *m, unsigned int i)
{
	unsigned int d, errors = 0;

	for (d = 0; d < p->num_devices; d++) {
		const struct fdt_device *dev = &p->devices[d];

		if (dev->disabled || dev->what ||
		    !overlap(m->phys_start, m->size, dev->start, dev->size))
			continue;
		finding(rep,
			"mem_regions[%u] [0x%llx-0x%llx] is MMIO of device tree node %s (%s), which is enabled: Linux will drive it; set status = \"disabled\" there, or unbind its driver before the cell is created",
			i, (unsigned long long)m->phys_start,
			(unsigned long long)(m->phys_start + m->size - 1),
			dev->name, dev->compatible);
		errors++;
	}
	return errors;
}

static unsigned int check_irq(const struct fdt_platform *p,
			      const struct dtb_report *rep, unsigned int chip,
			      unsigned int intid)
{
	unsigned int d, k, errors = 0;

	for (d = 0; d < p->num_devices; d++) {
		const struct fdt_device *dev = &p->devices[d];

		if (dev->disabled)
			continue;
		for (k = 0; k < dev->num_spis; k++) {
			if (dev->spis[k] != intid)
				continue;
			finding(rep,
				"irqchips[%u] INTID %u is the interrupt of device tree node %s, which is enabled: Linux will handle it; disable the node, or unbind its driver before the cell is created",
				chip, intid, dev->name);
			errors++;
		}
	}
	return errors;
}

unsigned int check_cell_against_dtb(const struct fdt_platform *p,
				    const struct bh_cell_desc *desc,
				    dtb_report_fn *fn, void *arg)
{
	const struct dtb_report rep = { .fn = fn, .arg = arg };
	const void *arrays = bh_cell_arrays(desc);
	const struct bh_memory *mem = bh_cell_mem_regions(desc, arrays);
	const struct bh_irqchip *chip = bh_cell_irqchips(desc, arrays);
	unsigned int i, pin, errors = 0;

	for (i = 0; i < desc->num_memory_regions; i++, mem++) {
		if (mem->flags & BH_MEM_COMM_REGION)
			continue;
		if (mem->flags & BH_MEM_IO)
			errors += check_device(p, &rep, mem, i);
		else
			errors += check_ram(p, &rep, mem, i);
	}
	for (i = 0; i < desc->num_irqchips; i++, chip++)
		for (pin = 0; pin < BH_IRQCHIP_PINS; pin++)
			if (bh_irqchip_pin_is_set(chip, pin) &&
			    chip->pin_base + pin >= 32)
				errors += check_irq(p, &rep, i,
						    chip->pin_base + pin);
	return errors;
}
