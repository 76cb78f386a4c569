/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU state. Each CPU's area (header.percpu_size bytes, one per CPU
 * after the image) holds this struct at its bottom and the CPU's hypervisor
 * stack above it. Only the owning CPU writes its area, except where a field
 * says otherwise.
 */
#ifndef _HV_PERCPU_H
#define _HV_PERCPU_H

#include <hv/types.h>
#include <asm/percpu.h>
#include <bulkhead/hypercall.h>

struct cell;

#define BH_OUTPUT_LINE 160 /* a cell's console line, then it is cut */

struct per_cpu {
	struct arch_per_cpu arch;
	unsigned int cpu_id; /* Linux's logical CPU number */
	bool active;	     /* under the hypervisor */
	bool failed;
	struct cell *cell;
	u64 stats[BH_NUM_CPU_STATS];
	char out_line[BH_OUTPUT_LINE]; /* its cell's console output so far */
	unsigned int out_len;
};

/* The area of CPU `cpu`, or NULL if cpu is out of range. */
struct per_cpu *per_cpu(unsigned int cpu);
/* The calling CPU's area. */
struct per_cpu *this_cpu(void);

static inline void cpu_stat_inc(struct per_cpu *cpu, unsigned int reason)
{
#ifdef CONFIG_STATISTICS
	cpu->stats[reason]++;
#endif
}

/* A cell's console output (cell-console.c). */
void cell_output_putc(struct per_cpu *cpu, char c);
/* Logs what the CPU's cell printed since its last newline, if anything. */
void cell_output_flush(struct per_cpu *cpu);

#endif
