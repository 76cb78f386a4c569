// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "onoff" on QEMU virt, for inmates/tests/onoff.bin (the CPU_ON/park
 * race test, ci/tests/attack-race.sh): CPUs 2 and 3, cell slot B, the
 * hypervisor's console: see qemu-cell-b.h. It cannot run beside a CPU 3
 * cell.
 */
#define CELL_NAME "onoff"
#define CELL_CPUS ((1 << 2) | (1 << 3))
#include "qemu-cell-b.h"
