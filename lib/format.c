// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The printf formatter of bhlib/format.h: freestanding, no allocation, no
 * library calls, so the hypervisor, the driver, the tools and the inmates
 * can all build it.
 */
#include <bhlib/format.h>

static void format_num(bh_emit_fn emit, void *ctx, unsigned long long v,
		       unsigned int base, bool upper, bool neg, int width,
		       char pad, bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0, len;

	do {
		buf[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + neg;
	if (neg && pad == '0')
		emit('-', ctx);
	if (!left)
		for (; width > len; width--)
			emit(pad, ctx);
	if (neg && pad != '0')
		emit('-', ctx);
	while (n)
		emit(buf[--n], ctx);
	for (; left && width > len; width--)
		emit(' ', ctx);
}

void bh_vformat(bh_emit_fn emit, void *ctx, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		unsigned long long v;
		bool left = false, neg = false;
		int width = 0, lng = 0;
		char pad = ' ';
		const char *s;

		if (*fmt != '%') {
			emit(*fmt, ctx);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				pad = '0';
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng += *fmt == 'z' ? 2 : 1;
		if (left)
			pad = ' ';

		switch (*fmt) {
		case 'd':
		case 'i':
			if (lng >= 2)
				v = (unsigned long long)va_arg(ap, long long);
			else if (lng == 1)
				v = (unsigned long long)va_arg(ap, long);
			else
				v = (unsigned long long)va_arg(ap, int);
			if ((long long)v < 0) {
				neg = true;
				v = -v;
			}
			format_num(emit, ctx, v, 10, false, neg, width, pad,
				   left);
			break;
		case 'u':
		case 'x':
		case 'X':
			if (lng >= 2)
				v = va_arg(ap, unsigned long long);
			else if (lng == 1)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			format_num(emit, ctx, v, *fmt == 'u' ? 10 : 16,
				   *fmt == 'X', false, width, pad, left);
			break;
		case 'p':
			emit('0', ctx);
			emit('x', ctx);
			format_num(emit, ctx,
				   (unsigned long long)(uintptr_t)
					   va_arg(ap, void *),
				   16, false, false, width, pad, left);
			break;
		case 'c':
			emit((char)va_arg(ap, int), ctx);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			for (v = 0; s[v]; v++)
				;
			for (; !left && width > (int)v; width--)
				emit(' ', ctx);
			while (*s)
				emit(*s++, ctx);
			for (; left && width > (int)v; width--)
				emit(' ', ctx);
			break;
		case '%':
			emit('%', ctx);
			break;
		case '\0':
			return;
		default:
			emit('%', ctx);
			emit(*fmt, ctx);
		}
	}
}
