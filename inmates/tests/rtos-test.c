// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * rtos-test: the real-time kernel's behaviour on the real machine, each
 * check one line "rtos-test: PASS NAME" or "rtos-test: FAIL NAME: why",
 * then "rtos-test: done passed=N failed=M". A controller task at priority
 * 10 runs the checks one after the other; the tasks of a check write
 * letters into a log, whose order is what the check compares:
 *   preempt     a task made ready above the creator runs at once; equals
 *               in FIFO order; a timer wake-up preempts a busy task
 *   pi          the three-task priority inversion: the low task holding
 *               the mutex runs at the high task's priority until it lets
 *               go, so the medium task waits
 *   queue       FIFO messages, receivers served by priority, timeouts of
 *               receive and send
 *   flags       waiting for all of two bits, cleared on wake-up
 *   irq-wake    an interrupt handler's semaphore give wakes a task
 *   deadline    an overloaded periodic task counts its misses
 *   smp         (with a second CPU) a task on CPU 1 woken from CPU 0
 *   overflow    a task's stack overflow hits its guard page: the task is
 *               named and stopped, the rest runs on (printed by the kernel
 *               as "rtos: task 'overflow' overflowed its stack")
 */
#include <inmate.h>
#include <rtos.h>

INMATE_DEFAULT_ARGS("");

#define STACK	 8192
#define SGI_TEST 2

static struct rtos_task controller, tasks[4];
RTOS_STACK(controller_stack, STACK);
RTOS_STACK(stack0, STACK);
RTOS_STACK(stack1, STACK);
RTOS_STACK(stack2, STACK);
RTOS_STACK(stack3, STACK);
static uint8_t *const stacks[4] = { stack0, stack1, stack2, stack3 };

static char events[64];
static unsigned int nevents;
static unsigned int passed, failed;
static struct rtos_sem done;

static void event(char c)
{
	uint64_t flags = irq_save();

	if (nevents < sizeof(events) - 1)
		events[nevents++] = c;
	events[nevents] = 0;
	irq_restore(flags);
}

static void events_reset(void)
{
	nevents = 0;
	events[0] = 0;
}

static void result(const char *name, bool ok, const char *why)
{
	if (ok) {
		passed++;
		printk("rtos-test: PASS %s\n", name);
	} else {
		failed++;
		printk("rtos-test: FAIL %s: %s (events \"%s\")\n", name, why,
		       events);
	}
}

static void spawn(unsigned int i, const char *name, void (*fn)(void *),
		  void *arg, unsigned int prio, unsigned int cpu)
{
	struct rtos_task_attr a = {
		.name = name,
		.entry = fn,
		.arg = arg,
		.prio = prio,
		.cpu = cpu,
		.stack = stacks[i],
		.stack_size = RTOS_STACK_BYTES(STACK),
	};
	int err = rtos_task_create(&tasks[i], &a);

	if (err)
		printk("rtos-test: task %s not created: %d\n", name, err);
}

/* A check's tasks may still be on their way out when it ends: wait. */
static void reap(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tasks); i++)
		while (tasks[i].state == RTOS_TASK_READY ||
		       tasks[i].state == RTOS_TASK_BLOCKED)
			rtos_sleep_ns(NSEC_PER_MSEC);
}

static void busy_ns(uint64_t ns)
{
	delay_ns(ns);
}

/* --- preempt --- */

static void log_and_done(void *arg)
{
	event((char)(uintptr_t)arg);
	rtos_sem_give(&done);
}

static volatile bool busy_stop;

static void busy_low(void *arg)
{
	while (!busy_stop)
		;
	event('L');
	rtos_sem_give(&done);
}

static void sleeper_high(void *arg)
{
	rtos_sleep_ns(2 * NSEC_PER_MSEC);
	event('H');
	busy_stop = true;
}

