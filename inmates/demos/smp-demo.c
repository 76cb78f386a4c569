// SPDX-License-Identifier: GPL-2.0
/*
 * smp-demo: an inmate on all of its cell's CPUs. The boot CPU finds the
 * cell's other CPUs (PSCI AFFINITY_INFO answers only for those), starts
 * them with CPU_ON, and every CPU then takes ticks=N timer interrupts of
 * its own while adding count=N times to one shared counter. The boot CPU
 * checks the sum and plays ipis=N rounds of SGI ping-pong with each other
 * CPU. The others leave with CPU_OFF; the boot CPU waits until they are
 * off and does it all once more, then answers messages (shutdown).
 *
 * fault=1: in the first round CPU 1 reads outside the cell's memory, which
 * must fail the whole cell with every one of its CPUs stopped. fault=2:
 * CPU 0 starts CPU 1 at an entry outside the cell's memory instead.
 */
#include <inmate.h>

INMATE_DEFAULT_ARGS("count=100000 ticks=100 ipis=100");

#define TICK_NS	       1000000 /* 1 kHz */
#define ROUNDS	       2
#define MAX_AFF0       16
#define MPIDR_AFF_MASK 0xff00ffffffULL /* Aff3-Aff0 */
#define OUTSIDE_CELL   0x50000000UL    /* past the cell's 16 MiB at 1 GiB */
#define SGI_PING       1	       /* boot CPU -> other CPU */
#define SGI_PONG       2	       /* and back */

static uint64_t mpidrs[SMP_MAX_CPUS];
static unsigned int ncpus, round;
static long count, ticks, ipis;
static long fault;
static volatile uint64_t counter;
static volatile unsigned int cpus_done;
static volatile unsigned long ticks_taken[SMP_MAX_CPUS];
static volatile unsigned long pings[SMP_MAX_CPUS], pongs;
static volatile bool ipis_over;

static void irq(unsigned int intid)
{
	unsigned int me = cpu_index();

	switch (intid) {
	case TIMER_VIRT_PPI:
		if (++ticks_taken[me] >= (unsigned long)ticks)
			timer_disarm();
		else
			timer_arm(timer_now() + timer_ns_to_ticks(TICK_NS));
		break;
	case SGI_PING:
		pings[me]++;
		gic_send_sgi(mpidrs[0], SGI_PONG);
		break;
	case SGI_PONG:
		pongs++;
		break;
	}
}

/* ipis pings to CPU idx, each answered before the next: 0 or -ETIMEDOUT. */
static int ping_pong(unsigned int idx)
{
	uint64_t end;
	long n;

	pongs = 0;
	for (n = 1; n <= ipis; n++) {
		gic_send_sgi(mpidrs[idx], SGI_PING);
		end = timer_now() + timer_ns_to_ticks(NSEC_PER_SEC);
		irq_enable();
		while (pongs < (unsigned long)n && timer_now() < end)
			cpu_relax();
		irq_disable();
		if (pongs < (unsigned long)n)
			break;
	}
	printk("smp-demo: round %u: cpu 0 <-> cpu %u: %lu pings taken, %lu pongs back of %ld\n",
	       round, idx, pings[idx], pongs, ipis);
	return pongs == (unsigned long)ipis && pings[idx] == pongs ? 0 :
								     -ETIMEDOUT;
}

/* What every CPU does in a round; IRQs masked before and after. */
static void work(unsigned int me)
{
	long i;

	if (gic_init()) {
		printk("smp-demo: cpu %u: no GIC\n", me);
		return;
	}
	gic_enable_irq(TIMER_VIRT_PPI);
	gic_enable_irq(me ? SGI_PING : SGI_PONG);
	ticks_taken[me] = 0;
	timer_arm(timer_now() + timer_ns_to_ticks(TICK_NS));
	irq_enable();
	for (i = 0; i < count; i++)
		__atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
	irq_disable();
	while (ticks_taken[me] < (unsigned long)ticks)
		irq_idle();
	printk("smp-demo: round %u: cpu %u (MPIDR 0x%llx): %lu timer interrupts, %ld additions\n",
	       round, me, (unsigned long long)(cpu_mpidr() & MPIDR_AFF_MASK),
	       ticks_taken[me], count);
	__atomic_fetch_add(&cpus_done, 1, __ATOMIC_RELEASE);
}

static void secondary(unsigned int me)
{
	int ret;

	work(me);
	/* Answer pings until the boot CPU is done with them. */
	while (!ipis_over)
		irq_idle();
	if (fault == 1 && round == 1 && me == 1) {
		printk("smp-demo: cpu 1 reads 0x%lx, outside the cell\n",
		       OUTSIDE_CELL);
		(void)mmio_read32(OUTSIDE_CELL);
		printk("smp-demo: cpu 1 survived the read\n");
	}
	ret = psci_cpu_off();
	printk("smp-demo: cpu %u: CPU_OFF returned %d\n", me, ret);
}

