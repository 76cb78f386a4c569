/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The kernel's exception vectors. Tasks run at EL1 on SP_EL0 ("EL1t"),
 * the kernel and interrupt handlers on SP_EL1, the CPU's own stack: an
 * exception switches stacks by itself (Arm ARM D1.2.2, SPSel), so a task
 * that runs into its stack's guard page is caught on a stack that still
 * works. Every exception from a task saves its registers as a struct
 * rtos_ctx on SP_EL1; the C handler may replace them with another task's
 * (a context switch) before they are restored.
 */

#define FRAME		272	/* sizeof(struct rtos_ctx): x0-x30, sp, pc, pstate */

.macro save_rest
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x1, sp_el0
	stp	x30, x1, [sp, #240]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #256]
.endm

	.text
/* A task's IRQ: the counter first, for release latency figures. */
el1t_irq:
	sub	sp, sp, #FRAME
	stp	x0, x1, [sp]
	mrs	x0, cntvct_el0
	save_rest
	mov	x1, x0
	mov	x0, sp
	bl	rtos_port_irq
	b	rtos_port_return

/* A task's SVC (a switch it asked for) or fault. */
el1t_sync:
	sub	sp, sp, #FRAME
	stp	x0, x1, [sp]
	save_rest
	mov	x0, sp
	mrs	x1, esr_el1
	mrs	x2, far_el1
	bl	rtos_port_sync
	b	rtos_port_return

/* Restores the frame at SP_EL1 and returns into the task it names. */
rtos_port_return:
	ldp	x0, x1, [sp, #256]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x30, x0, [sp, #240]
	msr	sp_el0, x0
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	add	sp, sp, #FRAME
	eret

/*
 * rtos_port_enter(ctx): the CPU's first task. The caller's SP_EL1 becomes
 * the exception stack (what lies above it is never returned to).
 */
	.globl rtos_port_enter
rtos_port_enter:
	sub	sp, sp, #FRAME
	mov	x1, sp
	mov	x2, #(FRAME / 16)
1:	ldp	x3, x4, [x0], #16
	stp	x3, x4, [x1], #16
	subs	x2, x2, #1
	b.ne	1b
	b	rtos_port_return

/* The kernel's own code faulting, or an unexpected kind: report, stop. */
.macro bad_vector n
	.balign	128
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	mov	x3, #\n
	b	inmate_exception
.endm

.macro vector label
	.balign	128
	b	\label
.endm

	.balign	2048
	.globl rtos_vectors
rtos_vectors:
	/* current EL with SP_EL0: tasks */
	vector	el1t_sync
	vector	el1t_irq
	bad_vector 2
	bad_vector 3
	/* current EL with SP_ELx: the kernel runs with IRQs masked */
	.irp n, 4, 5, 6, 7
	bad_vector \n
	.endr
	/* lower EL, AArch64 and AArch32: there is none */
	.irp n, 8, 9, 10, 11, 12, 13, 14, 15
	bad_vector \n
	.endr
