// SPDX-License-Identifier: GPL-2.0
/*
 * rt-control: a real-time partition's work as tasks of the real-time
 * kernel (inmates/rtos, Documentation/rtos.md):
 *   watchdog   (priority 50, 20 Hz)  checks that the control task advances
 *   control    (priority 40, freq=HZ, default 1000)  one step of a PID
 *              controller in Q16.16 fixed point driving a simulated
 *              first-order plant (time constant tau_ms); release jitter
 *              and deadline misses measured by the kernel's periodic
 *              release
 *   supervisor (priority 30, 100 Hz)  the setpoint sequence (a new one
 *              every two seconds), the per-second report, the end
 *   logger     (priority 10)  prints the reports and streams every
 *              sample to the root cell over ivshmem (when the cell has a
 *              link: include/bulkhead/rt-samples.h, tools/rt-samples)
 *   doorbell   (priority 8)  with a link: blocks on the root cell's
 *              doorbell and says so (bulkhead ivshmem ring DEV 1)
 *   shutdown   (priority 5)  blocks on the cell's shutdown request
 * The control task and the supervisor share the controller's state under
 * a mutex with priority inheritance.
 *
 * Args: freq=HZ seconds=N (0: forever) kp=, ki=, kd= (gains x1000: kp
 * plain, ki per second, kd in seconds) tau_ms=MS load_us=US (busy work
 * per step, to provoke misses) stall_ms=MS (once, at t=2s, the control
 * task hangs that long: the watchdog's case).
 * Output, per second:
 *   rt-control: t=Ns setpoint=S output=Y err_avg=A err_max=M missed=K
 *     jitter_avg=Jns jitter_max=Xns
 * (values in thousandths of the plant's unit, missed in that second), and
 * after seconds=N: rt-control: done missed=TOTAL
 */
#include <inmate.h>
#include <rtos.h>
#include <bulkhead/rt-samples.h>

INMATE_DEFAULT_ARGS("freq=1000 seconds=5");

#define Q	      16
#define ONE	      (1LL << Q)
#define MILLI_TO_Q(v) (((int64_t)(v) << Q) / 1000)
#define Q_TO_MILLI(v) ((v)*1000 / ONE)
#define U_LIMIT	      MILLI_TO_Q(5000) /* actuator saturation */

#define SUPERVISOR_HZ  100
#define WATCHDOG_MS    50
#define STACK	       8192
#define SAMPLES_QUEUED 128
#define REPORTS_QUEUED 8

static const int32_t setpoints[] = { 1000, -500, 250, 0 }; /* milli */
#define SETPOINT_SECONDS 2

struct pid {
	int64_t kp, ki_step, kd_step; /* Q16, per-step integral/derivative */
	int64_t integral, prev_y;     /* Q16 */
};

/* One second of control, summed by the control task. */
struct second {
	uint64_t err_sum, jitter_sum; /* milli; ns */
	uint32_t err_max, jitter_max, missed, steps;
	int32_t setpoint, output; /* milli, at its last step */
};

enum report_kind { REPORT_SECOND, REPORT_DONE, REPORT_STALL };

struct report {
	enum report_kind kind;
	unsigned long t;
	struct second s;
};

static struct pid pid;
static int64_t plant_y, plant_alpha; /* Q16; alpha = period / tau */
static int64_t setpoint_q;
static uint64_t load_ns, stall_ns;
static unsigned long freq, seconds_limit;
static volatile uint64_t steps_done; /* the watchdog's heartbeat */
static volatile bool stopping;
static uint32_t missed_total;

static struct rtos_mutex state_lock; /* pid, plant, setpoint, current */
static struct second current;
static struct rtos_queue samples, reports;
static struct bh_rt_sample sample_buf[SAMPLES_QUEUED];
static struct report report_buf[REPORTS_QUEUED];
static uint32_t samples_dropped;

static struct ivshmem_device link;
static struct bh_rt_ring *ring;
static uint32_t ring_entries;

static struct rtos_task control_task, supervisor_task, watchdog_task,
	logger_task, doorbell_task, shutdown_task;
RTOS_STACK(control_stack, STACK);
RTOS_STACK(supervisor_stack, STACK);
RTOS_STACK(watchdog_stack, STACK);
RTOS_STACK(logger_stack, STACK);
RTOS_STACK(doorbell_stack, STACK);
RTOS_STACK(shutdown_stack, STACK);

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
	if (u == clamp(u, -U_LIMIT, U_LIMIT) || (u > U_LIMIT && e < 0) ||
	    (u < -U_LIMIT && e > 0))
		c->integral += c->ki_step * e >> Q;
	return clamp(u, -U_LIMIT, U_LIMIT);
}

/* y' = (u - y) / tau, forward Euler over one period. */
static void plant_step(int64_t u)
{
	plant_y += (u - plant_y) * plant_alpha >> Q;
}

