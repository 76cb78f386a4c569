/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Binary configuration format of Bulkhead: the system config (hypervisor,
 * platform, root cell) and cell configs. Written as C structs in
 * configs/cells/, compiled and copied out to flat .cell files, and read by
 * the tools, the driver and the hypervisor alike.
 *
 * Layout of a system config file:
 *   struct bh_system
 *   root cell arrays, as counted in bh_system.root_cell (see below)
 * Layout of a cell config file:
 *   struct bh_cell_desc
 *   cell arrays:
 *     uint8_t          cpu_set[cpu_set_size]   bit n = Linux CPU n
 *     struct bh_memory mem_regions[num_memory_regions]
 *     struct bh_irqchip irqchips[num_irqchips]
 *     struct bh_pci_device pci_devices[num_pci_devices]
 *
 * All fields are little-endian, naturally aligned, with explicit padding,
 * so the same bytes mean the same thing to every compiler that reads them.
 */
#ifndef _BULKHEAD_CELL_CONFIG_H
#define _BULKHEAD_CELL_CONFIG_H

#include "types.h"

#define BH_CONFIG_REVISION 3

#define BH_SYSTEM_SIGNATURE "BHSYSTEM"
#define BH_CELL_SIGNATURE   "BHCELL\0\0"
#define BH_SIGNATURE_SIZE   8

#define BH_ARCH_ARM64 1

#define BH_CELL_NAME_LEN 32 /* including the terminating NUL */

/* bh_memory.flags */
#define BH_MEM_READ	   (1ULL << 0)
#define BH_MEM_WRITE	   (1ULL << 1)
#define BH_MEM_EXECUTE	   (1ULL << 2)
#define BH_MEM_DMA	   (1ULL << 3) /* devices of the cell may DMA here */
#define BH_MEM_IO	   (1ULL << 4) /* device registers: mapped as Device memory */
#define BH_MEM_COMM_REGION (1ULL << 5) /* the cell's communication region */
#define BH_MEM_LOADABLE	   (1ULL << 6) /* root may load images here before start */
#define BH_MEM_ROOTSHARED  (1ULL << 7) /* stays mapped in the root cell too */
#define BH_MEM_SHARED \
	(1ULL << 8) /* other cells marking it shared may map it too */
#define BH_MEM_VALID_FLAGS 0x1ffULL

#define BH_MEM_RWX (BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE)

/* Memory regions: page aligned, phys_start..+size mapped at virt_start. */
struct bh_memory {
	uint64_t phys_start;
	uint64_t virt_start; /* guest-physical address (IPA) */
	uint64_t size;
	uint64_t flags;
};

#define BH_IRQCHIP_PINS 128

/*
 * Ownership of interrupt lines of one interrupt controller: bit n of
 * pin_bitmap is INTID pin_base + n. Only SPIs (INTID >= 32) are assigned;
 * SGIs and PPIs are per CPU and follow the CPUs.
 */
struct bh_irqchip {
	uint64_t address;  /* GIC distributor base */
	uint32_t pin_base; /* multiple of 32, >= 32 */
	uint32_t pin_bitmap[BH_IRQCHIP_PINS / 32];
	uint32_t padding;
};

/* bh_console.type */
#define BH_CON_NONE  0
#define BH_CON_PL011 1

/* bh_console.flags */
#define BH_CON_FLAG_VIRTUAL (1 << 0) /* cell may print through the hypervisor */

struct bh_console {
	uint64_t address;
	uint32_t size;
	uint16_t type;
	uint16_t flags;
};

/* bh_pci_device.type */
#define BH_PCI_TYPE_IVSHMEM 1

#define BH_PCI_MAX_DEVICES   32 /* bus 0, function 0 of each device */
#define BH_IVSHMEM_MAX_PEERS 8

/*
 * A virtual PCI device of a cell: so far only ivshmem, one end of a
 * shared-memory link (Documentation/ivshmem.md). Every peer of a link
 * describes the same memory (shmem_phys, rw_size, out_size, max_peers)
 * under the same link_id and its own peer_id. The link's memory is laid
 * out as: state table (4 KiB), read-write section (rw_size), then one
 * output section (out_size) per peer, in peer id order.
 */
