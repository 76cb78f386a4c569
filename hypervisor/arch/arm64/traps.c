// SPDX-License-Identifier: GPL-2.0
/*
 * The trap dispatcher: every exit of a cell to the hypervisor goes through
 * arch_handle_trap(), which switches on the exception class, calls one
 * handler, and resumes the cell, injects an abort, or stops the CPU.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <asm/gic.h>
#include <asm/irqchip.h>
#include <asm/pmu.h>
#include <asm/sysregs.h>
#include <asm/traps.h>
#include <bulkhead/hypercall.h>

#define HVC_STUB_ERR 0xbadca11UL

void arch_skip_instruction(void)
{
	u64 esr = read_sysreg(esr_el2);

	write_sysreg(read_sysreg(elr_el2) + ((esr & ESR_IL) ? 4 : 2), elr_el2);
}

/*
 * Delivers a synchronous external abort to the cell's EL1, as if the access
 * had hit a bus error (Arm ARM D1.10.2: the vector offset depends on the
 * EL and stack pointer the exception came from).
 */
static void inject_abort(u64 far, u32 ec_low, u32 ec_cur, u64 iss)
{
	u64 spsr = read_sysreg(spsr_el2);
	u64 vbar = read_sysreg(vbar_el1);
	u64 mode = spsr & SPSR_MODE_MASK;
	u64 offset, ec;

	/* Lower EL: AArch64 at 0x400, AArch32 (SPSR.M[4]) at 0x600. */
	if (spsr & SPSR_AARCH32) {
		offset = 0x600;
		ec = ec_low;
	} else if (mode == SPSR_EL0T) {
		offset = 0x400;
		ec = ec_low;
	} else {
		offset = mode == SPSR_EL1H ? 0x200 : 0x000;
		ec = ec_cur;
	}
	/* The length of the instruction that trapped (T32 has 16-bit ones). */
	write_sysreg((ec << ESR_EC_SHIFT) | (read_sysreg(esr_el2) & ESR_IL) |
			     iss,
		     esr_el1);
	write_sysreg(far, far_el1);
	write_sysreg(read_sysreg(elr_el2), elr_el1);
	write_sysreg(spsr, spsr_el1);
	write_sysreg(vbar + offset, elr_el2);
	write_sysreg(SPSR_DAIF | SPSR_EL1H, spsr_el2);
}

void arch_inject_dabt(struct per_cpu *cpu, u64 far)
{
	u64 wnr = read_sysreg(esr_el2) & ISS_WNR;

	inject_abort(far, EC_DABT_LOW, EC_DABT_CUR, wnr | FSC_SEA);
}

void arch_inject_iabt(struct per_cpu *cpu, u64 far)
{
	inject_abort(far, EC_IABT_LOW, EC_IABT_LOW + 1, FSC_SEA);
}

static u64 fault_ipa(void)
{
	return ((read_sysreg(hpfar_el2) >> 4) << 12) |
	       (read_sysreg(far_el2) & 0xfff);
}

static enum trap_result handle_dabt(struct per_cpu *cpu,
				    struct trap_context *ctx, u64 esr)
{
	u64 iss = ESR_ISS(esr);
	struct mmio_access acc = {
		.ipa = ipa_init(fault_ipa()),
		.is_write = !!(iss & ISS_WNR),
	};
	unsigned int reg = (iss >> ISS_SRT_SHIFT) & 0x1f;
	enum mmio_result res;

