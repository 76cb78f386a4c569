// SPDX-License-Identifier: GPL-2.0
/*
 * What the running root kernel still uses may not go to a cell: memory it
 * counts as System RAM, MMIO a Linux driver holds, interrupts with a Linux
 * handler. Checked at cell create, before anything changes; every finding
 * names the resource, its user and the fix (messages.c shows them to the
 * user). Without this a cell's RAM inside Linux's is scrubbed at destroy
 * under the kernel's feet, and a device or an interrupt would be driven by
 * both sides.
 */
#include <linux/amba/bus.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/of.h>
#include <linux/platform_device.h>

#include <bulkhead/cell-config.h>
#include <bhlib/config-check.h>

#include "main.h"

/* A device with a driver whose MMIO overlaps [start, last]. */
struct claim {
	u64 start, last;
	bool found;
	char dev[64], drv[64], owner[64];
};

/* Under the device lock: its driver cannot go while the names are copied. */
static int note_claim(struct claim *c, struct device *dev)
{
	device_lock(dev);
	if (dev->driver) {
		strscpy(c->dev, dev_name(dev), sizeof(c->dev));
		strscpy(c->drv, dev->driver->name, sizeof(c->drv));
		c->found = true;
	}
	device_unlock(dev);
	return c->found;
}

static bool overlaps(const struct claim *c, const struct resource *r)
{
	return resource_type(r) == IORESOURCE_MEM && r->start <= c->last &&
	       r->end >= c->start;
}

static int match_amba(struct device *dev, void *data)
{
	struct claim *c = data;

	if (!overlaps(c, &to_amba_device(dev)->res))
		return 0;
	return note_claim(c, dev);
}

static int match_platform(struct device *dev, void *data)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct claim *c = data;
	unsigned int i;

	for (i = 0; i < pdev->num_resources; i++)
		if (overlaps(c, &pdev->resource[i]))
			return note_claim(c, dev);
	return 0;
}

/*
 * Any other driver's claim (a PCI device's BAR, ...): a busy resource of
 * /proc/iomem that is not RAM.
 */
static int busy_claim(struct resource *res, void *data)
{
	struct claim *c = data;

	if (res->flags & IORESOURCE_SYSTEM_RAM)
		return 0;
	strscpy(c->owner, res->name ? res->name : "?", sizeof(c->owner));
	return 1;
}

static bool ram_in_use(const struct bh_memory *m, unsigned int i)
{
	u64 last = m->phys_start + m->size - 1;

	if (region_intersects(m->phys_start, m->size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) == REGION_DISJOINT)
		return false;
	bh_err("cell config: mem_regions[%u] [0x%llx-0x%llx] is System RAM of the running kernel: reserve it in the device tree (/reserved-memory, no-map) and boot with that tree",
	       i, m->phys_start, last);
	return true;
}

static bool mmio_in_use(const struct bh_memory *m, unsigned int i)
{
	struct claim c = {
		.start = m->phys_start,
		.last = m->phys_start + m->size - 1,
	};
	const char *bus;

	bus_for_each_dev(&amba_bustype, NULL, &c, match_amba);
	bus = "amba";
	if (!c.found) {
		bus_for_each_dev(&platform_bus_type, NULL, &c, match_platform);
		bus = "platform";
	}
	if (c.found) {
		bh_err("cell config: mem_regions[%u] [0x%llx-0x%llx] is MMIO of device %s, which Linux driver %s holds: unbind it (echo %s > /sys/bus/%s/drivers/%s/unbind) or disable its device tree node",
		       i, c.start, c.last, c.dev, c.drv, c.dev, bus, c.drv);
		return true;
	}
	if (walk_iomem_res_desc(IORES_DESC_NONE,
				IORESOURCE_MEM | IORESOURCE_BUSY, c.start,
				c.last, &c, busy_claim) <= 0)
		return false;
	bh_err("cell config: mem_regions[%u] [0x%llx-0x%llx] is claimed by '%s' in /proc/iomem: unbind the driver that holds it first",
	       i, c.start, c.last, c.owner);
	return true;
}

/* The GICs Bulkhead drives: GICv3, and the GICv2 bindings of GIC-400. */
static const struct of_device_id gic_ids[] = {
	{ .compatible = "arm,gic-v3" },
	{ .compatible = "arm,gic-400" },
	{ .compatible = "arm,cortex-a15-gic" },
	{ .compatible = "arm,cortex-a7-gic" },
	{ .compatible = "qcom,msm-qgic2" },
	{}
};

struct device_node *bh_gic_node(void)
{
	return of_find_matching_node(NULL, gic_ids);
}

/* The irq domain of the GIC whose INTIDs the configs name. */
static struct irq_domain *gic_domain(void)
{
	struct irq_fwspec fwspec = {};
	struct irq_domain *d;
	struct device_node *np;

	np = bh_gic_node();
	if (!np)
		return NULL;
	fwspec.fwnode = of_node_to_fwnode(np);
	d = irq_find_matching_fwspec(&fwspec, DOMAIN_BUS_WIRED);
	if (!d)
		d = irq_find_matching_fwspec(&fwspec, DOMAIN_BUS_ANY);
	of_node_put(np);
	return d;
}

static bool irq_in_use(struct irq_domain *dom, unsigned int chip,
		       unsigned int intid)
{
	unsigned int virq = irq_find_mapping(dom, intid);
	struct irq_data *d;
	const char *name = NULL;
	char buf[64];

	if (!virq || !irq_has_action(virq))
		return false;
	d = irq_get_irq_data(virq);
	if (d) {
		struct irq_desc *desc =
			container_of(d, struct irq_desc, irq_data);
		unsigned long flags;

		/* The name of its first handler, which free_irq may free. */
		raw_spin_lock_irqsave(&desc->lock, flags);
		if (desc->action && desc->action->name) {
			strscpy(buf, desc->action->name, sizeof(buf));
			name = buf;
		}
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	}
	bh_err("cell config: irqchips[%u] INTID %u is Linux IRQ %u, which %s%s%s uses: unbind its driver or disable its device tree node first (/proc/interrupts shows it)",
	       chip, intid, virq, name ? "'" : "",
	       name ? name :
		      "a chained handler (an interrupt controller's driver, e.g. GPIO)",
	       name ? "'" : "");
	return true;
}

int bh_check_root_use(const struct bh_cell_desc *desc)
{
	const void *arrays = bh_cell_arrays(desc);
	const struct bh_memory *mem = bh_cell_mem_regions(desc, arrays);
	const struct bh_irqchip *chip = bh_cell_irqchips(desc, arrays);
	struct irq_domain *dom = gic_domain();
	unsigned int i, pin;
	bool busy = false;

	for (i = 0; i < desc->num_memory_regions; i++, mem++) {
		if (mem->flags & BH_MEM_COMM_REGION)
			continue;
		if (mem->flags & BH_MEM_IO)
			busy |= mmio_in_use(mem, i);
		else
			busy |= ram_in_use(mem, i);
	}
	for (i = 0; dom && i < desc->num_irqchips; i++, chip++)
		for (pin = 0; pin < BH_IRQCHIP_PINS; pin++)
			if (bh_irqchip_pin_is_set(chip, pin) &&
			    chip->pin_base + pin >= 32)
				busy |= irq_in_use(dom, i,
						   chip->pin_base + pin);
	return busy ? -EBUSY : 0;
}
