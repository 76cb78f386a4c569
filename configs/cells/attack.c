// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "attack" on QEMU virt, for inmates/tests/attack.bin (the isolation
 * suite's attacker, Documentation/isolation.md).
 * CPU 3, cell slot A, UART1 console and interrupt: see qemu-cell-a.h.
 */
#define CELL_NAME "attack"
#include "qemu-cell-a.h"