	cpu_stat_inc(cpu, BH_STAT_EXITS_MMIO);
	if (!(iss & ISS_ISV)) {
		/* No syndrome (e.g. a load pair): cannot emulate it. */
		acc.size = 0;
		res = MMIO_UNHANDLED;
	} else {
		acc.size = 1U << ((iss >> ISS_SAS_SHIFT) & 3);
		if (acc.is_write)
			acc.value = reg == 31 ? 0 : ctx->regs[reg];
		res = mmio_handle_access(cpu->cell, &acc);
	}
	if (res == MMIO_HANDLED) {
		if (!acc.is_write && reg != 31) {
			u64 v = acc.value;

			if ((iss & ISS_SSE) && acc.size < 8 &&
			    (v & (1ULL << (acc.size * 8 - 1))))
				v |= ~0ULL << (acc.size * 8);
			if (!(iss & ISS_SF))
				v &= 0xffffffffULL;
			ctx->regs[reg] = v;
		}
		arch_skip_instruction();
		return TRAP_HANDLED;
	}
	pr_cell_warn(cpu->cell,
		     "cell %s: %s %s at IPA 0x%llx (%u bytes) PC 0x%llx CPU %u\n",
		     cpu->cell->name,
		     res == MMIO_FORBIDDEN ? "forbidden" : "unhandled",
		     acc.is_write ? "write" : "read",
		     (unsigned long long)ipa_addr(acc.ipa), acc.size,
		     (unsigned long long)read_sysreg(elr_el2), cpu->cpu_id);
	return res == MMIO_FORBIDDEN ? TRAP_FORBIDDEN : TRAP_UNHANDLED;
}

static enum trap_result handle_hvc(struct per_cpu *cpu,
				   struct trap_context *ctx, u64 esr,
				   bool *leave)
{
	u16 imm = ESR_ISS(esr) & 0xffff;

	/*
	 * SMCCC over the HVC conduit (what KVM's and QEMU's device trees
	 * without EL2 tell a guest to use): immediate 0 and bit 31 of w0
	 * set. Linux's stub calls are small numbers (asm/virt.h) and never
	 * have it, so the two cannot be confused.
	 */
	if (imm == 0 && smccc_is_fast_call(ctx->regs[0]))
		return handle_smccc(cpu, ctx, false);
	if (imm != BH_HVC_IMM) {
		/*
		 * Linux's hyp-stub calls (KVM taking EL2, kexec's soft
		 * restart) must not reach the stub while we own EL2.
		 */
		cpu_stat_inc(cpu, BH_STAT_EXITS_HYPERCALL);
		ctx->regs[0] = HVC_STUB_ERR;
		return TRAP_HANDLED;
	}
	ctx->regs[0] = hypercall(cpu, ctx->regs[0], ctx->regs[1], ctx->regs[2],
				 ctx->regs[3], leave);
	return TRAP_HANDLED;
}

static void inject_undef(void)
{
	inject_abort(0, EC_UNKNOWN, EC_UNKNOWN, 0);
}

#define SYSREG_ICC_SGI1R  SYSREG_ENC(3, 0, 12, 11, 5)
#define SYSREG_ICC_ASGI1R SYSREG_ENC(3, 0, 12, 11, 6)
#define SYSREG_ICC_SGI0R  SYSREG_ENC(3, 0, 12, 11, 7)
#define SYSREG_DC_ISW	  SYSREG_ENC(1, 0, 7, 6, 2)
#define SYSREG_DC_CSW	  SYSREG_ENC(1, 0, 7, 10, 2)
#define SYSREG_DC_CISW	  SYSREG_ENC(1, 0, 7, 14, 2)
#define SYSREG_ACTLR_EL1  SYSREG_ENC(3, 0, 1, 0, 1)

/*
 * IMPLEMENTATION DEFINED registers: op0=3 with CRn=11 or CRn=15 (Arm ARM
 * DDI 0487, "Reserved encodings for IMPLEMENTATION DEFINED registers"),
 * trapped by HCR_EL2.TIDCP, and ACTLR_EL1, trapped by HCR_EL2.TACR.
 */
static bool is_impdef(u32 reg)
{
	return reg == SYSREG_ACTLR_EL1 ||
	       (SYSREG_OP0(reg) == 3 &&
		(SYSREG_CRN(reg) == 11 || SYSREG_CRN(reg) == 15));
}

#define SYSREG_TRFCR_EL1 SYSREG_ENC(3, 0, 1, 2, 1)

/* MTE's registers: GCR_EL1, RGSR_EL1, TFSR_EL1, TFSRE0_EL1. */
#define SYSREG_GCR_EL1	  SYSREG_ENC(3, 0, 1, 0, 6)
#define SYSREG_RGSR_EL1	  SYSREG_ENC(3, 0, 1, 0, 5)
#define SYSREG_TFSR_EL1	  SYSREG_ENC(3, 0, 5, 6, 0)
#define SYSREG_TFSRE0_EL1 SYSREG_ENC(3, 0, 5, 6, 1)

