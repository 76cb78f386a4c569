// SPDX-License-Identifier: GPL-2.0
/*
 * ivshmem-demo-uio: the responder of the ivshmem demo (the protocol in
 * include/bulkhead/ivshmem-demo.h) for Linux in a cell, on stock drivers
 * only: the ivshmem device bound to uio_pci_generic (its interrupt through
 * /dev/uioN, unmasked through the PCI config file as the kernel's
 * uio-howto shows), its registers through the PCI resource file, the
 * link memory through /dev/mem. It answers the root's ivshmem-demo as the
 * inmate does and prints its totals in the same format.
 *
 * Exit status: 0 after RUNS runs with no bad request, 1 otherwise or on
 * an error, 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bulkhead/ivshmem.h>
#include <bulkhead/ivshmem-demo.h>

#define NAME		"ivshmem-demo-uio"
#define PEER		((unsigned int)BH_DEMO_ROOT_PEER)
#define POLL_MS		10 /* by default, also look without an interrupt */
#define STATE_TABLE	0x1000UL
/* The command register's high byte, and INTx disable (bit 10) in it. */
#define CFG_COMMAND_HI	5
#define CMD_HI_INTX_OFF (1U << 2)

struct uio_demo {
	int uio, config;
	uint8_t command_hi; /* as read at start, INTx enabled */
	volatile uint32_t *regs;
	const volatile uint8_t *link; /* all of it, read-only */
	volatile uint8_t *own;	      /* our output section */
	uint64_t out_size, rw_size;
	unsigned int id, max_peers;
	int wait_ms; /* poll() timeout, -1: none */
	uint32_t last_seq;
	bool connected;
	unsigned int requests, errors, total_errors;
	uint32_t interrupts; /* claimed by the handler, so far */
	unsigned long long bytes;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: " NAME " [-u N] [-r RUNS] [-w MS]\n\n"
		"Answers the root cell's ivshmem-demo (peer %u of the link) as the\n"
		"inmate would, through /dev/uioN (uio_pci_generic bound to the\n"
		"ivshmem device), and prints each run's totals.\n\n"
		"  -u N      the uio device number (default 0)\n"
		"  -r RUNS   exit after RUNS runs (default 1)\n"
		"  -w MS     look at the link after MS ms without an interrupt too\n"
		"            (default %d; -1: only when interrupted, so the demo\n"
		"            stalls if the interrupt does not work)\n",
		PEER, POLL_MS);
}

static void *map(const char *path, int flags, uint64_t off, uint64_t len,
		 int prot)
{
	int fd = open(path, flags | O_SYNC);
	void *p;

	if (fd < 0) {
		fprintf(stderr, NAME ": %s: %s\n", path, strerror(errno));
		return NULL;
	}
	p = mmap(NULL, len, prot, MAP_SHARED, fd, off);
	close(fd);
	if (p == MAP_FAILED) {
		fprintf(stderr, NAME ": mmap %s at 0x%llx: %s\n", path,
			(unsigned long long)off, strerror(errno));
		return NULL;
	}
	return p;
}

static uint64_t reg64(struct uio_demo *d, unsigned int lo)
{
	return d->regs[lo / 4] | (uint64_t)d->regs[lo / 4 + 1] << 32;
}

/*
 * The registers from BAR0, the link memory from the address they give:
 * it is no RAM of this kernel, so /dev/mem maps it (Device memory:
 * every access below is aligned). Only our output section is writable;
 * the hypervisor stops the cell at a write elsewhere.
 */