static uint32_t sat32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* One step under the lock; what the logger streams. */
static void control_step(uint32_t misses, uint64_t jitter_ns,
			 struct bh_rt_sample *s)
{
	int64_t u;
	uint32_t err;

	rtos_mutex_lock(&state_lock, RTOS_FOREVER);
	u = pid_step(&pid, setpoint_q, plant_y);
	plant_step(u);
	err = sat32(Q_TO_MILLI(abs64(setpoint_q - plant_y)));
	current.err_sum += err;
	if (err > current.err_max)
		current.err_max = err;
	current.jitter_sum += jitter_ns;
	if (jitter_ns > current.jitter_max)
		current.jitter_max = sat32(jitter_ns);
	current.missed += misses;
	current.steps++;
	current.setpoint = Q_TO_MILLI(setpoint_q);
	current.output = Q_TO_MILLI(plant_y);
	*s = (struct bh_rt_sample){
		.seq = (uint32_t)steps_done,
		.setpoint = current.setpoint,
		.output = current.output,
		.u = Q_TO_MILLI(u),
		.jitter_ns = sat32(jitter_ns),
		.missed = missed_total += misses,
	};
	rtos_mutex_unlock(&state_lock);
}

static void control(void *arg)
{
	rtos_task_set_period(NSEC_PER_SEC / freq, 0);
	while (!stopping) {
		int misses = rtos_wait_period();
		uint64_t jitter =
			rtos_ticks_to_ns(rtos_now() - rtos_release_time());
		struct bh_rt_sample s;

		control_step(misses > 0 ? misses : 0, jitter, &s);
		steps_done++;
		if (ring && rtos_queue_send(&samples, &s, RTOS_NO_WAIT))
			samples_dropped++;
		if (load_ns)
			delay_ns(load_ns);
		if (stall_ns && steps_done == 2 * freq) {
			delay_ns(stall_ns);
			stall_ns = 0;
		}
	}
}

static void supervisor(void *arg)
{
	unsigned long ticks = 0, t = 0;
	struct report r;

	rtos_task_set_period(NSEC_PER_SEC / SUPERVISOR_HZ, 0);
	while (!stopping) {
		rtos_wait_period();
		if (++ticks % SUPERVISOR_HZ)
			continue;
		t++;
		rtos_mutex_lock(&state_lock, RTOS_FOREVER);
		r = (struct report){ .kind = REPORT_SECOND,
				     .t = t,
				     .s = current };
		current = (struct second){ 0 };
		setpoint_q = MILLI_TO_Q(
			setpoints[t / SETPOINT_SECONDS % ARRAY_SIZE(setpoints)]);
		rtos_mutex_unlock(&state_lock);
		rtos_queue_send(&reports, &r, RTOS_NO_WAIT);
		if (seconds_limit && t >= seconds_limit) {
			stopping = true;
			r.kind = REPORT_DONE;
			rtos_queue_send(&reports, &r, RTOS_FOREVER);
		}
	}
}

/* Misses more than half its steps in a watchdog period: stalled. */
static void watchdog(void *arg)
{
	uint64_t last = steps_done, expect = freq * WATCHDOG_MS / 1000 / 2;
	struct report r = { .kind = REPORT_STALL };

	rtos_task_set_period(WATCHDOG_MS * NSEC_PER_MSEC, 0);
	while (!stopping) {
		rtos_wait_period();
		if (steps_done - last < expect && !stopping) {
			r.s.steps = (uint32_t)(steps_done - last);
			rtos_queue_send(&reports, &r, RTOS_NO_WAIT);
		}
		last = steps_done;
	}
}

static void print_report(const struct report *r)
{
	const struct second *s = &r->s;

	switch (r->kind) {
	case REPORT_SECOND:
		printk("rt-control: t=%lus setpoint=%d output=%d err_avg=%llu err_max=%u missed=%u jitter_avg=%lluns jitter_max=%uns\n",
		       r->t, s->setpoint, s->output,
		       (unsigned long long)(s->steps ? s->err_sum / s->steps :
						       0),
		       s->err_max, s->missed,
		       (unsigned long long)(s->steps ?
						    s->jitter_sum / s->steps :
						    0),
		       s->jitter_max);
		break;
	case REPORT_STALL:
		printk("rt-control: watchdog: control task stalled (%u of %lu steps in %u ms)\n",
		       s->steps, freq * WATCHDOG_MS / 1000, WATCHDOG_MS);
		break;
	case REPORT_DONE:
		printk("rt-control: done missed=%u\n",
		       rtos_deadline_misses(&control_task));
		break;
	}
}

/* The samples the control task queued, into the link's ring. */
static void stream_samples(void)
{
	struct bh_rt_sample s;

	while (!rtos_queue_receive(&samples, &s, RTOS_NO_WAIT)) {
		ring->samples[s.seq % ring_entries] = s;
		dmb(ishst);
		*(volatile uint64_t *)&ring->head = (uint64_t)s.seq + 1;
		if (!((s.seq + 1) % BH_RT_RING_EVERY))
			ivshmem_ring(&link, 0, 0);
	}
}

