/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runtime exception vectors of the hypervisor. A trap from a cell saves the
 * cell's general registers in a struct trap_context on this CPU's stack,
 * calls arch_handle_trap() and resumes the cell, or leaves the hypervisor
 * on this CPU when the handler asks for it (disable).
 */
#include <asm/sysregs.h>
#include <asm/traps.h>
#include <generated/asm-offsets.h>

.macro save_context
	sub	sp, sp, #TRAP_FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	str	x30, [sp, #TRAP_FRAME_X30]
.endm

.macro restore_context
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #TRAP_FRAME_X30]
	ldp	x0, x1, [sp, #16 * 0]
	add	sp, sp, #TRAP_FRAME_SIZE
.endm

.macro guest_vector kind
	.balign 128
	save_context
	mov	x0, sp
	mov	x1, #\kind
	b	guest_trap
.endm

.macro hyp_vector kind
	.balign 128
	save_context
	mov	x0, sp
	mov	x1, #\kind
	bl	arch_handle_hyp_exception	/* does not return */
.endm

	.text
	.balign 2048
	.globl hyp_vectors
hyp_vectors:
	hyp_vector TRAP_KIND_SYNC		/* current EL, SP_EL0 */
	hyp_vector TRAP_KIND_IRQ
	hyp_vector TRAP_KIND_FIQ
	hyp_vector TRAP_KIND_SERROR
	hyp_vector TRAP_KIND_SYNC		/* current EL, SP_ELx */
	hyp_vector TRAP_KIND_IRQ
	hyp_vector TRAP_KIND_FIQ
	hyp_vector TRAP_KIND_SERROR
	guest_vector TRAP_KIND_SYNC		/* lower EL, AArch64 */
	guest_vector TRAP_KIND_IRQ
	guest_vector TRAP_KIND_FIQ
	guest_vector TRAP_KIND_SERROR
	hyp_vector TRAP_KIND_SYNC		/* lower EL, AArch32: never enabled */
	hyp_vector TRAP_KIND_IRQ
	hyp_vector TRAP_KIND_FIQ
	hyp_vector TRAP_KIND_SERROR

guest_trap:
	bl	arch_handle_trap
	cbnz	x0, leave_hypervisor
	restore_context
	eret

/*
 * This CPU leaves the hypervisor (disable): the handler restored the EL2
 * registers Linux's stub had. Clean the frame to memory, turn the MMU off,
 * give VBAR_EL2 back to the stub and return to the cell with the frame's
 * registers.
 */
leave_hypervisor:
	mov	x1, sp
	add	x2, sp, #TRAP_FRAME_SIZE
1:	dc	civac, x1
	add	x1, x1, #16
	cmp	x1, x2
	b.lo	1b
	dsb	sy
	adr	x1, bh_hv_header
	ldr	x19, [x1, #HDR_STUB_VECTORS]
	bl	disable_mmu
	msr	vbar_el2, x19
	isb
	restore_context
	eret

/*
 * Zeroes the FP/SIMD registers so a cell cannot read its predecessor's,
 * and the state SME and SVE add to them where the CPU has those.
 * Streaming mode goes first (SVCR = 0): in it an Advanced SIMD
 * instruction would trap at EL2 unless FEAT_SME_FA64 is implemented, and
 * leaving it zeroes Z, P and FFR; ZA and ZT0 read as zero when next
 * enabled (Arm ARM, "The Scalable Matrix Extension", SMSTOP). The
 * Advanced SIMD writes zero the Z registers above bit 127 (SVE), the
 * predicates and FFR are cleared on their own.
 */
	.globl arch_clear_fpsimd
arch_clear_fpsimd:
	/*
	 * CPTR_EL2 (without VHE) may trap SVE, SME or FP at EL2 too: Linux's
	 * stub leaves TZ/TSM set when the kernel was told not to use them
	 * (arm64.nosve, arm64.nosme) or does not know them. Opened for the
	 * clearing, restored after (Arm ARM D24.2.38).
	 */
	mrs	x1, cptr_el2
	bic	x0, x1, #(1 << 8)		/* TZ */
	bic	x0, x0, #(1 << 10)		/* TFP */
	bic	x0, x0, #(1 << 12)		/* TSM */
	msr	cptr_el2, x0
	isb
	mrs	x0, id_aa64pfr1_el1
	ubfx	x0, x0, #24, #4			/* SME */
	cbz	x0, 1f
	msr	s3_3_c4_c2_2, xzr		/* SVCR: SM = ZA = 0 */
	msr	s3_3_c13_c0_5, xzr		/* TPIDR2_EL0 */
	msr	s3_0_c1_c2_6, xzr		/* SMCR_EL1 */
	isb
1:	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	movi	v\n\().2d, #0
	.endr
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #32, #4			/* SVE */
	cbz	x0, 2f
	.arch_extension sve
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	pfalse	p\n\().b
	.endr
	wrffr	p0.b
	.arch_extension nosve
	msr	s3_0_c1_c2_0, xzr		/* ZCR_EL1 */
2:	msr	fpcr, xzr
	msr	fpsr, xzr
	msr	cptr_el2, x1
	isb
	ret
