// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "hello" on QEMU virt, for inmates/demos/hello.bin (prints a
 * greeting, then idles).
 * CPU 3, cell slot A, UART1 console: see qemu-cell-a.h.
 */
#define CELL_NAME "hello"
#include "qemu-cell-a.h"
