// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "ivshmem-peer-a" on QEMU virt, for inmates/demos/ivshmem-peer.bin:
 * peer 0 of ivshmem link 1, which joins it to ivshmem-peer-b; the root
 * cell is not part of that link. CPU 3, cell slot A, UART1 console,
 * device 0: see qemu-cell-a.h.
 */
#define CELL_NAME	"ivshmem-peer-a"
#define LINK_ID		IVSHMEM_LINK1
#define LINK_PEER	0
#define LINK_PHYS	IVSHMEM_LINK1_PHYS
#define LINK_IRQ	IVSHMEM_LINK1_A_IRQ
#include "qemu-cell-a.h"
