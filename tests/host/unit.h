/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal unit-test harness: TEST(name) blocks report one PASS or FAIL
 * line each; CHECK records the first failing condition with its line.
 */
#ifndef _UNIT_H
#define _UNIT_H

#include <stdio.h>
#include <string.h>

static const char *unit_suite = "unit";
static int unit_failed;
static char unit_why[256];

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond) && !unit_failed) {                            \
			unit_failed = 1;                                  \
			snprintf(unit_why, sizeof(unit_why), "%s:%d: %s", \
				 __FILE__, __LINE__, #cond);              \
		}                                                         \
	} while (0)

#define CHECK_STR(a, b)                                                     \
	do {                                                                \
		if (strcmp((a), (b)) && !unit_failed) {                     \
			unit_failed = 1;                                    \
			snprintf(unit_why, sizeof(unit_why),                \
				 "%s:%d: '%s' != '%s'", __FILE__, __LINE__, \
				 (a), (b));                                 \
		}                                                           \
	} while (0)

static inline void unit_report(const char *name)
{
	if (unit_failed)
		printf("FAIL %s/%s: %s\n", unit_suite, name, unit_why);
	else
		printf("PASS %s/%s\n", unit_suite, name);
	unit_failed = 0;
}

/* TEST(name) { ... } defines and registers nothing: call RUN(name). */
#define TEST(name) static void test_##name(void)
#define RUN(name)                   \
	do {                        \
		test_##name();      \
		unit_report(#name); \
	} while (0)

#endif
