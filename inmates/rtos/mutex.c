// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Mutexes with priority inheritance: a task's effective priority is the
 * highest of its base priority and of the first (most urgent) waiter of
 * each mutex it holds. When that changes, the owner of the mutex the task
 * itself waits for is looked at next, along the chain (pi_update). On
 * unlock the mutex goes straight to its most urgent waiter, so a task of
 * lower priority cannot take it in between.
 */
#include "kernel.h"

/*
 * t's effective priority again, and the same for the owners it waits on,
 * as far as anything changes (or PI_CHAIN_MAX owners: a chain that long
 * is a design error, and a cycle one that lock refused to make).
 */
void pi_update(struct rtos_task *t)
{
	unsigned int hops;

	for (hops = 0; t && hops < PI_CHAIN_MAX; hops++) {
		unsigned int prio = t->base_prio;
		struct rtos_list *pos;

		list_for_each(pos, &t->held)
		{
			struct rtos_mutex *m =
				list_entry(pos, struct rtos_mutex, node);
			struct rtos_task *w = waitq_first(&m->waitq);

			if (w && w->prio > prio)
				prio = w->prio;
		}
		if (prio == t->prio)
			return;
		sched_set_prio(t, prio);
		t = t->wait_mutex ? t->wait_mutex->owner : NULL;
	}
}

/* Would cur waiting for m close a cycle of owners waiting for each other? */
static bool would_deadlock(const struct rtos_task *cur,
			   const struct rtos_mutex *m)
{
	const struct rtos_task *owner = m->owner;
	unsigned int hops;

	for (hops = 0; owner && hops < PI_CHAIN_MAX; hops++) {
		if (owner == cur)
			return true;
		owner = owner->wait_mutex ? owner->wait_mutex->owner : NULL;
	}
	return false;
}

static void mutex_take(struct rtos_mutex *m, struct rtos_task *t)
{
	m->owner = t;
	m->depth = 1;
	list_add_tail(&m->node, &t->held);
}

int mutex_lock_core(struct rtos_task *cur, struct rtos_mutex *m,
		    uint64_t deadline)
{
	if (!m->owner) {
		mutex_take(m, cur);
		return 0;
	}
	if (m->owner == cur) {
		m->depth++;
		return 0;
	}
	if (deadline != NO_DEADLINE && deadline <= rtos_now())
		return -EAGAIN;
	if (would_deadlock(cur, m))
		return -EDEADLK;
	cur->wait_mutex = m;
	wait_block(cur, &m->waitq, deadline);
	pi_update(m->owner);
	return K_BLOCKED;
}

/* t stopped waiting (timed out, or died): its owner may drop what it lent. */
void mutex_wait_ended(struct rtos_task *t)
{
	struct rtos_mutex *m = t->wait_mutex;

	t->wait_mutex = NULL;
	if (m)
		pi_update(m->owner);
}

int mutex_unlock_core(struct rtos_task *cur, struct rtos_mutex *m)
{
	struct rtos_task *next;

	if (m->owner != cur)
		return -EPERM;
	if (--m->depth)
		return 0;
	list_del(&m->node);
	m->owner = NULL;
	next = waitq_first(&m->waitq);
	if (next) {
		next->wait_mutex = NULL;
		wait_wake(next, 0);
		mutex_take(m, next);
		/* It inherits from the waiters it now keeps waiting. */
		pi_update(next);
	}
	pi_update(cur);
	return 0;
}

void rtos_mutex_init(struct rtos_mutex *m)
{
	m->owner = NULL;
	m->depth = 0;
	list_init(&m->node);
	waitq_init(&m->waitq);
}

int rtos_mutex_lock(struct rtos_mutex *m, uint64_t timeout_ns)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();
	int r;

	if (!cur)
		r = -EPERM;
	else if (timeout_ns == RTOS_NO_WAIT && m->owner && m->owner != cur)
		r = -EAGAIN;
	else
		r = mutex_lock_core(cur, m, deadline_of(timeout_ns));
	return kernel_wait(flags, cur, r);
}

int rtos_mutex_unlock(struct rtos_mutex *m)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();
	int r = cur ? mutex_unlock_core(cur, m) : -EPERM;

	kernel_leave(flags);
	return r;
}

struct rtos_task *rtos_mutex_owner(const struct rtos_mutex *m)
{
	return m->owner;
}
