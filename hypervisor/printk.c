// SPDX-License-Identifier: GPL-2.0
/*
 * printk and log levels. Messages are formatted into a per-call buffer
 * first so one message reaches the console in one piece.
 */
#include <hv/console.h>
#include <hv/control.h>
#include <hv/printk.h>
#include <asm/spinlock.h>
#include <bhlib/format.h>

static spinlock_t limit_lock = SPINLOCK_INIT;

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

static void vlog(int level, bool from_cell, const char *fmt, va_list ap)
{
	static const char *const prefix[] = {
		"bulkhead-hv: error: ",
		"bulkhead-hv: warning: ",
		"bulkhead-hv: ",
		"bulkhead-hv: debug: ",
	};
	struct line l = { .len = 0 };

	for (const char *p = prefix[level]; *p; p++)
		emit(*p, &l);
	bh_vformat(emit, &l, fmt, ap);
	if (from_cell)
		console_write_cell(l.buf, l.len);
	else
		console_write(l.buf, l.len);
}

void log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > CONFIG_LOG_LEVEL)
		return;
	va_start(ap, fmt);
	vlog(level, false, fmt, ap);
	va_end(ap);
}

void log_cell_note(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(level, true, fmt, ap);
	va_end(ap);
}

bool log_limit_take(struct log_limit *lim, u32 burst, u32 per_s,
		    u32 *suppressed)
{
	u64 now = arch_time_now(), period = arch_time_freq() / per_s;
	u64 refill;
	bool ok;

	spin_lock(&limit_lock);
	if (!lim->last) {
		lim->tokens = burst;
		lim->last = now;
	}
	refill = period ? (now - lim->last) / period : burst;
	if (refill >= burst - lim->tokens) {
		lim->tokens = burst;
		lim->last = now;
	} else if (refill) {
		lim->tokens += refill;
		lim->last += refill * period;
	}
	ok = lim->tokens > 0;
	*suppressed = 0;
	if (ok) {
		lim->tokens--;
		/* The count of what was held back: once a second at most. */
		if (lim->suppressed && now - lim->noted >= arch_time_freq()) {
			*suppressed = lim->suppressed;
			lim->suppressed = 0;
			lim->noted = now;
		}
	} else {
		lim->suppressed++;
	}
	spin_unlock(&limit_lock);
	return ok;
}

void log_limited(struct log_limit *lim, const char *who, int level,
		 const char *fmt, ...)
{
	u32 suppressed;
	va_list ap;

	if (level > CONFIG_LOG_LEVEL ||
	    !log_limit_take(lim, LOG_CELL_BURST, LOG_CELL_PER_S, &suppressed))
		return;
	if (suppressed)
		log_cell_note(
			level,
			"cell %s: %u messages suppressed (limit %u a second)\n",
			who, suppressed, LOG_CELL_PER_S);
	va_start(ap, fmt);
	vlog(level, true, fmt, ap);
	va_end(ap);
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
