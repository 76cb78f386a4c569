// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The cell's services as blocking calls for tasks: the shutdown request
 * of the communication region, and ivshmem doorbells, whose interrupt
 * wakes the tasks waiting for it.
 */
#include <inmate.h>
#include "kernel.h"

#define SHUTDOWN_POLL_NS (10 * NSEC_PER_MSEC)
#define MAX_DOORBELLS	 4

static struct doorbell {
	struct ivshmem_device *dev;
	struct rtos_waitq waitq;
} doorbells[MAX_DOORBELLS];

int rtos_shutdown_wait(uint64_t timeout_ns)
{
	uint64_t deadline = deadline_of(timeout_ns);

	comm_set_accepts_messages();
	while (!comm_poll_shutdown_request()) {
		uint64_t now = rtos_now(),
			 step = rtos_ns_to_ticks(SHUTDOWN_POLL_NS);

		if (now >= deadline)
			return -ETIMEDOUT;
		rtos_sleep_until(deadline - now < step ? deadline : now + step);
	}
	return 0;
}

static struct doorbell *doorbell_of(const struct ivshmem_device *dev)
{
	unsigned int i;

	for (i = 0; i < MAX_DOORBELLS; i++)
		if (doorbells[i].dev == dev)
			return &doorbells[i];
	return NULL;
}

/* In the handler: count it (the library), wake every waiter. */
static void doorbell_irq(unsigned int intid, void *arg)
{
	struct doorbell *d = arg;
	struct rtos_task *t;
	uint64_t flags;

	ivshmem_handle_irq(intid);
	flags = kernel_enter();
	while ((t = waitq_first(&d->waitq)))
		wait_wake(t, 0);
	kernel_leave(flags);
}

int rtos_ivshmem_attach(struct ivshmem_device *dev)
{
	struct doorbell *d = doorbell_of(dev);
	unsigned int i;
	int err;

	for (i = 0; !d && i < MAX_DOORBELLS; i++) {
		if (!doorbells[i].dev) {
			d = &doorbells[i];
			d->dev = dev;
			waitq_init(&d->waitq);
		}
	}
	if (!d)
		return -ENOMEM;
	/* The library's setup of the device installs its own handler... */
	err = ivshmem_enable_irq(dev, 0);
	if (err)
		return err;
	/* ...which the kernel's replaces again: it passes the doorbell on. */
	port_irq_reclaim();
	return rtos_irq_attach(dev->irq, doorbell_irq, d);
}

int rtos_ivshmem_wait(struct ivshmem_device *dev, uint64_t *seen,
		      uint64_t timeout_ns)
{
	struct doorbell *d = doorbell_of(dev);
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();
	int r = 0;

	if (!d)
		r = -EINVAL;
	else if (!cur)
		r = -EPERM;
	else if (dev->irq_count == *seen && timeout_ns == RTOS_NO_WAIT)
		r = -ETIMEDOUT;
	else if (dev->irq_count == *seen) {
		wait_block(cur, &d->waitq, deadline_of(timeout_ns));
		r = K_BLOCKED;
	}
	r = kernel_wait(flags, cur, r);
	*seen = dev->irq_count;
	return r;
}
