// SPDX-License-Identifier: GPL-2.0
/*
 * rt-control: a fixed-rate control loop, the shape of a real-time
 * partition's work. Every period (freq=HZ, default 1000) the timer
 * interrupt runs one step of a PID controller, in Q16.16 fixed point,
 * driving a simulated first-order plant (time constant tau_ms) through a
 * setpoint sequence that changes every two seconds. A step whose handler
 * starts more than one period after its release, or a release skipped
 * altogether, is a missed deadline.
 *
 * Args: freq=HZ seconds=N (0: forever) kp=, ki=, kd= (gains x1000: kp
 * plain, ki per second, kd in seconds) tau_ms=MS load_us=US (busy work
 * per step, to provoke misses).
 * Output, per second:
 *   rt-control: t=Ns setpoint=S output=Y err_avg=A err_max=M missed=K
 * (values in thousandths of the plant's unit, missed in that second), and
 * after seconds=N: rt-control: done missed=TOTAL
 */
#include <inmate.h>

INMATE_DEFAULT_ARGS("freq=1000 seconds=5");

#define Q		16
#define ONE		(1LL << Q)
#define MILLI_TO_Q(v)	(((int64_t)(v) << Q) / 1000)
#define Q_TO_MILLI(v)	((v) * 1000 / ONE)
#define U_LIMIT		MILLI_TO_Q(5000)	/* actuator saturation */

static const int32_t setpoints[] = { 1000, -500, 250, 0 };	/* milli */
#define SETPOINT_SECONDS	2

struct pid {
	int64_t kp, ki_step, kd_step;	/* Q16, per-step integral/derivative */
	int64_t integral, prev_y;	/* Q16 */
};

struct second {
	unsigned long t;		/* seconds since the start, at its end */
	uint64_t err_sum;		/* milli, |e| summed over the steps */
	uint32_t err_max, missed, steps;
	int32_t setpoint, output;	/* milli, at its last step */
};

static struct pid pid;
static int64_t plant_y, plant_alpha;	/* Q16; alpha = period / tau */
static uint64_t period, release, load_ns;
static unsigned long freq, step_in_second, seconds_run, seconds_limit;
static struct second current, report;
static volatile bool report_ready, stopped;
static unsigned long missed_total;

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int64_t abs64(int64_t v)
{
	return v < 0 ? -v : v;
}

/*
 * Parallel PID with the derivative on the measurement (no kick on
 * setpoint steps) and conditional integration against windup.
 */
static int64_t pid_step(struct pid *c, int64_t setpoint, int64_t y)
{
	int64_t e = setpoint - y, p, d, u;

	p = c->kp * e >> Q;
	d = -(c->kd_step * (y - c->prev_y) >> Q);
	c->prev_y = y;
	u = p + c->integral + d;
	if (u == clamp(u, -U_LIMIT, U_LIMIT) ||
	    (u > U_LIMIT && e < 0) || (u < -U_LIMIT && e > 0))
		c->integral += c->ki_step * e >> Q;
	return clamp(u, -U_LIMIT, U_LIMIT);
}

/* y' = (u - y) / tau, forward Euler over one period. */
static void plant_step(int64_t u)
{
	plant_y += (u - plant_y) * plant_alpha >> Q;
}

static void control_irq(unsigned int intid)
{
	uint64_t entry = irq_entry_ticks(), now;
	int64_t setpoint, err;
	uint32_t err_milli;

	if (intid != TIMER_VIRT_PPI)
		return;
	if (entry > release + period)
		current.missed++;

	setpoint = MILLI_TO_Q(setpoints[seconds_run / SETPOINT_SECONDS %
					ARRAY_SIZE(setpoints)]);
	plant_step(pid_step(&pid, setpoint, plant_y));
	err = Q_TO_MILLI(abs64(setpoint - plant_y));
	err_milli = err > UINT32_MAX ? UINT32_MAX : (uint32_t)err;
	current.err_sum += err_milli;
	if (err_milli > current.err_max)
		current.err_max = err_milli;
	current.steps++;
	current.setpoint = Q_TO_MILLI(setpoint);
	current.output = Q_TO_MILLI(plant_y);
	if (load_ns)
		delay_ns(load_ns);

	/* The next release on the grid; the ones already past are missed. */
	now = timer_now();
	do {
		release += period;
		if (++step_in_second == freq) {
			step_in_second = 0;
			seconds_run++;
			current.t = seconds_run;
			report = current;
			report_ready = true;
			current = (struct second){ 0 };
		}
		if (release <= now)
			current.missed++;
	} while (release <= now);

	if (seconds_limit && seconds_run >= seconds_limit) {
		timer_disarm();
		stopped = true;
		return;
	}
	timer_arm(release);
}

static void setup(long kp, long ki, long kd, long tau_ms)
{
	pid.kp = MILLI_TO_Q(kp);
	pid.ki_step = MILLI_TO_Q(ki) / (int64_t)freq;
	pid.kd_step = MILLI_TO_Q(kd) * (int64_t)freq;
	plant_alpha = clamp(ONE * 1000 / ((int64_t)freq * tau_ms), 1, ONE);
	period = timer_freq() / freq;
}

void inmate_main(void)
{
	long f = cmdline_parse_int("freq", 1000);
	long seconds = cmdline_parse_int("seconds", 0);
	long kp = cmdline_parse_int("kp", 3000);
	long ki = cmdline_parse_int("ki", 80000);
	long kd = cmdline_parse_int("kd", 1);
	long tau_ms = cmdline_parse_int("tau_ms", 50);
	long load_us = cmdline_parse_int("load_us", 0);

	if (f <= 0 || (uint64_t)f > timer_freq() || seconds < 0 ||
	    tau_ms <= 0 || load_us < 0) {
		printk("rt-control: bad args \"%s\"\n", inmate_args());
		comm_idle("rt-control");
	}
	if (gic_init())
		inmate_halt();
	comm_set_accepts_messages();
	freq = f;
	seconds_limit = seconds;
	load_ns = load_us * NSEC_PER_USEC;
	setup(kp, ki, kd, tau_ms);
	printk("rt-control: freq=%ldHz seconds=%ld kp=%ld ki=%ld kd=%ld tau_ms=%ld load_us=%ld %s\n",
	       f, seconds, kp, ki, kd, tau_ms, load_us,
	       inmate_bare_metal() ? "bare metal" : "in a cell");

	irq_set_handler(control_irq);
	gic_enable_irq(TIMER_VIRT_PPI);
	release = timer_now() + period;
	timer_arm(release);

	for (;;) {
		struct second s;
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
			missed_total += s.missed;
			printk("rt-control: t=%lus setpoint=%d output=%d err_avg=%llu err_max=%u missed=%u\n",
			       s.t, s.setpoint, s.output,
			       (unsigned long long)(s.steps ? s.err_sum / s.steps : 0),
			       s.err_max, s.missed);
		}
		if (done)
			break;
		if (comm_handle_shutdown("rt-control")) {
			timer_disarm();
			inmate_halt();
		}
	}
	printk("rt-control: done missed=%lu\n", missed_total);
	comm_idle("rt-control");
}
