/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One ivshmem link end of a QEMU cell config (qemu-cell-a.h, qemu-cell-b.h):
 * the irqchip entry that gives the cell the link's doorbell interrupt, and
 * its virtual PCI device 0 with the link's memory at IVSHMEM_IPA. The
 * including header has CELL_NAME and, for a link end, LINK_ID, LINK_PEER
 * (this cell's peer id), LINK_PHYS, LINK_IRQ (an INTID in 160..287) and
 * optionally LINK_RW_SIZE (IVSHMEM_RW_SIZE unless meant not to match).
 */
#ifndef _CONFIGS_QEMU_LINK_H
#define _CONFIGS_QEMU_LINK_H

#include "qemu-virt.h"

#ifdef LINK_ID
#if !defined(LINK_PEER) || !defined(LINK_PHYS) || !defined(LINK_IRQ)
#error "LINK_ID needs LINK_PEER, LINK_PHYS and LINK_IRQ"
#endif
#ifndef LINK_RW_SIZE
#define LINK_RW_SIZE	IVSHMEM_RW_SIZE
#endif
#define LINK_IRQCHIPS	1
#define LINK_DEVICES	1
#else
#define LINK_IRQCHIPS	0
#define LINK_DEVICES	0
#endif

#define LINK_IRQCHIP {							\
	.address = QEMU_GICD_BASE,					\
	.pin_base = 160,						\
	.pin_bitmap = {							\
		[(LINK_IRQ - 160) / 32] = 1U << ((LINK_IRQ - 160) % 32), \
	},								\
}

#define LINK_DEVICE {							\
	.type = BH_PCI_TYPE_IVSHMEM,					\
	.bdf = 0 << 3,							\
	.link_id = LINK_ID,						\
	.peer_id = LINK_PEER,						\
	.max_peers = 2,							\
	.irq = LINK_IRQ,						\
	.shmem_phys = LINK_PHYS,					\
	.shmem_virt = IVSHMEM_IPA,					\
	.rw_size = LINK_RW_SIZE,					\
	.out_size = IVSHMEM_OUT_SIZE,					\
}

#endif
