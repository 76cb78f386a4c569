/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Bulkhead's real-time kernel for inmates: preemptive fixed-priority
 * tasks, partitioned per CPU, tickless time from the virtual timer,
 * mutexes with priority inheritance, counting semaphores, message queues,
 * event flags. Documentation/rtos.md describes the API and its timing.
 *
 * Objects are allocated by the program (static or on a stack) and set up
 * by their *_init() call; the kernel allocates nothing. Fields are the
 * kernel's: read them through the functions below.
 */
#ifndef _RTOS_H
#define _RTOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef EPERM
#define EPERM 1
#endif
#ifndef EAGAIN
#define EAGAIN 11
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef EDEADLK
#define EDEADLK 35
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EBUSY
#define EBUSY 16
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT 110
#endif
#ifndef ECANCELED
#define ECANCELED 125
#endif

#define RTOS_PRIORITIES 64 /* 0 (lowest) .. 63; idle is below 0 */
#define RTOS_PRIO_MAX	(RTOS_PRIORITIES - 1)
#define RTOS_MAX_CPUS	8
#define RTOS_PAGE_SIZE	4096UL

/* Timeouts, in nanoseconds, relative to the call. */
#define RTOS_NO_WAIT 0ULL
#define RTOS_FOREVER UINT64_MAX

/* A doubly linked list node, and a list's head. */
struct rtos_list {
	struct rtos_list *next, *prev;
};

/*
 * A task's saved registers: x0-x30, SP_EL0, the PC and PSTATE it resumes
 * with (what an exception saves into ELR_EL1 and SPSR_EL1).
 */
struct rtos_ctx {
	uint64_t x[31];
	uint64_t sp, pc, pstate;
};

enum rtos_task_state {
	RTOS_TASK_UNUSED,
	RTOS_TASK_READY,   /* in its CPU's ready queue, or running */
	RTOS_TASK_BLOCKED, /* sleeping or waiting for an object */
	RTOS_TASK_DEAD,	   /* returned, or stopped by a fault */
};

struct rtos_waitq {
	struct rtos_list waiters; /* by priority, FIFO within one */
};

struct rtos_mutex;

struct rtos_task {
	struct rtos_ctx ctx;
	const char *name;
	uint8_t base_prio; /* as created or set */
	uint8_t prio;	   /* effective: raised by inheritance */
	uint8_t state;	   /* enum rtos_task_state */
	uint8_t cpu;
	struct rtos_list node;	       /* ready queue or wait queue */
	struct rtos_list timer_node;   /* the CPU's timeout list */
	uint64_t wake_at;	       /* ticks; valid while in the list */
	struct rtos_waitq *waitq;      /* the queue it waits in, or NULL */
	struct rtos_mutex *wait_mutex; /* the mutex it waits for, or NULL */
	struct rtos_list held;	       /* mutexes it owns */
	int wait_result;	       /* 0, -ETIMEDOUT, ... */
	uintptr_t wait_arg;	       /* what the waker hands over */
	uint32_t wait_mode;
	/* Periodic release (rtos_task_set_period). */
	uint64_t period, release; /* ticks */
	uint32_t deadline_misses, releases;
	/* The stack; its lowest page is the guard. */
	uintptr_t stack_base;
	size_t stack_size;
	uint64_t switches_in; /* times it was switched to */
};

struct rtos_mutex {
	struct rtos_task *owner;
	uint32_t depth;	       /* recursive locks by the owner */
	struct rtos_list node; /* in the owner's held list */
	struct rtos_waitq waitq;
};

struct rtos_sem {
	uint32_t count, max;
	struct rtos_waitq waitq;
};

struct rtos_queue {
	uint8_t *buf;
	size_t msg_size;
	uint32_t capacity, count, head;
	struct rtos_waitq senders, receivers;
};

struct rtos_flags {
	uint32_t bits;
	struct rtos_waitq waitq;
};