static void check_preempt(void)
{
	events_reset();
	event('1');
	spawn(0, "a", log_and_done, (void *)'A', 5, 0);
	spawn(1, "b", log_and_done, (void *)'B', 20, 0);
	event('2');
	spawn(2, "c", log_and_done, (void *)'C', 5, 0);
	rtos_sem_take(&done, RTOS_FOREVER);
	rtos_sem_take(&done, RTOS_FOREVER);
	rtos_sem_take(&done, RTOS_FOREVER);
	result("preempt-create", !strcmp(events, "1B2AC"),
	       "expected 1B2AC: B at once, A before C");

	events_reset();
	busy_stop = false;
	spawn(0, "busy", busy_low, NULL, 3, 0);
	spawn(1, "sleeper", sleeper_high, NULL, 8, 0);
	rtos_sem_take(&done, RTOS_FOREVER);
	result("preempt-timer", !strcmp(events, "HL"),
	       "expected HL: the sleeper's wake-up preempts the busy task");
}

/* --- pi --- */

static struct rtos_mutex pi_mutex;
static struct rtos_sem low_locked;
static unsigned int low_prio_inside;

static void pi_low(void *arg)
{
	rtos_mutex_lock(&pi_mutex, RTOS_FOREVER);
	rtos_sem_give(&low_locked);
	/* The controller starts H and M meanwhile; H blocks on the mutex. */
	busy_ns(5 * NSEC_PER_MSEC);
	low_prio_inside = rtos_task_prio(rtos_self());
	rtos_mutex_unlock(&pi_mutex);
	event('L');
	rtos_sem_give(&done);
}

static void pi_medium(void *arg)
{
	busy_ns(20 * NSEC_PER_MSEC);
	event('M');
	rtos_sem_give(&done);
}

static void pi_high(void *arg)
{
	event('h');
	rtos_mutex_lock(&pi_mutex, RTOS_FOREVER);
	event('H');
	rtos_mutex_unlock(&pi_mutex);
	rtos_sem_give(&done);
}

static void check_pi(void)
{
	events_reset();
	rtos_mutex_init(&pi_mutex);
	rtos_sem_init(&low_locked, 0, 1);
	spawn(0, "low", pi_low, NULL, 2, 0);
	rtos_sem_take(&low_locked, RTOS_FOREVER);
	spawn(1, "medium", pi_medium, NULL, 4, 0);
	spawn(2, "high", pi_high, NULL, 6, 0);
	rtos_sem_take(&done, RTOS_FOREVER);
	rtos_sem_take(&done, RTOS_FOREVER);
	rtos_sem_take(&done, RTOS_FOREVER);
	result("pi-order", !strcmp(events, "hHML"),
	       "expected hHML: high gets the mutex before medium runs");
	result("pi-inherited", low_prio_inside == 6,
	       "low did not run at high's priority while holding the mutex");
	result("pi-restored", rtos_task_prio(&tasks[0]) == 2,
	       "low kept the inherited priority");
}

/* --- queue --- */

static struct rtos_queue queue;
static uint32_t queue_buf[4];

static void receiver(void *arg)
{
	uint32_t msg;
	if (!rtos_queue_receive(&queue, &msg, RTOS_FOREVER)) {
		event((char)(uintptr_t)arg);
		event((char)msg);
	}
	rtos_sem_give(&done);
}

