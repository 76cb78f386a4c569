/* SPDX-License-Identifier: GPL-2.0 */
/* The trap path of the arm64 hypervisor. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

/* Kind of exception, as exception.S passes it. */
#define TRAP_KIND_SYNC	 0
#define TRAP_KIND_IRQ	 1
#define TRAP_KIND_FIQ	 2
#define TRAP_KIND_SERROR 3

#ifndef __ASSEMBLY__
#include <hv/types.h>

struct per_cpu;

/*
 * General registers of the cell, saved by exception.S on trap entry
 * (its size and layout reach the assembly through asm-offsets.c).
 */
struct trap_context {
	u64 regs[31];
	u64 pad;
};

/* Result of a trap handler. */
enum trap_result {
	TRAP_HANDLED,	/* resume the cell */
	TRAP_UNHANDLED, /* nobody claims it: the cell's fault */
	TRAP_FORBIDDEN, /* the cell touched what it does not own */
};

void arch_skip_instruction(void);
void arch_inject_dabt(struct per_cpu *cpu, u64 far);
void arch_inject_iabt(struct per_cpu *cpu, u64 far);
/*
 * An SMCCC call (Arm DEN 0028) through SMC or HVC: PSCI is emulated, every
 * other function answers NOT_SUPPORTED.
 */
enum trap_result handle_smccc(struct per_cpu *cpu, struct trap_context *ctx,
			      bool smc);
/* Whether x0 of an `hvc #0` names an SMCCC fast call, not a stub call. */
bool smccc_is_fast_call(u64 x0);
/* Parks the calling CPU until it is reset (control.c). */
void cpu_park(struct per_cpu *cpu, struct trap_context *ctx);

#endif /* __ASSEMBLY__ */
#endif
