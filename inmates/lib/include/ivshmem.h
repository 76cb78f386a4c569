/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * ivshmem devices of the hypervisor's virtual PCI bus, the inmate's end of
 * a shared-memory link (include/bulkhead/ivshmem.h, Documentation/
 * ivshmem.md): its registers, its memory and its interrupt.
 */
#ifndef _INMATE_IVSHMEM_H
#define _INMATE_IVSHMEM_H

#include <stdbool.h>
#include <stdint.h>
#include <bulkhead/ivshmem.h>

struct ivshmem_device {
	uint16_t bdf;
	uintptr_t regs;	 /* BAR0 */
	unsigned int id; /* own peer id */
	unsigned int max_peers;
	unsigned int link_id;
	unsigned int irq; /* INTID of its SPI, 0 = unknown */
	uintptr_t shmem;  /* the link's memory */
	uint64_t rw_size, out_size;
	/* state[peer], read-only: a peer sets its own through a register */
	const volatile uint32_t *state;
	void *rw;		     /* read-write section */
	volatile uint64_t irq_count; /* interrupts handled */
};

/*
 * Finds the index-th ivshmem device (0: the first) on the bus, maps its
 * registers as Device memory and its link memory as Normal cacheable
 * memory, and reads its identity, sizes and interrupt (the INTID
 * register; the config space's interrupt line if that reads 0). 0 or -ENODEV, -EINVAL (a
 * device that makes no sense), or mmu_map_range()'s error.
 */
int ivshmem_open(struct ivshmem_device *dev, unsigned int index);

static inline uint32_t ivshmem_peer_state(const struct ivshmem_device *dev,
					  unsigned int peer)
{
	return peer < dev->max_peers ? dev->state[peer] : 0;
}

/*
 * The output section of a peer. Only the own one (peer == dev->id) may be
 * written: a write to another's stops the cell.
 */
void *ivshmem_out(const struct ivshmem_device *dev, unsigned int peer);

/*
 * Sets the own entry of the state table; the other peers are interrupted.
 * Stores before it are visible to them first.
 */
void ivshmem_set_state(struct ivshmem_device *dev, uint32_t state);

/*
 * Interrupts a peer (vector: 0 so far). Stores before it, into the
 * output or read-write section, are visible to the peer first.
 */
void ivshmem_ring(struct ivshmem_device *dev, unsigned int peer,
		  unsigned int vector);

/*
 * Takes the device's interrupt on this CPU: INTID intid (0: dev->irq),
 * edge-triggered, enabled and routed here, counted in dev->irq_count, and
 * turns the device's
 * interrupt on. Installs the library's handler (irq_set_handler()): a
 * program with interrupts of its own installs its own handler instead,
 * which passes them to ivshmem_handle_irq(). 0, -ENODEV (no GIC) or
 * -EINVAL (no interrupt known).
 */
int ivshmem_enable_irq(struct ivshmem_device *dev, unsigned int intid);

/* Counts the interrupt if it is an open device's; true if it was. */
bool ivshmem_handle_irq(unsigned int intid);

/*
 * Waits (WFI) until an interrupt of the device arrives after *seen (an
 * irq_count value), or timeout_ns pass; then *seen is the current count.
 * Returns true if an interrupt came. Shared memory is best checked again
 * after a timeout too: a message may have come without one.
 */
bool ivshmem_wait_irq(struct ivshmem_device *dev, uint64_t *seen,
		      uint64_t timeout_ns);

/* The device's own count of the interrupts sent to this peer. */
uint32_t ivshmem_int_count(const struct ivshmem_device *dev);

#endif