static void check_queue(void)
{
	uint32_t msg, got[3] = { 0 }, i;
	uint64_t start, waited;
	int r;

	rtos_queue_init(&queue, queue_buf, sizeof(uint32_t),
			ARRAY_SIZE(queue_buf));
	for (i = 1; i <= 3; i++)
		rtos_queue_send(&queue, &i, RTOS_NO_WAIT);
	for (i = 0; i < 3; i++)
		rtos_queue_receive(&queue, &got[i], RTOS_NO_WAIT);
	result("queue-fifo", got[0] == 1 && got[1] == 2 && got[2] == 3,
	       "messages out of order");

	start = rtos_now();
	r = rtos_queue_receive(&queue, &msg, 5 * NSEC_PER_MSEC);
	waited = rtos_ticks_to_ns(rtos_now() - start);
	result("queue-receive-timeout",
	       r == -ETIMEDOUT && waited >= 5 * NSEC_PER_MSEC,
	       "an empty queue's receive did not time out after 5 ms");

	events_reset();
	spawn(0, "recv-low", receiver, (void *)'1', 3, 0);
	spawn(1, "recv-high", receiver, (void *)'2', 5, 0);
	rtos_sleep_ns(NSEC_PER_MSEC); /* both wait now */
	msg = 'a';
	rtos_queue_send(&queue, &msg, RTOS_NO_WAIT);
	msg = 'b';
	rtos_queue_send(&queue, &msg, RTOS_NO_WAIT);
	rtos_sem_take(&done, RTOS_FOREVER);
	rtos_sem_take(&done, RTOS_FOREVER);
	result("queue-receiver-priority", !strcmp(events, "2a1b"),
	       "expected 2a1b: the more urgent receiver first");

	for (i = 0; i < 4; i++)
		rtos_queue_send(&queue, &i, RTOS_NO_WAIT);
	r = rtos_queue_send(&queue, &i, 2 * NSEC_PER_MSEC);
	result("queue-send-timeout",
	       r == -ETIMEDOUT && rtos_queue_count(&queue) == 4,
	       "a send to a full queue did not time out");
}

/* --- flags --- */

static struct rtos_flags flags;
static uint32_t flags_seen;

static void flags_waiter(void *arg)
{
	if (!rtos_flags_wait(&flags, 0x3, RTOS_FLAGS_ALL | RTOS_FLAGS_CLEAR,
			     RTOS_FOREVER, &flags_seen))
		event('W');
	rtos_sem_give(&done);
}

static void check_flags(void)
{
	events_reset();
	rtos_flags_init(&flags);
	spawn(0, "flags", flags_waiter, NULL, 12, 0);
	rtos_flags_set(&flags, 0x1);
	event('1');
	rtos_flags_set(&flags, 0x6);
	event('2');
	rtos_sem_take(&done, RTOS_FOREVER);
	result("flags-all",
	       !strcmp(events, "1W2") && (flags_seen & 0x7) == 0x7 &&
		       rtos_flags_get(&flags) == 0x4,
	       "expected 1W2, seen 0x7, 0x4 left");
}

/* --- irq-wake --- */

static struct rtos_sem irq_sem;

static void sgi_handler(unsigned int intid, void *arg)
{
	event('I');
	rtos_sem_give(&irq_sem);
}

static void irq_waiter(void *arg)
{
	if (!rtos_sem_take(&irq_sem, 100 * NSEC_PER_MSEC))
		event('T');
	rtos_sem_give(&done);
}

static void check_irq_wake(void)
{
	int err;

	events_reset();
	rtos_sem_init(&irq_sem, 0, 1);
	err = rtos_irq_attach(SGI_TEST, sgi_handler, NULL);
	spawn(0, "irq-waiter", irq_waiter, NULL, 12, 0);
	event('1');
	gic_send_sgi(cpu_mpidr(), SGI_TEST);
	rtos_sem_take(&done, RTOS_FOREVER);
	result("irq-wake", !err && !strcmp(events, "1IT"),
	       "expected 1IT: the handler's give wakes the waiter");
}

/* --- deadline --- */

static void overloaded(void *arg)
{
	unsigned int i;

	rtos_task_set_period(2 * NSEC_PER_MSEC, 0);
	for (i = 0; i < 10; i++) {
		rtos_wait_period();
		busy_ns(3 * NSEC_PER_MSEC); /* longer than the period */
	}
	rtos_sem_give(&done);
}

