// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "rt-control" on QEMU virt, for inmates/demos/rt-control.bin: CPU 2,
 * cell slot B, the hypervisor's console: see qemu-cell-b.h.
 */
#define CELL_NAME "rt-control"
#include "qemu-cell-b.h"
