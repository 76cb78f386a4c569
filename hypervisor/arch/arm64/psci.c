// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI emulation (Arm DEN 0022) over both SMCCC conduits (SMC and HVC),
 * and SMC filtering. Cells never reach the
 * firmware directly: CPU_OFF parks the CPU in the hypervisor, CPU_ON wakes a
 * parked CPU of the same cell at the requested entry; only the root cell,
 * while no other cell exists, may power the machine off or reset it.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/hypervisor.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#define PSCI_VERSION	       0x84000000
#define PSCI_CPU_SUSPEND       0x84000001
#define PSCI_CPU_OFF	       0x84000002
#define PSCI_CPU_ON	       0x84000003
#define PSCI_AFFINITY_INFO     0x84000004
#define PSCI_MIGRATE_INFO_TYPE 0x84000006
#define PSCI_SYSTEM_OFF	       0x84000008
#define PSCI_SYSTEM_RESET      0x84000009
#define PSCI_FEATURES	       0x8400000a
#define SMC64_BIT	       0x40000000
#define SMCCC_FAST_CALL	       0x80000000 /* SMCCC 2.5: bit 31 of w0 */

#define PSCI_SUCCESS	      0
#define PSCI_NOT_SUPPORTED    (-1)
#define PSCI_INVALID_PARAMS   (-2)
#define PSCI_DENIED	      (-3)
#define PSCI_ALREADY_ON	      (-4)
#define PSCI_ON_PENDING	      (-5)
#define PSCI_INTERNAL_FAILURE (-6)

#define SCTLR_EL1_RESET 0x30d00800UL /* RES1 bits, MMU and caches off */

static struct per_cpu *cell_cpu_by_mpidr(struct cell *cell, u64 mpidr)
{
	unsigned int cpu;

	for (cpu = 0; cpu < 64; cpu++) {
		struct per_cpu *pc;

		if (!cell_owns_cpu(cell, cpu))
			continue;
		pc = per_cpu(cpu);
		if (pc && pc->active &&
		    (pc->arch.mpidr & MPIDR_AFF_MASK) ==
			    (mpidr & MPIDR_AFF_MASK))
			return pc;
	}
	return NULL;
}

/*
 * Releases a parked CPU of the caller's cell. Under hv.lock, as every stop
 * of a cell sets its stopping flag and asks its running CPUs to park
 * (cell.c): a CPU_ON either completes before the stop, which then finds
 * the target no longer OFF and asks it to park too, or comes after and is
 * denied. A caller asked to park (its cell stops or restarts) may not
 * release anyone either, and the target is looked up under the lock
 * because CPUs change cells under it.
 */
static long cpu_on(struct per_cpu *cpu, u64 mpidr, u64 entry, u64 context)
{
	struct per_cpu *target;
	long ret = PSCI_SUCCESS;

	spin_lock(&hv.lock);
	target = cell_cpu_by_mpidr(cpu->cell, mpidr);
	if (!target)
		ret = PSCI_INVALID_PARAMS;
	else if (cpu->cell->stopping || cpu->arch.park_request)
		ret = PSCI_DENIED;
	else if (target->arch.psci_state == CPU_STATE_ON)
		ret = PSCI_ALREADY_ON;
	else if (target->arch.psci_state == CPU_STATE_ON_PENDING)
		ret = PSCI_ON_PENDING;
	else if (arch_reset_cpu(target->cpu_id, entry, context))
		ret = PSCI_INTERNAL_FAILURE; /* checked OFF above, same lock */
	spin_unlock(&hv.lock);
	if (ret == PSCI_INVALID_PARAMS) {
		pr_cell_warn(cpu->cell,
			     "cell %s: PSCI CPU_ON for MPIDR 0x%llx, not its CPU\n",
			     cpu->cell->name, (unsigned long long)mpidr);
		ret = PSCI_DENIED;
	}
	return ret;
}

static long affinity_info(struct per_cpu *cpu, u64 mpidr, u64 level)
{
	struct per_cpu *target = cell_cpu_by_mpidr(cpu->cell, mpidr);

	if (level != 0 || !target)
		return PSCI_INVALID_PARAMS;
	switch (target->arch.psci_state) {
	case CPU_STATE_ON:
		return 0;
	case CPU_STATE_OFF:
		return 1;
	default:
		return 2;
	}
}

