// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "timer-latency" on QEMU virt, for inmates/demos/timer-latency.bin
 * (the wake-up latency gauge).
 * CPU 3, cell slot A, UART1 console: see qemu-cell-a.h.
 */
#define CELL_NAME "timer-latency"
#include "qemu-cell-a.h"
