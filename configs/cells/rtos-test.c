// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "rtos-test" on QEMU virt, for inmates/tests/rtos-test.bin (the
 * real-time kernel's checks): CPUs 2 and 3, cell slot B, the hypervisor's
 * console: see qemu-cell-b.h. It cannot run beside a CPU 3 cell.
 */
#define CELL_NAME "rtos-test"
#define CELL_CPUS ((1 << 2) | (1 << 3))
#include "qemu-cell-b.h"
