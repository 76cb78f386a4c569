// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The generic timer's virtual counter and timer. The cell owns CNTV
 * outright and CNTVOFF is 0 in both modes, so the virtual counter reads the
 * same as the system counter.
 */
#include "lib.h"

#define CNTV_CTL_ENABLE (1 << 0)
#define CNTV_CTL_IMASK	(1 << 1)

/* Per CPU, as the timer is. */
static volatile bool sleep_armed[SMP_MAX_CPUS];
/* 0: set up; else not yet (1) or gic_init()'s error. */
static int sleep_irq_state[SMP_MAX_CPUS] = { [0 ... SMP_MAX_CPUS - 1] = 1 };

uint64_t timer_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

uint64_t timer_now(void)
{
	/* The counter may otherwise be read early, out of program order. */
	isb();
	return read_sysreg(cntvct_el0);
}

/* Split in whole seconds and the rest: no overflow, no precision loss. */
uint64_t timer_ticks_to_ns(uint64_t ticks)
{
	uint64_t freq = timer_freq();

	return ticks / freq * NSEC_PER_SEC + ticks % freq * NSEC_PER_SEC / freq;
}

uint64_t timer_ns_to_ticks(uint64_t ns)
{
	uint64_t freq = timer_freq();

	return ns / NSEC_PER_SEC * freq +
	       ns % NSEC_PER_SEC * freq / NSEC_PER_SEC;
}

void timer_arm(uint64_t cval)
{
	write_sysreg(cval, cntv_cval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

void timer_disarm(void)
{
	write_sysreg(0, cntv_ctl_el0);
	isb();
}

void delay_ns(uint64_t ns)
{
	uint64_t end = timer_now() + timer_ns_to_ticks(ns);

	while (timer_now() < end)
		cpu_relax();
}

void delay_us(uint64_t us)
{
	delay_ns(us * NSEC_PER_USEC);
}

void delay_ms(uint64_t ms)
{
	delay_ns(ms * NSEC_PER_MSEC);
}

bool timer_sleep_irq(unsigned int intid)
{
	if (intid != TIMER_VIRT_PPI || !sleep_armed[cpu_index()])
		return false;
	/* Level-triggered: silence it before the EOI. */
	timer_disarm();
	sleep_armed[cpu_index()] = false;
	return true;
}

void timer_cpu_forget(unsigned int idx)
{
	sleep_armed[idx] = false;
	sleep_irq_state[idx] = 1;
}

/* The sleeps' state of this CPU, its timer interrupt on if it can be. */
static unsigned int sleep_irq_setup(void)
{
	unsigned int me = cpu_index();

	if (sleep_irq_state[me] > 0) {
		sleep_irq_state[me] = gic_init();
		if (!sleep_irq_state[me])
			gic_enable_irq(TIMER_VIRT_PPI);
	}
	return me;
}

void timer_sleep_until(uint64_t deadline)
{
	uint64_t flags = irq_save();
	unsigned int me = sleep_irq_setup();

	/* Without an interrupt controller, spin. */
	while (sleep_irq_state[me] && timer_now() < deadline)
		cpu_relax();
	while (timer_now() < deadline) {
		sleep_armed[me] = true;
		timer_arm(deadline);
		while (sleep_armed[me])
			irq_idle();
	}
	irq_restore(flags);
}

bool timer_wait_until(uint64_t deadline, bool (*done)(void *arg), void *arg)
{
	uint64_t flags = irq_save();
	unsigned int me = sleep_irq_setup();
	bool ok;

	/*
	 * done() is checked with IRQs masked, then WFI: an interrupt that
	 * makes it true cannot slip in between (it stays pending and wakes
	 * the WFI).
	 */
	while (!(ok = done(arg)) && timer_now() < deadline) {
		if (sleep_irq_state[me]) {
			cpu_relax();
			continue;
		}
		if (!sleep_armed[me]) {
			sleep_armed[me] = true;
			timer_arm(deadline);
		}
		irq_idle();
	}
	if (sleep_armed[me]) {
		timer_disarm();
		sleep_armed[me] = false;
	}
	irq_restore(flags);
	return ok;
}

void timer_sleep_ns(uint64_t ns)
{
	timer_sleep_until(timer_now() + timer_ns_to_ticks(ns));
}
