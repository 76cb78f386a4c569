/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the validation library's tests: capture the findings of one
 * check (ctx, msgs), and the EXPECT macros that assert on them.
 */
#ifndef _CHECK_CAPTURE_H
#define _CHECK_CAPTURE_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <bhlib/config-check.h>
#include "unit.h"

static struct {
	char text[1 << 16];
	size_t len;
	bool dumped;
} msgs;

static struct bh_check_ctx ctx;

static void capture(void *arg, int severity, const char *msg)
{
	int n = snprintf(msgs.text + msgs.len, sizeof(msgs.text) - msgs.len,
			 "%s: %s\n", severity == BH_CHECK_ERROR ? "E" : "W",
			 msg);

	(void)arg;
	if (n > 0 && msgs.len + n < sizeof(msgs.text))
		msgs.len += n;
}

/* A fresh context whose findings name `file` and land in msgs. */
static void reset_capture(const char *file)
{
	ctx = (struct bh_check_ctx){ .report = capture, .file = file };
	msgs.len = 0;
	msgs.text[0] = '\0';
	msgs.dumped = false;
}

static void dump_messages(void)
{
	if (unit_failed && !msgs.dumped) {
		printf("# messages of the failing check:\n%s", msgs.text);
		msgs.dumped = true;
	}
}

/* The last check returned rc_ and found exactly errors_ and warnings_. */
#define EXPECT(rc_, errors_, warnings_)                    \
	do {                                               \
		CHECK((rc_) == ((errors_) ? -EINVAL : 0)); \
		CHECK(ctx.errors == (errors_));            \
		CHECK(ctx.warnings == (warnings_));        \
		dump_messages();                           \
	} while (0)

/* ... and one of its messages contains needle. */
#define EXPECT_MSG(needle)                                  \
	do {                                                \
		CHECK(strstr(msgs.text, (needle)) != NULL); \
		dump_messages();                            \
	} while (0)

#endif
