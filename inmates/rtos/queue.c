// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Message queues: a ring of fixed-size messages, FIFO. A sender that
 * finds a receiver waiting copies its message straight into the
 * receiver's buffer; a receiver that frees a slot takes the most urgent
 * waiting sender's message into the ring at once, so the order of
 * messages is the order in which they were accepted.
 */
#include "kernel.h"

static void copy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
}

static void ring_put(struct rtos_queue *q, const void *msg)
{
	uint32_t tail = (q->head + q->count) % q->capacity;

	copy(q->buf + (size_t)tail * q->msg_size, msg, q->msg_size);
	q->count++;
}

static void ring_get(struct rtos_queue *q, void *msg)
{
	copy(msg, q->buf + (size_t)q->head * q->msg_size, q->msg_size);
	q->head = (q->head + 1) % q->capacity;
	q->count--;
}

int queue_send_core(struct rtos_task *cur, struct rtos_queue *q,
		    const void *msg, uint64_t deadline)
{
	struct rtos_task *r = waitq_first(&q->receivers);

	if (r) {
		copy((void *)r->wait_arg, msg, q->msg_size);
		wait_wake(r, 0);
		return 0;
	}
	if (q->count < q->capacity) {
		ring_put(q, msg);
		return 0;
	}
	if (!cur || (deadline != NO_DEADLINE && deadline <= rtos_now()))
		return -EAGAIN;
	cur->wait_arg = (uintptr_t)msg;
	wait_block(cur, &q->senders, deadline);
	return K_BLOCKED;
}

int queue_receive_core(struct rtos_task *cur, struct rtos_queue *q, void *msg,
		       uint64_t deadline)
{
	struct rtos_task *s;

	if (q->count) {
		ring_get(q, msg);
		s = waitq_first(&q->senders);
		if (s) {
			ring_put(q, (const void *)s->wait_arg);
			wait_wake(s, 0);
		}
		return 0;
	}
	if (!cur || (deadline != NO_DEADLINE && deadline <= rtos_now()))
		return -EAGAIN;
	cur->wait_arg = (uintptr_t)msg;
	wait_block(cur, &q->receivers, deadline);
	return K_BLOCKED;
}

void rtos_queue_init(struct rtos_queue *q, void *buf, size_t msg_size,
		     uint32_t capacity)
{
	q->buf = buf;
	q->msg_size = msg_size;
	q->capacity = capacity ? capacity : 1;
	q->count = 0;
	q->head = 0;
	waitq_init(&q->senders);
	waitq_init(&q->receivers);
}

/* Waiting is refused in a handler; polling is what it may do. */
static int queue_op(struct rtos_queue *q, void *msg, uint64_t timeout_ns,
		    bool send)
{
	uint64_t flags = kernel_enter();
	struct rtos_task *cur = kernel_task();
	uint64_t deadline =
		timeout_ns == RTOS_NO_WAIT ? 0 : deadline_of(timeout_ns);
	int r;

	if (!cur && timeout_ns != RTOS_NO_WAIT)
		r = -EPERM;
	else if (send)
		r = queue_send_core(cur, q, msg, deadline);
	else
		r = queue_receive_core(cur, q, msg, deadline);
	return kernel_wait(flags, cur, r);
}

int rtos_queue_send(struct rtos_queue *q, const void *msg, uint64_t timeout_ns)
{
	return queue_op(q, (void *)msg, timeout_ns, true);
}

int rtos_queue_receive(struct rtos_queue *q, void *msg, uint64_t timeout_ns)
{
	return queue_op(q, msg, timeout_ns, false);
}

uint32_t rtos_queue_count(const struct rtos_queue *q)
{
	return q->count;
}
