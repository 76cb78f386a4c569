// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Entering and leaving the kernel. Every API call runs its core
 * operation under the kernel lock with interrupts masked; on the way out
 * the calling CPU's timer is set for its next wake-up and, if the task
 * that should run is no longer the caller, the CPU switches (port_switch)
 * before interrupts are unmasked again. In an interrupt handler nothing
 * switches here: the port switches when the handler is done.
 */
#include "kernel.h"

uint64_t kernel_enter(void)
{
	return port_lock();
}

struct rtos_task *kernel_task(void)
{
	struct rtos_cpu *c = this_cpu();

	if (!c->started || c->in_irq || c->current == &c->idle)
		return NULL;
	return c->current;
}

void kernel_leave(uint64_t flags)
{
	struct rtos_cpu *c = this_cpu();
	bool need = false;

	if (c->started && !c->in_irq) {
		timers_rearm(c);
		need = sched_pick(c) != c->current;
	}
	port_unlock();
	if (need)
		port_switch();
	port_irq_restore(flags);
}

int kernel_wait(uint64_t flags, struct rtos_task *cur, int core_result)
{
	kernel_leave(flags);
	if (core_result != K_BLOCKED)
		return core_result;
	/* Woken: whoever woke it (or its timeout) left the answer. */
	return cur->wait_result;
}

/* Under the lock, from the port's exception path. */
struct rtos_task *kernel_schedule(struct rtos_cpu *c)
{
	struct rtos_task *next = sched_pick(c);

	if (next != c->current) {
		c->stats.switches++;
		next->switches_in++;
		c->current = next;
	}
	return next;
}

void rtos_cpu_stats(unsigned int cpu, struct rtos_cpu_stats *s)
{
	if (cpu < RTOS_MAX_CPUS)
		*s = rtos_cpus[cpu].stats;
}
