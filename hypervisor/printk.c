// SPDX-License-Identifier: GPL-2.0
/*
 * printk and log levels. Messages are formatted into a per-call buffer
 * first so one message reaches the console in one piece.
 */
#include <hv/console.h>
#include <hv/control.h>
#include <hv/printk.h>
#include <bulkhead/format.h>

struct line {
	char buf[256];
	size_t len;
};

static void emit(char c, void *ctx)
{
	struct line *l = ctx;

	if (l->len < sizeof(l->buf))
		l->buf[l->len++] = c;
}

static void vprintk(const char *fmt, va_list ap)
{
	struct line l = { .len = 0 };

	bh_vformat(emit, &l, fmt, ap);
	console_write(l.buf, l.len);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void log_msg(int level, const char *fmt, ...)
{
	static const char *const prefix[] = {
		"bulkhead-hv: error: ", "bulkhead-hv: warning: ",
		"bulkhead-hv: ", "bulkhead-hv: debug: ",
	};
	struct line l = { .len = 0 };
	va_list ap;

	if (level > CONFIG_LOG_LEVEL)
		return;
	for (const char *p = prefix[level]; *p; p++)
		emit(*p, &l);
	va_start(ap, fmt);
	bh_vformat(emit, &l, fmt, ap);
	va_end(ap);
	console_write(l.buf, l.len);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printk("bulkhead-hv: PANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	arch_stop_other_cpus();
	arch_cpu_halt();
}
