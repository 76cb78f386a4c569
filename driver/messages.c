// SPDX-License-Identifier: GPL-2.0
/*
 * What went wrong, told to the user: the messages an ioctl reports go to
 * the kernel log and are kept with the open file that made the call,
 * where the CLI fetches them after a failure (BULKHEAD_IOCTL_MESSAGES)
 * and prints them on the terminal.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "main.h"

/* The open file whose ioctl runs now (under bh.lock), or NULL. */
static struct bh_messages *current_msgs;

struct bh_messages *bh_messages_alloc(void)
{
	return kzalloc(sizeof(struct bh_messages), GFP_KERNEL);
}

void bh_messages_begin(struct bh_messages *m)
{
	current_msgs = m;
	if (m)
		m->len = 0;
}

void bh_messages_end(void)
{
	current_msgs = NULL;
}

void bh_report(bool error, const char *fmt, ...)
{
	struct bh_messages *m = current_msgs;
	char line[320];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = vscnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (error)
		pr_err("bulkhead: %s\n", line);
	else
		pr_warn("bulkhead: %s\n", line);
	if (!m)
		return;
	/* A message that does not fit whole is left out: the log has it. */
	if (m->len + n + 1 >= sizeof(m->buf)) {
		m->truncated = true;
		return;
	}
	memcpy(m->buf + m->len, line, n);
	m->len += n;
	m->buf[m->len++] = '\n';
}

long bh_messages_copy(struct bh_messages *m,
		      struct bulkhead_messages __user *uarg)
{
	static const char more[] = "(more in the kernel log)\n";
	struct bulkhead_messages arg;
	size_t len;

	if (!m)
		return -EINVAL;
	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (!arg.size)
		return -EINVAL;
	if (m->truncated && m->len + sizeof(more) <= sizeof(m->buf)) {
		memcpy(m->buf + m->len, more, sizeof(more) - 1);
		m->len += sizeof(more) - 1;
		m->truncated = false;
	}
	len = min_t(u64, m->len, arg.size - 1);
	if (copy_to_user(u64_to_user_ptr(arg.address), m->buf, len) ||
	    put_user(0, (char __user *)u64_to_user_ptr(arg.address) + len))
		return -EFAULT;
	return len;
}
