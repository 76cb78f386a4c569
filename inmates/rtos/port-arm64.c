// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The kernel on arm64 and the inmate library: the kernel lock, the
 * virtual timer as the one-shot source of all time, an SGI to make
 * another CPU reschedule, guard pages through the library's MMU, and the
 * C halves of the exception paths of entry.S.
 */
#include <inmate.h>
#include "../lib/lib.h"
#include "kernel.h"

#define RESCHED_SGI	1   /* the hypervisor keeps SGI 15 */
#define PSTATE_EL1T	0x4 /* M[3:0] = EL1 with SP_EL0, DAIF clear */
#define ESR_EC_SHIFT	26
#define ESR_EC_SVC64	0x15
#define ESR_EC_IABT_CUR 0x21
#define ESR_EC_PC_ALIGN 0x22
#define ESR_EC_DABT_CUR 0x25
#define ESR_EC_SP_ALIGN 0x26
#define IDLE_STACK	1024
#define MAX_HANDLERS	16

void rtos_port_enter(const struct rtos_ctx *ctx) __attribute__((noreturn));
void rtos_port_irq(struct rtos_ctx *frame, uint64_t ticks);
void rtos_port_sync(struct rtos_ctx *frame, uint64_t esr, uint64_t far);
extern char rtos_vectors[];

static struct spinlock kernel_lock;
static uint64_t cpu_mpidrs[RTOS_MAX_CPUS];
static uint8_t idle_stacks[RTOS_MAX_CPUS][IDLE_STACK]
	__attribute__((aligned(16)));

static struct irq_slot {
	unsigned int intid;
	void (*fn)(unsigned int intid, void *arg);
	void *arg;
} handlers[MAX_HANDLERS];

unsigned int port_cpu(void)
{
	return cpu_index();
}

uint64_t port_lock(void)
{
	uint64_t flags = irq_save();

	spin_lock(&kernel_lock);
	return flags;
}

void port_unlock(void)
{
	spin_unlock(&kernel_lock);
}

void port_irq_restore(uint64_t flags)
{
	irq_restore(flags);
}

/* The SVC's handler (rtos_port_sync) does the switch. */
void port_switch(void)
{
	asm volatile("svc #0" : : : "memory");
}

void port_resched(unsigned int cpu)
{
	gic_send_sgi(cpu_mpidrs[cpu], RESCHED_SGI);
}

uint64_t rtos_now(void)
{
	return timer_now();
}

uint64_t rtos_ns_to_ticks(uint64_t ns)
{
	return timer_ns_to_ticks(ns);
}

uint64_t rtos_ticks_to_ns(uint64_t ticks)
{
	return timer_ticks_to_ns(ticks);
}

void port_timer_arm(uint64_t deadline)
{
	if (deadline)
		timer_arm(deadline);
	else
		timer_disarm();
}

void port_ctx_init(struct rtos_ctx *ctx, void (*entry)(void *), void *arg,
		   uintptr_t sp)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->x[0] = (uintptr_t)arg;
	/* Returning from entry ends the task. */
	ctx->x[30] = (uintptr_t)rtos_task_exit;
	ctx->sp = sp;
	ctx->pc = (uintptr_t)entry;
	ctx->pstate = PSTATE_EL1T;
}

int port_guard_page(uintptr_t addr)
{
	return mmu_guard_page(addr);
}

/* By whole registers: the library's memcpy goes byte by byte. */
static void ctx_copy(struct rtos_ctx *dst, const struct rtos_ctx *src)
{
	uint64_t *d = (uint64_t *)dst;
	const uint64_t *s = (const uint64_t *)src;
	unsigned int i;

	for (i = 0; i < sizeof(*dst) / sizeof(uint64_t); i++)
		d[i] = s[i];
}

/* Under the lock: the task the CPU should run takes over the frame. */
static void switch_frame(struct rtos_cpu *c, struct rtos_ctx *frame)
{
	struct rtos_task *old = c->current, *next = kernel_schedule(c);

	if (next == old)
		return;
	ctx_copy(&old->ctx, frame);
	ctx_copy(frame, &next->ctx);
}

static void kernel_irq(unsigned int intid)
{
	struct rtos_cpu *c = this_cpu();
	unsigned int i;

	if (intid == TIMER_VIRT_PPI) {
		spin_lock(&kernel_lock);
		/* Level-triggered: quiet until set again (timers_rearm). */
		timer_disarm();
		c->armed = 0;
		c->stats.timer_irqs++;
		timers_expire(c, timer_now());
		spin_unlock(&kernel_lock);
		return;
	}
	if (intid == RESCHED_SGI)
		return; /* the switch follows in rtos_port_irq */
	for (i = 0; i < MAX_HANDLERS; i++) {
		if (handlers[i].fn && handlers[i].intid == intid) {
			handlers[i].fn(intid, handlers[i].arg);
			return;
		}
	}
	gic_disable_irq(intid);
	printk("rtos: unexpected interrupt %u, disabled\n", intid);
}

