// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's end of Bulkhead's virtual PCI bus. While the hypervisor
 * runs, the module puts a host bridge over the emulated ECAM window of
 * bus 0 (no device-tree node describes it, and Debian's kernel cannot take
 * overlays), so that Linux finds the root cell's ivshmem devices. The
 * hypervisor fixes the BARs: they are claimed as found, never assigned.
 */
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/of.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <dt-bindings/interrupt-controller/arm-gic.h>

#include <bulkhead/cell-config.h>
#include <bulkhead/ivshmem.h>

#include "main.h"

struct bh_vpci_irq {
	u16 bdf;
	unsigned int virq;
	bool created; /* the mapping is ours to dispose of */
};

struct bh_vpci {
	struct platform_device *pdev; /* parent of the host bridge */
	struct pci_host_bridge *bridge;
	struct resource *ecam_region;
	void __iomem *ecam;
	u32 ecam_size;
	struct resource busn;
	struct resource mem;
	bool mem_requested;
	unsigned int num_irqs;
	struct bh_vpci_irq irqs[BH_PCI_MAX_DEVICES];
};

/* Under bh.lock. */
static struct bh_vpci *vpci;

static void __iomem *bh_vpci_map_bus(struct pci_bus *bus, unsigned int devfn,
				     int where)
{
	struct bh_vpci *v = bus->sysdata;
	u32 off = (devfn << 12) | (where & 0xfff);

	if (bus->number != 0 || off >= v->ecam_size)
		return NULL;
	return v->ecam + off;
}

static struct pci_ops bh_vpci_ops = {
	.map_bus = bh_vpci_map_bus,
	.read = pci_generic_config_read,
	.write = pci_generic_config_write,
};

/* INTx of a device is the SPI its config entry names, whatever the pin. */
static int bh_vpci_map_irq(const struct pci_dev *dev, u8 slot, u8 pin)
{
	struct bh_vpci *v = dev->bus->sysdata;
	unsigned int i;

	for (i = 0; i < v->num_irqs; i++)
		if (v->irqs[i].bdf == PCI_DEVID(dev->bus->number, dev->devfn))
			return v->irqs[i].virq ? v->irqs[i].virq : -1;
	return -1;
}

/* A Linux interrupt for SPI intid, edge-triggered, from the GIC's domain. */
static unsigned int map_spi(u32 intid, bool *created)
{
	struct irq_fwspec fwspec = {};
	struct irq_domain *domain;
	struct device_node *gic;
	unsigned int virq;

	gic = bh_gic_node();
	if (!gic) {
		pr_err("bulkhead: vpci: no GIC node in the device tree\n");
		return 0;
	}
	fwspec.fwnode = of_node_to_fwnode(gic);
	fwspec.param_count = 3;
	fwspec.param[0] = GIC_SPI;
	fwspec.param[1] = intid - 32;
	fwspec.param[2] = IRQ_TYPE_EDGE_RISING;

	/* The lookup irq_create_fwspec_mapping does, to know if it is new. */
	domain = irq_find_matching_fwspec(&fwspec, DOMAIN_BUS_WIRED);
	if (!domain)
		domain = irq_find_matching_fwspec(&fwspec, DOMAIN_BUS_ANY);
	*created = !domain || !irq_find_mapping(domain, intid);
	virq = irq_create_fwspec_mapping(&fwspec);
	if (!virq) {
		pr_err("bulkhead: vpci: cannot map INTID %u\n", intid);
		*created = false;
	}
	of_node_put(gic);
	return virq;
}

static void dispose_irqs(struct bh_vpci *v)
{
	unsigned int i;

	for (i = 0; i < v->num_irqs; i++)
		if (v->irqs[i].created)
			irq_dispose_mapping(v->irqs[i].virq);
	v->num_irqs = 0;
}

static int map_irqs(struct bh_vpci *v, const struct bh_pci_device *devs,
		    unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n && i < BH_PCI_MAX_DEVICES; i++) {
		struct bh_vpci_irq *irq = &v->irqs[v->num_irqs];

		if (devs[i].irq < 32)
			continue;
		irq->bdf = devs[i].bdf;
		irq->virq = map_spi(devs[i].irq, &irq->created);
		if (!irq->virq)
			return -EINVAL;
		v->num_irqs++;
	}
	return 0;
}

static void free_vpci(struct bh_vpci *v)
{
	dispose_irqs(v);
	if (v->ecam)
		iounmap(v->ecam);
	if (v->ecam_region)
		release_mem_region(v->ecam_region->start, v->ecam_size);
	if (v->mem_requested)
		release_resource(&v->mem);
	if (v->pdev)
		platform_device_unregister(v->pdev);
	kfree(v);
}

