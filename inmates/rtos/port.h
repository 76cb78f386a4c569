/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * What the kernel core needs from the machine. port-arm64.c implements it
 * on the inmate library; the host unit tests (tests/host/test_rtos.c)
 * implement a fake one, so the scheduler's logic runs on the build
 * machine.
 */
#ifndef _RTOS_PORT_H
#define _RTOS_PORT_H

#include <stdint.h>
#include "rtos.h"

/* The calling CPU's index. */
unsigned int port_cpu(void);

/* The kernel lock with interrupts masked; flags as irq_save() gives. */
uint64_t port_lock(void);
void port_unlock(void);
void port_irq_restore(uint64_t flags);

/*
 * Called with interrupts masked, outside the lock: the calling CPU
 * switches to the task the scheduler picks (arm64: an SVC whose handler
 * saves the caller's registers). Returns when the caller runs again.
 */
void port_switch(void);

/* Another CPU should look at its ready queues (arm64: an SGI). */
void port_resched(unsigned int cpu);

/*
 * The calling CPU's timer: 0 disarms it. The counter and its conversions
 * are the API's rtos_now(), rtos_ns_to_ticks() and rtos_ticks_to_ns(),
 * which the port implements too.
 */
void port_timer_arm(uint64_t deadline);

/* A new task's registers: it starts at entry(arg) on stack top sp. */
void port_ctx_init(struct rtos_ctx *ctx, void (*entry)(void *), void *arg,
		   uintptr_t sp);

/* Interrupts go to the kernel's handler again (after the library's setup
 * of a device installed its own). */
void port_irq_reclaim(void);

/* The page at addr faults from now on. 0 or -ENOMEM. */
int port_guard_page(uintptr_t addr);

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
