/* SPDX-License-Identifier: GPL-2.0 */
/* The hypervisor's output: log ring for Linux, debug UART. */
#ifndef _HV_CONSOLE_H
#define _HV_CONSOLE_H

#include <hv/types.h>
#include <bulkhead/cell-config.h>

/* Sets up the debug UART named by the system config; 0 if none. */
__must_check int console_init(const struct bh_console *con);
/* Appends to the ring and the UART, under the console lock. */
void console_write(const char *buf, size_t len);
/* The same for text a cell printed or provoked: not in the own ring. */
void console_write_cell(const char *buf, size_t len);

/* Debug UART driver, one per console type. */
void uart_pl011_putc(uintptr_t base, char c);

#endif
