// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Counting semaphores. A give with a waiter hands the unit straight to
 * the most urgent one (the count stays), so it cannot be taken in
 * between by a task that did not wait.
 */
#include "kernel.h"

int sem_take_core(struct rtos_task *cur, struct rtos_sem *s, uint64_t deadline)
{
	if (s->count) {
		s->count--;
		return 0;
	}
	if (deadline != NO_DEADLINE && deadline <= rtos_now())
		return -EAGAIN;
	wait_block(cur, &s->waitq, deadline);
	return K_BLOCKED;
}

int sem_give_core(struct rtos_sem *s)
{
	struct rtos_task *w = waitq_first(&s->waitq);

	if (w) {
		wait_wake(w, 0);
		return 0;
	}
	if (s->count >= s->max)
		return -EAGAIN;
	s->count++;
	return 0;
}

void rtos_sem_init(struct rtos_sem *s, uint32_t initial, uint32_t max)
{
	s->max = max ? max : 1;
	s->count = initial > s->max ? s->max : initial;
	waitq_init(&s->waitq);
}

int rtos_sem_take(struct rtos_sem *s, uint64_t timeout_ns)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();
	int r;

	if (s->count)
		r = sem_take_core(cur, s, NO_DEADLINE);
	else if (timeout_ns == RTOS_NO_WAIT)
		r = -EAGAIN;
	else if (!cur)
		r = -EPERM;
	else
		r = sem_take_core(cur, s, deadline_of(timeout_ns));
	return kernel_wait(flags, cur, r);
}

int rtos_sem_give(struct rtos_sem *s)
{
	uint64_t flags = kernel_enter();
	int r = sem_give_core(s);

	kernel_leave(flags);
	return r;
}

uint32_t rtos_sem_count(const struct rtos_sem *s)
{
	return s->count;
}
