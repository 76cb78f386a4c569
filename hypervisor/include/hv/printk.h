/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor messages: to the debug console UART (if configured) and to the
 * log ring that Linux reads. Levels follow CONFIG_LOG_LEVEL.
 */
#ifndef _HV_PRINTK_H
#define _HV_PRINTK_H

#include <hv/types.h>

#define LOG_ERR		0
#define LOG_WARN	1
#define LOG_INFO	2
#define LOG_DEBUG	3

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_msg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define pr_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)	log_msg(LOG_WARN, __VA_ARGS__)
#define pr_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

/* Stops every CPU after printing the cause: for broken invariants only. */
void __attribute__((noreturn, format(printf, 1, 2)))
panic(const char *fmt, ...);

#endif