/*
 * PSCI defines SMC64 forms only for calls that pass addresses or MPIDRs;
 * the SMC64 twin of any other (SYSTEM_OFF's 0xc4000008) is no PSCI call.
 */
static bool psci_fid_defined(u64 fid)
{
	switch (fid & ~(u64)SMC64_BIT) {
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
		return true;
	default:
		return !(fid & SMC64_BIT);
	}
}

static long features(u64 fid)
{
	if (!psci_fid_defined(fid))
		return PSCI_NOT_SUPPORTED;
	switch (fid & ~(u64)SMC64_BIT) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

/* Hands the call to the firmware unchanged (root cell alone only). */
static long forward_smc(struct trap_context *ctx)
{
	/* cppcheck does not know register variables: */
	// cppcheck-suppress constStatement
	register u64 x0 asm("x0") = ctx->regs[0];
	// cppcheck-suppress constStatement
	register u64 x1 asm("x1") = ctx->regs[1];
	// cppcheck-suppress constStatement
	register u64 x2 asm("x2") = ctx->regs[2];
	// cppcheck-suppress constStatement
	register u64 x3 asm("x3") = ctx->regs[3];

	asm volatile("smc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

/*
 * The root cell powers the machine off or resets it only while it is
 * alone; a non-root cell's SYSTEM_OFF stops just that cell, its
 * SYSTEM_RESET restarts just that cell.
 */
static long system_power(struct per_cpu *cpu, struct trap_context *ctx)
{
	bool off = ctx->regs[0] == PSCI_SYSTEM_OFF;

	if (cpu->cell != &root_cell) {
		cell_system_power(cpu, off);
		return PSCI_SUCCESS;
	}
	if (cell_count() > 1) {
		pr_cell_warn(cpu->cell,
			     "root cell: PSCI system %s denied while cells run\n",
			     off ? "off" : "reset");
		return PSCI_DENIED;
	}
	pr_info("root cell: PSCI system %s\n",
		(ctx->regs[0] == PSCI_SYSTEM_OFF) ? "off" : "reset");
	return forward_smc(ctx);
}

static long psci_dispatch(struct per_cpu *cpu, struct trap_context *ctx)
{
	u64 fid = ctx->regs[0];

	if (!psci_fid_defined(fid))
		return PSCI_NOT_SUPPORTED;
	switch (fid & ~(u64)SMC64_BIT) {
	case PSCI_VERSION:
		return 0x10001; /* PSCI 1.1 */
	case PSCI_CPU_OFF:
		cpu_park(cpu, ctx);
		return ctx->regs[0];
	case PSCI_CPU_ON:
		return cpu_on(cpu, ctx->regs[1], ctx->regs[2], ctx->regs[3]);
	case PSCI_AFFINITY_INFO:
		return affinity_info(cpu, ctx->regs[1], ctx->regs[2]);
	case PSCI_MIGRATE_INFO_TYPE:
		return 2; /* no trusted OS to migrate */
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		return system_power(cpu, ctx);
	case PSCI_FEATURES:
		return features(ctx->regs[1]);
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

bool smccc_is_fast_call(u64 x0)
{
	return x0 & SMCCC_FAST_CALL;
}

enum trap_result handle_smccc(struct per_cpu *cpu, struct trap_context *ctx,
			      bool smc)
{
	u64 fid = ctx->regs[0];
	bool off = fid == PSCI_CPU_OFF;

	cpu_stat_inc(cpu, BH_STAT_EXITS_PSCI);
	/*
	 * A trapped SMC returns to itself (Arm ARM D1.10.4): step over it.
	 * An HVC is a call to EL2: its return address is the next
	 * instruction already.
	 */
	if (smc && !off)
		arch_skip_instruction();
	if ((fid & 0xbfffff00) == 0x84000000)
		ctx->regs[0] = psci_dispatch(cpu, ctx);
	else
		ctx->regs[0] = PSCI_NOT_SUPPORTED;
	return TRAP_HANDLED;
}
