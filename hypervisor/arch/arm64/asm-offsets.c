// SPDX-License-Identifier: GPL-2.0
/*
 * What the assembly code needs to know of C structures, generated at build
 * time (include/generated/asm-offsets.h) so that it is written only once:
 * the compiler turns each DEFINE into a "->NAME value" line of its assembly
 * output, which the Makefile turns into #defines. Never linked.
 */
#include <hv/types.h>
#include <asm/traps.h>
#include <bulkhead/header.h>

#define DEFINE(sym, val) asm volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))

void asm_offsets(void);

void asm_offsets(void)
{
	DEFINE(HDR_CORE_SIZE,
	       __builtin_offsetof(struct bh_hv_header, core_size));
	DEFINE(HDR_PERCPU_SIZE,
	       __builtin_offsetof(struct bh_hv_header, percpu_size));
	DEFINE(HDR_MAX_CPUS, __builtin_offsetof(struct bh_hv_header, max_cpus));
	DEFINE(HDR_STUB_VECTORS,
	       __builtin_offsetof(struct bh_hv_header, stub_vectors));
	DEFINE(TRAP_FRAME_SIZE, sizeof(struct trap_context));
	DEFINE(TRAP_FRAME_X30,
	       __builtin_offsetof(struct trap_context, regs[30]));
}
