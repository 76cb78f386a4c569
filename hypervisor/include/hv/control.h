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
struct bh_comm_region;

/* --- implemented by the architecture --- */

/* Global start-up of the architecture (interrupt controller...). */
int arch_init(void);
/* Activates the hypervisor on the calling CPU for its cell (root). */
__must_check int arch_cpu_init(struct per_cpu *cpu);
/* Gives the calling CPU's EL2 back to what Linux had before enable. */
void arch_cpu_restore(struct per_cpu *cpu);

/* Second-stage translation of a cell: create, destroy, map, unmap. */
__must_check int arch_cell_create(struct cell *cell);
void arch_cell_destroy(struct cell *cell);
__must_check int arch_map_memory_region(struct cell *cell,
					const struct bh_memory *mem);
__must_check int arch_unmap_memory_region(struct cell *cell,
					  const struct bh_memory *mem);
/* Makes stage-2 changes of a cell visible on every CPU. */
void arch_flush_cell_tlbs(struct cell *cell);

/* Maps device registers into the hypervisor's own address space. */
__must_check int arch_map_device(paddr_t pa, u64 size);
/*
 * Writes back and invalidates the data cache lines of [addr, addr + size):
 * for memory that a cell may read with its MMU (and so its caches) off.
 */
void arch_dcache_flush(const void *addr, u64 size);
/* 0, or why the hypervisor cannot give the machine back (negative errno). */
int arch_may_disable(void);
/* Maps / unmaps memory (normal, read-write) into the hypervisor's space. */
__must_check int arch_hv_map(paddr_t pa, u64 size);
void arch_hv_unmap(paddr_t pa, u64 size);

/* A parked CPU changes cells: drop what the old cell's translation cached. */
__must_check int arch_cell_move_cpu(struct per_cpu *cpu, struct cell *from,
				    struct cell *to);
/* Fills the platform part of a cell's communication region. */
void arch_fill_comm_region(struct cell *cell, struct bh_comm_region *comm);
/* Makes an SPI pending: the interrupt of a virtual device. */
void arch_trigger_irq(unsigned int irq);

/*
 * Parking and releasing CPUs, under the rules of cell.c: a stop of a
 * cell's CPUs and every release of a parked CPU hold hv.lock.
 */
/* Asks a CPU to park in the hypervisor (not if parked); returns at once. */
void arch_request_park(unsigned int cpu);
/* Waits until a CPU asked to park waits in the hypervisor. */
void arch_wait_cpu_parked(unsigned int cpu);
/* Starts a parked CPU at entry (EL1, MMU off, x0 = context); hv.lock. */
__must_check int arch_reset_cpu(unsigned int cpu, u64 entry, u64 context);
bool arch_cpu_parked(unsigned int cpu);
/* The calling CPU starts over at entry, x0 = context, after its trap. */
void arch_restart_self(struct per_cpu *cpu, u64 entry, u64 context);

/*
 * Time: the system counter (ticks since an arbitrary start, monotonic and
 * the same on every CPU) and its ticks per second.
 */
u64 arch_time_now(void);
u64 arch_time_freq(void);
/*
 * Makes the calling CPU call hv_timer_expired() once the counter reaches
 * ticks, or earlier if it was asked for an earlier time already.
 */
void arch_timer_arm(u64 ticks);

/* Stops the calling CPU for good (panic path). */
void __attribute__((noreturn)) arch_cpu_halt(void);
/* Stops every other active CPU (panic path), best effort. */
void arch_stop_other_cpus(void);

/* --- implemented by the core, called by the architecture --- */

/* Start-up: hypervisor memory and page pool (MMU off on arm64). */
__must_check int hv_memory_init(void);
/* Start-up of a CPU with the MMU on; master does the global part first. */
__must_check int bh_entry(unsigned int cpu_id, bool master);

/* The time a CPU asked for with arch_timer_arm() has come. */
void hv_timer_expired(void);

/* A hypercall from a cell. *leave is set when the CPU must leave. */
__must_check long hypercall(struct per_cpu *cpu, unsigned long code,
			    unsigned long arg1, unsigned long arg2,
			    unsigned long arg3, bool *leave);

#endif
