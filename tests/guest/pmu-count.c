// SPDX-License-Identifier: GPL-2.0
/*
 * pmu-count: counts the CPU cycles of a busy loop with perf_event_open,
 * twice at once (the cycle counter and an event counter: Linux gives the
 * first event PMCCNTR, the second a PMEVCNTR with CPU_CYCLES), once at
 * every exception level Linux can ask for, and prints "el0 cycles N N",
 * "el1 ...", "el2 ...".
 * ci/tests/attack-arch.sh runs it in the root cell: its own PMU use must
 * work (EL0 and EL1 count), and it must not see the hypervisor (EL2
 * counts zero: Linux at EL1 asks for EL2 with exclude_hv = 0).
 */
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int open_counter(uint64_t config, int el)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = config;
	attr.disabled = 1;
	attr.exclude_user = el != 0;
	attr.exclude_kernel = el != 1;
	attr.exclude_hv = el != 2;
	return syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
}

/* Busy in user space, with a system call now and then for EL1. */
static void work(void)
{
	volatile uint64_t x = 0;
	int i;

	for (i = 0; i < 2000000; i++) {
		x += i;
		if (!(i % 1000))
			getppid();
	}
}

static long long count(int fd)
{
	long long n = -1;

	if (read(fd, &n, sizeof(n)) != sizeof(n))
		return -1;
	return n;
}

int main(int argc, char **argv)
{
	static const char *const name[] = { "el0", "el1", "el2" };
	int el;

	(void)argc;
	(void)argv;
	for (el = 0; el < 3; el++) {
		int cyc = open_counter(PERF_COUNT_HW_CPU_CYCLES, el);
		int ins = open_counter(PERF_COUNT_HW_CPU_CYCLES, el);

		if (cyc < 0 || ins < 0) {
			perror("pmu-count: perf_event_open");
			return 1;
		}
		ioctl(cyc, PERF_EVENT_IOC_ENABLE, 0);
		ioctl(ins, PERF_EVENT_IOC_ENABLE, 0);
		work();
		ioctl(cyc, PERF_EVENT_IOC_DISABLE, 0);
		ioctl(ins, PERF_EVENT_IOC_DISABLE, 0);
		printf("%s cycles %lld %lld\n", name[el], count(cyc),
		       count(ins));
		close(cyc);
		close(ins);
	}
	return 0;
}
