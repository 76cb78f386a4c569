/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The inmate library: what a bare-metal program running in a Bulkhead cell
 * (or bare metal under QEMU) can use.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Entry point of every inmate, called on the boot CPU at EL1. */
void inmate_main(void);

/* Stops this CPU for good (wfi loop with interrupts masked). */
void __attribute__((noreturn)) inmate_halt(void);

/* Console. */
void console_putc(char c);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);

/* PL011 UART. */
void pl011_init(uintptr_t base);
void pl011_putc(char c);

/* Strings. */
void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t val)
{
	*(volatile uint32_t *)addr = val;
}

#define QEMU_UART0_BASE	0x09000000UL

#endif
