// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "rt-control-link" on QEMU virt, for inmates/demos/rt-control.bin
 * streaming its control samples to the root cell's tools/rt-samples:
 * CPU 3, cell slot A, UART1 console, ivshmem link 0 as peer 1 (the root
 * cell is peer 0): see qemu-cell-a.h. The plain rt-control cell (CPU 2)
 * has no link.
 */
#define CELL_NAME "rt-control-link"
#define LINK_ID		IVSHMEM_LINK0
#define LINK_PEER	1
#define LINK_PHYS	IVSHMEM_LINK0_PHYS
#define LINK_IRQ	IVSHMEM_LINK0_CELL_IRQ
#include "qemu-cell-a.h"
