/* SPDX-License-Identifier: GPL-2.0 */
/* Global state of the hypervisor, written at start-up by the master CPU. */
#ifndef _HV_HYPERVISOR_H
#define _HV_HYPERVISOR_H

#include <hv/types.h>
#include <hv/page_alloc.h>
#include <asm/spinlock.h>
#include <bulkhead/cell-config.h>
#include <bulkhead/header.h>

struct hypervisor {
	paddr_t mem_base; /* hypervisor memory */
	u64 mem_size;
	const struct bh_system *config; /* the driver's copy, validated */
	u64 config_size;
	struct page_pool pool;
	spinlock_t lock; /* page pool, page tables, CPU release
					   and stop (cell.c); innermost */
	unsigned int active_cpus;
};

extern struct hypervisor hv;
extern struct bh_hv_header bh_hv_header;

#endif