struct bh_pci_device {
	uint8_t type; /* BH_PCI_TYPE_IVSHMEM */
	uint8_t padding;
	uint16_t bdf;	     /* bus 0: device << 3, function 0 */
	uint32_t link_id;    /* same in every peer of the link */
	uint16_t peer_id;    /* this cell's id on the link, < max_peers */
	uint16_t max_peers;  /* 2 .. BH_IVSHMEM_MAX_PEERS */
	uint32_t irq;	     /* INTID (SPI) raised in this cell, owned by it */
	uint64_t shmem_phys; /* start of the link's memory, page aligned */
	uint64_t shmem_virt; /* where this cell sees it (IPA) */
	uint64_t rw_size;    /* read-write section, multiple of 4 KiB */
	uint64_t out_size;   /* each output section, multiple of 4 KiB */
	uint64_t reserved;   /* must be 0 */
};

/* bh_cell_desc.flags */
/*
 * A non-root cell's access outside itself (a stage-2 data or instruction
 * abort that nothing emulates, or a forbidden one) is delivered to it as
 * a synchronous external abort, as a bus error would be on hardware,
 * instead of stopping the cell: a guest OS reports its own bug. Other
 * violations (SGIs to foreign CPUs, unknown system registers, SErrors)
 * still stop it. The root cell always gets aborts.
 */
#define BH_CELL_FLAG_INJECT_ABORTS (1U << 0)
#define BH_CELL_VALID_FLAGS	   0x1U

struct bh_cell_desc {
	char signature[BH_SIGNATURE_SIZE];
	uint16_t revision;
	uint16_t architecture;
	uint32_t flags;
	char name[BH_CELL_NAME_LEN];
	uint32_t cpu_set_size; /* bytes, a multiple of 8 */
	uint32_t num_memory_regions;
	uint32_t num_irqchips;
	uint32_t num_pci_devices;   /* virtual PCI devices (ivshmem links) */
	uint64_t cpu_reset_address; /* entry point (IPA) of non-root cells */
	struct bh_console console;
	uint64_t reserved;
};

#define BH_GIC_V2 2
#define BH_GIC_V3 3

/* Platform facts the hypervisor cannot probe safely. */
struct bh_platform {
	uint64_t pci_mmconfig_base; /* virtual PCI ECAM window, 0 = none */
	uint32_t pci_mmconfig_size; /* 1 MiB: bus 0 only */
	uint32_t padding;
	/* Register BARs of the virtual PCI devices: 4 KiB per device number. */
	uint64_t pci_mem_base;
	struct {
		uint64_t gicd_base; /* distributor, 64 KiB */
		uint64_t gicr_base; /* GICv3: first redistributor, 128 KiB each */
		uint32_t maintenance_irq; /* INTID of the GIC maintenance PPI */
		uint8_t gic_version;	  /* BH_GIC_V2 or BH_GIC_V3 */
		uint8_t padding[3];
		/* GICv2: CPU interface, virtual interface control, virtual CPU. */
		uint64_t gicc_base;
		uint64_t gich_base;
		uint64_t gicv_base;
		/* GICv3: the ITS's control frame, 0 = none (or not used). */
		uint64_t gits_base;
	} arm64;
};

/* bh_system.flags */
#define BH_SYS_VALID_FLAGS 0x0U

struct bh_system {
	char signature[BH_SIGNATURE_SIZE];
	uint16_t revision;
	uint16_t architecture;
	uint32_t flags;
	/* Reserved physical memory the hypervisor runs from (no-map in the DT). */
	struct bh_memory hypervisor_memory;
	struct bh_console debug_console;
	struct bh_platform platform;
	/* The root cell; its arrays follow the bh_system struct. */
	struct bh_cell_desc root_cell;
};

BH_STATIC_ASSERT(sizeof(struct bh_memory) == 32, "bh_memory ABI size");
BH_STATIC_ASSERT(sizeof(struct bh_irqchip) == 32, "bh_irqchip ABI size");
BH_STATIC_ASSERT(sizeof(struct bh_console) == 16, "bh_console ABI size");
BH_STATIC_ASSERT(sizeof(struct bh_cell_desc) == 96, "bh_cell_desc ABI size");
BH_STATIC_ASSERT(sizeof(struct bh_pci_device) == 56, "bh_pci_device ABI size");
BH_STATIC_ASSERT(sizeof(struct bh_platform) == 80, "bh_platform ABI size");
BH_STATIC_ASSERT(sizeof(struct bh_system) == 240, "bh_system ABI size");

/* Size of a cell's arrays that follow its descriptor. */
static inline uint64_t bh_cell_arrays_size(const struct bh_cell_desc *c)
{
	return (uint64_t)c->cpu_set_size +
	       (uint64_t)c->num_memory_regions * sizeof(struct bh_memory) +
	       (uint64_t)c->num_irqchips * sizeof(struct bh_irqchip) +
	       (uint64_t)c->num_pci_devices * sizeof(struct bh_pci_device);
}

static inline const uint8_t *bh_cell_cpu_set(const struct bh_cell_desc *c,
					     const void *arrays)
{
	(void)c;
	return (const uint8_t *)arrays;
}

static inline const struct bh_memory *bh_cell_mem_regions(
	const struct bh_cell_desc *c, const void *arrays)
{
	return (const struct bh_memory *)((const uint8_t *)arrays +
					  c->cpu_set_size);
}

static inline const struct bh_irqchip *bh_cell_irqchips(
	const struct bh_cell_desc *c, const void *arrays)
{
	return (const struct bh_irqchip *)(bh_cell_mem_regions(c, arrays) +
					   c->num_memory_regions);
}

static inline const struct bh_pci_device *bh_cell_pci_devices(
	const struct bh_cell_desc *c, const void *arrays)
{
	return (const struct bh_pci_device *)(bh_cell_irqchips(c, arrays) +
					      c->num_irqchips);
}

/* Bytes of a link's memory: state table, rw section, output sections. */
#define BH_IVSHMEM_STATE_TABLE_SIZE 0x1000ULL

static inline uint64_t bh_ivshmem_size(const struct bh_pci_device *d)
{
	return BH_IVSHMEM_STATE_TABLE_SIZE + d->rw_size +
	       (uint64_t)d->max_peers * d->out_size;
}

/*
 * Accessors that need the arrays to fit the file: use them on configs that
 * passed the validator (bhlib/config-check.h).
 */

static inline const void *bh_system_root_arrays(const struct bh_system *sys)
{
	return sys + 1;
}

static inline const void *bh_cell_arrays(const struct bh_cell_desc *cell)
{
	return cell + 1;
}

/* Bytes of a valid system config: header and root cell arrays. */
static inline uint64_t bh_system_config_size(const struct bh_system *sys)
{
	return sizeof(*sys) + bh_cell_arrays_size(&sys->root_cell);
}

/* Bytes of a valid cell config: descriptor and arrays. */
static inline uint64_t bh_cell_config_size(const struct bh_cell_desc *cell)
{
	return sizeof(*cell) + bh_cell_arrays_size(cell);
}

/* Whether pin `pin` (INTID pin_base + pin) of the irqchip entry is set. */
static inline bool bh_irqchip_pin_is_set(const struct bh_irqchip *chip,
					 unsigned int pin)
{
	return pin < BH_IRQCHIP_PINS &&
	       (chip->pin_bitmap[pin / 32] & (1U << (pin % 32)));
}

/* Whether the cell owns CPU cpu; false for CPUs beyond its cpu set. */
static inline bool bh_cell_cpu_is_set(const struct bh_cell_desc *cell,
				      const void *arrays, unsigned int cpu)
{
	if (cpu / 8 >= cell->cpu_set_size)
		return false;
	return bh_cell_cpu_set(cell, arrays)[cpu / 8] & (1U << (cpu % 8));
}

/*
 * First CPU >= cpu that the cell owns, or cpu_set_size * 8 if none:
 * for (cpu = bh_cell_next_cpu(c, a, 0); cpu < c->cpu_set_size * 8;
 *      cpu = bh_cell_next_cpu(c, a, cpu + 1))
 */
static inline unsigned int bh_cell_next_cpu(const struct bh_cell_desc *cell,
					    const void *arrays,
					    unsigned int cpu)
{
	while (cpu / 8 < cell->cpu_set_size &&
	       !bh_cell_cpu_is_set(cell, arrays, cpu))
		cpu++;
	return cpu < cell->cpu_set_size * 8 ? cpu : cell->cpu_set_size * 8;
}

#endif /* _BULKHEAD_CELL_CONFIG_H */
