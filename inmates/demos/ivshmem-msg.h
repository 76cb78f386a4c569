/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Both ends of the ivshmem-demo protocol (include/bulkhead/ivshmem-demo.h)
 * for the ivshmem demos: posting a message, and the responder, which
 * ivshmem-demo (root <-> inmate) and ivshmem-peer (inmate <-> inmate)
 * share. Included by one demo file each, hence static.
 */
#ifndef _DEMOS_IVSHMEM_MSG_H
#define _DEMOS_IVSHMEM_MSG_H

#include <inmate.h>
#include <bulkhead/ivshmem-demo.h>

/* How often a waiting demo looks for a shutdown request. */
#define DEMO_POLL_NS (10 * NSEC_PER_MSEC)

static inline uint32_t msg_seq(const struct bh_demo_msg *msg)
{
	return *(const volatile uint32_t *)&msg->seq;
}

static inline uint32_t fnv1a_step(uint32_t h, uint8_t byte)
{
	return (h ^ byte) * BH_DEMO_FNV_PRIME;
}

/* The header after the payload, seq last, then the peer's doorbell. */
static void msg_post(struct ivshmem_device *dev, unsigned int peer,
		     struct bh_demo_msg *out, uint32_t seq, uint32_t len,
		     uint32_t checksum, uint32_t flags)
{
	out->len = len;
	out->checksum = checksum;
	out->flags = flags;
	dmb(ishst);
	*(volatile uint32_t *)&out->seq = seq;
	ivshmem_ring(dev, peer, BH_DEMO_VECTOR);
}

/*
 * In a cell, answers a pending shutdown request; unless it refuses, its
 * state goes to 0 first, since after the OK the cell may stop at once.
 */
static void demo_check_shutdown(struct ivshmem_device *dev, const char *who)
{
	if (!comm_poll_shutdown_request())
		return;
	if (!cmdline_parse_bool("deny-shutdown", false))
		ivshmem_set_state(dev, 0);
	if (comm_handle_shutdown(who))
		inmate_halt();
}

struct responder {
	struct ivshmem_device *dev;
	unsigned int peer;	      /* the requester */
	const struct bh_demo_msg *in; /* its output section */
	struct bh_demo_msg *out;      /* ours */
	uint32_t max_len;	      /* of a payload */
	uint32_t last_seq;	      /* answered last */
	bool connected;		      /* the requester was seen ready */
	/* this run's totals (the done request not counted) */
	unsigned int requests, errors;
	uint64_t bytes;
};

enum responder_event {
	RESP_IDLE,
	RESP_READY,   /* the requester became ready */
	RESP_LEFT,    /* its state left ready */
	RESP_REQUEST, /* a request was answered */
	RESP_DONE,    /* the done request came: print, then reply */
};

static void responder_start(struct responder *r, struct ivshmem_device *dev,
			    unsigned int peer)
{
	memset(r, 0, sizeof(*r));
	r->dev = dev;
	r->peer = peer;
	r->in = ivshmem_out(dev, peer);
	r->out = ivshmem_out(dev, dev->id);
	r->max_len = dev->out_size - BH_DEMO_PAYLOAD_OFFSET;
	*(volatile uint32_t *)&r->out->seq = 0;
	ivshmem_set_state(dev, BH_DEMO_STATE_READY);
}

/* For timer_wait_until(): anything for responder_poll() to do? */
static bool responder_pending(void *arg)
{
	struct responder *r = arg;
	bool ready = ivshmem_peer_state(r->dev, r->peer) == BH_DEMO_STATE_READY;
	uint32_t seq = msg_seq(r->in);

	if (ready != r->connected)
		return true;
	if (ready && seq && seq != r->last_seq)
		return true;
	return comm_poll_shutdown_request();
}

/*
 * Checks the request (checksum and every byte) and answers it; one pass
 * over the payload does both, as the echo is built on the way.
 */
static void responder_answer(struct responder *r, uint32_t seq)
{
	const uint8_t *req = r->in->payload;
	uint8_t *rep = r->out->payload;
	uint32_t len = r->in->len, checksum = r->in->checksum;
	uint32_t h = BH_DEMO_FNV_BASIS, rh = BH_DEMO_FNV_BASIS, i;
	bool echo = r->in->flags & BH_DEMO_ECHO, bad = false;

	if (len > r->max_len) {
		bad = true;
		len = 0;
		echo = false;
	}
	for (i = 0; i < len; i++) {
		uint8_t b = req[i];

		h = fnv1a_step(h, b);
		bad |= b != bh_demo_byte(seq, i);
		if (echo) {
			rep[i] = b ^ 0xff;
			rh = fnv1a_step(rh, b ^ 0xff);
		}
	}
	bad |= h != checksum;
	r->requests++;
	r->bytes += len;
	r->errors += bad;
	msg_post(r->dev, r->peer, r->out, seq, echo ? len : 0, rh,
		 bad ? BH_DEMO_BAD : 0);
}

static enum responder_event responder_poll(struct responder *r)
{
	uint32_t seq;

	if (ivshmem_peer_state(r->dev, r->peer) != BH_DEMO_STATE_READY) {
		if (!r->connected)
			return RESP_IDLE;
		/*
		 * The requester's next run counts from 1 again: no old
		 * reply may pass for the answer to one of its requests.
		 */
		r->connected = false;
		r->last_seq = 0;
		*(volatile uint32_t *)&r->out->seq = 0;
		return RESP_LEFT;
	}
	if (!r->connected) {
		r->connected = true;
		return RESP_READY;
	}
	seq = msg_seq(r->in);
	if (!seq || seq == r->last_seq)
		return RESP_IDLE;
	/* The rest of the request was written before its seq. */
	dmb(ishld);
	r->last_seq = seq;
	if (seq == BH_DEMO_SEQ_DONE)
		return RESP_DONE;
	responder_answer(r, seq);
	return RESP_REQUEST;
}

static void responder_reset_totals(struct responder *r)
{
	r->requests = 0;
	r->errors = 0;
	r->bytes = 0;
}

/* After RESP_DONE and printing the totals: reset them, and reply. */
static void responder_finish_run(struct responder *r)
{
	responder_reset_totals(r);
	msg_post(r->dev, r->peer, r->out, BH_DEMO_SEQ_DONE, 0,
		 BH_DEMO_FNV_BASIS, 0);
}

/* Sleeps until the responder has something to do (or 10 ms passed). */
static void responder_wait(struct responder *r)
{
	timer_wait_until(timer_now() + timer_ns_to_ticks(DEMO_POLL_NS),
			 responder_pending, r);
}

#endif
