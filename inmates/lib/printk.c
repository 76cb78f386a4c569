// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The console an inmate prints to, chosen once at start-up, and printk on
 * top of it.
 */
#include <bhlib/format.h>
#include <bulkhead/hypercall.h>
#include "lib.h"

enum console_kind {
	CONSOLE_NONE,
	CONSOLE_PL011,
	CONSOLE_HYPERVISOR,
};

static enum console_kind console_kind;

static void hypervisor_putc(char c)
{
	register uint64_t x0 asm("x0") = BH_HC_DEBUG_CONSOLE_PUTC;
	register uint64_t x1 asm("x1") = (uint8_t)c;

	asm volatile("hvc #" __stringify(BH_HVC_IMM)
		     : "+r"(x0)
		     : "r"(x1)
		     : "memory");
}

void console_setup(void)
{
	struct bh_comm_region *comm = comm_region();

	if (inmate_bare_metal()) {
		pl011_init(QEMU_UART0_BASE);
		console_kind = CONSOLE_PL011;
		return;
	}
	if (!comm)
		return;
	if (comm->console.type == BH_CON_PL011 && comm->console.address) {
		pl011_init(comm->console.address);
		console_kind = CONSOLE_PL011;
	} else if (comm->console.type == BH_CON_NONE &&
		   (comm->console.flags & BH_CON_FLAG_VIRTUAL)) {
		console_kind = CONSOLE_HYPERVISOR;
	}
}

/* A UART wants CR LF; the hypervisor's console adds the CR itself. */
void console_putc(char c)
{
	switch (console_kind) {
	case CONSOLE_PL011:
		if (c == '\n')
			pl011_putc('\r');
		pl011_putc(c);
		break;
	case CONSOLE_HYPERVISOR:
		hypervisor_putc(c);
		break;
	case CONSOLE_NONE:
		break;
	}
}

static void emit(char c, void *ctx)
{
	(void)ctx;
	console_putc(c);
}

/*
 * One CPU prints at a time, so lines of several CPUs do not mix. A CPU
 * faulting while it prints (an exception report) is the owner already and
 * goes on printing instead of waiting for itself.
 */
static struct spinlock console_lock;
static volatile int console_owner = -1;

void vprintk(const char *fmt, va_list ap)
{
	uint64_t flags = irq_save();
	int me = (int)cpu_index();
	bool nested = console_owner == me;

	if (!nested) {
		spin_lock(&console_lock);
		console_owner = me;
	}
	bh_vformat(emit, NULL, fmt, ap);
	if (!nested) {
		console_owner = -1;
		spin_unlock(&console_lock);
	}
	irq_restore(flags);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
