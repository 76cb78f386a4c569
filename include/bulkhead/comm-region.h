/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The communication region of a non-root cell: one page of the cell's own
 * memory (the region flagged BH_MEM_COMM_REGION in its config, mapped at
 * BH_COMM_REGION_IPA) through which the hypervisor and the inmate talk.
 *
 * The hypervisor fills the header when the cell starts (args are left as
 * the root cell loaded them). Messages: the hypervisor writes msg_to_cell,
 * the inmate answers in reply_from_cell. An inmate that sets
 * BH_COMM_FLAG_MESSAGES promises to answer; the shutdown of a cell that
 * never set it is not negotiated (it is stopped at once). A cell may refuse
 * a shutdown request (a safety partition may say no) unless it is forced.
 */
#ifndef _BULKHEAD_COMM_REGION_H
#define _BULKHEAD_COMM_REGION_H

#include "types.h"
#include "cell-config.h"

#define BH_COMM_SIGNATURE "BHCOMM\0\0"
#define BH_COMM_REVISION  2

/* Where every cell sees its communication region (guest-physical). */
#define BH_COMM_REGION_IPA  0x80000000ULL
#define BH_COMM_REGION_SIZE 0x1000

/* cell_state, written by the hypervisor */
#define BH_CELL_STATE_RUNNING	1
#define BH_CELL_STATE_SHUT_DOWN 2
#define BH_CELL_STATE_FAILED	3

/* msg_to_cell */
#define BH_MSG_NONE		0
#define BH_MSG_SHUTDOWN_REQUEST 1

/* reply_from_cell */
#define BH_REPLY_NONE		 0
#define BH_REPLY_SHUTDOWN_OK	 1
#define BH_REPLY_SHUTDOWN_DENIED 2

/* flags, written by the inmate */
#define BH_COMM_FLAG_MESSAGES (1U << 0)

#define BH_COMM_ARGS_OFFSET 0x100
#define BH_COMM_ARGS_SIZE   (BH_COMM_REGION_SIZE - BH_COMM_ARGS_OFFSET)

struct bh_comm_region {
	char signature[8];
	uint32_t revision;
	volatile uint32_t cell_state;
	volatile uint32_t msg_to_cell;
	volatile uint32_t reply_from_cell;
	volatile uint32_t flags;
	uint32_t cpu_count;	    /* CPUs of the cell */
	struct bh_console console;  /* the cell's console, from its config */
	uint64_t gicd_base;	    /* GIC distributor (emulated) */
	uint64_t gicr_base;	    /* GICv3: first redistributor frame */
	uint64_t pci_mmconfig_base; /* virtual PCI ECAM (bus 0), 0 = none */
	uint64_t gicc_base;	    /* GICv2: CPU interface (virtual) */
	uint8_t gic_version;	    /* BH_GIC_V2 or BH_GIC_V3 */
	uint8_t reserved[BH_COMM_ARGS_OFFSET - 81];
	char args[BH_COMM_ARGS_SIZE]; /* NUL-terminated boot arguments */
};

BH_STATIC_ASSERT(sizeof(struct bh_comm_region) == BH_COMM_REGION_SIZE,
		 "bh_comm_region ABI size");
BH_STATIC_ASSERT(__builtin_offsetof(struct bh_comm_region, args) ==
			 BH_COMM_ARGS_OFFSET,
		 "bh_comm_region args offset");

#endif
