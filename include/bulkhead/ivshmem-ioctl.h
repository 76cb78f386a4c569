/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * User-space interface of the root cell's ivshmem devices: one character
 * device per link, /dev/bulkhead-ivshmem<link id>.
 *
 * mmap: the file offset is the offset in the link memory (layout in
 * ivshmem.h). Every part may be mapped read-only (shared); a writable
 * mapping must be shared and lie within the read-write section and this
 * cell's own output section, else it fails with EACCES.
 *
 * read: blocks until the device took an interrupt the caller has not yet
 * seen, then returns their number as a uint32_t (at least 4 bytes must be
 * asked for). Each open file counts on its own, from the time it was
 * opened. O_NONBLOCK: EAGAIN instead of blocking.
 * poll: POLLIN while such interrupts are pending.
 * Interrupts come from doorbells and from state changes of the other peers.
 * The device's interrupt is switched on while the device is open.
 *
 * ENODEV: the device went away (the hypervisor is being disabled).
 */
#ifndef _BULKHEAD_IVSHMEM_IOCTL_H
#define _BULKHEAD_IVSHMEM_IOCTL_H

#include "types.h"
#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define BULKHEAD_IVSHMEM_NAME	    "bulkhead-ivshmem" /* + link id */
#define BULKHEAD_IVSHMEM_DEV_PREFIX "/dev/" BULKHEAD_IVSHMEM_NAME

struct bulkhead_ivshmem_info {
	uint32_t link_id;
	uint16_t peer_id; /* this cell's id on the link */
	uint16_t max_peers;
	uint32_t intid;	     /* GIC INTID of the device's interrupt */
	uint32_t irq;	     /* its Linux interrupt number */
	uint64_t shmem_phys; /* physical address of the link memory */
	uint64_t shmem_size; /* all of it: state table, rw, outputs */
	uint64_t state_size; /* state table, at mmap offset 0 */
	uint64_t rw_offset;  /* mmap offset of the read-write section */
	uint64_t rw_size;
	uint64_t out_offset; /* mmap offset of peer 0's output section */
	uint64_t out_size; /* each; peer n's is at out_offset + n * out_size */
	uint32_t interrupts; /* taken since the device was probed */
	uint32_t reserved;
};

/* Rings peer's doorbell: an interrupt (vector) in that peer. */
struct bulkhead_ivshmem_ring {
	uint32_t peer;
	uint32_t vector; /* < 65536 */
};

/* Numbers after /dev/bulkhead's (ioctl.h, 0-6), same type. */
#define BULKHEAD_IVSHMEM_GET_INFO  _IOR(0xbb, 0x20, struct bulkhead_ivshmem_info)
#define BULKHEAD_IVSHMEM_RING	   _IOW(0xbb, 0x21, struct bulkhead_ivshmem_ring)
/* Sets this cell's entry in the state table; the other peers take an interrupt. */
#define BULKHEAD_IVSHMEM_SET_STATE _IOW(0xbb, 0x22, uint32_t)

BH_STATIC_ASSERT(sizeof(struct bulkhead_ivshmem_info) == 80,
		 "ivshmem info ABI");
BH_STATIC_ASSERT(sizeof(struct bulkhead_ivshmem_ring) == 8, "ivshmem ring ABI");

#endif /* _BULKHEAD_IVSHMEM_IOCTL_H */
