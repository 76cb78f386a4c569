// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Polled output on an ARM PL011 UART. The UART is used as the firmware or
 * Linux left it (baud rate, line settings): QEMU ignores them anyway.
 */
#include <inmate.h>

#define UARTDR		0x00
#define UARTFR		0x18
#define UARTFR_TXFF	(1 << 5)

static uintptr_t pl011_base = QEMU_UART0_BASE;

void pl011_init(uintptr_t base)
{
	pl011_base = base;
}

void pl011_putc(char c)
{
	while (mmio_read32(pl011_base + UARTFR) & UARTFR_TXFF)
		;
	mmio_write32(pl011_base + UARTDR, (uint8_t)c);
}
