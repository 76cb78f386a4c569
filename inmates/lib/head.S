/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Inmate entry: arm64 Image header, drop from EL2 to EL1 when started bare
 * metal by QEMU, relocate, clear BSS, set the stack and vectors, call
 * inmate_setup() and main(). The entry of the other CPUs (smp.c), and the
 * exception vectors.
 */
#include <bulkhead/arm64/relocate.h>
#include "smp.h"

#define DATA_PRISTINE	0x50524953	/* "PRIS" */
#define SCTLR_EL1_RES1	((3 << 28) | (3 << 22) | (1 << 20) | (1 << 11))
#define SPSR_EL1H_MASKED	0x3c5	/* EL1h, DAIF masked */
#define ICC_SRE_EL2_VAL	0xf	/* Enable (EL1 may use ICC_SRE_EL1), DIB, DFB, SRE */
#define IRQ_FRAME	192	/* x0-x18, x29, x30, ELR, SPSR, padding */

/*
 * Bare metal under QEMU a CPU starts at EL2 (virtualization=on): leave it
 * for EL1 in AArch64 with no traps, the GICv3 system register interface
 * on for EL2 and, through Enable, for EL1; continue at label. Clobbers
 * x9; leaves x20 = 1 if it left EL2, else 0.
 */
.macro leave_el2 label
	mov	x20, #0
	mrs	x9, CurrentEL
	cmp	x9, #(2 << 2)
	b.ne	\label
	mov	x20, #1
	mov	x9, #(1 << 31)		/* HCR_EL2.RW */
	msr	hcr_el2, x9
	mov	x9, #3			/* CNTHCTL_EL2: EL1 timer access */
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mov	x9, #0x33ff		/* CPTR_EL2: no FP traps */
	msr	cptr_el2, x9
	mov	x9, #ICC_SRE_EL2_VAL
	msr	icc_sre_el2, x9
	isb
	ldr	x9, =SCTLR_EL1_RES1
	msr	sctlr_el1, x9
	mov	x9, #SPSR_EL1H_MASKED
	msr	spsr_el2, x9
	adr	x9, \label
	msr	elr_el2, x9
	eret
.endm

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
	mov	x21, x0			/* bare metal: the device tree */
	leave_el2 at_el1

at_el1:
	msr	spsel, #1
	adr	x19, _start
	/*
	 * A cell may be started again without its image being loaded again:
	 * .data must start as the image had it, not as the last run left it.
	 * The first start saves it (the marker still holds its link-time
	 * value); later starts restore it. Both before relocating.
	 */
	adr_l	x9, __data_start
	adr_l	x10, __data_end
	adr_l	x11, __data_backup
	adr_l	x12, data_marker
	ldr	w13, [x12]
	ldr	w14, =DATA_PRISTINE
	cmp	w13, w14
	b.ne	2f
1:	cmp	x9, x10				/* save */
	b.hs	3f
	ldp	x13, x14, [x9], #16
	stp	x13, x14, [x11], #16
	b	1b
2:	cmp	x9, x10				/* restore */
	b.hs	3f
	ldp	x13, x14, [x11], #16
	stp	x13, x14, [x9], #16
	b	2b
3:	str	wzr, [x12]
	apply_relocations x19, __rela_start, __rela_end, x9, x10, x11, x12
	adr_l	x9, __bss_start
	adr_l	x10, __bss_end
1:	cmp	x9, x10
	b.hs	2f
	stp	xzr, xzr, [x9], #16
	b	1b
2:	adr_l	x9, __stack_top
	mov	sp, x9
	msr	tpidr_el1, xzr		/* cpu_index() 0 */
	bl	cpu_setup
	mov	x0, x20
	mov	x1, x21
	bl	inmate_setup
	bl	inmate_main
	b	inmate_halt

/* Vectors and FP access: every CPU. */
cpu_setup:
	adr_l	x9, vectors
	msr	vbar_el1, x9
	mov	x9, #(3 << 20)		/* CPACR_EL1.FPEN: no FP traps */
	msr	cpacr_el1, x9
	isb
	ret

/*
 * Another CPU of the inmate, started by smp_cpu_on() (PSCI CPU_ON) with
 * x0 = its index: its own stack (smp_stacks[index - 1], whose top is
 * smp_stacks + index * SMP_STACK_SIZE), then smp_secondary_setup(index).
 */
	.globl secondary_entry
secondary_entry:
	mov	x19, x0
	leave_el2 secondary_el1
secondary_el1:
	msr	spsel, #1
	msr	tpidr_el1, x19
	adr_l	x9, smp_stacks
	mov	x10, #SMP_STACK_SIZE
	madd	x9, x19, x10, x9
	mov	sp, x9
	bl	cpu_setup
	mov	x0, x19
	bl	smp_secondary_setup
	b	inmate_halt

/*
 * IRQ from EL1 (the only interrupt this library takes): save what the AAPCS
 * lets a C function clobber, plus ELR/SPSR, and let irq_dispatch() do the
 * rest. The counter is read first thing, for latency measurements.
 */
	.text
irq_common:
	stp	x0, x1, [sp, #-IRQ_FRAME]!
	mrs	x0, cntvct_el0
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x30, x1, [sp, #160]
	str	x2, [sp, #176]
	bl	irq_dispatch
	ldr	x2, [sp, #176]
	ldp	x30, x1, [sp, #160]
	msr	spsr_el1, x2
	msr	elr_el1, x1
	ldp	x18, x29, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp], #IRQ_FRAME
	eret

/* Anything else is unexpected: report and stop. */
.macro bad_vector n
	.balign	128
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	mov	x3, #\n
	b	inmate_exception
.endm

.macro irq_vector
	.balign	128
	b	irq_common
.endm

	.balign	2048
vectors:
	/* current EL with SP_EL0 */
	bad_vector 0
	bad_vector 1
	bad_vector 2
	bad_vector 3
	/* current EL with SP_ELx */
	bad_vector 4
	irq_vector
	bad_vector 6
	bad_vector 7
	/* lower EL, AArch64 and AArch32 */
	.irp n, 8, 9, 10, 11, 12, 13, 14, 15
	bad_vector \n
	.endr

/* Holds DATA_PRISTINE only in a freshly loaded image, see at_el1. */
	.section .data
	.balign 8
data_marker:
	.word	DATA_PRISTINE
	.word	0
