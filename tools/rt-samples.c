// SPDX-License-Identifier: GPL-2.0
/*
 * rt-samples: the root cell's view of rt-control's sample stream (the
 * contract is include/bulkhead/rt-samples.h). Maps the inmate's output
 * section of an ivshmem link read-only and prints its control samples as
 * they come: one line per EVERY samples, and a summary at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/ivshmem-ioctl.h>
#include <bulkhead/rt-samples.h>

#define NAME "rt-samples"

struct stats {
	uint64_t samples, lost, jitter_sum;
	uint32_t jitter_min, jitter_max, missed;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: " NAME " [-d DEV] [-n COUNT] [-e EVERY] [-t MS]\n\n"
		"Shows rt-control's control samples, which it streams over an ivshmem\n"
		"link (peer %u), live: every EVERY-th sample as a line\n"
		"  seq=N t=MSms setpoint=S output=Y u=U jitter=NSns missed=M\n"
		"(values in thousandths of the plant's unit), then after COUNT samples\n"
		"  " NAME
		": N samples, L lost, jitter min/avg/max A/B/C ns, missed M\n\n"
		"  -d DEV    device (default " BULKHEAD_IVSHMEM_DEV_PREFIX
		"0)\n"
		"  -n COUNT  samples to read (default 5000)\n"
		"  -e EVERY  print every EVERY-th sample (default 100; 0: none)\n"
		"  -t MS     give up when no sample came for MS ms (default 3000)\n\n"
		"Exit status: 0 COUNT samples read, 1 error or timeout, 2 usage error.\n",
		BH_RT_INMATE_PEER);
}

static int parse_u32(const char *s, uint32_t *v)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 0);
	if (*s == '-' || !*s || *end || errno || n > UINT32_MAX)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A doorbell, or 100 ms: the ring is looked at again either way. */
static void wait_a_little(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint32_t count;

	if (poll(&pfd, 1, 100) > 0 &&
	    read(fd, &count, sizeof(count)) != sizeof(count) && errno != EAGAIN)
		perror(NAME ": reading the device");
}

static void account(struct stats *st, const struct bh_rt_sample *s)
{
	if (!st->samples || s->jitter_ns < st->jitter_min)
		st->jitter_min = s->jitter_ns;
	if (s->jitter_ns > st->jitter_max)
		st->jitter_max = s->jitter_ns;
	st->jitter_sum += s->jitter_ns;
	st->missed = s->missed;
	st->samples++;
}

static int stream(int fd, const volatile struct bh_rt_ring *ring,
		  uint32_t count, uint32_t every, uint32_t timeout_ms)
{
	struct stats st = { 0 };
	uint64_t next, last_seen = now_ms();

	/* Start with what comes next: older samples may be overwritten. */
	next = ring->head;
	while (st.samples + st.lost < count) {
		uint64_t head = ring->head;

		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (head == next) {
			if (now_ms() - last_seen > timeout_ms) {
				fprintf(stderr,
					NAME
					": no sample for %u ms (at %" PRIu64
					")\n",
					timeout_ms, next);
				return 1;
			}
			wait_a_little(fd);
			continue;
		}
		last_seen = now_ms();
		if (head - next > ring->entries) {
			st.lost += head - next - ring->entries;
			next = head - ring->entries;
		}
		for (; next < head && st.samples + st.lost < count; next++) {
			struct bh_rt_sample s =
				ring->samples[next % ring->entries];

			/* Overwritten while we read it: the writer lapped us. */
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			if (s.seq != (uint32_t)next) {
				st.lost++;
				continue;
			}
			account(&st, &s);
			if (every && !(next % every))
				printf("seq=%u t=%" PRIu64
				       "ms setpoint=%d output=%d u=%d jitter=%uns missed=%u\n",
				       s.seq, next * 1000 / ring->freq,
				       s.setpoint, s.output, s.u, s.jitter_ns,
				       s.missed);
		}
		fflush(stdout);
	}
	printf(NAME ": %" PRIu64 " samples, %" PRIu64
		    " lost, jitter min/avg/max %u/%" PRIu64
		    "/%u ns, missed %u\n",
	       st.samples, st.lost, st.jitter_min,
	       st.samples ? st.jitter_sum / st.samples : 0, st.jitter_max,
	       st.missed);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dev = BULKHEAD_IVSHMEM_DEV_PREFIX "0";
	uint32_t count = 5000, every = 100, timeout_ms = 3000;
	struct bulkhead_ivshmem_info info;
	const volatile struct bh_rt_ring *ring;
	const volatile uint32_t *state;
	uint64_t end;
	void *p;
	int c, fd;

	while ((c = getopt_long(argc, argv, "d:n:e:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dev = optarg;
			break;
		case 'n':
			if (parse_u32(optarg, &count) || !count)
				goto bad;
			break;
		case 'e':
			if (parse_u32(optarg, &every))
				goto bad;
			break;
		case 't':
			if (parse_u32(optarg, &timeout_ms))
				goto bad;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (optind != argc)
		goto bad;

	fd = open(dev, O_RDWR);
	if (fd < 0 || ioctl(fd, BULKHEAD_IVSHMEM_GET_INFO, &info) < 0) {
		fprintf(stderr, NAME ": %s: %s\n", dev, strerror(errno));
		return 1;
	}
	if (info.max_peers <= BH_RT_INMATE_PEER ||
	    info.out_size <
		    sizeof(struct bh_rt_ring) + sizeof(struct bh_rt_sample)) {
		fprintf(stderr,
			NAME
			": link %u has no output section of peer %u that holds samples\n",
			info.link_id, BH_RT_INMATE_PEER);
		return 1;
	}
	state = mmap(NULL, info.state_size, PROT_READ, MAP_SHARED, fd, 0);
	p = mmap(NULL, info.out_size, PROT_READ, MAP_SHARED, fd,
		 info.out_offset + BH_RT_INMATE_PEER * info.out_size);
	if (state == MAP_FAILED || p == MAP_FAILED) {
		fprintf(stderr, NAME ": mmap: %s\n", strerror(errno));
		return 1;
	}
	ring = p;

	/* The inmate says when its ring is set up. */
	end = now_ms() + timeout_ms;
	while (state[BH_RT_INMATE_PEER] != BH_RT_STATE_STREAMING ||
	       memcmp((const void *)ring->magic, BH_RT_MAGIC,
		      sizeof(ring->magic))) {
		if (now_ms() > end) {
			fprintf(stderr,
				NAME
				": link %u: peer %u is not streaming (state %u)\n",
				info.link_id, BH_RT_INMATE_PEER,
				state[BH_RT_INMATE_PEER]);
			return 1;
		}
		wait_a_little(fd);
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (!ring->entries || !ring->freq ||
	    sizeof(struct bh_rt_ring) + (uint64_t)ring->entries *
						sizeof(struct bh_rt_sample) >
		    info.out_size) {
		fprintf(stderr,
			NAME
			": link %u: a ring of %u entries at %u Hz does not fit\n",
			info.link_id, ring->entries, ring->freq);
		return 1;
	}
	printf(NAME ": link %u, %u entries, %u Hz\n", info.link_id,
	       ring->entries, ring->freq);
	return stream(fd, ring, count, every, timeout_ms);

bad:
	usage(stderr);
	return 2;
}
