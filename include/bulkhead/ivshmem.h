/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The ivshmem device of Bulkhead's virtual PCI bus, as a cell sees it.
 * Documentation/ivshmem.md is the full specification; this header is its
 * register-level part, shared by the hypervisor, the root cell's driver
 * and inmates.
 *
 * Virtual PCI: one bus (0) behind an ECAM window at
 * bh_platform.pci_mmconfig_base; device N's register BAR (BAR0, 4 KiB,
 * fixed) is at bh_platform.pci_mem_base + N * 4 KiB. A cell sees only its
 * own devices; absent devices read as all ones.
 *
 * Link memory, at the address in SHMEM_ADDR (the cell's view):
 *   +0                  state table: uint32_t state[max_peers], read-only
 *   +4 KiB              read-write section (RW_SIZE bytes), all peers
 *   +4 KiB + RW_SIZE    output section of peer 0 (OUT_SIZE bytes)
 *   ...                 output section of peer n at + n * OUT_SIZE
 * A peer may write only its own output section; the others' are mapped
 * read-only, and a write there is a fault of the writer. A peer that
 * leaves the link (its cell destroyed) has its output section and the
 * read-write section zeroed; doorbells and state changes interrupt within
 * a budget per sender (held back and merged beyond it, never lost).
 */
#ifndef _BULKHEAD_IVSHMEM_H
#define _BULKHEAD_IVSHMEM_H

#include "types.h"

/* Config space identity (Bulkhead has no PCI-SIG vendor id of its own). */
#define BH_IVSHMEM_VENDOR_ID 0x4248 /* "BH" */
#define BH_IVSHMEM_DEVICE_ID 0x1d00
#define BH_IVSHMEM_CLASS     0xff0000U /* unassigned class */
#define BH_IVSHMEM_REVISION  1

#define BH_PCI_ECAM_BUS_SIZE 0x100000ULL /* one bus */
#define BH_PCI_BAR_SIZE	     0x1000ULL	 /* register BAR0 */

/* BAR0 registers: 32-bit accesses only. */
#define BH_IVSHMEM_REG_ID	   0x00 /* RO: own peer id */
#define BH_IVSHMEM_REG_MAX_PEERS   0x04 /* RO */
#define BH_IVSHMEM_REG_INT_CONTROL 0x08 /* RW: bit 0 = interrupt on */
#define BH_IVSHMEM_REG_DOORBELL	   0x0c /* WO: peer << 16 | vector */
#define BH_IVSHMEM_REG_STATE	   0x10 /* RW: own state */
#define BH_IVSHMEM_REG_LINK_ID	   0x14 /* RO */
#define BH_IVSHMEM_REG_SHMEM_LO	   0x18 /* RO: link memory (IPA) */
#define BH_IVSHMEM_REG_SHMEM_HI	   0x1c
#define BH_IVSHMEM_REG_RW_SIZE_LO  0x20 /* RO: read-write section */
#define BH_IVSHMEM_REG_RW_SIZE_HI  0x24
#define BH_IVSHMEM_REG_OUT_SIZE_LO 0x28 /* RO: each output section */
#define BH_IVSHMEM_REG_OUT_SIZE_HI 0x2c
#define BH_IVSHMEM_REG_INT_COUNT   0x30 /* RO: interrupts sent to us */
#define BH_IVSHMEM_REG_INTID	   0x34 /* RO: our interrupt (SPI) */
#define BH_IVSHMEM_REG_INT_STATUS  0x38 /* RW1C: bit 0 = raised */

#define BH_IVSHMEM_INT_ENABLE (1U << 0)
#define BH_IVSHMEM_DOORBELL(peer, vector) \
	(((uint32_t)(peer) << 16) | ((uint32_t)(vector)&0xffff))

/* Offsets in the link memory. */
#define BH_IVSHMEM_RW_OFFSET 0x1000ULL

static inline uint64_t bh_ivshmem_out_offset(uint64_t rw_size,
					     uint64_t out_size,
					     unsigned int peer)
{
	return BH_IVSHMEM_RW_OFFSET + rw_size + (uint64_t)peer * out_size;
}

#endif /* _BULKHEAD_IVSHMEM_H */
