// SPDX-License-Identifier: GPL-2.0
/*
 * rtos-bench: the real-time kernel's timing, for `make bench` (cell and
 * bare metal alike). A periodic task at freq=HZ (default 1000) for
 * seconds=N measures, per release:
 *   latency  the timer interrupt's first instruction - the release
 *   jitter   the task running again (rtos_wait_period() returned) - the
 *            release: interrupt, kernel, context switch, return
 * then two tasks pass a semaphore back and forth switches=N times:
 *   switch   one give -> the other task running, half a round trip
 * Output: "rtos-bench: KIND samples=N min=Xns avg=Yns max=Zns" per kind,
 * "rtos-bench: hist KIND FROM_NS COUNT" per non-empty bin of BIN_NS ns
 * (the last bin holds everything above), then "rtos-bench: done".
 */
#include <inmate.h>
#include <rtos.h>

INMATE_DEFAULT_ARGS("freq=1000 seconds=5 switches=2000");

#define BIN_NS 50
#define BINS   400 /* 0..20 us, then overflow */
#define STACK  8192

struct dist {
	const char *kind;
	uint64_t samples, sum, min, max;
	uint32_t bins[BINS];
};

static struct dist latency = { .kind = "latency" };
static struct dist jitter = { .kind = "jitter" };
static struct dist switches = { .kind = "switch" };
static unsigned long freq, seconds, rounds;
static struct rtos_sem ping, pong, finished;
static uint64_t ping_at;

static struct rtos_task periodic_task, ping_task, pong_task, main_task,
	shutdown_task;
RTOS_STACK(periodic_stack, STACK);
RTOS_STACK(ping_stack, STACK);
RTOS_STACK(pong_stack, STACK);
RTOS_STACK(main_stack, STACK);
RTOS_STACK(shutdown_stack, STACK);

static void dist_add(struct dist *d, uint64_t ticks)
{
	uint64_t ns = rtos_ticks_to_ns(ticks), bin = ns / BIN_NS;

	if (!d->samples || ns < d->min)
		d->min = ns;
	if (ns > d->max)
		d->max = ns;
	d->sum += ns;
	d->samples++;
	d->bins[bin < BINS ? bin : BINS - 1]++;
}

static void dist_print(const struct dist *d)
{
	unsigned int i;

	printk("rtos-bench: %s samples=%llu min=%lluns avg=%lluns max=%lluns\n",
	       d->kind, (unsigned long long)d->samples,
	       (unsigned long long)d->min,
	       (unsigned long long)(d->samples ? d->sum / d->samples : 0),
	       (unsigned long long)d->max);
	for (i = 0; i < BINS; i++)
		if (d->bins[i])
			printk("rtos-bench: hist %s %u %u\n", d->kind,
			       i * BIN_NS, d->bins[i]);
}

static void periodic(void *arg)
{
	unsigned long n = freq * seconds;

	rtos_task_set_period(NSEC_PER_SEC / freq, 0);
	while (n--) {
		uint64_t now, release;

		rtos_wait_period();
		now = rtos_now();
		release = rtos_release_time();
		/* The interrupt that released us came last: nothing else is on. */
		dist_add(&latency, irq_entry_ticks() - release);
		dist_add(&jitter, now - release);
	}
	rtos_sem_give(&finished);
}

static void pinger(void *arg)
{
	unsigned long i;

	for (i = 0; i < rounds; i++) {
		ping_at = rtos_now();
		rtos_sem_give(&ping);
		rtos_sem_take(&pong, RTOS_FOREVER);
	}
	rtos_sem_give(&finished);
}

/* Higher than the pinger: each give switches to it at once. */
static void ponger(void *arg)
{
	for (;;) {
		rtos_sem_take(&ping, RTOS_FOREVER);
		dist_add(&switches, rtos_now() - ping_at);
		rtos_sem_give(&pong);
	}
}

static void spawn(struct rtos_task *t, const char *name, void (*fn)(void *),
		  unsigned int prio, void *stack)
{
	struct rtos_task_attr a = {
		.name = name,
		.entry = fn,
		.prio = prio,
		.stack = stack,
		.stack_size = RTOS_STACK_BYTES(STACK),
	};

	if (rtos_task_create(t, &a))
		printk("rtos-bench: task %s not created\n", name);
}

/* Prints only when the measurements are over: printing masks interrupts. */
static void bench_main(void *arg)
{
	spawn(&periodic_task, "periodic", periodic, 30, periodic_stack);
	rtos_sem_take(&finished, RTOS_FOREVER);
	spawn(&pong_task, "pong", ponger, 21, pong_stack);
	spawn(&ping_task, "ping", pinger, 20, ping_stack);
	rtos_sem_take(&finished, RTOS_FOREVER);
	dist_print(&latency);
	dist_print(&jitter);
	dist_print(&switches);
	printk("rtos-bench: done\n");
}

static void shutdown(void *arg)
{
	for (;;) {
		rtos_shutdown_wait(RTOS_FOREVER);
		if (comm_handle_shutdown("rtos-bench"))
			inmate_halt();
	}
}

void inmate_main(void)
{
	freq = cmdline_parse_int("freq", 1000);
	seconds = cmdline_parse_int("seconds", 5);
	rounds = cmdline_parse_int("switches", 2000);
	if (!freq || freq > 100000 || !seconds || !rounds) {
		printk("rtos-bench: bad args \"%s\"\n", inmate_args());
		comm_idle("rtos-bench");
	}
	printk("rtos-bench: freq=%luHz seconds=%lu switches=%lu counter=%lluHz %s\n",
	       freq, seconds, rounds, (unsigned long long)timer_freq(),
	       inmate_bare_metal() ? "bare metal" : "in a cell");
	rtos_init();
	rtos_sem_init(&ping, 0, 1);
	rtos_sem_init(&pong, 0, 1);
	rtos_sem_init(&finished, 0, 2);
	spawn(&main_task, "main", bench_main, 10, main_stack);
	spawn(&shutdown_task, "shutdown", shutdown, 1, shutdown_stack);
	rtos_start();
}
