/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * More than one CPU in an inmate: starting the cell's other CPUs with PSCI
 * CPU_ON, which CPU is running, and a spinlock. The boot CPU is index 0;
 * the inmate numbers the others 1..SMP_MAX_CPUS-1 itself when it starts
 * them, and each index has its own stack.
 */
#ifndef _INMATE_SMP_H
#define _INMATE_SMP_H

#define SMP_MAX_CPUS   8
#define SMP_STACK_SIZE 0x4000

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stdbool.h>

/* This CPU's index: 0 on the boot CPU, else what smp_cpu_on() gave it. */
static inline unsigned int cpu_index(void)
{
	uint64_t idx;

	asm volatile("mrs %0, tpidr_el1" : "=r"(idx));
	return (unsigned int)idx;
}

/*
 * Starts the CPU with affinity mpidr as index idx (1..SMP_MAX_CPUS-1):
 * it sets up its stack, vectors, MMU and caches like the boot CPU did and
 * calls fn(idx) with IRQs masked; returning from fn halts it. Its GIC CPU
 * interface is its own to set up (gic_init() on that CPU). 0, or -EINVAL
 * (idx), -EBUSY (already on), -ENODEV (not a CPU of this cell), -EIO.
 */
int smp_cpu_on(unsigned int idx, uint64_t mpidr, void (*fn)(unsigned int idx));

/* PSCI AFFINITY_INFO: 0 on, 1 off, 2 on pending, or a PSCI error (< 0). */
int psci_affinity_info(uint64_t mpidr);

/* PSCI CPU_OFF: returns only if refused (with the PSCI error). */
int psci_cpu_off(void);

/*
 * A test-and-set lock for short sections; take it with IRQs masked if an
 * interrupt handler on the same CPU takes it too.
 */
struct spinlock {
	volatile uint32_t locked;
};

static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (l->locked)
			asm volatile("yield" : : : "memory");
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif /* !__ASSEMBLY__ */
#endif
