// SPDX-License-Identifier: GPL-2.0
/*
 * ivshmem-demo: the root cell's side of the ivshmem ping-pong demo. Sends
 * numbered requests to the inmate on an ivshmem link, waits for each reply
 * and checks it, and reports round-trip times or, with --bulk,
 * throughput. The protocol is in include/bulkhead/ivshmem-demo.h.
 *
 * Exit status: 0 every reply was right, 1 an error (wrong or missing
 * reply, device trouble), 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/ivshmem-demo.h>
#include <bulkhead/ivshmem-ioctl.h>

#define NAME	     "ivshmem-demo"
/* The protocol's peer ids, as unsigned for printing. */
#define ROOT_PEER    ((unsigned int)BH_DEMO_ROOT_PEER)
#define INMATE_PEER  ((unsigned int)BH_DEMO_INMATE_PEER)
#define MAX_REPORTED 10	    /* errors described one by one */
#define LEAVE_US     200000 /* the inmate polls every 10 ms */

struct demo {
	int fd;
	struct bulkhead_ivshmem_info info;
	const volatile uint32_t *state;	       /* state table */
	volatile struct bh_demo_msg *out;      /* ours */
	const volatile struct bh_demo_msg *in; /* the inmate's */
	unsigned int timeout_ms;
	bool spin; /* watch the memory instead of sleeping */
	unsigned int errors;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: " NAME
		" [-d DEV] [-n COUNT] [-s SIZE] [--bulk] [--spin] [-t MS]\n"
		"       " NAME " [-d DEV] --check-access\n\n"
		"Ping-pong with the inmate on an ivshmem link (peer %u of the link,\n"
		"this cell being peer %u): COUNT requests of SIZE payload bytes,\n"
		"each answered and checked before the next.\n\n"
		"  -d DEV      device (default " BULKHEAD_IVSHMEM_DEV_PREFIX
		"0)\n"
		"  -n COUNT    requests (default 10000, with --bulk 100)\n"
		"  -s SIZE     payload bytes (default 64, with --bulk as many as\n"
		"              the output section holds)\n"
		"  --bulk      the inmate only acknowledges: throughput\n"
		"  --spin      wait for replies by watching the memory, not by\n"
		"              sleeping until the interrupt\n"
		"  -t MS       how long to wait for each reply and for the inmate\n"
		"              to be ready (default 5000)\n"
		"  --check-access  instead, check the device's mapping rules: each\n"
		"              mapping allowed or refused as it should be\n\n"
		"Exit status: 0 all replies right, 1 error, 2 usage error.\n",
		INMATE_PEER, ROOT_PEER);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int parse_num(const char *s, uint64_t max, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	if (*s == '-' || !*s)
		return -1;
	if (*end == 'K' || *end == 'k')
		*v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		*v <<= 20, end++;
	return errno || *end || *v > max ? -1 : 0;
}

static void *map(struct demo *d, uint64_t off, uint64_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_SHARED, d->fd, off);

	if (p == MAP_FAILED) {
		fprintf(stderr,
			NAME ": mmap of 0x%" PRIx64 " bytes at 0x%" PRIx64
			     ": %s\n",
			len, off, strerror(errno));
		return NULL;
	}
	return p;
}

/* The device, for leaving the link when a signal ends the run. */
static int demo_fd = -1;

static void leave_on_signal(int sig)
{
	uint32_t state = 0;

	ioctl(demo_fd, BULKHEAD_IVSHMEM_SET_STATE, &state);
	signal(sig, SIG_DFL);
	raise(sig);
}