/* What a task is started with. */
struct rtos_task_attr {
	const char *name;
	void (*entry)(void *arg); /* returning ends the task */
	void *arg;
	unsigned int prio; /* 0 .. RTOS_PRIO_MAX */
	unsigned int cpu;  /* index of the CPU it runs on */
	void *stack;	   /* RTOS_STACK() */
	size_t stack_size; /* sizeof the stack */
};

/*
 * A task's stack, usable bytes rounded up to whole pages, plus one guard
 * page below them that faults on access, so an overflow stops the task
 * instead of overwriting its neighbour.
 */
#define RTOS_STACK_BYTES(bytes)                                     \
	((((bytes) + RTOS_PAGE_SIZE - 1) & ~(RTOS_PAGE_SIZE - 1)) + \
	 RTOS_PAGE_SIZE)
#define RTOS_STACK(name, bytes)                      \
	static uint8_t name[RTOS_STACK_BYTES(bytes)] \
		__attribute__((aligned(RTOS_PAGE_SIZE)))

/* --- the kernel --- */

/* Once, on the boot CPU, before anything else of the kernel. */
void rtos_init(void);

/*
 * Runs the scheduler on the calling CPU: its highest-priority ready task
 * runs. Never returns. rtos_start_cpu() starts another CPU of the cell
 * (index idx, affinity mpidr) into it: 0 or smp_cpu_on()'s error.
 */
void __attribute__((noreturn)) rtos_start(void);
int rtos_start_cpu(unsigned int idx, uint64_t mpidr);

/* --- tasks --- */

/*
 * Makes t ready on attr->cpu. t must be zeroed (static) or a task that
 * has ended. 0, -EINVAL (attributes), -EBUSY (t is a live task), -ENOMEM
 * (no guard page could be made: the stack is not in the image's
 * page-mapped part).
 */
int rtos_task_create(struct rtos_task *t, const struct rtos_task_attr *attr);
struct rtos_task *rtos_self(void);
const char *rtos_task_name(const struct rtos_task *t);
/* Ends the calling task (as does returning from its entry). */
void __attribute__((noreturn)) rtos_task_exit(void);
/* To the end of its priority's ready queue. */
void rtos_yield(void);
/* Changes the base priority; inherited priority stays until released. */
int rtos_task_set_prio(struct rtos_task *t, unsigned int prio);
unsigned int rtos_task_prio(const struct rtos_task *t); /* effective */

/* --- time --- */

uint64_t rtos_now(void); /* counter ticks */
uint64_t rtos_ns_to_ticks(uint64_t ns);
uint64_t rtos_ticks_to_ns(uint64_t ticks);
int rtos_sleep_ns(uint64_t ns);
int rtos_sleep_until(uint64_t ticks);

/*
 * Periodic tasks: the first release at first_release (ticks; 0: one
 * period from now), then every period_ns, on a grid that never drifts.
 * rtos_wait_period() ends the current job and sleeps until the next
 * release. A job still running at its next release (its deadline) counts
 * a deadline miss, as does each release skipped to get back onto the
 * grid. Returns 0, or the number of misses this job caused.
 */
int rtos_task_set_period(uint64_t period_ns, uint64_t first_release);
int rtos_wait_period(void);
/* The release the current job belongs to (ticks). */
uint64_t rtos_release_time(void);
uint32_t rtos_deadline_misses(const struct rtos_task *t);

/* --- mutexes (priority inheritance, recursive for the owner) --- */

void rtos_mutex_init(struct rtos_mutex *m);
/* 0, -ETIMEDOUT, -EAGAIN (no wait), -EPERM (in a handler), -EDEADLK. */
int rtos_mutex_lock(struct rtos_mutex *m, uint64_t timeout_ns);
/* 0, or -EPERM if the caller does not own it. */
int rtos_mutex_unlock(struct rtos_mutex *m);
struct rtos_task *rtos_mutex_owner(const struct rtos_mutex *m);

