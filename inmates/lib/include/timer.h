/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The generic timer: the virtual counter, the virtual timer (CNTV, the
 * cell's own), conversions between ticks and nanoseconds, delays.
 */
#ifndef _INMATE_TIMER_H
#define _INMATE_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define TIMER_VIRT_PPI 27 /* INTID of the virtual timer */

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC  1000000000ULL

/* Counter frequency (CNTFRQ_EL0), in Hz. */
uint64_t timer_freq(void);

/* The virtual counter, ordered after preceding instructions. */
uint64_t timer_now(void);

/* Exact integer conversions; no overflow below 2^64 ns (584 years). */
uint64_t timer_ticks_to_ns(uint64_t ticks);
uint64_t timer_ns_to_ticks(uint64_t ns);

/*
 * Fires TIMER_VIRT_PPI when the counter reaches cval (at once if it
 * already has). The interrupt is level-triggered: the handler must arm a
 * later cval or disarm before it returns.
 */
void timer_arm(uint64_t cval);
void timer_disarm(void);

/* Busy waits. */
void delay_ns(uint64_t ns);
void delay_us(uint64_t us);
void delay_ms(uint64_t ms);

/*
 * Sleeps in WFI until the counter reaches deadline, using the virtual
 * timer (its interrupt is enabled on first use; gic_init() is called if
 * needed). Other interrupts are handled meanwhile. Not for programs that
 * run the virtual timer themselves.
 */
void timer_sleep_until(uint64_t deadline);
void timer_sleep_ns(uint64_t ns);

/*
 * Sleeps like timer_sleep_until(), but returns as soon as done(arg) is
 * true, checking it after every interrupt (done() runs with IRQs masked).
 * Returns done()'s last answer: false if the deadline came first.
 */
bool timer_wait_until(uint64_t deadline, bool (*done)(void *arg), void *arg);

#endif