/*
 * Registers of CPU features a cell is not given (feature-traps.c): they
 * trap only where the CPU has the feature, and then read as zero. SPE
 * (PMS*, PMB*: op1=0, CRn=9, CRm=9/10), the trace buffer (TRB*: CRm=11),
 * the trace filter (TRFCR_EL1), activity monitors (AM*: op1=3, CRn=13,
 * CRm=2-7), RAS error records (ERR*, ERX*: op1=0, CRn=5, CRm=3-5) and
 * MTE's tag controls (HCR_EL2.ATA clear).
 */
static bool is_withheld_feature(u32 reg)
{
	unsigned int op1 = SYSREG_OP1(reg), crn = SYSREG_CRN(reg);
	unsigned int crm = SYSREG_CRM(reg);

	if (SYSREG_OP0(reg) != 3)
		return false;
	if (reg == SYSREG_GCR_EL1 || reg == SYSREG_RGSR_EL1 ||
	    reg == SYSREG_TFSR_EL1 || reg == SYSREG_TFSRE0_EL1)
		return true;
	if (op1 == 0 && crn == 9 && crm >= 9 && crm <= 11)
		return true;
	if (op1 == 3 && crn == 13 && crm >= 2 && crm <= 7)
		return true;
	if (op1 == 0 && crn == 5 && crm >= 3 && crm <= 5)
		return true;
	return reg == SYSREG_TRFCR_EL1;
}

/* Was the trapped instruction executed at EL0 (AArch64 or AArch32)? */
static bool from_el0(void)
{
	u64 spsr = read_sysreg(spsr_el2);

	return (spsr & SPSR_AARCH32) || (spsr & SPSR_MODE_MASK) == SPSR_EL0T;
}

/* Reads as zero, writes ignored. */
static enum trap_result raz_wi(struct trap_context *ctx, unsigned int rt,
			       bool read)
{
	if (read && rt != 31)
		ctx->regs[rt] = 0;
	arch_skip_instruction();
	return TRAP_HANDLED;
}

static enum trap_result handle_sysreg(struct per_cpu *cpu,
				      struct trap_context *ctx, u64 esr)
{
	u64 iss = ESR_ISS(esr);
	unsigned int rt = ISS_SYSREG_RT(iss);
	u32 reg = SYSREG_ENC_OF_ISS(iss);
	u64 val = rt == 31 ? 0 : ctx->regs[rt];
	bool read = ISS_SYSREG_READ(iss);