/* --- counting semaphores --- */

void rtos_sem_init(struct rtos_sem *s, uint32_t initial, uint32_t max);
int rtos_sem_take(struct rtos_sem *s, uint64_t timeout_ns);
/* Also from interrupt handlers. 0 or -EAGAIN (already at max). */
int rtos_sem_give(struct rtos_sem *s);
uint32_t rtos_sem_count(const struct rtos_sem *s);

/* --- message queues: fixed-size messages, FIFO --- */

/* buf holds capacity messages of msg_size bytes. */
void rtos_queue_init(struct rtos_queue *q, void *buf, size_t msg_size,
		     uint32_t capacity);
/* Copies msg in; from a handler only with RTOS_NO_WAIT. */
int rtos_queue_send(struct rtos_queue *q, const void *msg, uint64_t timeout_ns);
int rtos_queue_receive(struct rtos_queue *q, void *msg, uint64_t timeout_ns);
uint32_t rtos_queue_count(const struct rtos_queue *q);

/* --- event flags: 32 bits per group --- */

#define RTOS_FLAGS_ALL	 (1U << 0) /* wait for every bit, not any */
#define RTOS_FLAGS_CLEAR (1U << 1) /* clear the bits that woke us */

void rtos_flags_init(struct rtos_flags *f);
/* Also from interrupt handlers. */
void rtos_flags_set(struct rtos_flags *f, uint32_t bits);
void rtos_flags_clear(struct rtos_flags *f, uint32_t bits);
/*
 * Waits until any (or, with RTOS_FLAGS_ALL, all) of bits are set. The
 * bits seen go to *seen (may be NULL). 0, -ETIMEDOUT, -EAGAIN, -EPERM.
 */
int rtos_flags_wait(struct rtos_flags *f, uint32_t bits, uint32_t mode,
		    uint64_t timeout_ns, uint32_t *seen);
uint32_t rtos_flags_get(const struct rtos_flags *f);

/* --- interrupts --- */

/*
 * Handlers run with interrupts masked, on the CPU's exception stack; they
 * may give semaphores, set flags and send to queues without waiting,
 * never block. fn(intid, arg) for intid taken on the calling CPU, which
 * enables it. 0, -EINVAL, -ENOMEM (table full), -EBUSY (taken).
 */
int rtos_irq_attach(unsigned int intid,
		    void (*fn)(unsigned int intid, void *arg), void *arg);

/* --- the cell --- */

/*
 * Blocks until the hypervisor asks the cell to shut down (polled every
 * 10 ms: the request comes without an interrupt), or timeout_ns passes:
 * 0 or -ETIMEDOUT. Bare metal nothing ever asks.
 */
int rtos_shutdown_wait(uint64_t timeout_ns);

struct ivshmem_device;
/*
 * The device's doorbell interrupt on the calling CPU, for
 * rtos_ivshmem_wait(). 0 or ivshmem_enable_irq()'s / rtos_irq_attach()'s
 * error.
 */
int rtos_ivshmem_attach(struct ivshmem_device *dev);
/*
 * Blocks until a doorbell comes after *seen (an irq_count value), or
 * timeout_ns; then *seen is the current count. 0 or -ETIMEDOUT.
 */
int rtos_ivshmem_wait(struct ivshmem_device *dev, uint64_t *seen,
		      uint64_t timeout_ns);

/* --- statistics --- */

struct rtos_cpu_stats {
	uint64_t switches; /* context switches */
	uint64_t irqs;	   /* interrupts taken */
	uint64_t timer_irqs;
};
void rtos_cpu_stats(unsigned int cpu, struct rtos_cpu_stats *s);

/*
 * Called with the task that faulted, after it was stopped (default:
 * nothing more). A program may define its own.
 */
void rtos_task_fault_hook(struct rtos_task *t);

#endif
