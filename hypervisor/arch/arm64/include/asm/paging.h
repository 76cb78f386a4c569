/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 page-table formats for the generic engine (hv/paging.h). */
#ifndef _ASM_PAGING_H
#define _ASM_PAGING_H

#include <hv/paging.h>

/* Input address bits of stage 2: covers QEMU virt's high PCIe window. */
#define STAGE2_IPA_BITS 40

extern const struct pt_format el2_stage1_format;
extern const struct pt_format stage2_format;

#endif
