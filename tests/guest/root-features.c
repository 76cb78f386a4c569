// SPDX-License-Identifier: GPL-2.0
/*
 * root-features: a root-cell process that keeps SVE, pointer
 * authentication or MTE state and checks that nothing around it changes
 * that state: run before `bulkhead enable` and stopped after `bulkhead
 * disable`, it spans the hypervisor's whole life and the cells it ran
 * (ci/tests/root-features.sh).
 *
 *   root-features MODE STOPFILE   check until STOPFILE's first byte is not 0
 *   root-features MODE -n ROUNDS  check ROUNDS rounds
 *
 * MODE: sve   z0-z27, 14 predicates, the FFR and the vector length held
 *             in the registers, checked without a system call between
 *       pauth a pointer signed with each of the five keys at the start,
 *             signed again and authenticated every round: the same keys
 *       mte   a PROT_MTE page with a tag per 16-byte granule: the tags
 *             read back, correctly tagged loads work, a wrongly tagged
 *             load faults (synchronous tag check)
 * Prints one line "root-features: MODE: N rounds, M mismatches" and the
 * first mismatch; exits 0 only with no mismatch. A feature the kernel does
 * not report (HWCAPs) exits 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

/* root-features-asm.S */
long sve_hold(const volatile unsigned char *stop, unsigned long *iters);
unsigned long pac_op(unsigned int op, unsigned long ptr, unsigned long mod);
void mte_set_tag(void *tagged);
void *mte_get_tag(void *p);

#define PAC_KEYS    5 /* IA, IB, DA, DB, GA: pac_op() 0-4 sign */
#define PAC_AUTH    5 /* pac_op(PAC_AUTH + key): authenticate, not GA */
#define PAC_PTRS    8
#define MTE_GRANULE 16
#define MTE_PAGE    4096

static const volatile unsigned char *stop;
static unsigned long rounds_left; /* with -n */

static const char *const pac_key_name[PAC_KEYS] = { "IA", "IB", "DA", "DB",
						    "GA" };

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Another round? With -n, ROUNDS of them; else until the stop byte. */
static int more(void)
{
	if (!stop)
		return rounds_left-- > 0;
	return !*stop;
}

static int report(const char *mode, unsigned long rounds, unsigned long bad)
{
	printf("root-features: %s: %lu rounds, %lu mismatches\n", mode, rounds,
	       bad);
	return bad || !rounds;
}

static int run_sve(void)
{
	static const unsigned char never;
	unsigned long rounds = stop ? 0 : rounds_left;
	long r;

	if (!(getauxval(AT_HWCAP) & HWCAP_SVE)) {
		printf("root-features: sve: the kernel reports no SVE\n");
		return 2;
	}
	/* The vector length Linux gave this task: the one sve_hold keeps. */
	printf("root-features: sve: vector length %ld bytes\n",
	       (long)(prctl(PR_SVE_GET_VL) & PR_SVE_VL_LEN_MASK));
	r = sve_hold(stop ? stop : &never, &rounds);
	if (r == 50)
		printf("root-features: sve: the vector length changed\n");
	else if (r == 49)
		printf("root-features: sve: the FFR changed\n");
	else if (r > 32)
		printf("root-features: sve: p%ld changed\n", r - 33);
	else if (r)
		printf("root-features: sve: z%ld changed\n", r - 1);
	return report("sve", rounds, r != 0);
}

static int run_pauth(void)
{
	unsigned long sig[PAC_KEYS][PAC_PTRS], ptr[PAC_PTRS], rounds = 0,
							      bad = 0;
	unsigned int k, i, keys = PAC_KEYS, changed = 0;

	if (!(getauxval(AT_HWCAP) & HWCAP_PACA)) {
		printf("root-features: pauth: the kernel reports no address authentication\n");
		return 2;
	}
	if (!(getauxval(AT_HWCAP) & HWCAP_PACG))
		keys = PAC_KEYS - 1;
	for (i = 0; i < PAC_PTRS; i++)
		ptr[i] = (unsigned long)&sig[0][0] + 64 * i;
	for (k = 0; k < keys; k++)
		for (i = 0; i < PAC_PTRS; i++) {
			sig[k][i] = pac_op(k, ptr[i], 0x1000 + i);
			changed += sig[k][i] != ptr[i];
		}
	/* Signing must change something, or this checks nothing. */
	if (!changed) {
		printf("root-features: pauth: signing leaves pointers as they are (keys disabled?)\n");
		return 1;
	}
	while (more()) {
		for (k = 0; k < keys; k++)
			for (i = 0; i < PAC_PTRS; i++) {
				unsigned long s = pac_op(k, ptr[i], 0x1000 + i);

				if (s != sig[k][i] ||
				    (k < 4 && pac_op(PAC_AUTH + k, sig[k][i],
						     0x1000 + i) != ptr[i])) {
					if (!bad)
						printf("root-features: pauth: key %s: %#lx signed %#lx, first %#lx\n",
						       pac_key_name[k], ptr[i],
						       s, sig[k][i]);
					bad++;
				}
			}
		rounds++;
		if (stop)
			sleep_ms(20);
	}
	return report("pauth", rounds, bad);
}

