/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a flattened device tree says about the machine, as far as Bulkhead
 * cares: CPUs, RAM, reserved memory, the GIC, the console and the MMIO
 * devices with their interrupts. Read with libfdt by fdt-scan.c.
 */
#ifndef _BULKHEAD_TOOLS_FDT_SCAN_H
#define _BULKHEAD_TOOLS_FDT_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAX_CPUS	512
#define FDT_MAX_RANGES	64
#define FDT_MAX_DEVICES 512
#define FDT_NAME_LEN	64
#define FDT_DEV_SPIS	8
#define FDT_INTIDS	1024
#define FDT_MAX_ITS	8
#define FDT_MAX_GICR	16
#define FDT_MAX_GAPS	8

/* Names of the /reserved-memory nodes Bulkhead uses (prefixes). */
#define FDT_HV_NODE    "bulkhead-hypervisor"
#define FDT_CELLS_NODE "bulkhead-cells"

struct fdt_range {
	uint64_t start, size;
	char name[FDT_NAME_LEN];
	bool no_map;
};

struct fdt_device {
	uint64_t start, size;
	char name[FDT_NAME_LEN];	 /* node name, "pl011@9000000" */
	char compatible[FDT_NAME_LEN];	 /* its first compatible string */
	const char *what;		 /* set for PCIe windows */
	bool disabled;			 /* status = "disabled" */
	unsigned int spis[FDT_DEV_SPIS]; /* INTIDs of its own SPIs */
	unsigned int num_spis;
};

struct fdt_gic {
	unsigned int version; /* 3 or 2; 0 = none */
	char name[FDT_NAME_LEN];
	char compatible[FDT_NAME_LEN];
	uint64_t gicd, gicd_size;
	uint64_t gicr, gicr_size; /* GICv3: the first region */
	/* GICv3: every redistributor region, as `reg` lists them. */
	struct fdt_range gicr_regions[FDT_MAX_GICR];
	unsigned int num_gicr_regions;
	uint64_t gicr_stride; /* "redistributor-stride", 0 if none */
	/* GICv2: CPU interface, hypervisor control, virtual CPU interface. */
	uint64_t gicc, gicc_size, gich, gicv;
	unsigned int maintenance_irq; /* INTID, 0 if the node names none */
	/* Enabled GICv3 ITS nodes (children "arm,gic-v3-its"). */
	struct fdt_range its[FDT_MAX_ITS];
	unsigned int num_its;
	unsigned int num_its_disabled;
};

/* Interrupts behind one controller that could not be traced to an SPI. */
struct fdt_irq_gap {
	char controller[FDT_NAME_LEN]; /* node name */
	char compatible[FDT_NAME_LEN];
	unsigned int count;
};

struct fdt_console {
	bool found; /* /chosen stdout-path resolved */
	bool pl011; /* arm,pl011 or arm,sbsa-uart */
	char path[128];
	char compatible[FDT_NAME_LEN];
	uint64_t address, size;
};

struct fdt_platform {
	char model[FDT_NAME_LEN];
	unsigned int num_cpus;
	uint64_t mpidr[FDT_MAX_CPUS];
	struct fdt_range ram[FDT_MAX_RANGES];
	unsigned int num_ram;
	struct fdt_range reserved[FDT_MAX_RANGES]; /* /reserved-memory */
	unsigned int num_reserved;
	int hv;	   /* index into reserved[] or -1 */
	int cells; /* index into reserved[] or -1 */
	struct fdt_gic gic;
	struct fdt_console console;
	struct fdt_device devices[FDT_MAX_DEVICES];
	unsigned int num_devices;
	/* Every SPI some node of the tree names (interrupts, -extended, -map). */
	uint8_t spis[FDT_INTIDS / 8];
	unsigned int num_spis;
	/* SPIs reached through intermediate controllers (GPC, PDC, ...). */
	unsigned int translated;
	/* Specifiers whose SPI is unknown, by controller. */
	unsigned int untranslated;
	struct fdt_irq_gap gaps[FDT_MAX_GAPS];
	unsigned int num_gaps;
	unsigned int dropped; /* entries beyond the limits above */
	bool devices_dropped; /* more devices than FDT_MAX_DEVICES */
	bool out_of_memory;   /* the scan's index could not be built */
};

const char *fdt_check_blob(const void *fdt, size_t size);
void *fdt_load(const char *path, size_t *size);
int fdt_scan(const void *fdt, struct fdt_platform *p);

static inline bool fdt_has_spi(const struct fdt_platform *p, unsigned int id)
{
	return id < FDT_INTIDS && (p->spis[id / 8] & (1U << (id % 8)));
}

#endif
