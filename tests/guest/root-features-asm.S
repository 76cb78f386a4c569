/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The instructions of root-features.c that need a newer architecture than
 * the rest of the guest programs (SVE, pointer authentication, MTE): kept
 * here so that the C code is never compiled for them, and runs on the
 * Cortex-A57 too. Called only once the kernel's HWCAPs say the feature is
 * there.
 */
	.arch	armv8.5-a+sve+memtag
	.text

/*
 * long sve_hold(const volatile unsigned char *stop, unsigned long *rounds)
 *
 * Fills z0-z27 with a pattern of their own (every byte lane different, so
 * that a shorter vector length or a cleared register shows), 14 of the
 * predicate registers and the FFR likewise, then checks all of them over and over until *stop is
 * nonzero, with no system call in between (a system call may discard the
 * SVE state beyond the FP registers: Documentation/arm64/sve.rst in
 * Linux). Whatever happens to this task meanwhile (preemption,
 * migration, its CPU taken by a cell and given back, exits to the
 * hypervisor) must leave the registers as they were.
 * Returns 0, or 1 + the number of the first register found changed (z0-z27:
 * 0-27, p0-p15 but p6, p7: 32-47, FFR: 48, vector length: 49); *iters: the
 * rounds done.
 */
	.globl	sve_hold
	.type	sve_hold, %function
sve_hold:
	rdvl	x9, #1
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27
	index	z\n\().b, #(\n - 16), #3
	.endr
	/* p7 all true governs the compares, p6 is scratch; the other 14 */
	/* predicates: the lanes where a pattern of their own is above 63 */
	ptrue	p7.b
	.irp	n, 0,1,2,3,4,5,8,9,10,11,12,13,14,15
	index	z28.b, #(\n - 8), #7
	cmphi	p\n\().b, p7/z, z28.b, #63
	.endr
	setffr
	ldr	x14, [x1]
	mov	x12, #0
1:	add	x12, x12, #1
	rdvl	x10, #1
	mov	x13, #49
	cmp	x9, x10
	b.ne	9f
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27
	index	z28.b, #(\n - 16), #3
	mov	x13, #\n
	cmpne	p6.b, p7/z, z28.b, z\n\().b
	b.any	9f
	.endr
	.irp	n, 0,1,2,3,4,5,8,9,10,11,12,13,14,15
	index	z28.b, #(\n - 8), #7
	cmphi	p6.b, p7/z, z28.b, #63
	mov	x13, #(32 + \n)
	eor	p6.b, p7/z, p6.b, p\n\().b
	ptest	p7, p6.b
	b.any	9f
	.endr
	/* the FFR stays all true: no first-fault load ran */
	rdffr	p6.b
	mov	x13, #48
	nots	p6.b, p7/z, p6.b
	b.any	9f
	cmp	x12, x14
	b.eq	2f
	ldrb	w11, [x0]
	cbz	w11, 1b
2:	str	x12, [x1]
	mov	x0, #0
	ret
9:	str	x12, [x1]
	add	x0, x13, #1
	ret
	.size	sve_hold, . - sve_hold

/*
 * unsigned long pac_op(unsigned int op, unsigned long ptr, unsigned long mod)
 * op 0-4: sign ptr with key IA, IB, DA, DB, GA (GA: the generic code);
 * op 5-8: authenticate it with IA, IB, DA, DB. A table of two-instruction
 * entries, indexed by op.
 */
	.globl	pac_op
	.type	pac_op, %function
pac_op:
	cmp	w0, #8
	b.hi	9f
	adr	x3, 1f
	add	x3, x3, w0, uxtw #3
	br	x3
1:	pacia	x1, x2
	b	9f
	pacib	x1, x2
	b	9f
	pacda	x1, x2
	b	9f
	pacdb	x1, x2
	b	9f
	pacga	x1, x1, x2
	b	9f
	autia	x1, x2
	b	9f
	autib	x1, x2
	b	9f
	autda	x1, x2
	b	9f
	autdb	x1, x2
9:	mov	x0, x1
	ret
	.size	pac_op, . - pac_op

/* void mte_set_tag(void *tagged): the granule's tag := the pointer's */
	.globl	mte_set_tag
	.type	mte_set_tag, %function
mte_set_tag:
	stg	x0, [x0]
	ret
	.size	mte_set_tag, . - mte_set_tag

/* void *mte_get_tag(void *p): p with the tag stored for its granule */
	.globl	mte_get_tag
	.type	mte_get_tag, %function
mte_get_tag:
	ldg	x0, [x0]
	ret
	.size	mte_get_tag, . - mte_get_tag

	.section .note.GNU-stack, "", %progbits
