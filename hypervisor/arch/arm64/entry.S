/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Image header and bootstrap of the hypervisor on each CPU.
 *
 * The driver points VBAR_EL2 at bootstrap_vectors through Linux's hyp stub
 * (HVC_SET_VECTORS), then issues `hvc #0` with x0 = CPU id. That HVC lands
 * here with the EL2 MMU off. The contract with the driver: x0 returns 0 or
 * a negative errno, x1-x17 are clobbered, everything else is preserved. On
 * success the CPU returns to EL1 under the hypervisor (root cell); on error
 * VBAR_EL2 is back at Linux's stub and nothing else was changed.
 *
 * The master (the first CPU to enter; the driver serialises it before the
 * others) relocates the image and builds the EL2 page tables in C with the
 * MMU off. Secondaries write nothing before their MMU is on: with the MMU
 * off their stores would bypass the caches and could be hidden by stale
 * lines that other CPUs' cacheable mappings brought in.
 */
#include <bulkhead/header.h>
#include <bulkhead/arm64/relocate.h>
#include <asm/sysregs.h>
#include <generated/asm-offsets.h>

#define PERCPU_SIZE		CONFIG_PERCPU_STACK_SIZE

	.section .header, "aw"
	.globl bh_hv_header
bh_hv_header:
	.ascii	BH_HV_SIGNATURE
	.word	BH_HV_HEADER_REVISION
	.word	__core_size
	.word	PERCPU_SIZE
	.word	CONFIG_MAX_CPUS
	.quad	bootstrap_vectors - bh_hv_header
	.quad	console_ring - bh_hv_header
	.word	0			/* online_cpus */
	.word	0			/* possible_cpus */
	.quad	0			/* stub_vectors */
	.quad	0			/* config_offset */
	.quad	0			/* config_size */

	.section .text.bootstrap, "ax"
	.balign 2048
bootstrap_vectors:
	.rept 8				/* current EL: nothing expected */
	b	.
	.balign 128
	.endr
	b	bootstrap_entry		/* lower EL, AArch64, synchronous */
	.balign 128
	.rept 7
	b	.
	.balign 128
	.endr

bootstrap_entry:
	/* Keep what we must preserve in registers we may clobber. */
	mov	x12, x18
	mov	x13, x29
	mov	x14, x30
	mov	x15, x0				/* CPU id */

	adr	x1, bh_hv_header
	ldr	w2, [x1, #HDR_MAX_CPUS]
	cmp	x15, x2
	b.hs	cpu_out_of_range
	ldr	w3, [x1, #HDR_CORE_SIZE]
	ldr	w4, [x1, #HDR_PERCPU_SIZE]
	madd	x5, x15, x4, x3
	add	x5, x5, x1			/* this CPU's area */
	add	x6, x5, x4
	mov	sp, x6				/* top of its stack */

	adr_l	x2, boot_state
	ldr	x3, [x2]
	cbnz	x3, secondary

	/* Master: everything below runs with the MMU and caches off. */
	apply_relocations x1, __rela_start, __rela_end, x2, x3, x4, x5
	stp	x12, x13, [sp, #-32]!
	stp	x14, x15, [sp, #16]
	bl	arch_boot_master		/* builds the EL2 page tables */
	ldp	x14, x15, [sp, #16]
	ldp	x12, x13, [sp], #32
	cbnz	x0, boot_failed
	/*
	 * Drop stale clean lines of hypervisor memory that Linux's mapping may
	 * have pulled into the caches: our MMU-off writes went to memory.
	 */
	adr	x0, bh_hv_header
	adr_l	x1, boot_mem_size
	ldr	x1, [x1]
	add	x1, x1, x0
	bl	dcache_inval_range
	bl	enable_mmu
	mov	x16, #1				/* master */
	b	common

secondary:
	bl	enable_mmu
	mov	x16, #0

common:
	stp	x12, x13, [sp, #-32]!
	stp	x14, x15, [sp, #16]
	mov	x0, x15
	mov	x1, x16
	bl	bh_entry			/* C, MMU on: may return an error */
	ldp	x14, x15, [sp, #16]
	ldp	x12, x13, [sp], #32
	mov	x18, x12
	mov	x29, x13
	mov	x30, x14
	cbnz	x0, entry_failed
	eret

entry_failed:
	/* bh_entry left the EL2 registers as the stub had them; the MMU too. */
	mov	x15, x0
	bl	disable_mmu
	mov	x0, x15
	b	leave_to_stub

cpu_out_of_range:
	mov	x0, #-34			/* -ERANGE */
	b	restore_and_leave
boot_failed:
restore_and_leave:
	mov	x18, x12
	mov	x29, x13
	mov	x30, x14
leave_to_stub:
	adr	x1, bh_hv_header
	ldr	x1, [x1, #HDR_STUB_VECTORS]
	msr	vbar_el2, x1
	isb
	eret

/* Turns on the EL2 MMU with the tables arch_boot_master built. x0-x5 clobbered. */
enable_mmu:
	adr_l	x0, boot_ttbr
	ldr	x0, [x0]
	msr	ttbr0_el2, x0
	adr_l	x0, boot_tcr
	ldr	x0, [x0]
	msr	tcr_el2, x0
	ldr	x0, =MAIR_EL2_VALUE
	msr	mair_el2, x0
	isb
	tlbi	alle2
	ic	iallu
	dsb	nsh
	isb
	ldr	x0, =(SCTLR_EL2_RES1 | SCTLR_EL2_M | SCTLR_EL2_C | SCTLR_EL2_I | SCTLR_EL2_SA)
	msr	sctlr_el2, x0
	isb
	ret

/*
 * Turns off the EL2 MMU. The caller made sure that everything it reads
 * afterwards was cleaned to the point of coherency. x0 clobbered.
 */
	.globl disable_mmu
disable_mmu:
	mrs	x0, sctlr_el2
	bic	x0, x0, #SCTLR_EL2_M
	bic	x0, x0, #SCTLR_EL2_C
	bic	x0, x0, #SCTLR_EL2_I
	msr	sctlr_el2, x0
	isb
	tlbi	alle2
	dsb	nsh
	isb
	ret

	.ltorg

/* Read by secondaries with the MMU off: the master cleans them to PoC. */
	.section .data
	.balign 64
	.globl boot_state, boot_ttbr, boot_tcr, boot_mem_size
boot_state:	.quad 0			/* non-zero once the master is done */
boot_ttbr:	.quad 0
boot_tcr:	.quad 0
boot_mem_size:	.quad 0
	.balign 64
