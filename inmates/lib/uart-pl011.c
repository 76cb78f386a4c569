// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Polled output on an ARM PL011 UART. A UART someone already enabled is
 * used as it is (baud rate, line settings); one nobody enabled (a cell's
 * own UART that Linux never touched) gets 115200 8N1 from the 24 MHz
 * UARTCLK of QEMU's virt board.
 */
#include <inmate.h>

#define UARTDR	  0x00
#define UARTFR	  0x18
#define UARTIBRD  0x24
#define UARTFBRD  0x28
#define UARTLCR_H 0x2c
#define UARTCR	  0x30
#define UARTIMSC  0x38

#define UARTFR_TXFF	(1 << 5)
#define UARTLCR_H_WLEN8 (3 << 5)
#define UARTLCR_H_FEN	(1 << 4)
#define UARTCR_UARTEN	(1 << 0)
#define UARTCR_TXE	(1 << 8)
#define UARTCR_RXE	(1 << 9)

/* 24 MHz / (16 * 115200) = 13.02: integer 13, fraction 0.02 * 64 = 1 */
#define BAUD_IBRD 13
#define BAUD_FBRD 1

static uintptr_t pl011_base = QEMU_UART0_BASE;

void pl011_init(uintptr_t base)
{
	pl011_base = base;
	if (mmio_read32(base + UARTCR) & UARTCR_UARTEN)
		return;
	mmio_write32(base + UARTIMSC, 0);
	mmio_write32(base + UARTIBRD, BAUD_IBRD);
	mmio_write32(base + UARTFBRD, BAUD_FBRD);
	/* A write to LCR_H latches the baud rate divisors. */
	mmio_write32(base + UARTLCR_H, UARTLCR_H_WLEN8 | UARTLCR_H_FEN);
	mmio_write32(base + UARTCR, UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE);
}

void pl011_putc(char c)
{
	while (mmio_read32(pl011_base + UARTFR) & UARTFR_TXFF)
		cpu_relax();
	mmio_write32(pl011_base + UARTDR, (uint8_t)c);
}
