/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor messages: to the debug console UART (if configured) and to the
 * log ring that Linux reads. Levels follow CONFIG_LOG_LEVEL.
 */
#ifndef _HV_PRINTK_H
#define _HV_PRINTK_H

#include <hv/types.h>

#define LOG_ERR	  0
#define LOG_WARN  1
#define LOG_INFO  2
#define LOG_DEBUG 3

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_msg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * What a cell can make the hypervisor log is limited per cell, so that a
 * flood neither fills the log ring nor holds the console: a token bucket
 * of `burst` messages refilled at `per_s` a second. Messages over the
 * limit are counted, and the count is logged with the next one let
 * through, at most once a second.
 */
struct log_limit {
	u64 last;  /* counter value of the last refill, 0: never */
	u64 noted; /* when the suppressed count was last logged */
	u32 tokens;
	u32 suppressed;
};

#define LOG_CELL_BURST 10
#define LOG_CELL_PER_S 1

/* Takes one token; returns false (and counts) when there is none. */
bool log_limit_take(struct log_limit *lim, u32 burst, u32 per_s,
		    u32 *suppressed);
/* A message about a cell, in the log ring only, unlimited: for notes. */
void log_cell_note(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A message the cell named `who` provoked, under its limit. */
void log_limited(struct log_limit *lim, const char *who, int level,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#define pr_cell_warn(cell, ...) \
	log_limited(&(cell)->log_limit, (cell)->name, LOG_WARN, __VA_ARGS__)

#define pr_err(...)   log_msg(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define pr_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Stops every CPU after printing the cause: for broken invariants only. */
void __attribute__((noreturn, format(printf, 1, 2)))
panic(const char *fmt, ...);

#endif
