/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data cache maintenance by virtual address to the point of coherency: the
 * one loop the hypervisor has, for C (arch_dcache_flush) and for entry.S
 * before the MMU is on. Line size from CTR_EL0.DminLine (Arm ARM D19.2,
 * CTR_EL0: log2 of the words in the smallest line).
 */

/* x0 = start, x1 = end (exclusive); clobbers x0, x2, x3. */
.macro dcache_by_line op
	mrs	x2, ctr_el0
	ubfx	x2, x2, #16, #4
	mov	x3, #4
	lsl	x3, x3, x2			/* line size in bytes */
	sub	x2, x3, #1
	bic	x0, x0, x2
1:	dc	\op, x0
	add	x0, x0, x3
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret
.endm

	.text
	/* Writes back and invalidates [x0, x1). */
	.globl dcache_clean_inval_range
dcache_clean_inval_range:
	dcache_by_line civac

	/* Invalidates [x0, x1): dirty lines are lost (entry.S, MMU off). */
	.globl dcache_inval_range
dcache_inval_range:
	dcache_by_line ivac
