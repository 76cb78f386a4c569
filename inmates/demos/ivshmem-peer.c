// SPDX-License-Identifier: GPL-2.0
/*
 * ivshmem-peer: two inmates talking over an ivshmem link the root cell is
 * not part of, with the messages of the ivshmem-demo protocol
 * (include/bulkhead/ivshmem-demo.h). The same image runs in both cells;
 * the device's peer id picks the role. Peer 0 sends count= echo requests
 * (default 1000) of 1 to len= bytes (default 4096), checks every reply,
 * then waits for peer 1 to leave (its state goes to 0) and to come back,
 * or to restart, and runs another round. Peer 1 answers, as the inmate of ivshmem-demo
 * does, and prints its totals at the end of each round.
 *
 * Args: count=N len=BYTES irq=INTID (default: the device's INTID
 * register).
 */
#include "ivshmem-msg.h"

#define REPLY_TIMEOUT_NS (2 * NSEC_PER_SEC)
#define PROGRESS_EVERY	 250

static struct ivshmem_device dev;
static unsigned int peer;	     /* the other one */
static struct bh_demo_msg *out;	     /* ours */
static const struct bh_demo_msg *in; /* the peer's */
static uint32_t awaited_seq;

static bool peer_ready(void)
{
	return ivshmem_peer_state(&dev, peer) == BH_DEMO_STATE_READY;
}

struct wait_cond {
	bool (*cond)(void);
};

/* For timer_wait_until(). */
static bool cond_or_shutdown(void *arg)
{
	const struct wait_cond *w = arg;

	return w->cond() || comm_poll_shutdown_request();
}

/* Sleeps until cond() or a shutdown request, which it answers. */
static void wait_for(bool (*cond)(void))
{
	struct wait_cond w = { cond };

	while (!cond()) {
		timer_wait_until(timer_now() + timer_ns_to_ticks(DEMO_POLL_NS),
				 cond_or_shutdown, &w);
		demo_check_shutdown(&dev, "ivshmem-peer");
	}
}

/*
 * After a round the peer's reply to the done request stays in its output
 * section until it goes: its state leaves ready, or, if it restarted
 * faster than its state could be seen at 0, its new incarnation cleared
 * its seq.
 */
static bool peer_gone(void)
{
	return !peer_ready() || msg_seq(in) != BH_DEMO_SEQ_DONE;
}

static bool reply_or_left(void *arg)
{
	(void)arg;
	return msg_seq(in) == awaited_seq || !peer_ready() ||
	       comm_poll_shutdown_request();
}

static void send_request(uint32_t seq, uint32_t len, uint32_t flags)
{
	uint32_t h = BH_DEMO_FNV_BASIS, i;

	for (i = 0; i < len; i++) {
		uint8_t b = bh_demo_byte(seq, i);

		out->payload[i] = b;
		h = fnv1a_step(h, b);
	}
	awaited_seq = seq;
	msg_post(&dev, peer, out, seq, len, h, flags);
}

/* Waits for the reply to awaited_seq: 0, -ENODEV (peer left), -ETIMEDOUT. */
static int wait_reply(void)
{
	uint64_t end = timer_now() + timer_ns_to_ticks(REPLY_TIMEOUT_NS);

	for (;;) {
		uint64_t next = timer_now() + timer_ns_to_ticks(DEMO_POLL_NS);

		timer_wait_until(next < end ? next : end, reply_or_left, NULL);
		demo_check_shutdown(&dev, "ivshmem-peer");
		if (msg_seq(in) == awaited_seq) {
			/* The reply was written before its seq. */
			dmb(ishld);
			return 0;
		}
		if (!peer_ready())
			return -ENODEV;
		if (timer_now() >= end)
			return -ETIMEDOUT;
	}
}

/* The echo of request seq: flags, length, checksum and every byte. */
static bool reply_ok(uint32_t seq, uint32_t len)
{
	uint32_t h = BH_DEMO_FNV_BASIS, i;
	bool ok = !(in->flags & BH_DEMO_BAD) && in->len == len;

	for (i = 0; ok && i < len; i++) {
		uint8_t b = in->payload[i], want = bh_demo_byte(seq, i) ^ 0xff;

		h = fnv1a_step(h, b);
		ok = b == want;
	}
	return ok && h == in->checksum;
}

static unsigned long long ticks_to_us(uint64_t ticks)
{
	return timer_ticks_to_ns(ticks) / NSEC_PER_USEC;
}