/* The cell's other CPUs: those AFFINITY_INFO answers for, except this. */
static void find_cpus(void)
{
	uint64_t self = cpu_mpidr() & 0xff00ffffffULL, aff0;

	mpidrs[ncpus++] = self;
	for (aff0 = 0; aff0 < MAX_AFF0 && ncpus < SMP_MAX_CPUS; aff0++) {
		uint64_t mpidr = (self & ~0xffULL) | aff0;

		if (mpidr != self && psci_affinity_info(mpidr) >= 0)
			mpidrs[ncpus++] = mpidr;
	}
}

static bool all_off(void)
{
	unsigned int i;

	for (i = 1; i < ncpus; i++)
		if (psci_affinity_info(mpidrs[i]) != 1)
			return false;
	return true;
}

static int run_round(void)
{
	uint64_t end;
	unsigned int i;
	int err = 0;

	counter = 0;
	cpus_done = 0;
	ipis_over = false;
	for (i = 0; i < ncpus; i++)
		pings[i] = 0;
	for (i = 1; i < ncpus; i++) {
		if (fault == 2 && round == 1 && i == 1) {
			/* Before: the cell may be stopped before CPU_ON returns. */
			printk("smp-demo: starting cpu 1 at 0x%lx, outside the cell\n",
			       OUTSIDE_CELL);
			printk("smp-demo: CPU_ON returned %d\n",
			       psci_cpu_on(mpidrs[i], OUTSIDE_CELL, 0));
			continue;
		}
		err = smp_cpu_on(i, mpidrs[i], secondary);
		if (err) {
			printk("smp-demo: round %u: starting cpu %u (MPIDR 0x%llx) failed: %d\n",
			       round, i, (unsigned long long)mpidrs[i], err);
			return err;
		}
	}
	work(0);
	end = timer_now() + timer_ns_to_ticks(10ULL * NSEC_PER_SEC);
	while (__atomic_load_n(&cpus_done, __ATOMIC_ACQUIRE) < ncpus &&
	       timer_now() < end)
		cpu_relax();
	if (cpus_done < ncpus) {
		printk("smp-demo: round %u: only %u of %u CPUs finished\n",
		       round, cpus_done, ncpus);
		return -ETIMEDOUT;
	}
	printk("smp-demo: round %u: counter %llu of %llu, %s\n", round,
	       (unsigned long long)counter, (unsigned long long)count * ncpus,
	       counter == (uint64_t)count * ncpus ? "right" : "WRONG");
	for (i = 1; i < ncpus; i++)
		if (ping_pong(i))
			err = -ETIMEDOUT;
	/* The others wait in WFI: a last ping wakes them to see it. */
	ipis_over = true;
	for (i = 1; i < ncpus; i++)
		gic_send_sgi(mpidrs[i], SGI_PING);
	while (!all_off() && timer_now() < end)
		cpu_relax();
	if (!all_off()) {
		printk("smp-demo: round %u: not every other CPU is off\n",
		       round);
		return -ETIMEDOUT;
	}
	printk("smp-demo: round %u: the other CPUs are off\n", round);
	if (err)
		return err;
	return counter == (uint64_t)count * ncpus ? 0 : -EIO;
}

void inmate_main(void)
{
	unsigned int i;
	int err = 0;

	count = cmdline_parse_int("count", 100000);
	ticks = cmdline_parse_int("ticks", 100);
	ipis = cmdline_parse_int("ipis", 100);
	fault = cmdline_parse_int("fault", 0);
	if (count < 0 || ticks <= 0 || ipis < 0 || fault < 0 || fault > 2) {
		printk("smp-demo: bad args count=%ld ticks=%ld ipis=%ld fault=%ld\n",
		       count, ticks, ipis, fault);
		comm_idle("smp-demo");
	}
	find_cpus();
	printk("smp-demo: %u CPUs:", ncpus);
	for (i = 0; i < ncpus; i++)
		printk(" 0x%llx", (unsigned long long)mpidrs[i]);
	printk(" (%s)\n", inmate_bare_metal() ? "bare metal" : "in a cell");
	irq_set_handler(irq);
	for (round = 1; round <= ROUNDS && !err; round++)
		err = run_round();
	if (!err)
		printk("smp-demo: done, %u CPUs, %u rounds\n", ncpus, ROUNDS);
	comm_idle("smp-demo");
}
