/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The header at offset 0 of the hypervisor image (hypervisor/bulkhead.bin):
 * the contract between the driver that loads the image and the hypervisor.
 *
 * Hypervisor memory, from hypervisor_memory.phys_start:
 *   [0, core_size)                      image: text, data, bss (page aligned)
 *   [core_size, +max_cpus*percpu_size)  per-CPU areas (stack, state)
 *   [config_offset, +config_size)       copy of the system config
 *   [page aligned end of config, size)  page pool
 */
#ifndef _BULKHEAD_HEADER_H
#define _BULKHEAD_HEADER_H

#ifndef __ASSEMBLY__
#include "types.h"
#endif

#define BH_HV_SIGNATURE	      "BHHVIMG\0"
#define BH_HV_HEADER_REVISION 2

#ifndef __ASSEMBLY__
struct bh_hv_header {
	/* Set at link time. */
	char signature[8];
	uint32_t revision;
	uint32_t core_size;   /* image size including bss, page aligned */
	uint32_t percpu_size; /* bytes reserved per CPU, page aligned */
	uint32_t max_cpus;
	uint64_t entry;		 /* offset of the bootstrap exception vectors */
	uint64_t console_offset; /* offset of the console page, see console.h */
	/* Filled in by the driver before entry. */
	uint32_t online_cpus; /* CPUs that will enter */
	/*
	 * CPUs the system can have (Linux's nr_cpu_ids, at most max_cpus):
	 * the CPU numbers configs may name. The driver and the hypervisor
	 * validate configs against this same number.
	 */
	uint32_t possible_cpus;
	uint64_t stub_vectors; /* physical address of Linux's hyp stub vectors */
	uint64_t config_offset; /* where the driver copied the system config */
	uint64_t config_size;
};

BH_STATIC_ASSERT(sizeof(struct bh_hv_header) == 72, "bh_hv_header ABI size");
#endif

#endif /* _BULKHEAD_HEADER_H */