static sigjmp_buf mte_jmp;
static volatile int mte_fault_code;

static void mte_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	mte_fault_code = si->si_code;
	siglongjmp(mte_jmp, 1);
}

static inline void *with_tag(void *p, unsigned int tag)
{
	return (void *)(((uintptr_t)p & ~(0xfUL << 56)) |
			((uintptr_t)tag << 56));
}

/* The tag of granule g: 1-15, never 0 so that an untagged load faults. */
static unsigned int tag_of(unsigned int g)
{
	return 1 + g % 15;
}

/* Does a load through p take a synchronous tag check fault? */
static int load_faults(void *p)
{
	struct sigaction sa = { .sa_sigaction = mte_segv,
				.sa_flags = SA_SIGINFO };
	int faulted;

	sigaction(SIGSEGV, &sa, NULL);
	mte_fault_code = 0;
	if (sigsetjmp(mte_jmp, 1) == 0) {
		*(volatile uint64_t *)p;
		faulted = 0;
	} else {
		faulted = mte_fault_code == SEGV_MTESERR;
	}
	signal(SIGSEGV, SIG_DFL);
	return faulted;
}

static int run_mte(void)
{
	unsigned long rounds = 0, bad = 0;
	unsigned int g, n = MTE_PAGE / MTE_GRANULE;
	unsigned char *page;

	if (!(getauxval(AT_HWCAP2) & HWCAP2_MTE)) {
		printf("root-features: mte: the kernel reports no MTE\n");
		return 2;
	}
	if (prctl(PR_SET_TAGGED_ADDR_CTRL,
		  PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_SYNC |
			  (0xfffeUL << PR_MTE_TAG_SHIFT),
		  0, 0, 0)) {
		printf("root-features: mte: PR_SET_TAGGED_ADDR_CTRL: %s\n",
		       strerror(errno));
		return 1;
	}
	page = mmap(NULL, MTE_PAGE, PROT_READ | PROT_WRITE | PROT_MTE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED) {
		printf("root-features: mte: mmap PROT_MTE: %s\n",
		       strerror(errno));
		return 1;
	}
	for (g = 0; g < n; g++) {
		void *p = with_tag(page + g * MTE_GRANULE, tag_of(g));

		mte_set_tag(p);
		*(volatile uint64_t *)p = 0x6275 ^ g;
	}
	while (more()) {
		for (g = 0; g < n; g++) {
			void *p = page + g * MTE_GRANULE;
			unsigned int t =
				((uintptr_t)mte_get_tag(p) >> 56) & 0xf;
			uint64_t v =
				*(volatile uint64_t *)with_tag(p, tag_of(g));

			if (t != tag_of(g) || v != (0x6275 ^ g)) {
				if (!bad)
					printf("root-features: mte: granule %u: tag %u (not %u), value %#lx\n",
					       g, t, tag_of(g),
					       (unsigned long)v);
				bad++;
			}
		}
		/* The check itself still works: a wrong tag faults. */
		g = rounds % n;
		if (!load_faults(with_tag(page + g * MTE_GRANULE,
					  tag_of(g) % 15 + 1))) {
			if (!bad)
				printf("root-features: mte: granule %u: a wrongly tagged load did not fault\n",
				       g);
			bad++;
		}
		rounds++;
		if (stop)
			sleep_ms(20);
	}
	return report("mte", rounds, bad);
}

/* The stop byte: the first byte of STOPFILE, mapped shared. */
static int map_stop(const char *path)
{
	int fd = open(path, O_RDWR);
	void *p;

	if (fd < 0 || ftruncate(fd, 4096)) {
		perror(path);
		return -1;
	}
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		perror("mmap");
		return -1;
	}
	stop = p;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[2], "-n")) {
		rounds_left = strtoul(argv[3], NULL, 0);
	} else if (argc != 3 || map_stop(argv[2])) {
		fprintf(stderr,
			"usage: root-features sve|pauth|mte STOPFILE|-n ROUNDS\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[1], "sve"))
		return run_sve();
	if (!strcmp(argv[1], "pauth"))
		return run_pauth();
	if (!strcmp(argv[1], "mte"))
		return run_mte();
	fprintf(stderr, "root-features: unknown mode %s\n", argv[1]);
	return 2;
}