	if (!read && reg == SYSREG_ICC_SGI1R) {
		arch_skip_instruction();
		if (gic_handle_sgi_write(cpu, val)) {
			pr_cell_warn(cpu->cell,
				     "cell %s: SGI 0x%llx to CPUs it does not own, CPU %u\n",
				     cpu->cell->name, (unsigned long long)val,
				     cpu->cpu_id);
			/* Linux never does this on purpose: keep it running. */
			return cpu->cell == &root_cell ? TRAP_HANDLED :
							 TRAP_FORBIDDEN;
		}
		return TRAP_HANDLED;
	}
	cpu_stat_inc(cpu, BH_STAT_EXITS_SYSREG);
	/*
	 * Set/way maintenance (HCR_EL2.TSW) works on the whole cache, not on
	 * the cell's memory: an invalidate would throw away other cells'
	 * dirty lines. Clean and invalidate instead, which loses nothing.
	 */
	if (!read && (reg == SYSREG_DC_ISW || reg == SYSREG_DC_CSW ||
		      reg == SYSREG_DC_CISW)) {
		asm volatile("dc cisw, %0" : : "r"(val) : "memory");
		arch_skip_instruction();
		return TRAP_HANDLED;
	}
	if (!read && (reg == SYSREG_ICC_ASGI1R || reg == SYSREG_ICC_SGI0R)) {
		/* Secure and group 0 SGIs are not a cell's to send. */
		arch_skip_instruction();
		return TRAP_FORBIDDEN;
	}
	/*
	 * Core-wide controls (coherency, prefetchers, errata workarounds)
	 * are the hypervisor's: every cell, the root included, reads zero
	 * and its writes are ignored. Real software reads them at most.
	 */
	if (is_impdef(reg)) {
		/*
		 * Whether TIDCP traps EL0 too is IMPLEMENTATION DEFINED: EL0
		 * gets what it gets without the trap, an UNDEF.
		 */
		if (from_el0()) {
			inject_undef();
			return TRAP_HANDLED;
		}
		pr_cell_warn(cpu->cell,
			     "cell %s: %s of IMPLEMENTATION DEFINED register S%u_%u_C%u_C%u_%u ignored, CPU %u\n",
			     cpu->cell->name, read ? "read" : "write",
			     SYSREG_OP0(reg), SYSREG_OP1(reg), SYSREG_CRN(reg),
			     SYSREG_CRM(reg), SYSREG_OP2(reg), cpu->cpu_id);
		return raz_wi(ctx, rt, read);
	}
	/*
	 * Debug and trace registers (op0=2) trap only for non-root cells
	 * (MDCR_EL2.TDA/TDOSA/TDRA, pmu.c): they have no self-hosted debug.
	 */
	if ((SYSREG_OP0(reg) == 2 && cpu->cell != &root_cell) ||
	    is_withheld_feature(reg))
		return raz_wi(ctx, rt, read);
	if (pmu_is_register(reg)) {
		pmu_handle_access(reg, &val, read);
		if (read && rt != 31)
			ctx->regs[rt] = val;
		arch_skip_instruction();
		return TRAP_HANDLED;
	}
	pr_cell_warn(cpu->cell,
		     "cell %s: %s of system register op0=%llu op1=%llu CRn=%llu CRm=%llu op2=%llu, CPU %u\n",
		     cpu->cell->name, read ? "read" : "write",
		     (unsigned long long)ISS_SYSREG_OP0(iss),
		     (unsigned long long)ISS_SYSREG_OP1(iss),
		     (unsigned long long)ISS_SYSREG_CRN(iss),
		     (unsigned long long)ISS_SYSREG_CRM(iss),
		     (unsigned long long)ISS_SYSREG_OP2(iss), cpu->cpu_id);
	return TRAP_UNHANDLED;
}

/*
 * A cell's fault. The root cell gets what real hardware would give it: an
 * abort for a bad access (the offending process dies, or the kernel
 * oopses), an undefined instruction for an unknown register. Forbidden
 * SGIs were dropped already. A non-root cell gets the aborts only if its
 * config asks (cell_takes_abort), and is stopped otherwise.
 */
static void handle_cell_fault(struct per_cpu *cpu, u64 esr,
			      enum trap_result res)
{
	u64 far = read_sysreg(far_el2);

	switch (ESR_EC(esr)) {
	case EC_IABT_LOW:
		arch_inject_iabt(cpu, far);
		break;
	case EC_DABT_LOW:
		arch_inject_dabt(cpu, far);
		break;
	case EC_SYSREG:
		if (res == TRAP_UNHANDLED)
			inject_undef();
		break;
	default:
		inject_undef();
	}
}

/*
 * An AArch32 EL0 access to the PMU (MDCR_EL2.TPM) or debug registers
 * (TDA, non-root cells), which the AArch64 path emulates. Not emulated
 * here: the process that made it gets an undefined instruction, as where
 * its EL1 denies the access, rather than its whole cell failing.
 */
static enum trap_result handle_aarch32_coproc(void)
{
	if (!(read_sysreg(spsr_el2) & SPSR_AARCH32))
		return TRAP_UNHANDLED;
	inject_undef();
	return TRAP_HANDLED;
}

/*
 * A physical SError while a cell ran (HCR_EL2.AMO routes them here): an
 * asynchronous abort of something the cell did, or of the hardware. A
 * non-root cell is stopped, as for any fault; the root cell gets it as a
 * virtual SError (HCR_EL2.VSE), as it would have without the hypervisor.
 */