static void logger(void *arg)
{
	struct report r;

	for (;;) {
		if (!rtos_queue_receive(&reports, &r, 10 * NSEC_PER_MSEC))
			print_report(&r);
		if (ring)
			stream_samples();
	}
}

/* The root cell rings us: a blocking wait for the doorbell. */
static void doorbell(void *arg)
{
	uint64_t seen = link.irq_count;

	for (;;) {
		if (!rtos_ivshmem_wait(&link, &seen, RTOS_FOREVER))
			printk("rt-control: doorbell from the root cell (%llu so far)\n",
			       (unsigned long long)seen);
	}
}

static void shutdown(void *arg)
{
	for (;;) {
		rtos_shutdown_wait(RTOS_FOREVER);
		if (comm_handle_shutdown("rt-control")) {
			timer_disarm();
			inmate_halt();
		}
	}
}

/* With an ivshmem link, the samples go into our output section. */
static void stream_setup(void)
{
	uint64_t size;
	int err;

	if (inmate_bare_metal() || ivshmem_open(&link, 0))
		return;
	size = link.out_size;
	ring = ivshmem_out(&link, link.id);
	ring_entries =
		(uint32_t)((size - sizeof(*ring)) / sizeof(ring->samples[0]));
	memcpy(ring->magic, BH_RT_MAGIC, sizeof(ring->magic));
	ring->entries = ring_entries;
	ring->freq = (uint32_t)freq;
	ring->head = 0;
	ivshmem_set_state(&link, BH_RT_STATE_STREAMING);
	err = rtos_ivshmem_attach(&link);
	if (err)
		printk("rt-control: no doorbell: %d\n", err);
	printk("rt-control: streaming samples on ivshmem link %u (peer %u), %u entries\n",
	       link.link_id, link.id, ring_entries);
}

static void spawn(struct rtos_task *t, const char *name, void (*fn)(void *),
		  unsigned int prio, void *stack, size_t size)
{
	struct rtos_task_attr a = {
		.name = name,
		.entry = fn,
		.prio = prio,
		.stack = stack,
		.stack_size = size,
	};
	int err = rtos_task_create(t, &a);

	if (err) {
		printk("rt-control: task %s: error %d\n", name, err);
		inmate_halt();
	}
}

static void setup(long kp, long ki, long kd, long tau_ms)
{
	pid.kp = MILLI_TO_Q(kp);
	pid.ki_step = MILLI_TO_Q(ki) / (int64_t)freq;
	pid.kd_step = MILLI_TO_Q(kd) * (int64_t)freq;
	plant_alpha = clamp(ONE * 1000 / ((int64_t)freq * tau_ms), 1, ONE);
	setpoint_q = MILLI_TO_Q(setpoints[0]);
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
	long stall_ms = cmdline_parse_int("stall_ms", 0);

	if (f <= 0 || f > 100000 || (uint64_t)f > timer_freq() || seconds < 0 ||
	    tau_ms <= 0 || load_us < 0 || stall_ms < 0) {
		printk("rt-control: bad args \"%s\"\n", inmate_args());
		comm_idle("rt-control");
	}
	comm_set_accepts_messages();
	freq = f;
	seconds_limit = seconds;
	load_ns = load_us * NSEC_PER_USEC;
	stall_ns = stall_ms * NSEC_PER_MSEC;
	setup(kp, ki, kd, tau_ms);
	printk("rt-control: freq=%ldHz seconds=%ld kp=%ld ki=%ld kd=%ld tau_ms=%ld load_us=%ld %s\n",
	       f, seconds, kp, ki, kd, tau_ms, load_us,
	       inmate_bare_metal() ? "bare metal" : "in a cell");

	rtos_init();
	rtos_mutex_init(&state_lock);
	rtos_queue_init(&samples, sample_buf, sizeof(sample_buf[0]),
			SAMPLES_QUEUED);
	rtos_queue_init(&reports, report_buf, sizeof(report_buf[0]),
			REPORTS_QUEUED);
	stream_setup();
	spawn(&watchdog_task, "watchdog", watchdog, 50, watchdog_stack,
	      sizeof(watchdog_stack));
	spawn(&control_task, "control", control, 40, control_stack,
	      sizeof(control_stack));
	spawn(&supervisor_task, "supervisor", supervisor, 30, supervisor_stack,
	      sizeof(supervisor_stack));
	spawn(&logger_task, "logger", logger, 10, logger_stack,
	      sizeof(logger_stack));
	if (ring)
		spawn(&doorbell_task, "doorbell", doorbell, 8, doorbell_stack,
		      sizeof(doorbell_stack));
	spawn(&shutdown_task, "shutdown", shutdown, 5, shutdown_stack,
	      sizeof(shutdown_stack));
	rtos_start();
}