/* One round of count requests and the done request; false if cut short. */
static bool run_round(unsigned int round, uint32_t count, uint32_t max_len)
{
	uint64_t t, rtt, rtt_min = ~0ULL, rtt_max = 0, rtt_sum = 0;
	unsigned int errors = 0, replies = 0;
	uint32_t seq;
	int err;

	for (seq = 1; seq <= count; seq++) {
		uint32_t len = 1 + (seq * 97) % max_len;

		t = timer_now();
		send_request(seq, len, BH_DEMO_ECHO);
		err = wait_reply();
		/* Round trip: from the request's first byte to the reply. */
		rtt = timer_now() - t;
		if (err == -ENODEV)
			break;
		if (!err) {
			rtt_sum += rtt;
			rtt_min = rtt < rtt_min ? rtt : rtt_min;
			rtt_max = rtt > rtt_max ? rtt : rtt_max;
			replies++;
		}
		if (err) {
			printk("ivshmem-peer %u: no reply to request %u\n",
			       dev.id, seq);
			errors++;
		} else if (!reply_ok(seq, len)) {
			printk("ivshmem-peer %u: bad reply to request %u (len %u flags %x)\n",
			       dev.id, seq, in->len, in->flags);
			errors++;
		}
		if (seq % PROGRESS_EVERY == 0 && seq != count)
			printk("ivshmem-peer %u: round %u: %u messages, %u errors\n",
			       dev.id, round, seq, errors);
	}
	if (seq <= count) {
		printk("ivshmem-peer %u: peer %u left (state %u) during round %u, after %u messages\n",
		       dev.id, peer, ivshmem_peer_state(&dev, peer), round,
		       seq - 1);
		return false;
	}
	if (!replies)
		rtt_min = rtt_sum = 0;
	else
		rtt_sum /= replies;
	printk("ivshmem-peer %u: round %u: %u messages, %u errors, rtt avg %llu us min %llu us max %llu us\n",
	       dev.id, round, count, errors, ticks_to_us(rtt_sum),
	       ticks_to_us(rtt_min), ticks_to_us(rtt_max));
	send_request(BH_DEMO_SEQ_DONE, 0, 0);
	err = wait_reply();
	if (err == -ETIMEDOUT)
		printk("ivshmem-peer %u: no reply to the done request\n",
		       dev.id);
	/*
	 * No request stays posted between rounds: the peer's next
	 * incarnation, which answers any it finds, must find none.
	 */
	*(volatile uint32_t *)&out->seq = 0;
	return err != -ENODEV;
}

static void requester(void)
{
	uint32_t count = cmdline_parse_int("count", 1000);
	uint32_t max_len = cmdline_parse_int("len", 4096);
	unsigned int round = 0;

	if (!max_len || max_len > dev.out_size - BH_DEMO_PAYLOAD_OFFSET)
		max_len = dev.out_size - BH_DEMO_PAYLOAD_OFFSET;
	printk("ivshmem-peer %u: waiting for peer %u\n", dev.id, peer);
	for (;;) {
		wait_for(peer_ready);
		printk("ivshmem-peer %u: peer %u ready\n", dev.id, peer);
		if (run_round(++round, count, max_len))
			wait_for(peer_gone);
		*(volatile uint32_t *)&out->seq = 0;
		if (peer_ready())
			printk("ivshmem-peer %u: peer %u restarted\n", dev.id,
			       peer);
		else
			printk("ivshmem-peer %u: peer %u left (state %u)\n",
			       dev.id, peer, ivshmem_peer_state(&dev, peer));
	}
}

static void responder(void)
{
	unsigned int round = 1;
	struct responder r;

	responder_start(&r, &dev, peer);
	printk("ivshmem-peer %u: waiting for peer %u\n", dev.id, peer);
	for (;;) {
		responder_wait(&r);
		demo_check_shutdown(&dev, "ivshmem-peer");
		switch (responder_poll(&r)) {
		case RESP_READY:
			printk("ivshmem-peer %u: peer %u ready\n", dev.id,
			       peer);
			break;
		case RESP_LEFT:
			printk("ivshmem-peer %u: peer %u left\n", dev.id, peer);
			responder_reset_totals(&r);
			break;
		case RESP_DONE:
			/* Since the start: sent by the hypervisor, taken here. */
			printk("ivshmem-peer %u: round %u: %u requests, %llu bytes, %u errors; interrupts %u sent, %llu taken\n",
			       dev.id, round++, r.requests,
			       (unsigned long long)r.bytes, r.errors,
			       ivshmem_int_count(&dev),
			       (unsigned long long)dev.irq_count);
			responder_finish_run(&r);
			break;
		default:
			break;
		}
	}
}

void inmate_main(void)
{
	long irq;
	int err;

	err = ivshmem_open(&dev, 0);
	if (err) {
		printk("ivshmem-peer: no ivshmem device (%d)\n", err);
		comm_idle("ivshmem-peer");
	}
	if (dev.out_size < BH_DEMO_PAYLOAD_OFFSET) {
		printk("ivshmem-peer: output sections of %llu bytes hold no message\n",
		       (unsigned long long)dev.out_size);
		comm_idle("ivshmem-peer");
	}
	peer = dev.id ? 0 : 1;
	irq = cmdline_parse_int("irq", dev.irq);
	printk("ivshmem-peer %u: link %u, %u peers, rw %llu bytes, out %llu bytes, irq %ld\n",
	       dev.id, dev.link_id, dev.max_peers,
	       (unsigned long long)dev.rw_size,
	       (unsigned long long)dev.out_size, irq);
	err = ivshmem_enable_irq(&dev, irq);
	if (err) {
		printk("ivshmem-peer %u: interrupt %ld: error %d\n", dev.id,
		       irq, err);
		comm_idle("ivshmem-peer");
	}
	comm_set_accepts_messages();
	out = ivshmem_out(&dev, dev.id);
	in = ivshmem_out(&dev, peer);
	if (dev.id == 0) {
		*(volatile uint32_t *)&out->seq = 0;
		ivshmem_set_state(&dev, BH_DEMO_STATE_READY);
		requester();
	}
	responder();
}
