/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The kernel's insides, shared by its files and the host unit tests: the
 * per-CPU scheduler state and the core operations, which all run under
 * the kernel lock (port_lock) and never switch themselves. An API call
 * takes the lock, runs a core operation and, if that blocked the caller
 * (K_BLOCKED) or readied a more urgent task, switches on its way out
 * (kernel_leave, kernel_wait).
 */
#ifndef _RTOS_KERNEL_H
#define _RTOS_KERNEL_H

#include "list.h"
#include "port.h"
#include "rtos.h"

/* A core operation put the caller to sleep: switch, then read the result. */
#define K_BLOCKED    1
/* A task's chain of mutex owners is followed this far, at most. */
#define PI_CHAIN_MAX 16
#define NO_DEADLINE  UINT64_MAX

struct rtos_cpu {
	struct rtos_task *current;
	struct rtos_list ready[RTOS_PRIORITIES];
	uint64_t ready_mask;	 /* bit p: ready[p] not empty */
	struct rtos_list timers; /* blocked tasks by wake_at */
	uint64_t armed;		 /* deadline in the timer, 0: none */
	struct rtos_task idle;
	bool started;
	bool in_irq;
	struct rtos_cpu_stats stats;
};

extern struct rtos_cpu rtos_cpus[RTOS_MAX_CPUS];

static inline struct rtos_cpu *this_cpu(void)
{
	return &rtos_cpus[port_cpu()];
}

/* sched.c: ready queues, priorities, blocking and waking, timeouts */
void sched_init(void);
void sched_ready(struct rtos_task *t);
void sched_unready(struct rtos_task *t);
struct rtos_task *sched_pick(struct rtos_cpu *c);
void sched_set_prio(struct rtos_task *t, unsigned int prio);
void sched_to_tail(struct rtos_task *t);
void sched_kill(struct rtos_task *t);
void waitq_init(struct rtos_waitq *q);
struct rtos_task *waitq_first(struct rtos_waitq *q);
void wait_block(struct rtos_task *t, struct rtos_waitq *q, uint64_t deadline);
void wait_wake(struct rtos_task *t, int result);
void timers_expire(struct rtos_cpu *c, uint64_t now);
void timers_rearm(struct rtos_cpu *c);
uint64_t deadline_of(uint64_t timeout_ns);

/* mutex.c: priority inheritance */
int mutex_lock_core(struct rtos_task *cur, struct rtos_mutex *m,
		    uint64_t deadline);
int mutex_unlock_core(struct rtos_task *cur, struct rtos_mutex *m);
void mutex_wait_ended(struct rtos_task *t);
void pi_update(struct rtos_task *t);

/* sem.c, queue.c, flags.c */
int sem_take_core(struct rtos_task *cur, struct rtos_sem *s, uint64_t deadline);
int sem_give_core(struct rtos_sem *s);
int queue_send_core(struct rtos_task *cur, struct rtos_queue *q,
		    const void *msg, uint64_t deadline);
int queue_receive_core(struct rtos_task *cur, struct rtos_queue *q, void *msg,
		       uint64_t deadline);
int flags_wait_core(struct rtos_task *cur, struct rtos_flags *f, uint32_t bits,
		    uint32_t mode, uint64_t deadline, uint32_t *seen);
void flags_set_core(struct rtos_flags *f, uint32_t bits);

/* task.c */
int task_create_core(struct rtos_task *t, const struct rtos_task_attr *attr);
int period_end_core(struct rtos_task *t, uint64_t now);
void task_fault(struct rtos_task *t, const char *what, uint64_t addr,
		uint64_t pc);

/* kernel.c: entering and leaving the kernel from an API call */
uint64_t kernel_enter(void);
void kernel_leave(uint64_t flags);
int kernel_wait(uint64_t flags, struct rtos_task *cur, int core_result);
/* The calling task, or NULL in an interrupt handler or before start. */
struct rtos_task *kernel_task(void);
/* The switch itself, under the lock: the task to resume. */
struct rtos_task *kernel_schedule(struct rtos_cpu *c);

#endif
