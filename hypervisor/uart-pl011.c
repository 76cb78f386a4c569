// SPDX-License-Identifier: GPL-2.0
/*
 * Polled output on an ARM PL011, the debug console. The UART is shared with
 * the root cell's Linux, which configured it; only the data register and
 * the flags are touched.
 */
#include <hv/console.h>

#define UARTDR		0x00
#define UARTFR		0x18
#define UARTFR_TXFF	(1 << 5)

void uart_pl011_putc(uintptr_t base, char c)
{
	volatile u32 *fr = (volatile u32 *)(base + UARTFR);
	volatile u32 *dr = (volatile u32 *)(base + UARTDR);

	while (*fr & UARTFR_TXFF)
		;
	*dr = (u8)c;
}