static void handle_serror(struct per_cpu *cpu, u64 esr)
{
	pr_cell_warn(cpu->cell, "CPU %u: SError from cell %s, ESR 0x%llx\n",
		     cpu->cpu_id, cpu->cell->name, (unsigned long long)esr);
	if (cpu->cell == &root_cell)
		write_sysreg(read_sysreg(hcr_el2) | HCR_VSE, hcr_el2);
	else
		cell_fail(cpu);
}

/*
 * Whether a non-root cell gets this fault delivered as an abort rather
 * than being stopped: only accesses outside it (stage-2 aborts), and only
 * if its config asks (BH_CELL_FLAG_INJECT_ABORTS).
 */
static bool cell_takes_abort(struct per_cpu *cpu, u64 esr)
{
	struct cell *cell = cpu->cell;

	if (!(cell->desc->flags & BH_CELL_FLAG_INJECT_ABORTS) ||
	    (ESR_EC(esr) != EC_DABT_LOW && ESR_EC(esr) != EC_IABT_LOW))
		return false;
	pr_cell_warn(cell, "cell %s: abort delivered to the cell, CPU %u\n",
		     cell->name, cpu->cpu_id);
	return true;
}

int arch_handle_trap(struct trap_context *ctx, int kind);
int arch_handle_trap(struct trap_context *ctx, int kind)
{
	struct per_cpu *cpu = this_cpu();
	enum trap_result res = TRAP_UNHANDLED;
	u64 esr = read_sysreg(esr_el2);
	bool leave = false;

	cpu_stat_inc(cpu, BH_STAT_EXITS_TOTAL);
	if (kind == TRAP_KIND_IRQ || kind == TRAP_KIND_FIQ) {
		irqchip_handle_irq(cpu);
		if (cpu->arch.park_request)
			cpu_park(cpu, ctx);
		return 0;
	}
	if (kind != TRAP_KIND_SYNC) {
		handle_serror(cpu, esr);
		if (cpu->arch.park_request)
			cpu_park(cpu, ctx);
		return 0;
	}

	switch (ESR_EC(esr)) {
	case EC_HVC64:
		res = handle_hvc(cpu, ctx, esr, &leave);
		break;
	case EC_SMC64:
		res = handle_smccc(cpu, ctx, true);
		break;
	case EC_DABT_LOW:
		res = handle_dabt(cpu, ctx, esr);
		break;
	case EC_SYSREG:
		res = handle_sysreg(cpu, ctx, esr);
		break;
	case EC_CP15_32:
	case EC_CP15_64:
	case EC_CP14_32:
	case EC_CP14_LS:
	case EC_CP14_64:
		res = handle_aarch32_coproc();
		break;
	case EC_IABT_LOW:
		pr_cell_warn(cpu->cell,
			     "cell %s: instruction fetch from IPA 0x%llx PC 0x%llx CPU %u\n",
			     cpu->cell->name, (unsigned long long)fault_ipa(),
			     (unsigned long long)read_sysreg(elr_el2),
			     cpu->cpu_id);
		break;
	default:
		pr_cell_warn(cpu->cell,
			     "cell %s: unhandled trap, ESR 0x%llx PC 0x%llx CPU %u\n",
			     cpu->cell->name, (unsigned long long)esr,
			     (unsigned long long)read_sysreg(elr_el2),
			     cpu->cpu_id);
		break;
	}
	if (res != TRAP_HANDLED) {
		if (cpu->cell == &root_cell || cell_takes_abort(cpu, esr))
			handle_cell_fault(cpu, esr, res);
		else
			cell_fail(cpu);
	}
	if (cpu->arch.park_request)
		cpu_park(cpu, ctx);
	return leave;
}

/* An exception taken at EL2 itself is a hypervisor bug. */
void arch_handle_hyp_exception(struct trap_context *ctx, int kind);
void arch_handle_hyp_exception(struct trap_context *ctx, int kind)
{
	panic("exception %d at EL2: ESR 0x%llx ELR 0x%llx FAR 0x%llx\n", kind,
	      (unsigned long long)read_sysreg(esr_el2),
	      (unsigned long long)read_sysreg(elr_el2),
	      (unsigned long long)read_sysreg(far_el2));
}
