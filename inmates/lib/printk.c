// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * printk for inmates, over the console the inmate selected (a PL011 for now).
 */
#include <bulkhead/format.h>
#include <inmate.h>

static void emit(char c, void *ctx)
{
	(void)ctx;
	if (c == '\n')
		console_putc('\r');
	console_putc(c);
}

void console_putc(char c)
{
	pl011_putc(c);
}

void vprintk(const char *fmt, va_list ap)
{
	bh_vformat(emit, NULL, fmt, ap);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void inmate_halt(void)
{
	asm volatile("msr daifset, #0xf");
	for (;;)
		asm volatile("wfi");
}

void inmate_exception(uint64_t esr, uint64_t elr, uint64_t far);
void inmate_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	printk("inmate: unexpected exception: ESR %llx at PC %llx, FAR %llx\n",
	       (unsigned long long)esr, (unsigned long long)elr,
	       (unsigned long long)far);
	inmate_halt();
}
