// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Event flags: 32 bits a task waits on, for any or all of a mask. A set
 * wakes every waiter it satisfies, in priority order, each seeing the
 * bits as they were when set; bits a waiter asked to clear are cleared
 * after all of them have looked.
 */
#include "kernel.h"

static bool satisfied(uint32_t have, uint32_t want, uint32_t mode)
{
	return mode & RTOS_FLAGS_ALL ? (have & want) == want : have & want;
}

int flags_wait_core(struct rtos_task *cur, struct rtos_flags *f, uint32_t bits,
		    uint32_t mode, uint64_t deadline, uint32_t *seen)
{
	if (satisfied(f->bits, bits, mode)) {
		if (seen)
			*seen = f->bits;
		if (mode & RTOS_FLAGS_CLEAR)
			f->bits &= ~bits;
		return 0;
	}
	if (!cur || (deadline != NO_DEADLINE && deadline <= rtos_now()))
		return -EAGAIN;
	cur->wait_arg = bits;
	cur->wait_mode = mode;
	wait_block(cur, &f->waitq, deadline);
	return K_BLOCKED;
}

void flags_set_core(struct rtos_flags *f, uint32_t bits)
{
	struct rtos_list *pos, *tmp;
	uint32_t clear = 0;

	f->bits |= bits;
	list_for_each_safe(pos, tmp, &f->waitq.waiters)
	{
		struct rtos_task *t = list_entry(pos, struct rtos_task, node);
		uint32_t want = (uint32_t)t->wait_arg;

		if (!satisfied(f->bits, want, t->wait_mode))
			continue;
		if (t->wait_mode & RTOS_FLAGS_CLEAR)
			clear |= want;
		t->wait_arg = f->bits;
		wait_wake(t, 0);
	}
	f->bits &= ~clear;
}

void rtos_flags_init(struct rtos_flags *f)
{
	f->bits = 0;
	waitq_init(&f->waitq);
}

void rtos_flags_set(struct rtos_flags *f, uint32_t bits)
{
	uint64_t flags = kernel_enter();

	flags_set_core(f, bits);
	kernel_leave(flags);
}

void rtos_flags_clear(struct rtos_flags *f, uint32_t bits)
{
	uint64_t flags = kernel_enter();

	f->bits &= ~bits;
	kernel_leave(flags);
}

int rtos_flags_wait(struct rtos_flags *f, uint32_t bits, uint32_t mode,
		    uint64_t timeout_ns, uint32_t *seen)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();
	uint64_t deadline =
		timeout_ns == RTOS_NO_WAIT ? 0 : deadline_of(timeout_ns);
	bool blocked;
	int r;

	if (!bits)
		r = -EINVAL;
	else if (!cur && timeout_ns != RTOS_NO_WAIT)
		r = -EPERM;
	else
		r = flags_wait_core(cur, f, bits, mode, deadline, seen);
	blocked = r == K_BLOCKED;
	r = kernel_wait(flags, cur, r);
	/* The waker left the bits it saw in wait_arg. */
	if (blocked && !r && seen)
		*seen = (uint32_t)cur->wait_arg;
	return r;
}

uint32_t rtos_flags_get(const struct rtos_flags *f)
{
	return f->bits;
}