static int claim_windows(struct bh_vpci *v, const struct bh_platform *plat)
{
	int err;

	v->ecam_size = plat->pci_mmconfig_size ?
			       min_t(u32, plat->pci_mmconfig_size,
				     BH_PCI_ECAM_BUS_SIZE) :
			       BH_PCI_ECAM_BUS_SIZE;
	v->ecam_region = request_mem_region(plat->pci_mmconfig_base,
					    v->ecam_size, "bulkhead vPCI ECAM");
	if (!v->ecam_region) {
		pr_err("bulkhead: vpci: ECAM window at 0x%llx is in use\n",
		       plat->pci_mmconfig_base);
		return -EBUSY;
	}
	v->ecam = ioremap(plat->pci_mmconfig_base, v->ecam_size);
	if (!v->ecam)
		return -ENOMEM;

	v->busn.name = "bulkhead vPCI bus";
	v->busn.start = 0;
	v->busn.end = 0;
	v->busn.flags = IORESOURCE_BUS;
	v->mem.name = "bulkhead vPCI";
	v->mem.start = plat->pci_mem_base;
	v->mem.end =
		plat->pci_mem_base + BH_PCI_MAX_DEVICES * BH_PCI_BAR_SIZE - 1;
	v->mem.flags = IORESOURCE_MEM;
	/* In iomem, so that the BARs show in /proc/iomem under it. */
	err = request_resource(&iomem_resource, &v->mem);
	if (err) {
		pr_err("bulkhead: vpci: BAR window %pR is in use\n", &v->mem);
		return err;
	}
	v->mem_requested = true;
	return 0;
}

static int add_parent(struct bh_vpci *v)
{
	int err;

	v->pdev = platform_device_alloc("bulkhead-vpci", PLATFORM_DEVID_NONE);
	if (!v->pdev)
		return -ENOMEM;
	v->pdev->dev.parent = bh_root_dev;
	err = platform_device_add(v->pdev);
	if (err) {
		platform_device_put(v->pdev);
		v->pdev = NULL;
	}
	return err;
}

/* Under bh.lock, after a successful enable. */
int bh_pci_create(void)
{
	const struct bh_system *sys = bh.config;
	const struct bh_cell_desc *root = &sys->root_cell;
	const struct bh_pci_device *devs;
	struct pci_host_bridge *bridge;
	struct bh_vpci *v;
	int err;

	if (vpci || !sys->platform.pci_mmconfig_base || !root->num_pci_devices)
		return 0;
	devs = bh_cell_pci_devices(root, bh_system_root_arrays(sys));

	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	err = claim_windows(v, &sys->platform);
	if (err)
		goto err_free;
	err = map_irqs(v, devs, root->num_pci_devices);
	if (err)
		goto err_free;
	err = add_parent(v);
	if (err)
		goto err_free;

	bridge = pci_alloc_host_bridge(0);
	if (!bridge) {
		err = -ENOMEM;
		goto err_free;
	}
	bridge->dev.parent = &v->pdev->dev;
	bridge->sysdata = v;
	bridge->busnr = 0;
	bridge->ops = &bh_vpci_ops;
	bridge->map_irq = bh_vpci_map_irq;
	bridge->swizzle_irq = pci_common_swizzle;
	/*
	 * domain_nr stays unset: the PCI core allocates a free domain (QEMU's
	 * own PCIe host has 0) and frees it when the bus goes.
	 */
	pci_add_resource(&bridge->windows, &v->busn);
	pci_add_resource(&bridge->windows, &v->mem);

	pci_lock_rescan_remove();
	err = pci_scan_root_bus_bridge(bridge);
	if (err) {
		pci_unlock_rescan_remove();
		pr_err("bulkhead: vpci: scanning the virtual bus failed (%d)\n",
		       err);
		pci_free_host_bridge(bridge);
		goto err_free;
	}
	v->bridge = bridge;
	/* BARs are where the hypervisor put them: claim, never assign. */
	pci_bus_claim_resources(bridge->bus);
	pci_bus_add_devices(bridge->bus);
	pci_unlock_rescan_remove();

	vpci = v;
	pr_info("bulkhead: virtual PCI bus %04x:00 with %u devices\n",
		pci_domain_nr(bridge->bus), root->num_pci_devices);
	return 0;

err_free:
	free_vpci(v);
	return err;
}

/* Under bh.lock, while the hypervisor still runs. */
void bh_pci_remove(void)
{
	struct bh_vpci *v = vpci;
	struct pci_bus *bus;

	if (!v)
		return;
	bus = v->bridge->bus;
	pci_lock_rescan_remove();
	pci_stop_root_bus(bus);
	pci_remove_root_bus(bus);
	pci_unlock_rescan_remove();
	pci_free_host_bridge(v->bridge);
	vpci = NULL;
	free_vpci(v);
	pr_info("bulkhead: virtual PCI bus removed\n");
}
