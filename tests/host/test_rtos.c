// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the real-time kernel's logic (inmates/rtos) on a fake
 * port: ready queues and their FIFO order, wait queues by priority,
 * priority inheritance along chains of mutex owners and back when a
 * waiter times out or the mutex is released, tickless timeouts, queues,
 * event flags, the periodic release grid and rescheduling another CPU.
 * Core operations are called for a task directly; nothing switches
 * stacks here: port_switch only records what the scheduler picked.
 */
#include <stdarg.h>
#include <stdio.h>
#include "unit.h"

#include "../../inmates/rtos/kernel.c"
#include "../../inmates/rtos/sched.c"
#include "../../inmates/rtos/task.c"
#include "../../inmates/rtos/mutex.c"
#include "../../inmates/rtos/sem.c"
#include "../../inmates/rtos/queue.c"
#include "../../inmates/rtos/flags.c"

/* --- the fake port: 1 tick = 1 ns, time moves when a test says --- */

static unsigned int fake_cpu;
static uint64_t fake_now = 1000;
static uint64_t fake_timer[RTOS_MAX_CPUS];
static unsigned int fake_resched; /* bit per CPU told to reschedule */
static unsigned int fake_guards;

unsigned int port_cpu(void)
{
	return fake_cpu;
}
uint64_t port_lock(void)
{
	return 0;
}
void port_unlock(void)
{
}
void port_irq_restore(uint64_t flags)
{
	(void)flags;
}
void port_switch(void)
{
	kernel_schedule(this_cpu());
}
void port_resched(unsigned int cpu)
{
	fake_resched |= 1U << cpu;
}
uint64_t rtos_now(void)
{
	return fake_now;
}
uint64_t rtos_ns_to_ticks(uint64_t ns)
{
	return ns;
}
uint64_t rtos_ticks_to_ns(uint64_t ticks)
{
	return ticks;
}
void port_timer_arm(uint64_t deadline)
{
	fake_timer[fake_cpu] = deadline;
}
void port_irq_reclaim(void)
{
}

void port_ctx_init(struct rtos_ctx *ctx, void (*entry)(void *), void *arg,
		   uintptr_t sp)
{
	ctx->pc = (uintptr_t)entry;
	ctx->x[0] = (uintptr_t)arg;
	ctx->sp = sp;
}

