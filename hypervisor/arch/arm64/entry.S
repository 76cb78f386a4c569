/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Image header and bootstrap entry of the hypervisor.
 */
#include <bulkhead/header.h>

#define PERCPU_SIZE	CONFIG_PERCPU_STACK_SIZE

	.section .header, "aw"
	.globl bh_hv_header
bh_hv_header:
	.ascii	BH_HV_SIGNATURE
	.word	BH_HV_HEADER_REVISION
	.word	__core_size
	.word	PERCPU_SIZE
	.word	CONFIG_MAX_CPUS
	.quad	bootstrap_vectors - bh_hv_header
	.quad	0			/* console_offset */
	.word	0			/* online_cpus */
	.word	0
	.quad	0			/* stub_vectors */
	.quad	0			/* config_offset */
	.quad	0			/* config_size */

	.section .text.bootstrap, "ax"
	.balign 2048
bootstrap_vectors:
	/* Every entry answers -ENOSYS for now: bring-up lands with issue 3. */
	.rept 16
	mov	x0, #-38
	eret
	.balign 128
	.endr
