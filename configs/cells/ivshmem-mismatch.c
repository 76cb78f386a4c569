// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "ivshmem-mismatch" on QEMU virt: ivshmem-peer-b with a read-write
 * section 4 KiB smaller than ivshmem-peer-a's end of link 1 says. Both
 * ends of a link must describe the same memory, so creating it beside
 * ivshmem-peer-a must be refused (ci/tests/ivshmem-cells.sh).
 */
#define CELL_NAME	"ivshmem-mismatch"
#define LINK_ID		IVSHMEM_LINK1
#define LINK_PEER	1		/* ivshmem-peer-a is peer 0 */
#define LINK_PHYS	IVSHMEM_LINK1_PHYS
#define LINK_IRQ	IVSHMEM_LINK1_B_IRQ
#define LINK_RW_SIZE	(IVSHMEM_RW_SIZE - 0x1000)
#include "qemu-cell-b.h"
