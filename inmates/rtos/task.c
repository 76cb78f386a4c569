// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Tasks: creation on their own stack with a guard page, priorities,
 * sleeping, periodic release on a grid with deadline misses counted, and
 * the end of a task, by returning or by a fault.
 */
#include "kernel.h"

int task_create_core(struct rtos_task *t, const struct rtos_task_attr *attr)
{
	uintptr_t base = (uintptr_t)attr->stack;
	int err;

	if (!attr->entry || attr->prio > RTOS_PRIO_MAX ||
	    attr->cpu >= RTOS_MAX_CPUS || !base || base % RTOS_PAGE_SIZE ||
	    attr->stack_size % RTOS_PAGE_SIZE ||
	    attr->stack_size < 2 * RTOS_PAGE_SIZE)
		return -EINVAL;
	/* A struct still in the kernel's lists: overwriting it breaks them. */
	if (t->state == RTOS_TASK_READY || t->state == RTOS_TASK_BLOCKED)
		return -EBUSY;
	err = port_guard_page(base);
	if (err)
		return err;

	*t = (struct rtos_task){
		.name = attr->name ? attr->name : "?",
		.base_prio = attr->prio,
		.prio = attr->prio,
		.cpu = attr->cpu,
		.stack_base = base,
		.stack_size = attr->stack_size,
	};
	list_init(&t->node);
	list_init(&t->timer_node);
	list_init(&t->held);
	port_ctx_init(&t->ctx, attr->entry, attr->arg, base + attr->stack_size);
	sched_ready(t);
	return 0;
}

int rtos_task_create(struct rtos_task *t, const struct rtos_task_attr *attr)
{
	uint64_t flags = kernel_enter();
	int r = task_create_core(t, attr);

	kernel_leave(flags);
	return r;
}

struct rtos_task *rtos_self(void)
{
	return kernel_task();
}

const char *rtos_task_name(const struct rtos_task *t)
{
	return t->name;
}

void rtos_task_exit(void)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();

	if (cur)
		sched_kill(cur);
	kernel_leave(flags);
	/* Only a handler or code before rtos_start() gets here. */
	for (;;)
		;
}

void rtos_yield(void)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();

	if (cur)
		sched_to_tail(cur);
	kernel_leave(flags);
}

int rtos_task_set_prio(struct rtos_task *t, unsigned int prio)
{
	uint64_t flags;

	if (prio > RTOS_PRIO_MAX)
		return -EINVAL;
	flags = kernel_enter();
	t->base_prio = prio;
	/* Inherited priority stays: recomputed from the mutexes it holds. */
	pi_update(t);
	kernel_leave(flags);
	return 0;
}

unsigned int rtos_task_prio(const struct rtos_task *t)
{
	return t->prio;
}

int rtos_sleep_until(uint64_t ticks)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();
	int r = 0;

	if (!cur) {
		r = -EPERM;
	} else if (ticks > rtos_now()) {
		wait_block(cur, NULL, ticks);
		r = K_BLOCKED;
	}
	return kernel_wait(flags, cur, r);
}

int rtos_sleep_ns(uint64_t ns)
{
	return rtos_sleep_until(deadline_of(ns));
}

int rtos_task_set_period(uint64_t period_ns, uint64_t first_release)
{
	struct rtos_task *cur = kernel_task();
	uint64_t period = rtos_ns_to_ticks(period_ns);

	if (!cur || !period)
		return -EINVAL;
	cur->period = period;
	/* The job before the first one was "released" a period earlier. */
	cur->release =
		(first_release ? first_release : rtos_now() + period) - period;
	return 0;
}

/*
 * The job of t ends at now. Its deadline is the next release: ending
 * later misses it, and every release that passed meanwhile is skipped,
 * each a miss, so that releases stay on the grid. t->release becomes the
 * next release; the misses are returned.
 */
int period_end_core(struct rtos_task *t, uint64_t now)
{
	uint64_t next = t->release + t->period, lost;

	if (now < next) {
		t->release = next;
		return 0;
	}
	lost = (now - t->release) / t->period;
	t->release += (lost + 1) * t->period;
	t->deadline_misses += lost;
	return (int)lost;
}

int rtos_wait_period(void)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();
	int misses;

	if (!cur || !cur->period) {
		kernel_leave(flags);
		return cur ? -EINVAL : -EPERM;
	}
	misses = period_end_core(cur, rtos_now());
	wait_block(cur, NULL, cur->release);
	kernel_wait(flags, cur, K_BLOCKED);
	cur->releases++;
	return misses;
}

uint64_t rtos_release_time(void)
{
	struct rtos_task *cur = kernel_task();

	return cur ? cur->release : 0;
}

uint32_t rtos_deadline_misses(const struct rtos_task *t)
{
	return t->deadline_misses;
}

__attribute__((weak)) void rtos_task_fault_hook(struct rtos_task *t)
{
	(void)t;
}

/* Under the lock, from the port's exception path: t stops for good. */
void task_fault(struct rtos_task *t, const char *what, uint64_t addr,
		uint64_t pc)
{
	printk("rtos: task '%s' %s (address 0x%llx, PC 0x%llx): task stopped\n",
	       t->name, what, (unsigned long long)addr, (unsigned long long)pc);
	sched_kill(t);
	rtos_task_fault_hook(t);
}
