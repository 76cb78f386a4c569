// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl-fuzz: feeds /dev/bulkhead bad input from the root cell, for the
 * isolation suite (ci/tests/ioctl-fuzz.sh). Runs in the test guest as root,
 * with the hypervisor enabled.
 *
 *   ioctl-fuzz [-n ITERATIONS] [-s SEED] [-k KEEP_IDS] [-c MAX_CREATES]
 *              IMAGE CONFIG...
 *
 * Each iteration makes one ioctl: a cell config made from one of the
 * CONFIG files (truncated, oversized, bit-flipped, with a field smashed,
 * or random bytes), a load of random segments (bad pointers, sizes and
 * addresses, random bytes or IMAGE), boot (entry, device tree), start,
 * shutdown or destroy of random ids, enable and disable, unknown
 * commands, bad argument pointers. Every
 * call must return success or one of the errors the driver documents; the
 * kernel's taint flags must not change (an oops or a warning sets them).
 * A cell a mutated config creates is loaded, maybe started, and destroyed
 * again; cells with the ids in KEEP_IDS (comma separated, made by the
 * caller) are never destroyed. After MAX_CREATES such cells, configs are
 * only offered while they cannot fit (the kept cells hold their CPUs).
 *
 * Prints "ioctl-fuzz: N executions ..." with the outcome counts, one
 * "ioctl-fuzz: FAIL ..." line per bad outcome, and exits 1 if there was
 * any.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bulkhead/cell-config.h>
#include <bulkhead/ioctl.h>
#include <bulkhead/ivshmem-ioctl.h>

#define MAX_FILES     32
#define MAX_KEEP      8
#define BUF_SIZE      (BULKHEAD_MAX_CELL_CONFIG_SIZE + 8192)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct blob {
	uint8_t *data;
	size_t size;
};

static struct blob files[MAX_FILES], image;
static unsigned int num_files, num_keep, creates, max_creates = 8;
static unsigned int keep[MAX_KEEP];
static unsigned long execs, oks, errs, failures;
static unsigned long by_errno[256];
static uint64_t rng = 1;
static uint8_t *buf;   /* what a config or segment is built in */
static uint8_t *guard; /* an unmapped page right after buf */
static int fd;