void port_irq_reclaim(void)
{
	irq_set_handler(kernel_irq);
}

void rtos_port_irq(struct rtos_ctx *frame, uint64_t ticks)
{
	struct rtos_cpu *c = this_cpu();

	c->in_irq = true;
	c->stats.irqs++;
	irq_dispatch(ticks);
	c->in_irq = false;
	spin_lock(&kernel_lock);
	timers_rearm(c);
	switch_frame(c, frame);
	spin_unlock(&kernel_lock);
}

static const char *fault_kind(const struct rtos_task *t, uint64_t ec,
			      uint64_t far, uint64_t sp)
{
	uintptr_t guard = t->stack_base;

	if ((ec == ESR_EC_DABT_CUR && far >= guard &&
	     far < guard + RTOS_PAGE_SIZE) ||
	    (sp >= guard && sp < guard + RTOS_PAGE_SIZE))
		return "overflowed its stack (guard page hit)";
	switch (ec) {
	case ESR_EC_DABT_CUR:
		return "made a bad data access";
	case ESR_EC_IABT_CUR:
		return "jumped to a bad address";
	case ESR_EC_PC_ALIGN:
	case ESR_EC_SP_ALIGN:
		return "misaligned its PC or SP";
	default:
		return "took an unexpected exception";
	}
}

void rtos_port_sync(struct rtos_ctx *frame, uint64_t esr, uint64_t far)
{
	struct rtos_cpu *c = this_cpu();
	uint64_t ec = (esr >> ESR_EC_SHIFT) & 0x3f;

	spin_lock(&kernel_lock);
	if (ec != ESR_EC_SVC64) {
		if (c->current == &c->idle) {
			spin_unlock(&kernel_lock);
			inmate_exception(esr, frame->pc, far, 0);
		}
		task_fault(c->current,
			   fault_kind(c->current, ec, far, frame->sp), far,
			   frame->pc);
	}
	timers_rearm(c);
	switch_frame(c, frame);
	spin_unlock(&kernel_lock);
}

static void idle_loop(void *arg)
{
	(void)arg;
	for (;;)
		wfi();
}

void rtos_init(void)
{
	sched_init();
	memset(handlers, 0, sizeof(handlers));
}

void rtos_start(void)
{
	unsigned int me = cpu_index();
	struct rtos_cpu *c = &rtos_cpus[me];
	struct rtos_ctx first;

	if (gic_init()) {
		printk("rtos: CPU %u: no interrupt controller\n", me);
		inmate_halt();
	}
	irq_set_handler(kernel_irq);
	gic_enable_irq(TIMER_VIRT_PPI);
	gic_enable_irq(RESCHED_SGI);
	cpu_mpidrs[me] = cpu_mpidr();

	c->idle = (struct rtos_task){ .name = "idle",
				      .cpu = me,
				      .state = RTOS_TASK_READY };
	list_init(&c->idle.node);
	list_init(&c->idle.timer_node);
	list_init(&c->idle.held);
	port_ctx_init(&c->idle.ctx, idle_loop, NULL,
		      (uintptr_t)idle_stacks[me + 1]);

	write_sysreg((uintptr_t)rtos_vectors, vbar_el1);
	isb();
	irq_disable();
	spin_lock(&kernel_lock);
	c->started = true;
	ctx_copy(&first, &kernel_schedule(c)->ctx);
	timers_rearm(c);
	spin_unlock(&kernel_lock);
	rtos_port_enter(&first);
}

static void secondary_start(unsigned int idx)
{
	(void)idx;
	rtos_start();
}

int rtos_start_cpu(unsigned int idx, uint64_t mpidr)
{
	if (idx >= RTOS_MAX_CPUS)
		return -EINVAL;
	return smp_cpu_on(idx, mpidr, secondary_start);
}

int rtos_irq_attach(unsigned int intid,
		    void (*fn)(unsigned int intid, void *arg), void *arg)
{
	uint64_t flags;
	unsigned int i, free = MAX_HANDLERS;
	int r = 0;

	if (!fn || intid == TIMER_VIRT_PPI || intid == RESCHED_SGI ||
	    intid >= GIC_SPURIOUS)
		return -EINVAL;
	flags = port_lock();
	for (i = 0; i < MAX_HANDLERS; i++) {
		if (handlers[i].fn && handlers[i].intid == intid)
			r = -EBUSY;
		else if (!handlers[i].fn && free == MAX_HANDLERS)
			free = i;
	}
	if (!r && free == MAX_HANDLERS)
		r = -ENOMEM;
	if (!r) {
		handlers[free].intid = intid;
		handlers[free].arg = arg;
		handlers[free].fn = fn;
	}
	port_unlock();
	port_irq_restore(flags);
	if (!r)
		gic_enable_irq(intid);
	return r;
}
