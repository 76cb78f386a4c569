/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry of a Linux cell (bulkhead cell linux): copies the pristine
 * kernel, device tree and initrd kept at the top of the cell's RAM to the
 * addresses the kernel runs from, then enters the kernel as the kernel's
 * Documentation/arm64/booting.rst asks. It runs at every start, so a
 * PSCI SYSTEM_RESET from inside the cell (reboot), which restarts the boot
 * CPU here, boots the same kernel again from untouched copies: the first
 * boot has freed its init sections and initrd and wiped /chosen/rng-seed.
 *
 * Position independent: the tool appends its table (struct
 * linux_restart_table in linux-image.h) right after the code. The CPU
 * comes here as after a reset: MMU and data cache off, so every data
 * access is Device memory (Arm ARM D8.2.10, stage 1 disabled): all of
 * them are 8-byte aligned (the tool keeps every address and size of the
 * table 16-byte aligned).
 */
/* Clean and invalidate [\start, \end) by line; x14 = line size, x15 its mask. */
	.macro	dcache_civac start, end, tmp
	bic	\tmp, \start, x15
1:	dc	civac, \tmp
	add	\tmp, \tmp, x14
	cmp	\tmp, \end
	b.lo	1b
	dsb	sy
	.endm

	.text
	.global	_start
_start:
	adr	x9, table
	ldp	x10, x11, [x9], #16	/* kernel entry, device tree */
	ldr	x12, [x9], #8		/* number of copies */

	/* The data cache line size: CTR_EL0.DminLine, log2 of words. */
	mrs	x13, ctr_el0
	ubfx	x13, x13, #16, #4
	mov	x14, #4
	lsl	x14, x14, x13
	sub	x15, x14, #1

copy:	cbz	x12, enter
	ldp	x1, x2, [x9], #16	/* destination, source */
	ldr	x3, [x9], #8		/* size */
	sub	x12, x12, #1
	cbz	x3, copy
	/*
	 * The previous boot left dirty lines over the destination: clean
	 * and invalidate them first, or their write-back would land on the
	 * copy made below with the cache off. Afterwards again: a line
	 * fetched meanwhile through a cacheable alias (the hypervisor's
	 * view of the cell's memory) would be stale. booting.rst: the image
	 * must be clean to the PoC when the kernel is entered.
	 */
	mov	x4, x1
	add	x5, x1, x3
	dcache_civac x4, x5, x6
2:	ldp	x6, x7, [x2], #16
	stp	x6, x7, [x1], #16
	subs	x3, x3, #16
	b.hi	2b
	dcache_civac x4, x5, x6
	b	copy

enter:	dsb	sy
	/* Stale kernel text of the previous boot must not be fetched. */
	ic	iallu
	dsb	sy
	isb
	mov	x0, x11			/* booting.rst: x0 = device tree, */
	mov	x1, xzr			/* x1-x3 = 0 */
	mov	x2, xzr
	mov	x3, xzr
	br	x10

	.balign	16
table:
