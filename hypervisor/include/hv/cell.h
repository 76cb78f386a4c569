/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cells: the partitions the hypervisor keeps apart. The root cell is built
 * from the system config at start-up; non-root cells are created, started,
 * shut down and destroyed on the root cell's request (hypercalls).
 */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <hv/types.h>
#include <hv/printk.h>
#include <asm/cell.h>
#include <bulkhead/cell-config.h>
#include <bulkhead/comm-region.h>

struct pci_device;
struct per_cpu;

#define MAX_CELLS 8 /* root included; the id is the VMID */

/* struct cell's cpus is a 64-bit map (Kconfig keeps MAX_CPUS <= 64). */
#ifdef CONFIG_MAX_CPUS /* not in host tests' fake environment */
BH_STATIC_ASSERT(CONFIG_MAX_CPUS <= 64, "cell CPU bitmap holds 64 CPUs");
#endif

/*
 * Where the boot CPU starts, and its x0: set by the root cell for the
 * next start and the cell's own restarts, or (set = false) the config's
 * cpu_reset_address with x0 = 0.
 */
struct cell_boot {
	bool set;
	u64 entry;
	u64 dtb;
};

struct cell {
	unsigned int id; /* 0 = root cell */
	char name[BH_CELL_NAME_LEN];
	const struct bh_cell_desc *desc; /* hypervisor's own copy */
	const void *arrays;		 /* cpu set, regions, irqchips */
	u64 cpus;			 /* bit n = CPU n */
	u32 state;			 /* BH_CELL_STATE_*, 0 = created */
	bool loadable;			 /* loadable regions mapped in root */
	bool stopping;			 /* CPUs stay parked (hv.lock) */
	paddr_t config_pages;		 /* the copy of the config */
	u64 config_npages;
	struct bh_comm_region *comm; /* NULL for the root cell */
	struct pci_device *pci_devs; /* virtual PCI devices */
	unsigned int num_pci_devs;
	struct cell_boot boot;	       /* how it starts (hv.lock) */
	struct log_limit log_limit;    /* messages it provokes */
	struct log_limit output_limit; /* lines it prints (console) */
	struct arch_cell arch;
};

extern struct cell root_cell;

__must_check int cell_init_root(void);
struct cell *cell_by_id(unsigned int id);
unsigned int cell_count(void);
struct cell *cell_owning_phys(u64 phys);

/* Management, on the root cell's request. Negative errno on failure. */
__must_check long cell_create(struct per_cpu *caller, u64 config_ipa, u64 size);
__must_check long cell_set_loadable(struct per_cpu *caller, unsigned int id);
__must_check long cell_start(struct per_cpu *caller, unsigned int id);
__must_check long cell_shutdown(struct per_cpu *caller, unsigned int id,
				bool force);
__must_check long cell_destroy(struct per_cpu *caller, unsigned int id);
__must_check long cell_get_state(struct per_cpu *caller, unsigned int id);
__must_check long cell_set_boot(struct per_cpu *caller, unsigned int id,
				u64 entry, u64 dtb);

/* A CPU of a non-root cell broke the rules: stop the whole cell. */
void cell_fail(struct per_cpu *cpu);
/* PSCI SYSTEM_OFF (off) or SYSTEM_RESET from a non-root cell. */
void cell_system_power(struct per_cpu *cpu, bool off);

/* Cell memory (cell-memory.c), under the management lock. */
#define MAX_CELL_CONFIG_SIZE (64 * 1024)
const struct bh_memory *root_region_of(u64 phys, u64 size);
__must_check int take_memory_from_root(struct cell *cell);
__must_check int check_memory_returnable(struct cell *cell);
__must_check int flush_cell_memory(struct cell *cell);
void return_memory_to_root(struct cell *cell, unsigned int count);
__must_check int copy_config_from_root(struct cell *cell, u64 ipa, u64 size);
struct bh_comm_region *map_comm_region(struct cell *cell);
__must_check int set_loadable_mapping(struct cell *cell, bool map);
__must_check int scrub_memory(u64 phys, u64 size);
__must_check int root_unmap_range(u64 phys, u64 size);
__must_check int root_remap_range(u64 phys, u64 size);

static inline bool cell_owns_cpu(const struct cell *cell, unsigned int cpu)
{
	return cpu < 64 && (cell->cpus & (1ULL << cpu));
}

#define for_each_cell_cpu(cell, c)     \
	for ((c) = 0; (c) < 64; (c)++) \
		if (cell_owns_cpu((cell), (c)))

#define for_each_cell_region(cell, mem, i)                             \
	for ((i) = 0,                                                  \
	    (mem) = bh_cell_mem_regions((cell)->desc, (cell)->arrays); \
	     (i) < (cell)->desc->num_memory_regions; (i)++, (mem)++)

#endif
