// SPDX-License-Identifier: GPL-2.0
/*
 * timer-latency: how late the virtual timer interrupt is taken. A periodic
 * release grid (freq=HZ, default 1000) is programmed into CNTV_CVAL; each
 * interrupt's latency is the counter at exception entry minus the release.
 * Every second: "timer-latency: samples=N min=Xns avg=Yns max=Zns"; after
 * seconds=N reports (0: run forever) a summary "timer-latency: done ...".
 */
#include <inmate.h>

INMATE_DEFAULT_ARGS("freq=1000 seconds=5");

struct stats {
	uint64_t samples, sum, min, max;
};

static uint64_t period, release, releases_per_report;
static uint64_t releases; /* in the current report */
static struct stats current, report;
static volatile bool report_ready, stopped;
static unsigned long reports_left;

static void stats_add(struct stats *s, uint64_t ticks)
{
	if (!s->samples || ticks < s->min)
		s->min = ticks;
	if (ticks > s->max)
		s->max = ticks;
	s->sum += ticks;
	s->samples++;
}

static void stats_merge(struct stats *all, const struct stats *s)
{
	if (!s->samples)
		return;
	if (!all->samples || s->min < all->min)
		all->min = s->min;
	if (s->max > all->max)
		all->max = s->max;
	all->sum += s->sum;
	all->samples += s->samples;
}

static void timer_irq(unsigned int intid)
{
	uint64_t entry = irq_entry_ticks(), now;

	if (intid != TIMER_VIRT_PPI)
		return;
	stats_add(&current, entry > release ? entry - release : 0);
	/* Stay on the grid; releases already past when we got here are lost. */
	now = timer_now();
	do {
		release += period;
		releases++;
	} while (release <= now);

	if (releases >= releases_per_report) {
		report = current;
		report_ready = true;
		current = (struct stats){ 0 };
		releases = 0;
		if (reports_left && !--reports_left) {
			timer_disarm();
			stopped = true;
			return;
		}
	}
	timer_arm(release);
}

/* "done reports=N " comes first in the summary line. */
static void print_stats(const struct stats *s, bool done, unsigned long reports)
{
	uint64_t avg = s->samples ? s->sum / s->samples : 0;

	printk("timer-latency: ");
	if (done)
		printk("done reports=%lu ", reports);
	printk("samples=%llu min=%lluns avg=%lluns max=%lluns\n",
	       (unsigned long long)s->samples,
	       (unsigned long long)timer_ticks_to_ns(s->min),
	       (unsigned long long)timer_ticks_to_ns(avg),
	       (unsigned long long)timer_ticks_to_ns(s->max));
}

void inmate_main(void)
{
	long freq = cmdline_parse_int("freq", 1000);
	long seconds = cmdline_parse_int("seconds", 0);
	unsigned long reports = 0;
	struct stats all = { 0 };

	if (freq <= 0 || (uint64_t)freq > timer_freq() || seconds < 0) {
		printk("timer-latency: bad args freq=%ld seconds=%ld\n", freq,
		       seconds);
		comm_idle("timer-latency");
	}
	if (gic_init())
		inmate_halt();
	comm_set_accepts_messages();
	period = timer_freq() / freq;
	releases_per_report = freq;
	reports_left = seconds;
	printk("timer-latency: freq=%ldHz seconds=%ld counter=%lluHz %s\n",
	       freq, seconds, (unsigned long long)timer_freq(),
	       inmate_bare_metal() ? "bare metal" : "in a cell");

	irq_set_handler(timer_irq);
	gic_enable_irq(TIMER_VIRT_PPI);
	release = timer_now() + period;
	timer_arm(release);

	for (;;) {
		struct stats s;
		bool ready, done;

		irq_disable();
		while (!report_ready && !stopped &&
		       !comm_poll_shutdown_request())
			irq_idle();
		ready = report_ready;
		s = report;
		report_ready = false;
		done = stopped;
		irq_enable();

		if (ready) {
			stats_merge(&all, &s);
			print_stats(&s, false, 0);
			reports++;
		}
		if (done)
			break;
		if (comm_handle_shutdown("timer-latency")) {
			timer_disarm();
			inmate_halt();
		}
	}
	print_stats(&all, true, reports);
	comm_idle("timer-latency");
}
