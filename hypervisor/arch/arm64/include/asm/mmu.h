/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 translation: EL2 stage 1 (the hypervisor's own) and stage 2. */
#ifndef _ASM_MMU_H
#define _ASM_MMU_H

#include <hv/types.h>

/* Builds the hypervisor's identity map (master, MMU off). */
__must_check int arch_mmu_init(void);
/* VTCR_EL2 value for every cell's stage 2. */
u64 arch_vtcr(void);

/* cache.S: [start, end) to the point of coherency, with a dsb after. */
void dcache_clean_inval_range(const void *start, const void *end);
void dcache_inval_range(const void *start, const void *end);

#endif
