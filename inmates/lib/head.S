/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Inmate entry: arm64 Image header, drop from EL2 to EL1 when started bare
 * metal by QEMU, relocate, clear BSS, set the stack and vectors, call main().
 */
#include <bulkhead/arm64/relocate.h>

#define SCTLR_EL1_RES1	((3 << 28) | (3 << 22) | (1 << 20) | (1 << 11))
#define SPSR_EL1H_MASKED	0x3c5	/* EL1h, DAIF masked */

	.section .text.head, "ax"
	.globl _start
_start:
	b	start			/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	__image_size		/* image_size */
	.quad	0xa			/* flags: LE, 4K pages, anywhere */
	.quad	0, 0, 0			/* res2-4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

start:
	mrs	x9, CurrentEL
	cmp	x9, #(2 << 2)
	b.ne	at_el1
	/* Bare metal under QEMU: leave EL2 with EL1 in AArch64 and no traps. */
	mov	x9, #(1 << 31)		/* HCR_EL2.RW */
	msr	hcr_el2, x9
	mov	x9, #3			/* CNTHCTL_EL2: EL1 timer access */
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mov	x9, #0x33ff		/* CPTR_EL2: no FP traps */
	msr	cptr_el2, x9
	ldr	x9, =SCTLR_EL1_RES1
	msr	sctlr_el1, x9
	mov	x9, #SPSR_EL1H_MASKED
	msr	spsr_el2, x9
	adr	x9, at_el1
	msr	elr_el2, x9
	eret

at_el1:
	adr	x19, _start
	apply_relocations x19, __rela_start, __rela_end, x9, x10, x11, x12
	adr_l	x9, __bss_start
	adr_l	x10, __bss_end
1:	cmp	x9, x10
	b.hs	2f
	stp	xzr, xzr, [x9], #16
	b	1b
2:	adr_l	x9, __stack_top
	mov	sp, x9
	adr_l	x9, vectors
	msr	vbar_el1, x9
	mov	x9, #(3 << 20)		/* CPACR_EL1.FPEN: no FP traps */
	msr	cpacr_el1, x9
	isb
	bl	inmate_main
	b	inmate_halt

/* Unexpected exceptions: report and stop. */
	.balign 2048
vectors:
	.rept 16
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	b	inmate_exception
	.balign 128
	.endr