static uint64_t rnd(void)
{
	/* xorshift64*, reproducible from -s */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static int read_file(const char *path, struct blob *b)
{
	struct stat st;
	int f = open(path, O_RDONLY);

	if (f < 0 || fstat(f, &st) < 0) {
		perror(path);
		return -1;
	}
	b->size = st.st_size;
	b->data = malloc(b->size ? b->size : 1);
	if (!b->data || read(f, b->data, b->size) != (ssize_t)b->size) {
		perror(path);
		return -1;
	}
	close(f);
	return 0;
}

/* Errors the driver may give for bad input: anything else is a bug. */
static bool clean_errno(int e)
{
	switch (e) {
	case EPERM:
	case ENOENT:
	case EIO:
	case E2BIG:
	case EAGAIN:
	case ENOMEM:
	case EFAULT:
	case EBUSY:
	case EEXIST:
	case ENODEV:
	case EINVAL:
	case ENOTTY:
	case ERANGE:
	case ENOSPC:
	case ETIMEDOUT:
	case EOVERFLOW:
	case ENOEXEC: /* start of a cell with nothing loaded */
		return true;
	default:
		return false;
	}
}

static long tainted(void)
{
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");
	long t = -1;

	if (f) {
		if (fscanf(f, "%ld", &t) != 1)
			t = -1;
		fclose(f);
	}
	return t;
}

static void bad(const char *what, long ret, int e)
{
	failures++;
	printf("ioctl-fuzz: FAIL %s: returned %ld, errno %d (%s), iteration %lu\n",
	       what, ret, e, strerror(e), execs);
}

/* One ioctl; its outcome checked. Returns its result. */
static long do_ioctl(const char *what, unsigned long cmd, void *arg)
{
	long ret;

	errno = 0;
	ret = ioctl(fd, cmd, arg);
	execs++;
	if (ret >= 0) {
		oks++;
	} else if (ret == -1 && clean_errno(errno)) {
		errs++;
		by_errno[errno & 0xff]++;
	} else {
		bad(what, ret, errno);
	}
	return ret;
}

/* A user pointer that is wrong in some way, or buf. */
static void *bad_pointer(void)
{
	switch (below(6)) {
	case 0:
		return NULL;
	case 1:
		return (void *)1;
	case 2:
		return (void *)0xffff000000000000UL; /* kernel */
	case 3:
		return guard; /* unmapped */
	case 4:
		return (void *)(uintptr_t)rnd();
	default:
		return guard - below(64); /* runs into it */
	}
}

static bool is_kept(unsigned int id)
{
	unsigned int i;

	for (i = 0; i < num_keep; i++)
		if (keep[i] == id)
			return true;
	return false;
}

/* A cell id: mostly existing or nearby ones, sometimes anything. */
static uint32_t random_id(void)
{
	switch (below(4)) {
	case 0:
		return num_keep ? keep[below(num_keep)] : 1;
	case 1:
		return below(10);
	case 2:
		return (uint32_t)rnd();
	default:
		return 0;
	}
}

/* A config in buf, from a real one; returns its size. */
static size_t mutate_config(void)
{
	const struct blob *f = &files[below(num_files)];
	size_t size = f->size, i, n;

	memcpy(buf, f->data, size);
	switch (below(8)) {
	case 0: /* truncated */
		size = below(size + 1);
		break;
	case 1: /* oversized: real config and garbage after it */
		n = below(BULKHEAD_MAX_CELL_CONFIG_SIZE + 4096 - size);
		for (i = 0; i < n; i++)
			buf[size + i] = rnd();
		size += n;
		break;
	case 2: /* a few bit flips */
	case 3:
		for (n = 1 + below(8); n; n--) {
			i = below(size);
			buf[i] ^= 1 << below(8);
		}
		break;
	case 4: /* a field smashed: 1-8 bytes of 0x00, 0xff or random */
		n = 1 + below(8);
		i = below(size);
		for (; n && i < size; n--, i++)
			buf[i] = below(3) == 0 ? 0 : below(2) ? 0xff : rnd();
		break;
	case 5: /* the counts of the header, random */
		if (size >= sizeof(struct bh_cell_desc)) {
			struct bh_cell_desc *d = (struct bh_cell_desc *)buf;

			d->num_memory_regions = rnd();
			if (below(2))
				d->num_irqchips = rnd();
			if (below(2))
				d->cpu_set_size = rnd();
		}
		break;
	case 6: /* random bytes behind the real signature */
		n = below(4096);
		for (i = 8; i < n; i++)
			buf[i] = rnd();
		size = n > 8 ? n : 8;
		break;
	default: /* random bytes */
		size = below(4096);
		for (i = 0; i < size; i++)
			buf[i] = rnd();
	}
	return size;
}

static void fuzz_load(uint32_t id, bool sane);

/*
 * A boot CPU's entry and device tree: near the cells' memory (mostly
 * inside it, some misaligned), or anywhere; flags mostly 0.
 */
static void fuzz_boot(uint32_t id)
{
	struct bulkhead_cell_boot b = {
		.id = id,
		.flags = below(8) ? 0 : rnd(),
		.entry = below(4) ? 0x40000000 + below(0x1000000) : rnd(),
		.dtb = below(4) ? 0 :
		       below(2) ? 0x40000000 + below(0x1000000) :
				  rnd(),
	};

	do_ioctl("set boot", BULKHEAD_IOCTL_CELL_SET_BOOT,
		 below(10) ? (void *)&b : bad_pointer());
}

/* A cell a mutated config created: use it a little, then destroy it. */
static void exercise_new_cell(uint32_t id)
{
	struct bulkhead_cell_id c = { .id = id };

	creates++;
	fuzz_load(id, true);
	if (below(2))
		fuzz_boot(id);
	if (below(2))
		do_ioctl("start new cell", BULKHEAD_IOCTL_CELL_START, &c);
	c.flags = BULKHEAD_SHUTDOWN_FORCE;
	do_ioctl("shutdown new cell", BULKHEAD_IOCTL_CELL_SHUTDOWN, &c);
	if (do_ioctl("destroy new cell", BULKHEAD_IOCTL_CELL_DESTROY, &c))
		bad("a cell just created could not be destroyed", -1, errno);
}

static void fuzz_create(void)
{
	struct bulkhead_config_arg a = { .address = (uintptr_t)buf };
	long id;

	/* Past the cap, a config that could fit is not offered (kept cells). */
	if (creates >= max_creates && !num_keep)
		return;
	a.size = mutate_config();
	switch (below(10)) {
	case 0:
		a.address = (uintptr_t)bad_pointer();
		break;
	case 1:
		a.size = rnd();
		break;
	case 2: /* ends in the unmapped page */
		if (a.size <= BUF_SIZE) {
			memmove(guard - a.size, buf, a.size);
			a.address = (uintptr_t)guard - a.size + below(2);
		}
		break;
	}
	id = do_ioctl("create", BULKHEAD_IOCTL_CELL_CREATE,
		      below(20) ? (void *)&a : bad_pointer());
	if (id > 0)
		exercise_new_cell(id);
}

/* Random segments; with sane, small ones with real data that may fit. */
static void fuzz_load(uint32_t id, bool sane)
{
	struct bulkhead_load_segment segs[BULKHEAD_MAX_LOAD_SEGMENTS + 4];
	struct bulkhead_cell_load l = { .id = id, .segments = (uintptr_t)segs };
	unsigned int i;

	l.num_segments = sane ? 1 + below(3) : below(ARRAY_SIZE(segs));
	for (i = 0; i < ARRAY_SIZE(segs); i++) {
		struct bulkhead_load_segment *s = &segs[i];
		uint64_t max = below(4) ? 65536 : image.size;

		s->address = below(3) ? BULKHEAD_LOAD_DEFAULT_ADDRESS :
			     below(2) ? 0x40000000 + below(0x1000000) :
			     below(2) ? 0x80000000 + below(0x1000) :
					rnd();
		s->size = below(8) ? below(max + 1) : rnd();
		s->data = (uintptr_t)(below(3) ? image.data : buf);
		if (!sane && !below(6))
			s->data = (uintptr_t)bad_pointer();
		if (s->data == (uintptr_t)image.data && s->size > image.size &&
		    s->size <= BUF_SIZE)
			s->data = (uintptr_t)buf;
	}
	if (!sane && !below(10))
		l.segments = (uintptr_t)bad_pointer();
	if (!sane && !below(10))
		l.num_segments = rnd();
	do_ioctl("load", BULKHEAD_IOCTL_CELL_LOAD,
		 sane || below(20) ? (void *)&l : bad_pointer());
}

static void fuzz_cell_op(void)
{
	struct bulkhead_cell_id c = { .id = random_id(), .flags = rnd() };

	switch (below(4)) {
	case 3:
		/* Not the caller's cells: they would start somewhere else. */
		fuzz_boot(is_kept(c.id) ? 100 + below(1000) : c.id);
		break;
	case 0:
		do_ioctl("start", BULKHEAD_IOCTL_CELL_START,
			 below(10) ? (void *)&c : bad_pointer());
		break;
	case 1:
		/* Not forced: a cell running garbage may have said it answers. */
		if (!below(4))
			c.flags |= BULKHEAD_SHUTDOWN_FORCE;
		do_ioctl("shutdown", BULKHEAD_IOCTL_CELL_SHUTDOWN,
			 below(10) ? (void *)&c : bad_pointer());
		break;
	default:
		/* Never the caller's cells; ids that exist not otherwise. */
		if (is_kept(c.id) || (c.id > 0 && c.id < 8))
			c.id = 100 + below(1000);
		do_ioctl("destroy", BULKHEAD_IOCTL_CELL_DESTROY,
			 below(10) ? (void *)&c : bad_pointer());
	}
}

static void fuzz_other(void)
{
	struct bulkhead_config_arg a = {
		.address = (uintptr_t)buf,
		.size = mutate_config(),
	};
	unsigned long cmd;

	switch (below(4)) {
	case 0: /* enabled already: must be refused */
		do_ioctl("enable", BULKHEAD_IOCTL_ENABLE,
			 below(4) ? (void *)&a : bad_pointer());
		break;
	case 1: /* cells exist: must be refused */
		if (num_keep)
			do_ioctl("disable", BULKHEAD_IOCTL_DISABLE, NULL);
		break;
	case 2: /* unknown command numbers of the driver's type */
		cmd = _IOC(below(4), 0xbb, 9 + below(247), below(64));
		do_ioctl("unknown command", cmd, buf);
		break;
	default: /* known numbers, wrong size or direction */
		cmd = _IOC(below(4), 0xbb, below(9), below(64));
		if (cmd == BULKHEAD_IOCTL_ENABLE ||
		    cmd == BULKHEAD_IOCTL_DISABLE ||
		    cmd == BULKHEAD_IOCTL_CELL_CREATE ||
		    cmd == BULKHEAD_IOCTL_CELL_LOAD ||
		    cmd == BULKHEAD_IOCTL_CELL_START ||
		    cmd == BULKHEAD_IOCTL_CELL_SHUTDOWN ||
		    cmd == BULKHEAD_IOCTL_CELL_DESTROY ||
		    cmd == BULKHEAD_IOCTL_MESSAGES ||
		    cmd == BULKHEAD_IOCTL_CELL_SET_BOOT)
			cmd = _IOC(_IOC_NONE, 0xbb, 99, 0);
		do_ioctl("wrong command encoding", cmd, buf);
	}
}

/* --- an ivshmem device of the root cell (-i DEV) --- */

static struct bulkhead_ivshmem_info ivinfo;

/*
 * Whether every page of [off, off + len) may be mapped writable: it lies
 * in the rw section or in the own output section (which may be adjacent).
 */
static bool writable_range(uint64_t off, uint64_t len)
{
	uint64_t own =
		ivinfo.out_offset + (uint64_t)ivinfo.peer_id * ivinfo.out_size;
	uint64_t page;

	if (len > ivinfo.shmem_size || off > ivinfo.shmem_size)
		return false;
	for (page = off & ~4095ULL; page < off + len; page += 4096)
		if (!(page >= ivinfo.rw_offset &&
		      page < ivinfo.rw_offset + ivinfo.rw_size) &&
		    !(page >= own && page < own + ivinfo.out_size))
			return false;
	return true;
}

/* mmap with random offset, length, protection; writable only where allowed. */
static void fuzz_ivshmem_mmap(void)
{
	static const uint64_t pages[] = { 0,	  1,	      0xf,   0x10,
					  0x100,  0x10f,      0x1ff, 0x200,
					  0x1000, ~0ULL >> 12 };
	uint64_t off = below(3) ? below(ivinfo.shmem_size / 4096 + 2) * 4096 :
				  pages[below(10)] << 12;
	size_t len = below(4) ? (below(16) + 1) * 4096 : (size_t)rnd();
	int prot = below(2) ? PROT_READ : PROT_READ | PROT_WRITE;
	int flags = below(4) ? MAP_SHARED : MAP_PRIVATE;
	void *p;

	execs++;
	errno = 0;
	p = mmap(NULL, len, prot, flags, fd, (off_t)off);
	if (p == MAP_FAILED) {
		if (!clean_errno(errno) && errno != EACCES) {
			bad("mmap", -1, errno);
			return;
		}
		errs++;
		by_errno[errno & 0xff]++;
		return;
	}
	oks++;
	if ((prot & PROT_WRITE) && flags == MAP_SHARED &&
	    !writable_range(off, len))
		bad("mmap: writable mapping outside rw and own output section",
		    (long)off, 0);
	else if (mprotect(p, len, PROT_READ | PROT_WRITE) == 0 &&
		 flags == MAP_SHARED && !writable_range(off, len))
		bad("mprotect: read-only mapping made writable", (long)off, 0);
	munmap(p, len);
}

static void fuzz_ivshmem(void)
{
	struct bulkhead_ivshmem_ring ring;
	uint32_t v, state;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	switch (below(8)) {
	case 0:
		do_ioctl("GET_INFO", BULKHEAD_IVSHMEM_GET_INFO,
			 below(2) ? (void *)buf : bad_pointer());
		break;
	case 1:
		ring.peer = below(2) ? below(4) : (uint32_t)rnd();
		ring.vector = below(2) ? 0 : (uint32_t)rnd();
		do_ioctl("RING", BULKHEAD_IVSHMEM_RING,
			 below(4) ? (void *)&ring : bad_pointer());
		break;
	case 2:
		/* Back to 0 soon: the link's other end reads it. */
		state = below(2) ? 0 : (uint32_t)rnd();
		do_ioctl("SET_STATE", BULKHEAD_IVSHMEM_SET_STATE,
			 below(4) ? (void *)&state : bad_pointer());
		state = 0;
		do_ioctl("SET_STATE", BULKHEAD_IVSHMEM_SET_STATE, &state);
		break;
	case 3:
		/* Numbers around the device's, and in every direction. */
		do_ioctl("random ioctl",
			 _IOC(below(4), 0xbb, 0x1c + below(12), below(256)),
			 below(2) ? (void *)buf : bad_pointer());
		break;
	case 4:
		execs++;
		errno = 0;
		if (read(fd, below(2) ? (void *)&v : bad_pointer(),
			 below(2) ? 4 : below(9)) < 0 &&
		    !clean_errno(errno))
			bad("read", -1, errno);
		break;
	case 5:
		execs++;
		if (poll(&pfd, 1, 0) < 0)
			bad("poll", -1, errno);
		break;
	default:
		fuzz_ivshmem_mmap();
	}
}

static int run_ivshmem(const char *dev, unsigned long iterations)
{
	long taint0 = tainted(), taint;
	unsigned long i;

	fd = open(dev, O_RDWR | O_NONBLOCK);
	if (fd < 0 || ioctl(fd, BULKHEAD_IVSHMEM_GET_INFO, &ivinfo)) {
		perror(dev);
		return 2;
	}
	for (i = 0; i < iterations; i++)
		fuzz_ivshmem();
	taint = tainted();
	if (taint != taint0)
		bad("kernel tainted (oops or warning)", taint, 0);
	close(fd);
	printf("ioctl-fuzz: %lu executions on %s, %lu succeeded, %lu clean errors (EINVAL %lu, EFAULT %lu, EACCES %lu, ENOTTY %lu, EAGAIN %lu), %lu bad outcomes\n",
	       execs, dev, oks, errs, by_errno[EINVAL], by_errno[EFAULT],
	       by_errno[EACCES], by_errno[ENOTTY], by_errno[EAGAIN], failures);
	printf("BHSTAT: fuzz_execs %lu\n", execs);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long iterations = 3000, i;
	const char *ivshmem = NULL;
	long taint0, taint;
	int opt;

	while ((opt = getopt(argc, argv, "n:s:k:c:i:")) != -1) {
		switch (opt) {
		case 'i':
			ivshmem = optarg;
			break;
		case 'n':
			iterations = strtoul(optarg, NULL, 0);
			break;
		case 's':
			rng = strtoull(optarg, NULL, 0) | 1;
			break;
		case 'c':
			max_creates = strtoul(optarg, NULL, 0);
			break;
		case 'k':
			for (char *p = strtok(optarg, ",");
			     p && num_keep < MAX_KEEP; p = strtok(NULL, ","))
				keep[num_keep++] = strtoul(p, NULL, 0);
			break;
		default:
			goto usage;
		}
	}
	/* buf, then a page that is not mapped. */
	buf = mmap(NULL, BUF_SIZE + 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return 2;
	guard = buf + BUF_SIZE;
	munmap(guard, 4096);
	if (ivshmem)
		return run_ivshmem(ivshmem, iterations);
	if (argc - optind < 2)
		goto usage;
	if (read_file(argv[optind++], &image))
		return 2;
	for (; optind < argc && num_files < MAX_FILES; optind++)
		if (read_file(argv[optind], &files[num_files]) == 0 &&
		    files[num_files].size <= BUF_SIZE)
			num_files++;
	if (!num_files)
		return 2;

	fd = open(BULKHEAD_DEVICE, O_RDWR);
	if (fd < 0) {
		perror(BULKHEAD_DEVICE);
		return 2;
	}
	taint0 = tainted();
	for (i = 0; i < iterations; i++) {
		switch (below(8)) {
		case 0:
		case 1:
		case 2:
		case 3:
			fuzz_create();
			break;
		case 4:
		case 5:
			fuzz_load(random_id(), false);
			break;
		case 6:
			fuzz_cell_op();
			break;
		default:
			fuzz_other();
		}
		if (i % 256 == 255 && (taint = tainted()) != taint0) {
			bad("kernel tainted (oops or warning)", taint, 0);
			break;
		}
	}
	taint = tainted();
	if (taint != taint0)
		bad("kernel tainted (oops or warning)", taint, 0);
	printf("ioctl-fuzz: %lu executions, %lu succeeded, %lu clean errors (EINVAL %lu, EFAULT %lu, ENOENT %lu, EBUSY %lu, E2BIG %lu, ENOTTY %lu, other %lu), %u cells created, %lu bad outcomes\n",
	       execs, oks, errs, by_errno[EINVAL], by_errno[EFAULT],
	       by_errno[ENOENT], by_errno[EBUSY], by_errno[E2BIG],
	       by_errno[ENOTTY],
	       errs - by_errno[EINVAL] - by_errno[EFAULT] - by_errno[ENOENT] -
		       by_errno[EBUSY] - by_errno[E2BIG] - by_errno[ENOTTY],
	       creates, failures);
	printf("BHSTAT: fuzz_execs %lu\n", execs);
	return failures ? 1 : 0;
usage:
	fprintf(stderr,
		"usage: ioctl-fuzz [-n N] [-s SEED] [-k IDS] [-c MAX] IMAGE CONFIG...\n"
		"       ioctl-fuzz -i /dev/bulkhead-ivshmemN [-n N] [-s SEED]\n");
	return 2;
}
