// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The scheduler's state: per CPU a FIFO ready queue for each priority and
 * a bitmap of the non-empty ones, a list of blocked tasks by the time
 * they time out, and wait queues ordered by priority. The running task
 * stays at the head of its ready queue, so a preempted task resumes
 * before others of its priority (POSIX SCHED_FIFO), and a yield moves it
 * to the tail. Everything here runs under the kernel lock.
 */
#include "kernel.h"

struct rtos_cpu rtos_cpus[RTOS_MAX_CPUS];

void sched_init(void)
{
	unsigned int i, p;

	for (i = 0; i < RTOS_MAX_CPUS; i++) {
		struct rtos_cpu *c = &rtos_cpus[i];

		for (p = 0; p < RTOS_PRIORITIES; p++)
			list_init(&c->ready[p]);
		c->ready_mask = 0;
		list_init(&c->timers);
		c->armed = 0;
		c->current = NULL;
		c->started = false;
		c->in_irq = false;
	}
}

static void ready_append(struct rtos_cpu *c, struct rtos_task *t)
{
	list_add_tail(&t->node, &c->ready[t->prio]);
	c->ready_mask |= 1ULL << t->prio;
}

static void ready_remove(struct rtos_cpu *c, struct rtos_task *t)
{
	list_del(&t->node);
	if (list_empty(&c->ready[t->prio]))
		c->ready_mask &= ~(1ULL << t->prio);
}

/* The task a CPU runs: its most urgent ready one, else its idle task. */
struct rtos_task *sched_pick(struct rtos_cpu *c)
{
	unsigned int p;

	if (!c->ready_mask)
		return &c->idle;
	p = 63 - __builtin_clzll(c->ready_mask);
	return list_entry(c->ready[p].next, struct rtos_task, node);
}

/*
 * t becomes ready. If it should run before what its CPU runs now and
 * that is another CPU, that CPU is told; the calling CPU finds out
 * itself on its way out of the kernel.
 */
void sched_ready(struct rtos_task *t)
{
	struct rtos_cpu *c = &rtos_cpus[t->cpu];

	t->state = RTOS_TASK_READY;
	ready_append(c, t);
	if (t->cpu != port_cpu() && c->started &&
	    (c->current == &c->idle || !c->current ||
	     t->prio > c->current->prio))
		port_resched(t->cpu);
}

void sched_unready(struct rtos_task *t)
{
	if (t->state == RTOS_TASK_READY)
		ready_remove(&rtos_cpus[t->cpu], t);
}

void sched_to_tail(struct rtos_task *t)
{
	struct rtos_cpu *c = &rtos_cpus[t->cpu];

	if (t->state != RTOS_TASK_READY)
		return;
	ready_remove(c, t);
	ready_append(c, t);
}

void sched_kill(struct rtos_task *t)
{
	sched_unready(t);
	if (t->state == RTOS_TASK_BLOCKED) {
		if (t->waitq)
			list_del(&t->node);
		if (list_linked(&t->timer_node))
			list_del(&t->timer_node);
		t->waitq = NULL;
		if (t->wait_mutex)
			mutex_wait_ended(t);
	}
	t->state = RTOS_TASK_DEAD;
}

void waitq_init(struct rtos_waitq *q)
{
	list_init(&q->waiters);
}

struct rtos_task *waitq_first(struct rtos_waitq *q)
{
	if (list_empty(&q->waiters))
		return NULL;
	return list_entry(q->waiters.next, struct rtos_task, node);
}

/* Behind every waiter of its priority or higher: FIFO within a priority. */
static void waitq_insert(struct rtos_waitq *q, struct rtos_task *t)
{
	struct rtos_list *pos;

	list_for_each(pos, &q->waiters)
	{
		if (list_entry(pos, struct rtos_task, node)->prio < t->prio)
			break;
	}
	list_insert_before(&t->node, pos);
}

/*
 * The effective priority changes (inheritance, or a new base priority):
 * t moves to the tail of its new ready queue, or to its new place in the
 * wait queue it blocks in. Following a chain of mutex owners is
 * pi_update's job.
 */
void sched_set_prio(struct rtos_task *t, unsigned int prio)
{
	struct rtos_cpu *c = &rtos_cpus[t->cpu];

	if (t->prio == prio)
		return;
	if (t->state == RTOS_TASK_READY) {
		ready_remove(c, t);
		t->prio = prio;
		sched_ready(t);
	} else if (t->state == RTOS_TASK_BLOCKED && t->waitq) {
		list_del(&t->node);
		t->prio = prio;
		waitq_insert(t->waitq, t);
	} else {
		t->prio = prio;
	}
}

static void timer_insert(struct rtos_task *t, uint64_t deadline)
{
	struct rtos_cpu *c = &rtos_cpus[t->cpu];
	struct rtos_list *pos;

	t->wake_at = deadline;
	/* After every task with the same deadline: they wake in order. */
	list_for_each(pos, &c->timers)
	{
		if (list_entry(pos, struct rtos_task, timer_node)->wake_at >
		    deadline)
			break;
	}
	list_insert_before(&t->timer_node, pos);
}

/*
 * t (running) blocks: in q if it waits for an object, and until deadline
 * (NO_DEADLINE: none). Its CPU's timer is set on the way out of the
 * kernel (timers_rearm).
 */
void wait_block(struct rtos_task *t, struct rtos_waitq *q, uint64_t deadline)
{
	sched_unready(t);
	t->state = RTOS_TASK_BLOCKED;
	t->wait_result = -EAGAIN;
	t->waitq = q;
	if (q)
		waitq_insert(q, t);
	if (deadline != NO_DEADLINE)
		timer_insert(t, deadline);
}

/* A blocked t runs again, its call returning result. */
void wait_wake(struct rtos_task *t, int result)
{
	if (t->state != RTOS_TASK_BLOCKED)
		return;
	if (t->waitq) {
		list_del(&t->node);
		t->waitq = NULL;
	}
	if (list_linked(&t->timer_node))
		list_del(&t->timer_node);
	t->wait_result = result;
	sched_ready(t);
}

/*
 * The timer came: every task whose time is up wakes, a sleeper with 0,
 * a waiter with -ETIMEDOUT (a mutex's owner may lose what it inherited
 * from it).
 */
void timers_expire(struct rtos_cpu *c, uint64_t now)
{
	while (!list_empty(&c->timers)) {
		struct rtos_task *t = list_entry(c->timers.next,
						 struct rtos_task, timer_node);

		if (t->wake_at > now)
			break;
		if (t->wait_mutex) {
			wait_wake(t, -ETIMEDOUT);
			mutex_wait_ended(t);
		} else {
			wait_wake(t, t->waitq ? -ETIMEDOUT : 0);
		}
	}
}

/* Tickless: the timer is set for the earliest wake-up, or off. */
void timers_rearm(struct rtos_cpu *c)
{
	uint64_t next = 0;

	if (!list_empty(&c->timers))
		next = list_entry(c->timers.next, struct rtos_task, timer_node)
			       ->wake_at;
	if (next != c->armed) {
		c->armed = next;
		port_timer_arm(next);
	}
}

uint64_t deadline_of(uint64_t timeout_ns)
{
	uint64_t now, ticks;

	if (timeout_ns == RTOS_FOREVER)
		return NO_DEADLINE;
	now = rtos_now();
	ticks = rtos_ns_to_ticks(timeout_ns);
	return ticks >= NO_DEADLINE - now ? NO_DEADLINE - 1 : now + ticks;
}
