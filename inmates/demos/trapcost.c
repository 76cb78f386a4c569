// SPDX-License-Identifier: GPL-2.0
/*
 * trapcost: what an exit to the hypervisor costs, seen from a cell. Each
 * operation is timed `iterations` times, one sample per operation, and the
 * median, minimum, maximum and mean are printed in ns:
 *
 *   nop    a non-trapping instruction: the cost of the measurement itself
 *   hvc    hypercall round trip, `hvc #0x4248` with BH_HC_CPU_GET_INFO for
 *          this CPU's state (harmless, allowed to any cell)
 *   mmio   a read of GICD_TYPER: trapped and emulated in a cell; bare metal
 *          a plain device read
 *   sgi    an SGI to this CPU (ICC_SGI1R_EL1) until its handler runs: in a
 *          cell the write traps, the hypervisor sends the physical SGI,
 *          takes it at EL2 and injects it as a virtual interrupt
 *
 * The clock is, bare metal, the PMU cycle counter (PMCCNTR_EL0) if there
 * is one, calibrated against the generic counter; in a cell, or without a
 * PMU, CNTVCT_EL0 (a cell's PMU counts nothing at EL2).
 * Bare metal there is no hypervisor: hvc is reported as n/a. In a cell,
 * `exits=` is how many exits to the hypervisor the loop caused (from the
 * hypervisor's own statistics), to check that each operation trapped.
 *
 * Args: iterations=N (default 2000), clock=pmu|cntvct (default pmu bare
 * metal, cntvct in a cell),
 * sgi=INTID (default 8). Output, then idles answering shutdown requests:
 *   trapcost: clock=pmccntr|cntvct hz=HZ iterations=N cpu=C bare metal|in a cell
 *   trapcost: NAME n=N median=Xns min=Xns max=Xns avg=Xns [exits=E]
 *   trapcost: NAME n/a (REASON)
 *   trapcost: done
 */
#include <inmate.h>
#include <bulkhead/hypercall.h>

INMATE_DEFAULT_ARGS("iterations=2000");

#define MAX_ITERATIONS	      8192
#define WARMUP		      16
#define GICD_TYPER	      0x0004
#define ID_AA64DFR0_PMUVER(v) (((v) >> 8) & 0xf)
#define PMCR_E		      (1U << 0)	 /* enable */
#define PMCR_C		      (1U << 2)	 /* reset the cycle counter */
#define PMCR_LC		      (1U << 6)	 /* 64-bit cycle counter */
#define PMCCFILTR_NSH	      (1U << 27) /* count at EL2 too */
#define PMCNTEN_C	      (1U << 31)

static uint32_t samples[MAX_ITERATIONS];
static bool use_pmu;
static uint64_t clock_hz;
static unsigned long cpu_id;
static unsigned int sgi_intid;
static uintptr_t gicd;
static volatile bool sgi_taken;
static volatile uint64_t sgi_taken_at;

static inline uint64_t clock_read(void)
{
	uint64_t v;

	if (use_pmu)
		asm volatile("isb\n\tmrs %0, pmccntr_el0"
			     : "=r"(v)
			     :
			     : "memory");
	else
		asm volatile("isb\n\tmrs %0, cntvct_el0"
			     : "=r"(v)
			     :
			     : "memory");
	return v;
}

static uint64_t clock_to_ns(uint64_t n)
{
	return use_pmu ? n * NSEC_PER_SEC / clock_hz : timer_ticks_to_ns(n);
}

static long hypercall(uint64_t code, uint64_t arg1, uint64_t arg2)
{
	register uint64_t x0 asm("x0") = code;
	register uint64_t x1 asm("x1") = arg1;
	register uint64_t x2 asm("x2") = arg2;

	asm volatile("hvc #" __stringify(BH_HVC_IMM)
		     : "+r"(x0)
		     : "r"(x1), "r"(x2)
		     : "memory");
	return (long)x0;
}

/* Exits of this CPU so far, from the hypervisor (counts this call too). */
static long exits_total(void)
{
	if (inmate_bare_metal())
		return 0;
	return hypercall(BH_HC_CPU_GET_INFO, cpu_id,
			 BH_CPU_INFO_STAT_BASE + BH_STAT_EXITS_TOTAL);
}

/* The PMU cycle counter, on and counting at EL1 and EL2, if there is one. */
static bool pmu_setup(void)
{
	unsigned int ver = ID_AA64DFR0_PMUVER(read_sysreg(id_aa64dfr0_el1));
	uint64_t c0, t0, c1, t1;

	if (ver == 0 || ver == 0xf)
		return false;
	write_sysreg(PMCCFILTR_NSH, pmccfiltr_el0);
	write_sysreg(PMCNTEN_C, pmcntenset_el0);
	write_sysreg(read_sysreg(pmcr_el0) | PMCR_E | PMCR_C | PMCR_LC,
		     pmcr_el0);
	isb();
	/* Calibrate against the generic counter over 10 ms. */
	use_pmu = true;
	t0 = timer_now();
	c0 = clock_read();
	delay_ms(10);
	t1 = timer_now();
	c1 = clock_read();
	if (c1 <= c0 || t1 <= t0) {
		use_pmu = false;
		return false;
	}
	clock_hz = (c1 - c0) * timer_freq() / (t1 - t0);
	/* Round to 1 MHz: a 16 ns counter tick in 10 ms is 1.6 ppm. */
	clock_hz = (clock_hz + 500000) / 1000000 * 1000000;
	return true;
}