static int set_state(struct demo *d, uint32_t state)
{
	if (ioctl(d->fd, BULKHEAD_IVSHMEM_SET_STATE, &state) < 0) {
		fprintf(stderr, NAME ": setting state %u: %s\n", state,
			strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Waits at most ms for an interrupt and consumes it; 0 on one, 1 on
 * timeout, -1 on error. Callers look at the memory again either way.
 */
static int wait_interrupt(struct demo *d, int ms)
{
	struct pollfd pfd = { .fd = d->fd, .events = POLLIN };
	uint32_t count;
	int ret;

	ret = poll(&pfd, 1, ms);
	if (ret < 0)
		return errno == EINTR ? 0 : -1;
	if (ret == 0)
		return 1;
	if (read(d->fd, &count, sizeof(count)) != sizeof(count) &&
	    errno != EAGAIN)
		return -1;
	return 0;
}

static int wait_peer_ready(struct demo *d)
{
	uint64_t deadline = now_ns() + (uint64_t)d->timeout_ms * 1000000;

	/* A state change interrupts us; poll anyway, in case it came early. */
	while (d->state[BH_DEMO_INMATE_PEER] != BH_DEMO_STATE_READY) {
		if (now_ns() >= deadline) {
			fprintf(stderr,
				NAME
				": the inmate (peer %u) is not ready after %u ms (its state: %u)\n",
				INMATE_PEER, d->timeout_ms,
				d->state[BH_DEMO_INMATE_PEER]);
			return -1;
		}
		if (wait_interrupt(d, 100) < 0) {
			perror(NAME ": waiting for the inmate");
			return -1;
		}
	}
	return 0;
}

/* Writes request seq with len payload bytes, then rings the inmate. */
static int send_request(struct demo *d, uint32_t seq, uint32_t len,
			uint32_t flags)
{
	struct bulkhead_ivshmem_ring ring = {
		.peer = BH_DEMO_INMATE_PEER,
		.vector = BH_DEMO_VECTOR,
	};
	volatile uint8_t *p = d->out->payload;
	uint32_t h = BH_DEMO_FNV_BASIS, i;

	for (i = 0; i < len; i++) {
		uint8_t b = bh_demo_byte(seq, i);

		p[i] = b;
		h = (h ^ b) * BH_DEMO_FNV_PRIME;
	}
	d->out->len = len;
	d->out->checksum = h;
	d->out->flags = flags;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	d->out->seq = seq;
	if (ioctl(d->fd, BULKHEAD_IVSHMEM_RING, &ring) < 0) {
		fprintf(stderr, NAME ": ringing the inmate: %s\n",
			strerror(errno));
		return -1;
	}
	return 0;
}

/* Waits until the inmate's message carries seq; -1 on timeout or error. */
static int wait_reply(struct demo *d, uint32_t seq)
{
	uint64_t deadline = now_ns() + (uint64_t)d->timeout_ms * 1000000;
	uint64_t now;
	int ret;

	while (d->in->seq != seq) {
		now = now_ns();
		if (now >= deadline) {
			fprintf(stderr,
				NAME
				": no reply to seq %u within %u ms (the inmate's last seq: %u, its state: %u)\n",
				seq, d->timeout_ms, d->in->seq,
				d->state[BH_DEMO_INMATE_PEER]);
			return -1;
		}
		if (d->spin) {
			/* The reply's interrupt still comes: drop it unread. */
			continue;
		}
		ret = wait_interrupt(d, (deadline - now + 999999) / 1000000);
		if (ret < 0) {
			fprintf(stderr, NAME ": waiting for seq %u: %s\n", seq,
				strerror(errno));
			return -1;
		}
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return 0;
}

static void __attribute__((format(printf, 3, 4)))
report(struct demo *d, uint32_t seq, const char *fmt, ...)
{
	va_list ap;

	if (++d->errors <= MAX_REPORTED) {
		fprintf(stderr, NAME ": seq %u: ", seq);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	if (d->errors == MAX_REPORTED + 1)
		fprintf(stderr, NAME ": further errors are only counted\n");
}

/* Checks the reply to request seq of len bytes. */
static void check_reply(struct demo *d, uint32_t seq, uint32_t len, bool echo)
{
	const volatile uint8_t *p = d->in->payload;
	uint32_t want_len = echo ? len : 0, got_len = d->in->len;
	uint32_t h = BH_DEMO_FNV_BASIS, i, bad = 0, first_bad = 0;

	if (d->in->flags & BH_DEMO_BAD) {
		report(d, seq,
		       "the inmate found the request corrupt (reply flags 0x%x)",
		       d->in->flags);
		return;
	}
	if (got_len != want_len) {
		report(d, seq, "reply of %u bytes, expected %u", got_len,
		       want_len);
		return;
	}
	for (i = 0; i < got_len; i++) {
		uint8_t b = p[i], want = ~bh_demo_byte(seq, i);

		h = (h ^ b) * BH_DEMO_FNV_PRIME;
		if (b != want && !bad++)
			first_bad = i;
	}
	if (h != d->in->checksum)
		report(d, seq,
		       "reply checksum 0x%08x, its payload sums to 0x%08x",
		       d->in->checksum, h);
	else if (bad)
		report(d, seq, "%u reply bytes wrong, the first at %u", bad,
		       first_bad);
}

/* One mapping attempt of --check-access: does it fail with want_err? */
static int try_map(struct demo *d, const char *what, uint64_t off, uint64_t len,
		   int prot, int flags, int want_err)
{
	void *p;
	int err;

	if (!len) {
		printf(NAME ": access: %s: skipped (empty)\n", what);
		return 0;
	}
	p = mmap(NULL, len, prot, flags, d->fd, off);
	err = p == MAP_FAILED ? errno : 0;

	if (!err && (prot & PROT_WRITE)) {
		/* Writable means writable: a byte goes in and comes back. */
		volatile uint8_t *b = p;
		uint8_t old = *b;

		*b = old ^ 0x5a;
		if (*b != (uint8_t)(old ^ 0x5a))
			err = EIO;
		*b = old;
	}
	if (!err && !(prot & PROT_WRITE) && want_err == EACCES &&
	    mprotect(p, len, PROT_READ | PROT_WRITE) < 0)
		err = errno; /* asked of an mprotect to writable */
	if (p != MAP_FAILED)
		munmap(p, len);
	printf(NAME ": access: %s: %s (%s)\n", what,
	       err == want_err ? "right" : "WRONG",
	       err ? strerror(err) : "allowed");
	return err == want_err ? 0 : -1;
}

/* The mapping rules of the device (ivshmem-ioctl.h), one case at a time. */
static int check_access(struct demo *d)
{
	const struct bulkhead_ivshmem_info *i = &d->info;
	uint64_t own = i->out_offset + i->peer_id * i->out_size;
	uint64_t other = i->out_offset + (i->peer_id ? 0 : 1) * i->out_size;
	int bad = 0;

	bad |= try_map(d, "state table read-only", 0, i->state_size, PROT_READ,
		       MAP_SHARED, 0);
	bad |= try_map(d, "state table writable", 0, i->state_size,
		       PROT_READ | PROT_WRITE, MAP_SHARED, EACCES);
	bad |= try_map(d, "state table made writable by mprotect", 0,
		       i->state_size, PROT_READ, MAP_SHARED, EACCES);
	bad |= try_map(d, "rw section writable", i->rw_offset, i->rw_size,
		       PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	bad |= try_map(d, "rw section private writable", i->rw_offset,
		       i->rw_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, EINVAL);
	bad |= try_map(d, "own output section writable", own, i->out_size,
		       PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	bad |= try_map(d, "other peer's output section read-only", other,
		       i->out_size, PROT_READ, MAP_SHARED, 0);
	bad |= try_map(d, "other peer's output section writable", other,
		       i->out_size, PROT_READ | PROT_WRITE, MAP_SHARED, EACCES);
	bad |= try_map(d,
		       "other peer's output section made writable by mprotect",
		       other, i->out_size, PROT_READ, MAP_SHARED, EACCES);
	bad |= try_map(d, "whole link read-only", 0, i->shmem_size, PROT_READ,
		       MAP_SHARED, 0);
	bad |= try_map(d, "whole link writable", 0, i->shmem_size,
		       PROT_READ | PROT_WRITE, MAP_SHARED, EACCES);
	bad |= try_map(d, "past the end", i->shmem_size, 4096, PROT_READ,
		       MAP_SHARED, EINVAL);
	printf(NAME ": access rules %s\n", bad ? "BROKEN" : "hold");
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bulk", no_argument, NULL, 'b' },
		{ "spin", no_argument, NULL, 'p' },
		{ "check-access", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo d = { .fd = -1, .timeout_ms = 5000 };
	const char *dev = BULKHEAD_IVSHMEM_DEV_PREFIX "0";
	uint64_t count = 0, size = UINT64_MAX, v, max_len;
	uint64_t rtt, rtt_sum = 0, rtt_min = UINT64_MAX, rtt_max = 0;
	uint64_t start, t0, elapsed;
	struct bulkhead_ivshmem_info *info = &d.info;
	bool bulk = false, count_set = false, access = false;
	uint32_t seq = 0;
	int c;

	while ((c = getopt_long(argc, argv, "d:n:s:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dev = optarg;
			break;
		case 'n':
			if (parse_num(optarg, BH_DEMO_SEQ_DONE - 1, &count) ||
			    !count)
				goto bad_arg;
			count_set = true;
			break;
		case 's':
			if (parse_num(optarg, UINT32_MAX, &size))
				goto bad_arg;
			break;
		case 't':
			if (parse_num(optarg, 3600000, &v) || !v)
				goto bad_arg;
			d.timeout_ms = v;
			break;
		case 'b':
			bulk = true;
			break;
		case 'p':
			d.spin = true;
			break;
		case 'a':
			access = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (!count_set)
		count = bulk ? 100 : 10000;

	d.fd = open(dev, O_RDWR);
	if (d.fd < 0) {
		fprintf(stderr, NAME ": %s: %s\n", dev, strerror(errno));
		return 1;
	}
	if (ioctl(d.fd, BULKHEAD_IVSHMEM_GET_INFO, info) < 0) {
		fprintf(stderr, NAME ": %s: %s\n", dev, strerror(errno));
		return 1;
	}
	if (access)
		return check_access(&d);
	if (info->peer_id != BH_DEMO_ROOT_PEER ||
	    info->max_peers <= BH_DEMO_INMATE_PEER) {
		fprintf(stderr,
			NAME
			": link %u: this cell is peer %u of %u, the demo needs peer %u with a peer %u\n",
			info->link_id, info->peer_id, info->max_peers,
			ROOT_PEER, INMATE_PEER);
		return 1;
	}
	if (info->out_size < BH_DEMO_PAYLOAD_OFFSET) {
		fprintf(stderr,
			NAME ": link %u: output sections of %" PRIu64
			     " bytes hold no message\n",
			info->link_id, (uint64_t)info->out_size);
		return 1;
	}
	max_len = info->out_size - BH_DEMO_PAYLOAD_OFFSET;
	if (size == UINT64_MAX)
		size = bulk ? max_len : 64;
	if (size > max_len) {
		fprintf(stderr,
			NAME ": -s %" PRIu64 ": at most %" PRIu64
			     " payload bytes fit in an output section\n",
			size, max_len);
		return 2;
	}

	d.state = map(&d, 0, info->state_size, PROT_READ);
	d.out = map(&d, info->out_offset + BH_DEMO_ROOT_PEER * info->out_size,
		    info->out_size, PROT_READ | PROT_WRITE);
	d.in = map(&d, info->out_offset + BH_DEMO_INMATE_PEER * info->out_size,
		   info->out_size, PROT_READ);
	if (!d.state || !d.out || !d.in)
		return 1;

	/*
	 * A run that was killed left our state ready and the inmate in the
	 * middle of it: leave first, so that it starts over (its replies
	 * back to seq 0), and give it time to see that.
	 */
	if (d.state[ROOT_PEER]) {
		if (set_state(&d, 0))
			return 1;
		usleep(LEAVE_US);
	}
	/* No stale request may look new to the inmate. */
	d.out->seq = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	demo_fd = d.fd;
	signal(SIGINT, leave_on_signal);
	signal(SIGTERM, leave_on_signal);
	signal(SIGHUP, leave_on_signal);
	if (set_state(&d, BH_DEMO_STATE_READY) || wait_peer_ready(&d))
		goto fail;
	printf(NAME ": link %u, inmate ready: %" PRIu64
		    " %s requests of %" PRIu64 " bytes\n",
	       info->link_id, count, bulk ? "bulk" : "echo", size);
	fflush(stdout);

	start = now_ns();
	for (seq = 1; seq <= count; seq++) {
		t0 = now_ns();
		if (send_request(&d, seq, size, bulk ? 0 : BH_DEMO_ECHO) ||
		    wait_reply(&d, seq))
			goto fail;
		rtt = now_ns() - t0;
		rtt_sum += rtt;
		rtt_min = rtt < rtt_min ? rtt : rtt_min;
		rtt_max = rtt > rtt_max ? rtt : rtt_max;
		check_reply(&d, seq, size, !bulk);
	}
	elapsed = now_ns() - start;

	if (send_request(&d, BH_DEMO_SEQ_DONE, 0, 0) ||
	    wait_reply(&d, BH_DEMO_SEQ_DONE))
		goto fail;
	if (d.in->flags & BH_DEMO_BAD)
		report(&d, BH_DEMO_SEQ_DONE,
		       "the inmate found the done request corrupt");
	set_state(&d, 0);

	printf(NAME
	       ": %" PRIu64
	       " round trips, %u errors, rtt avg %.1f us min %.1f us max %.1f us\n",
	       count, d.errors, rtt_sum / 1000.0 / count, rtt_min / 1000.0,
	       rtt_max / 1000.0);
	if (bulk)
		printf(NAME ": bulk %" PRIu64 " bytes in %" PRIu64
			    " us: %.1f MB/s\n",
		       count * size, elapsed / 1000,
		       elapsed ? (double)(count * size) * 1000.0 / elapsed :
				 0.0);
	return d.errors ? 1 : 0;

fail:
	set_state(&d, 0);
	printf(NAME ": failed after %u requests, %u errors\n",
	       seq ? seq - 1 : 0, d.errors);
	return 1;

bad_arg:
	fprintf(stderr, NAME ": bad value '%s' for -%c\n", optarg, c);
	usage(stderr);
	return 2;
}
