/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface between the architecture-neutral core and an architecture:
 * every arch_* function the core calls is declared here and implemented in
 * hypervisor/arch/<arch>/. Core functions the arch calls are below them.
 */
#ifndef _HV_CONTROL_H
#define _HV_CONTROL_H

#include <hv/types.h>
#include <bulkhead/cell-config.h>

struct per_cpu;
struct cell;

/* --- implemented by the architecture --- */

/* Global start-up of the architecture (interrupt controller...). */
int arch_init(void);
/* Activates the hypervisor on the calling CPU for its cell (root). */
int arch_cpu_init(struct per_cpu *cpu);
/* Gives the calling CPU's EL2 back to what Linux had before enable. */
void arch_cpu_restore(struct per_cpu *cpu);

/* Second-stage translation of a cell: create, destroy, map, unmap. */
int arch_cell_create(struct cell *cell);
void arch_cell_destroy(struct cell *cell);
int arch_map_memory_region(struct cell *cell, const struct bh_memory *mem);
int arch_unmap_memory_region(struct cell *cell, const struct bh_memory *mem);
/* Makes stage-2 changes of a cell visible on every CPU. */
void arch_flush_cell_tlbs(struct cell *cell);

/* Maps device registers into the hypervisor's own address space. */
int arch_map_device(paddr_t pa, u64 size);

/* Stops the calling CPU for good (panic path). */
void __attribute__((noreturn)) arch_cpu_halt(void);
/* Stops every other active CPU (panic path), best effort. */
void arch_stop_other_cpus(void);

/* --- implemented by the core, called by the architecture --- */

/* Start-up: hypervisor memory and page pool (MMU off on arm64). */
int hv_memory_init(void);
/* Start-up of a CPU with the MMU on; master does the global part first. */
int bh_entry(unsigned int cpu_id, bool master);

/* A hypercall from a cell. *leave is set when the CPU must leave. */
long hypercall(struct per_cpu *cpu, unsigned long code, unsigned long arg1,
	       unsigned long arg2, bool *leave);

#endif
