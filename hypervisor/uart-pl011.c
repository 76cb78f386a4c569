// SPDX-License-Identifier: GPL-2.0
/*
 * Polled output on an ARM PL011, the debug console. The UART is shared with
 * the root cell's Linux, which configured it; only the data register and
 * the flags are touched.
 */
#include <hv/console.h>
#include <hv/io.h>

#define UARTDR	    0x00
#define UARTFR	    0x18
#define UARTFR_TXFF (1 << 5)

void uart_pl011_putc(uintptr_t base, char c)
{
	while (mmio_read32(base + UARTFR) & UARTFR_TXFF)
		;
	mmio_write32(base + UARTDR, (u8)c);
}