static void sort(uint32_t *a, unsigned int n)
{
	static const unsigned int gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	unsigned int g, i, j;

	for (g = 0; g < ARRAY_SIZE(gaps); g++) {
		unsigned int gap = gaps[g];

		for (i = gap; i < n; i++) {
			uint32_t v = a[i];

			for (j = i; j >= gap && a[j - gap] > v; j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

static void report(const char *name, unsigned int n, long exits)
{
	uint64_t sum = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		sum += samples[i];
	sort(samples, n);
	printk("trapcost: %s n=%u median=%lluns min=%lluns max=%lluns avg=%lluns",
	       name, n, (unsigned long long)clock_to_ns(samples[n / 2]),
	       (unsigned long long)clock_to_ns(samples[0]),
	       (unsigned long long)clock_to_ns(samples[n - 1]),
	       (unsigned long long)clock_to_ns(sum / n));
	if (!inmate_bare_metal())
		printk(" exits=%ld", exits);
	printk("\n");
}

static uint32_t time_nop(void)
{
	uint64_t t0 = clock_read();

	asm volatile("nop" : : : "memory");
	return clock_read() - t0;
}

static uint32_t time_hvc(void)
{
	uint64_t t0 = clock_read();

	hypercall(BH_HC_CPU_GET_INFO, cpu_id, BH_CPU_INFO_STATE);
	return clock_read() - t0;
}

static uint32_t time_mmio(void)
{
	uint64_t t0 = clock_read();

	(void)mmio_read32(gicd + GICD_TYPER);
	return clock_read() - t0;
}

static void sgi_irq(unsigned int intid)
{
	if (intid == sgi_intid) {
		sgi_taken_at = clock_read();
		sgi_taken = true;
	}
}

static uint32_t time_sgi(void)
{
	uint64_t val = gic_sgi1r(cpu_mpidr(), sgi_intid), t0, end;

	sgi_taken = false;
	t0 = clock_read();
	write_sysreg(val, icc_sgi1r_el1);
	isb();
	end = timer_now() + timer_ns_to_ticks(10 * NSEC_PER_MSEC);
	while (!sgi_taken && timer_now() < end)
		;
	return sgi_taken ? sgi_taken_at - t0 : UINT32_MAX;
}

static void measure(const char *name, uint32_t (*op)(void), unsigned int n)
{
	unsigned int i;
	long before;

	for (i = 0; i < WARMUP; i++)
		op();
	before = exits_total();
	for (i = 0; i < n; i++)
		samples[i] = op();
	report(name, n, exits_total() - before - 1);
}

void inmate_main(void)
{
	long iterations = cmdline_parse_int("iterations", 2000);
	char buf[16];
	/*
	 * In a cell the PMU cannot count the hypervisor (it filters EL2 out
	 * of every event, Documentation/attack-surface.md) and its reads
	 * trap: the generic counter is the clock there.
	 */
	const char *clock =
		cmdline_parse_str("clock", buf, sizeof(buf),
				  inmate_bare_metal() ? "pmu" : "cntvct");
	unsigned int n;
	long state;

	if (iterations < 1 || iterations > MAX_ITERATIONS) {
		printk("trapcost: bad args iterations=%ld (1..%u)\n",
		       iterations, MAX_ITERATIONS);
		comm_idle("trapcost");
	}
	n = iterations;
	sgi_intid = cmdline_parse_int("sgi", 8);
	if (sgi_intid > 14)
		sgi_intid = 8;	     /* 15 is the hypervisor's */
	cpu_id = cpu_mpidr() & 0xff; /* QEMU virt: Linux CPU id = Aff0 */
	if (gic_init())
		inmate_halt();
	gicd = gic_dist_base();
	comm_set_accepts_messages();
	if (strcmp(clock, "pmu") || !pmu_setup()) {
		use_pmu = false;
		clock_hz = timer_freq();
	}
	printk("trapcost: clock=%s hz=%llu iterations=%u cpu=%lu %s\n",
	       use_pmu ? "pmccntr" : "cntvct", (unsigned long long)clock_hz, n,
	       cpu_id, inmate_bare_metal() ? "bare metal" : "in a cell");

	irq_disable();
	measure("nop", time_nop, n);
	if (inmate_bare_metal()) {
		printk("trapcost: hvc n/a (bare metal: no hypervisor)\n");
	} else {
		state = hypercall(BH_HC_CPU_GET_INFO, cpu_id,
				  BH_CPU_INFO_STATE);
		if (state != BH_CPU_RUNNING)
			printk("trapcost: hvc n/a (CPU_GET_INFO returned %ld)\n",
			       state);
		else
			measure("hvc", time_hvc, n);
	}
	measure("mmio", time_mmio, n);

	irq_set_handler(sgi_irq);
	gic_enable_irq(sgi_intid);
	irq_enable();
	measure("sgi", time_sgi, n);
	irq_disable();
	gic_disable_irq(sgi_intid);

	printk("trapcost: done\n");
	comm_idle("trapcost");
}
