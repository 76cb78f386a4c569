// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "attack" that takes its accesses outside itself as aborts instead
 * of being stopped (BH_CELL_FLAG_INJECT_ABORTS), for ci/tests/attack-abort.sh.
 * CPU 3, cell slot A, UART1 console and interrupt: see qemu-cell-a.h.
 */
#define CELL_NAME	"attack"
#define CELL_FLAGS	BH_CELL_FLAG_INJECT_ABORTS
#include "qemu-cell-a.h"