static void check_deadline(void)
{
	spawn(0, "overloaded", overloaded, NULL, 7, 0);
	rtos_sem_take(&done, RTOS_FOREVER);
	printk("rtos-test: overloaded task: %u deadline misses in 10 jobs\n",
	       rtos_deadline_misses(&tasks[0]));
	result("deadline-misses", rtos_deadline_misses(&tasks[0]) >= 5,
	       "a task busy 3 ms per 2 ms period counted fewer than 5 misses");
}

/* --- smp --- */

static struct rtos_sem remote_sem;
static volatile unsigned int remote_cpu = 99;

static void remote_waiter(void *arg)
{
	if (!rtos_sem_take(&remote_sem, RTOS_FOREVER)) {
		remote_cpu = cpu_index();
		event('R');
	}
	rtos_sem_give(&done);
}

static void check_smp(void)
{
	uint64_t self = cpu_mpidr(), mpidr = 0;
	unsigned int aff0;
	int err;

	for (aff0 = 0; aff0 < 8 && !mpidr; aff0++) {
		uint64_t m = (self & ~0xffULL) | aff0;

		if (m != self && psci_affinity_info(m) == 1)
			mpidr = m;
	}
	if (!mpidr) {
		printk("rtos-test: smp skipped: one CPU\n");
		return;
	}
	events_reset();
	rtos_sem_init(&remote_sem, 0, 1);
	spawn(0, "remote", remote_waiter, NULL, 5, 1);
	err = rtos_start_cpu(1, mpidr);
	rtos_sleep_ns(5 * NSEC_PER_MSEC); /* it waits on CPU 1 now */
	event('G');
	rtos_sem_give(&remote_sem);
	if (rtos_sem_take(&done, 500 * NSEC_PER_MSEC))
		event('X');
	result("smp-remote-wake",
	       !err && remote_cpu == 1 && !strcmp(events, "GR"),
	       "a task on CPU 1 was not woken by a give on CPU 0");
}

/* --- overflow --- */

static struct rtos_task *faulted;

/* The kernel's hook: which task it stopped. */
void rtos_task_fault_hook(struct rtos_task *t)
{
	faulted = t;
}

/* The frame is read after the call: no tail call, no loop. */
static unsigned int recurse(unsigned int depth)
{
	volatile uint8_t frame[512];
	unsigned int r;

	frame[depth % sizeof(frame)] = (uint8_t)depth;
	if (depth > 1000000) /* never: the guard page comes first */
		return 0;
	r = recurse(depth + 1);
	return r + frame[depth % sizeof(frame)];
}

static void overflow(void *arg)
{
	recurse(0);
}

static void check_overflow(void)
{
	spawn(3, "overflow", overflow, NULL, 12, 0);
	/* It ran (priority 12) and was stopped before this line. */
	result("overflow-stopped",
	       tasks[3].state == RTOS_TASK_DEAD && faulted == &tasks[3],
	       "the overflowing task was not stopped by a fault");
	rtos_sleep_ns(NSEC_PER_MSEC);
	result("overflow-contained", true, "");
}

static void control(void *arg)
{
	check_preempt();
	reap();
	check_pi();
	reap();
	check_queue();
	reap();
	check_flags();
	reap();
	check_irq_wake();
	reap();
	check_deadline();
	reap();
	check_smp();
	reap();
	check_overflow();
	printk("rtos-test: done passed=%u failed=%u\n", passed, failed);
	rtos_shutdown_wait(RTOS_FOREVER);
	printk("rtos-test: shutdown requested, OK\n");
	comm_reply(BH_REPLY_SHUTDOWN_OK);
	inmate_halt();
}

void inmate_main(void)
{
	struct rtos_task_attr a = {
		.name = "control",
		.entry = control,
		.prio = 10,
		.stack = controller_stack,
		.stack_size = sizeof(controller_stack),
	};

	printk("rtos-test: %s\n",
	       inmate_bare_metal() ? "bare metal" : "in a cell");
	rtos_init();
	rtos_sem_init(&done, 0, 16);
	if (rtos_task_create(&controller, &a))
		printk("rtos-test: no controller\n");
	rtos_start();
}
