// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "ivshmem-peer-b" on QEMU virt, for inmates/demos/ivshmem-peer.bin:
 * peer 1 of ivshmem link 1, beside ivshmem-peer-a (peer 0) on CPU 3.
 * CPU 2, cell slot B, the hypervisor's console: see qemu-cell-b.h.
 */
#define CELL_NAME	"ivshmem-peer-b"
#define LINK_ID		IVSHMEM_LINK1
#define LINK_PEER	1		/* ivshmem-peer-a is peer 0 */
#define LINK_PHYS	IVSHMEM_LINK1_PHYS
#define LINK_IRQ	IVSHMEM_LINK1_B_IRQ
#include "qemu-cell-b.h"