static int open_device(struct uio_demo *d, unsigned int n)
{
	char path[64];
	uint64_t shmem, own_at;

	snprintf(path, sizeof(path), "/dev/uio%u", n);
	d->uio = open(path, O_RDWR);
	if (d->uio < 0) {
		fprintf(stderr, NAME ": %s: %s\n", path, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "/sys/class/uio/uio%u/device/config", n);
	d->config = open(path, O_RDWR);
	if (d->config < 0 ||
	    pread(d->config, &d->command_hi, 1, CFG_COMMAND_HI) != 1) {
		fprintf(stderr, NAME ": %s: %s\n", path, strerror(errno));
		return -1;
	}
	d->command_hi &= ~CMD_HI_INTX_OFF;
	snprintf(path, sizeof(path), "/sys/class/uio/uio%u/device/resource0",
		 n);
	d->regs = map(path, O_RDWR, 0, BH_PCI_BAR_SIZE, PROT_READ | PROT_WRITE);
	if (!d->regs)
		return -1;
	d->id = d->regs[BH_IVSHMEM_REG_ID / 4];
	d->max_peers = d->regs[BH_IVSHMEM_REG_MAX_PEERS / 4];
	shmem = reg64(d, BH_IVSHMEM_REG_SHMEM_LO);
	d->rw_size = reg64(d, BH_IVSHMEM_REG_RW_SIZE_LO);
	d->out_size = reg64(d, BH_IVSHMEM_REG_OUT_SIZE_LO);
	printf(NAME
	       ": link %u, peer %u of %u, memory at 0x%llx, out %llu bytes\n",
	       d->regs[BH_IVSHMEM_REG_LINK_ID / 4], d->id, d->max_peers,
	       (unsigned long long)shmem, (unsigned long long)d->out_size);
	if (d->id == PEER || d->id >= d->max_peers || PEER >= d->max_peers ||
	    d->out_size <= BH_DEMO_PAYLOAD_OFFSET) {
		fprintf(stderr, NAME ": not a responder's link end\n");
		return -1;
	}
	own_at = STATE_TABLE + d->rw_size + d->id * d->out_size;
	d->link = map("/dev/mem", O_RDONLY, shmem,
		      STATE_TABLE + d->rw_size + d->max_peers * d->out_size,
		      PROT_READ);
	d->own = map("/dev/mem", O_RDWR, shmem + own_at, d->out_size,
		     PROT_READ | PROT_WRITE);
	return d->link && d->own ? 0 : -1;
}

static uint32_t peer_state(struct uio_demo *d)
{
	return ((const volatile uint32_t *)d->link)[PEER];
}

static const volatile struct bh_demo_msg *request(struct uio_demo *d)
{
	return (const volatile void *)(d->link + STATE_TABLE + d->rw_size +
				       PEER * d->out_size);
}

static volatile struct bh_demo_msg *reply(struct uio_demo *d)
{
	return (volatile void *)d->own;
}

/* The header after the payload, seq last, then the requester's doorbell. */
static void post(struct uio_demo *d, uint32_t seq, uint32_t len,
		 uint32_t checksum, uint32_t flags)
{
	volatile struct bh_demo_msg *out = reply(d);

	out->len = len;
	out->checksum = checksum;
	out->flags = flags;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	out->seq = seq;
	d->regs[BH_IVSHMEM_REG_DOORBELL / 4] = BH_IVSHMEM_DOORBELL(PEER, 0);
}

/* Checks every byte and the checksum; the echo is built on the way. */
static void answer(struct uio_demo *d, uint32_t seq)
{
	const volatile struct bh_demo_msg *in = request(d);
	volatile uint8_t *rep = reply(d)->payload;
	uint32_t len = in->len, h = BH_DEMO_FNV_BASIS, rh = BH_DEMO_FNV_BASIS;
	bool echo = in->flags & BH_DEMO_ECHO, bad = false;
	uint32_t i;

	if (len > d->out_size - BH_DEMO_PAYLOAD_OFFSET) {
		bad = true;
		len = 0;
		echo = false;
	}
	for (i = 0; i < len; i++) {
		uint8_t b = in->payload[i];

		h = (h ^ b) * BH_DEMO_FNV_PRIME;
		bad |= b != bh_demo_byte(seq, i);
		if (echo) {
			rep[i] = b ^ 0xff;
			rh = (rh ^ (uint8_t)(b ^ 0xff)) * BH_DEMO_FNV_PRIME;
		}
	}
	bad |= h != in->checksum;
	d->requests++;
	d->bytes += len;
	d->errors += bad;
	post(d, seq, echo ? len : 0, rh, bad ? BH_DEMO_BAD : 0);
}

enum { IDLE, ANSWERED, RUN_DONE };

/* One look at the requester. */
static int serve(struct uio_demo *d)
{
	uint32_t seq;

	if (peer_state(d) != BH_DEMO_STATE_READY) {
		if (d->connected) {
			/* Its next run counts from 1: no stale reply passes. */
			d->connected = false;
			d->last_seq = 0;
			reply(d)->seq = 0;
			d->requests = d->errors = 0;
			d->bytes = 0;
		}
		return IDLE;
	}
	d->connected = true;
	seq = request(d)->seq;
	if (!seq || seq == d->last_seq)
		return IDLE;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	d->last_seq = seq;
	if (seq != BH_DEMO_SEQ_DONE) {
		answer(d, seq);
		return ANSWERED;
	}
	printf(BH_DEMO_TOTALS_FMT, d->requests, d->bytes, d->errors);
	printf(NAME ": %u interrupts\n", d->interrupts);
	fflush(stdout);
	d->total_errors += d->errors;
	d->requests = d->errors = 0;
	d->bytes = 0;
	post(d, BH_DEMO_SEQ_DONE, 0, BH_DEMO_FNV_BASIS, 0);
	return RUN_DONE;
}

static int unmask_intx(struct uio_demo *d)
{
	return pwrite(d->config, &d->command_hi, 1, CFG_COMMAND_HI) == 1 ? 0 :
									   -1;
}

/*
 * uio_pci_generic's handler masks INTx when the device's PCI status says
 * it interrupted; we acknowledge the device (INT_STATUS), then unmask, so
 * a doorbell after the acknowledgement interrupts again.
 */
static int wait_interrupt(struct uio_demo *d)
{
	struct pollfd p = { .fd = d->uio, .events = POLLIN };
	uint32_t count;
	int n = poll(&p, 1, d->wait_ms);

	if (n <= 0)
		return n;
	if (read(d->uio, &count, sizeof(count)) != sizeof(count))
		return -1;
	/* uio's count: the interrupts uio_pci_generic's handler claimed. */
	d->interrupts = count;
	d->regs[BH_IVSHMEM_REG_INT_STATUS / 4] = 1;
	return unmask_intx(d);
}

int main(int argc, char **argv)
{
	struct uio_demo d = { .uio = -1, .config = -1, .wait_ms = POLL_MS };
	unsigned int n = 0, runs = 1, done = 0;
	int c, r;

	while ((c = getopt(argc, argv, "u:r:w:h")) != -1) {
		switch (c) {
		case 'u':
			n = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			runs = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			d.wait_ms = strtol(optarg, NULL, 0);
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
	if (open_device(&d, n))
		return 1;
	reply(&d)->seq = 0;
	d.regs[BH_IVSHMEM_REG_INT_CONTROL / 4] = BH_IVSHMEM_INT_ENABLE;
	if (unmask_intx(&d)) {
		fprintf(stderr, NAME ": unmasking INTx: %s\n", strerror(errno));
		return 1;
	}
	d.regs[BH_IVSHMEM_REG_STATE / 4] = BH_DEMO_STATE_READY;
	printf(NAME ": ready, waiting for peer %u\n", PEER);
	fflush(stdout);
	while (done < runs) {
		if (wait_interrupt(&d) < 0) {
			fprintf(stderr,
				NAME ": waiting for the interrupt: %s\n",
				strerror(errno));
			return 1;
		}
		do {
			r = serve(&d);
			if (r == RUN_DONE)
				done++;
		} while (r != IDLE && done < runs);
	}
	d.regs[BH_IVSHMEM_REG_STATE / 4] = 0;
	return d.total_errors ? 1 : 0;
}
