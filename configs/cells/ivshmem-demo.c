// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "ivshmem-demo" on QEMU virt, for inmates/demos/ivshmem-demo.bin:
 * the responder of the root cell <-> inmate ping-pong over ivshmem link 0.
 * CPU 3, cell slot A, UART1 console, link 0 peer 1: see qemu-cell-a.h.
 */
#define CELL_NAME "ivshmem-demo"
#define LINK_ID		IVSHMEM_LINK0
#define LINK_PEER	1		/* the root cell is peer 0 */
#define LINK_PHYS	IVSHMEM_LINK0_PHYS
#define LINK_IRQ	IVSHMEM_LINK0_CELL_IRQ
#include "qemu-cell-a.h"
