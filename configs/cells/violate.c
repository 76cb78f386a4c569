// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "violate" on QEMU virt, for inmates/demos/violate.bin (the
 * containment tests' rule breaker).
 * CPU 3, cell slot A, UART1 console: see qemu-cell-a.h.
 */
#define CELL_NAME "violate"
#include "qemu-cell-a.h"
