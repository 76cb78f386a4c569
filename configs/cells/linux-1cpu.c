// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "linux-1cpu" on QEMU virt: Debian's stock kernel on CPU 3 with
 * 128 MiB, UART1 and ivshmem link 0 (bulkhead cell linux). See
 * qemu-cell-linux.h.
 */
#define CELL_NAME	"linux-1cpu"
#define CELL_CPUS	(1 << 3)
#include "qemu-cell-linux.h"