int port_guard_page(uintptr_t addr)
{
	(void)addr;
	fake_guards++;
	return 0;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* --- helpers --- */

#define NTASKS 8
static struct rtos_task t[NTASKS];
static uint8_t stacks[NTASKS][2 * RTOS_PAGE_SIZE]
	__attribute__((aligned(4096)));

static void entry(void *arg)
{
	(void)arg;
}

static void reset(void)
{
	memset(t, 0, sizeof(t));
	sched_init();
	fake_cpu = 0;
	fake_now = 1000;
	memset(fake_timer, 0, sizeof(fake_timer));
	fake_resched = 0;
	for (unsigned int i = 0; i < RTOS_MAX_CPUS; i++) {
		rtos_cpus[i].idle.name = "idle";
		list_init(&rtos_cpus[i].idle.node);
	}
}

static struct rtos_task *mk(unsigned int i, const char *name, unsigned int prio,
			    unsigned int cpu)
{
	struct rtos_task_attr a = {
		.name = name,
		.entry = entry,
		.prio = prio,
		.cpu = cpu,
		.stack = stacks[i],
		.stack_size = sizeof(stacks[i]),
	};

	CHECK(task_create_core(&t[i], &a) == 0);
	return &t[i];
}

/* The CPU runs: what it picks is current. */
static struct rtos_task *run(unsigned int cpu)
{
	rtos_cpus[cpu].started = true;
	return kernel_schedule(&rtos_cpus[cpu]);
}

/* --- tests --- */

TEST(ready_queue_order)
{
	struct rtos_task *a, *b, *hi, *top;

	reset();
	a = mk(0, "a", 5, 0);
	b = mk(1, "b", 5, 0);
	hi = mk(2, "hi", 9, 0);
	CHECK(run(0) == hi);
	sched_kill(hi);
	CHECK(run(0) == a); /* FIFO within a priority */
	sched_to_tail(a);
	CHECK(run(0) == b);
	top = mk(3, "top", RTOS_PRIO_MAX, 0);
	CHECK(run(0) == top);
	sched_kill(top);
	sched_kill(a);
	sched_kill(b);
	CHECK(run(0) == &rtos_cpus[0].idle);
	mk(4, "zero", 0, 0);
	CHECK(run(0) == &t[4]); /* priority 0 is above idle */
	CHECK(fake_guards >= 5);
}

TEST(create_refuses)
{
	struct rtos_task_attr a = {
		.name = "x",
		.entry = entry,
		.prio = RTOS_PRIORITIES,
		.cpu = 0,
		.stack = stacks[0],
		.stack_size = sizeof(stacks[0]),
	};

	reset();
	CHECK(task_create_core(&t[0], &a) == -EINVAL); /* priority */
	a.prio = 1;
	a.stack = stacks[0] + 8;
	CHECK(task_create_core(&t[0], &a) == -EINVAL); /* unaligned stack */
	a.stack = stacks[0];
	a.stack_size = RTOS_PAGE_SIZE;
	CHECK(task_create_core(&t[0], &a) == -EINVAL); /* only a guard */
	a.stack_size = sizeof(stacks[0]);
	CHECK(task_create_core(&t[0], &a) == 0);
	CHECK(task_create_core(&t[0], &a) == -EBUSY); /* live */
}

TEST(waitq_priority_then_fifo)
{
	struct rtos_sem s;
	struct rtos_task *lo, *m1, *m2, *mid;

	reset();
	rtos_sem_init(&s, 0, 10);
	lo = mk(0, "lo", 2, 0);
	m1 = mk(1, "m1", 5, 0);
	m2 = mk(2, "m2", 5, 0);
	mid = mk(3, "mid", 3, 0);
	CHECK(sem_take_core(lo, &s, NO_DEADLINE) == K_BLOCKED);
	CHECK(sem_take_core(m1, &s, NO_DEADLINE) == K_BLOCKED);
	CHECK(sem_take_core(m2, &s, NO_DEADLINE) == K_BLOCKED);
	CHECK(sem_take_core(mid, &s, NO_DEADLINE) == K_BLOCKED);
	CHECK(run(0) == &rtos_cpus[0].idle);
	CHECK(sem_give_core(&s) == 0 && m1->state == RTOS_TASK_READY);
	CHECK(sem_give_core(&s) == 0 && m2->state == RTOS_TASK_READY);
	CHECK(sem_give_core(&s) == 0 && mid->state == RTOS_TASK_READY);
	CHECK(sem_give_core(&s) == 0 && lo->state == RTOS_TASK_READY);
	CHECK(s.count == 0); /* handed over, not counted */
	CHECK(sem_give_core(&s) == 0 && s.count == 1);
	CHECK(lo->wait_result == 0);
}

TEST(pi_three_tasks)
{
	struct rtos_mutex m;
	struct rtos_task *low, *med, *high;

	reset();
	rtos_mutex_init(&m);
	low = mk(0, "low", 1, 0);
	CHECK(mutex_lock_core(low, &m, NO_DEADLINE) == 0);
	med = mk(1, "med", 3, 0);
	high = mk(2, "high", 5, 0);
	CHECK(run(0) == high);
	CHECK(mutex_lock_core(high, &m, NO_DEADLINE) == K_BLOCKED);
	CHECK(low->prio == 5); /* inherited */
	CHECK(run(0) == low);  /* before med: no inversion */
	CHECK(mutex_unlock_core(low, &m) == 0);
	CHECK(m.owner == high && high->wait_result == 0);
	CHECK(low->prio == 1);
	CHECK(run(0) == high);
	(void)med;
}

TEST(pi_chain_and_timeout)
{
	struct rtos_mutex m1, m2;
	struct rtos_task *l, *m, *h;

	reset();
	rtos_mutex_init(&m1);
	rtos_mutex_init(&m2);
	l = mk(0, "l", 1, 0);
	m = mk(1, "m", 3, 0);
	h = mk(2, "h", 5, 0);
	CHECK(mutex_lock_core(l, &m1, NO_DEADLINE) == 0);
	CHECK(mutex_lock_core(m, &m2, NO_DEADLINE) == 0);
	CHECK(mutex_lock_core(m, &m1, NO_DEADLINE) == K_BLOCKED);
	CHECK(l->prio == 3 && m->prio == 3);
	/* h waits for m2 until 2000: m and, through m1, l run at 5. */
	CHECK(mutex_lock_core(h, &m2, 2000) == K_BLOCKED);
	CHECK(m->prio == 5 && l->prio == 5);
	timers_rearm(&rtos_cpus[0]);
	CHECK(fake_timer[0] == 2000);
	fake_now = 1999;
	timers_expire(&rtos_cpus[0], fake_now);
	CHECK(h->state == RTOS_TASK_BLOCKED);
	fake_now = 2000;
	timers_expire(&rtos_cpus[0], fake_now);
	CHECK(h->state == RTOS_TASK_READY && h->wait_result == -ETIMEDOUT);
	CHECK(m->prio == 3 && l->prio == 3); /* back down the chain */
	CHECK(list_empty(&m2.waitq.waiters) && m2.owner == m);
	timers_rearm(&rtos_cpus[0]);
	CHECK(fake_timer[0] == 0); /* tickless: nothing due */
	CHECK(mutex_unlock_core(l, &m1) == 0);
	CHECK(m1.owner == m && l->prio == 1 && m->prio == 3);
}

TEST(pi_waiter_raised_moves_in_waitq)
{
	struct rtos_mutex m1, m2;
	struct rtos_task *a, *b, *c, *d;

	reset();
	rtos_mutex_init(&m1);
	rtos_mutex_init(&m2);
	a = mk(0, "a", 1, 0); /* owns m1 */
	b = mk(1, "b", 2, 0); /* owns m2, waits for m1 */
	c = mk(2, "c", 3, 0); /* waits for m1 */
	d = mk(3, "d", 6, 0); /* waits for m2 */
	mutex_lock_core(a, &m1, NO_DEADLINE);
	mutex_lock_core(b, &m2, NO_DEADLINE);
	mutex_lock_core(b, &m1, NO_DEADLINE);
	mutex_lock_core(c, &m1, NO_DEADLINE);
	CHECK(waitq_first(&m1.waitq) == c);
	mutex_lock_core(d, &m2, NO_DEADLINE);
	/* b now runs at 6: ahead of c among m1's waiters. */
	CHECK(b->prio == 6 && waitq_first(&m1.waitq) == b && a->prio == 6);
	mutex_unlock_core(a, &m1);
	CHECK(m1.owner == b && a->prio == 1);
	CHECK(b->prio == 6); /* still holds m2 with d waiting */
}

TEST(mutex_recursive_owner_deadlock)
{
	struct rtos_mutex m1, m2;
	struct rtos_task *a, *b;

	reset();
	rtos_mutex_init(&m1);
	rtos_mutex_init(&m2);
	a = mk(0, "a", 1, 0);
	b = mk(1, "b", 1, 0);
	CHECK(mutex_lock_core(a, &m1, NO_DEADLINE) == 0);
	CHECK(mutex_lock_core(a, &m1, NO_DEADLINE) == 0);
	CHECK(mutex_unlock_core(b, &m1) == -EPERM);
	CHECK(mutex_unlock_core(a, &m1) == 0 && m1.owner == a);
	CHECK(mutex_lock_core(b, &m2, NO_DEADLINE) == 0);
	CHECK(mutex_lock_core(a, &m2, NO_DEADLINE) == K_BLOCKED);
	CHECK(mutex_lock_core(b, &m1, NO_DEADLINE) == -EDEADLK);
	CHECK(mutex_lock_core(b, &m1, fake_now) == -EAGAIN);
}

TEST(timeouts_in_order)
{
	struct rtos_sem s;
	struct rtos_task *a, *b, *c, *sl;

	reset();
	rtos_sem_init(&s, 0, 1);
	a = mk(0, "a", 1, 0);
	b = mk(1, "b", 1, 0);
	c = mk(2, "c", 1, 0);
	sl = mk(3, "sleeper", 1, 0);
	sem_take_core(a, &s, 1300);
	sem_take_core(b, &s, 1100);
	sem_take_core(c, &s, 1200);
	wait_block(sl, NULL, 1200);
	timers_rearm(&rtos_cpus[0]);
	CHECK(fake_timer[0] == 1100);
	fake_now = 1150;
	timers_expire(&rtos_cpus[0], fake_now);
	CHECK(b->state == RTOS_TASK_READY && b->wait_result == -ETIMEDOUT);
	CHECK(a->state == RTOS_TASK_BLOCKED && c->state == RTOS_TASK_BLOCKED);
	timers_rearm(&rtos_cpus[0]);
	CHECK(fake_timer[0] == 1200);
	CHECK(sem_give_core(&s) == 0); /* a: it waited first */
	CHECK(a->state == RTOS_TASK_READY && a->wait_result == 0);
	CHECK(!list_linked(&a->timer_node));
	fake_now = 1200;
	timers_expire(&rtos_cpus[0], fake_now);
	CHECK(c->state == RTOS_TASK_READY && c->wait_result == -ETIMEDOUT);
	CHECK(sl->state == RTOS_TASK_READY && sl->wait_result == 0);
	timers_rearm(&rtos_cpus[0]);
	CHECK(fake_timer[0] == 0);
}

TEST(queue_order)
{
	struct rtos_queue q;
	uint32_t buf[2], v, got = 0, s1 = 3, s2 = 4;
	struct rtos_task *rx, *tx1, *tx2;

	reset();
	rtos_queue_init(&q, buf, sizeof(uint32_t), 2);
	rx = mk(0, "rx", 1, 0);
	tx1 = mk(1, "tx1", 2, 0);
	tx2 = mk(2, "tx2", 4, 0);
	/* An empty queue: the receiver waits, the sender hands over. */
	CHECK(queue_receive_core(rx, &q, &got, NO_DEADLINE) == K_BLOCKED);
	v = 7;
	CHECK(queue_send_core(tx1, &q, &v, NO_DEADLINE) == 0);
	CHECK(got == 7 && rx->state == RTOS_TASK_READY && q.count == 0);
	v = 1;
	queue_send_core(tx1, &q, &v, NO_DEADLINE);
	v = 2;
	queue_send_core(tx1, &q, &v, NO_DEADLINE);
	CHECK(queue_send_core(tx1, &q, &s1, NO_DEADLINE) == K_BLOCKED);
	CHECK(queue_send_core(tx2, &q, &s2, NO_DEADLINE) == K_BLOCKED);
	CHECK(queue_send_core(NULL, &q, &v, 0) == -EAGAIN);
	/* Each receive frees a slot for the most urgent sender: tx2 first. */
	queue_receive_core(rx, &q, &got, NO_DEADLINE);
	CHECK(got == 1 && tx2->state == RTOS_TASK_READY);
	queue_receive_core(rx, &q, &got, NO_DEADLINE);
	CHECK(got == 2 && tx1->state == RTOS_TASK_READY);
	queue_receive_core(rx, &q, &got, NO_DEADLINE);
	CHECK(got == 4);
	queue_receive_core(rx, &q, &got, NO_DEADLINE);
	CHECK(got == 3 && q.count == 0);
	CHECK(queue_receive_core(rx, &q, &got, fake_now) == -EAGAIN);
}

TEST(flags_any_all_clear)
{
	struct rtos_flags f;
	struct rtos_task *any, *all;
	uint32_t seen = 0;

	reset();
	rtos_flags_init(&f);
	any = mk(0, "any", 1, 0);
	all = mk(1, "all", 2, 0);
	CHECK(flags_wait_core(any, &f, 0x5, RTOS_FLAGS_CLEAR, NO_DEADLINE,
			      &seen) == K_BLOCKED);
	CHECK(flags_wait_core(all, &f, 0x3, RTOS_FLAGS_ALL, NO_DEADLINE,
			      &seen) == K_BLOCKED);
	flags_set_core(&f, 0x1);
	CHECK(any->state == RTOS_TASK_READY && any->wait_arg == 0x1);
	CHECK(all->state == RTOS_TASK_BLOCKED);
	CHECK(f.bits == 0); /* any cleared what woke it */
	flags_set_core(&f, 0x2);
	CHECK(all->state == RTOS_TASK_BLOCKED);
	flags_set_core(&f, 0x1);
	CHECK(all->state == RTOS_TASK_READY && all->wait_arg == 0x3 &&
	      f.bits == 0x3);
	CHECK(flags_wait_core(NULL, &f, 0x2, RTOS_FLAGS_CLEAR, 0, &seen) == 0);
	CHECK(seen == 0x3 && f.bits == 0x1);
}

TEST(period_grid)
{
	struct rtos_task *p;

	reset();
	p = mk(0, "p", 1, 0);
	p->period = 100;
	p->release = 1000;
	CHECK(period_end_core(p, 1050) == 0 && p->release == 1100);
	/* Done at 1250: its deadline 1200 missed, 1200 skipped: next 1300. */
	CHECK(period_end_core(p, 1250) == 1 && p->release == 1300);
	/* Done at 1700: four releases passed. */
	CHECK(period_end_core(p, 1700) == 4 && p->release == 1800);
	CHECK(p->deadline_misses == 5);
	/* Exactly at the next release is a miss too: it should have run. */
	CHECK(period_end_core(p, 1900) == 1 && p->release == 2000);
}

TEST(wake_on_other_cpu)
{
	struct rtos_sem s;
	struct rtos_task *far, *busy;

	reset();
	rtos_sem_init(&s, 0, 1);
	far = mk(0, "far", 4, 1);
	busy = mk(1, "busy", 2, 1);
	fake_cpu = 1;
	CHECK(run(1) == far);
	sem_take_core(far, &s, NO_DEADLINE);
	CHECK(run(1) == busy);
	fake_cpu = 0;
	run(0);
	fake_resched = 0;
	sem_give_core(&s);
	CHECK(fake_resched == 1U << 1); /* CPU 1 must look */
	CHECK(sched_pick(&rtos_cpus[1]) == far);
	CHECK(sched_pick(&rtos_cpus[0]) == &rtos_cpus[0].idle);
	/* A wake-up below what CPU 1 runs needs no interrupt. */
	fake_resched = 0;
	fake_cpu = 1;
	run(1);
	fake_cpu = 0;
	sem_take_core(busy, &s, NO_DEADLINE);
	fake_cpu = 1;
	CHECK(run(1) == far);
	fake_cpu = 0;
	sem_give_core(&s);
	CHECK(fake_resched == 0);
}

/* A task stopped by a fault while it waits: out of every list, no lent priority. */
TEST(kill_while_waiting)
{
	struct rtos_mutex m;
	struct rtos_sem s;
	struct rtos_task *owner, *waiter, *other;

	reset();
	rtos_mutex_init(&m);
	rtos_sem_init(&s, 0, 1);
	owner = mk(0, "owner", 1, 0);
	waiter = mk(1, "waiter", 7, 0);
	other = mk(2, "other", 2, 0);
	mutex_lock_core(owner, &m, NO_DEADLINE);
	CHECK(mutex_lock_core(waiter, &m, 5000) == K_BLOCKED &&
	      owner->prio == 7);
	sched_kill(waiter);
	CHECK(waiter->state == RTOS_TASK_DEAD && owner->prio == 1);
	CHECK(list_empty(&m.waitq.waiters) && list_empty(&rtos_cpus[0].timers));
	CHECK(sem_take_core(other, &s, NO_DEADLINE) == K_BLOCKED);
	sched_kill(other);
	CHECK(waitq_first(&s.waitq) == NULL);
	CHECK(sem_give_core(&s) == 0 && s.count == 1); /* nobody to hand to */
	CHECK(run(0) == owner);
}

int main(void)
{
	unit_suite = "rtos";
	RUN(ready_queue_order);
	RUN(create_refuses);
	RUN(waitq_priority_then_fifo);
	RUN(pi_three_tasks);
	RUN(pi_chain_and_timeout);
	RUN(pi_waiter_raised_moves_in_waitq);
	RUN(mutex_recursive_owner_deadlock);
	RUN(timeouts_in_order);
	RUN(queue_order);
	RUN(flags_any_all_clear);
	RUN(period_grid);
	RUN(wake_on_other_cpu);
	RUN(kill_while_waiting);
	return 0;
}
