// SPDX-License-Identifier: GPL-2.0
/*
 * Stopping and starting CPUs on behalf of cell management: a parked CPU
 * waits in the hypervisor (wfi) until it is reset to an entry point of its
 * cell, which may have changed while it waited. PSCI CPU_OFF/CPU_ON, cell
 * start, shutdown, destroy and fault containment all use this.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/percpu.h>
#include <asm/barrier.h>
#include <asm/gic.h>
#include <asm/irqchip.h>
#include <asm/feature-traps.h>
#include <asm/pmu.h>
#include <asm/sysregs.h>
#include <asm/timer.h>
#include <asm/traps.h>

#define SCTLR_EL1_RESET 0x30d00800UL /* RES1 bits, MMU and caches off */

void arch_clear_fpsimd(void);

/*
 * Pointer authentication keys: readable at EL1, so the last occupant's
 * (a Linux task's) must not reach the next (ID_AA64ISAR1_EL1 APA, API,
 * GPA, GPI; ISAR2 APA3, GPA3).
 */
static void reset_ptrauth_keys(void)
{
	if (!(read_sysreg(id_aa64isar1_el1) & 0xff000ff0UL) &&
	    !(read_sysreg(s3_0_c0_c6_2) & 0xff00UL))
		return;
	write_sysreg(0, s3_0_c2_c1_0); /* APIAKeyLo_EL1 */
	write_sysreg(0, s3_0_c2_c1_1); /* APIAKeyHi_EL1 */
	write_sysreg(0, s3_0_c2_c1_2); /* APIBKeyLo_EL1 */
	write_sysreg(0, s3_0_c2_c1_3); /* APIBKeyHi_EL1 */
	write_sysreg(0, s3_0_c2_c2_0); /* APDAKeyLo_EL1 */
	write_sysreg(0, s3_0_c2_c2_1); /* APDAKeyHi_EL1 */
	write_sysreg(0, s3_0_c2_c2_2); /* APDBKeyLo_EL1 */
	write_sysreg(0, s3_0_c2_c2_3); /* APDBKeyHi_EL1 */
	write_sysreg(0, s3_0_c2_c3_0); /* APGAKeyLo_EL1 */
	write_sysreg(0, s3_0_c2_c3_1); /* APGAKeyHi_EL1 */
}

/*
 * Profiling and trace buffers write memory on their own. For a non-root
 * cell EL2 owns them (MDCR_EL2.E2PB/E2TB = 0, feature-traps.c), so what
 * the last occupant left enabled would write through the hypervisor's
 * own translation: stop them on every start (where the CPU has them;
 * the root's Linux sets its own up again when the CPU comes online).
 */
static void stop_trace_buffers(void)
{
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1);

	if ((dfr0 >> 32) & 0xf) {		/* SPE */
		write_sysreg(0, s3_0_c9_c10_0); /* PMBLIMITR_EL1 */
		write_sysreg(0, s3_0_c9_c9_0);	/* PMSCR_EL1 */
	}
	if ((dfr0 >> 44) & 0xf)			/* TRBE */
		write_sysreg(0, s3_0_c9_c11_0); /* TRBLIMITR_EL1 */
	if ((dfr0 >> 40) & 0xf)			/* TRF */
		write_sysreg(0, s3_0_c1_c2_1);	/* TRFCR_EL1 */
	isb();
}

/* Nothing of the CPU's previous occupant may be visible to the next one. */
static void reset_el1_state(struct per_cpu *cpu)
{
	write_sysreg(SCTLR_EL1_RESET, sctlr_el1);
	write_sysreg(0, ttbr0_el1);
	write_sysreg(0, ttbr1_el1);
	write_sysreg(0, tcr_el1);
	write_sysreg(0, mair_el1);
	write_sysreg(0, amair_el1);
	write_sysreg(0, cpacr_el1);
	write_sysreg(0, vbar_el1);
	write_sysreg(0, tpidr_el0);
	write_sysreg(0, tpidrro_el0);
	write_sysreg(0, tpidr_el1);
	write_sysreg(0, contextidr_el1);
	write_sysreg(0, sp_el0);
	write_sysreg(0, sp_el1);
	write_sysreg(0, elr_el1);
	write_sysreg(0, spsr_el1);
	write_sysreg(0, esr_el1);
	write_sysreg(0, far_el1);
	write_sysreg(0, par_el1);
	write_sysreg(0, cntv_ctl_el0);
	write_sysreg(0, cntp_ctl_el0);
	write_sysreg(0, cntv_cval_el0);
	write_sysreg(0, cntp_cval_el0);
	write_sysreg(0, cntkctl_el1);
	write_sysreg(0, afsr0_el1);
	write_sysreg(0, afsr1_el1);
	write_sysreg(0, csselr_el1);
	reset_ptrauth_keys();
	stop_trace_buffers();
	pmu_debug_reset();
	/*
	 * The root cell too: Linux would trap on its first FP instruction if
	 * a cell had left the CPU in SME's streaming mode.
	 */
	arch_clear_fpsimd();
}

/* Switches the calling CPU to its cell's translation and interrupts. */
static void enter_cell(struct per_cpu *cpu)
{
	write_sysreg(cpu->cell->arch.vttbr, vttbr_el2);
	write_sysreg(arch_cell_hcr(cpu->cell, cpu->arch.saved.hcr), hcr_el2);
	write_sysreg(arch_cell_mdcr(cpu->cell, cpu->arch.saved.mdcr), mdcr_el2);
	write_sysreg(arch_cell_cptr(cpu->cell, cpu->arch.saved.cptr), cptr_el2);
	isb();
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
	irqchip_cpu_reset(cpu);
}

/*
 * Parks the calling CPU until it is reset, then starts it at the entry
 * the way PSCI specifies a fresh CPU: EL1, MMU off, interrupts masked,
 * x0 = context, all other registers zero.
 */
void cpu_park(struct per_cpu *cpu, struct trap_context *ctx)
{
	bool restart = false;
	unsigned int i;

	/* A request made after this point parks the CPU again next exit. */
	cpu->arch.park_request = false;
	smp_mb();

	/* A parked cell's timers must not fire into the CPU's next life. */
	if (cpu->cell != &root_cell) {
		write_sysreg(0, cntv_ctl_el0);
		write_sysreg(0, cntp_ctl_el0);
	}
	/*
	 * A cell restarting itself (PSCI SYSTEM_RESET) starts over, unless
	 * it is being stopped: then the restart becomes a park, or the root
	 * would wait for this CPU forever. Decided under hv.lock, where
	 * stops are made (cell.c): a stop made after this finds the CPU on
	 * and asks it again (the request just cleared is not lost).
	 */
	if (cpu->arch.restart) {
		spin_lock(&hv.lock);
		restart = !cpu->cell->stopping;
		spin_unlock(&hv.lock);
		cpu->arch.restart = false;
	}
	if (!restart) {
		cpu->arch.psci_state = CPU_STATE_OFF;
		dsb(ish);
		sev();
		/*
		 * wfi, not wfe: emulators (QEMU) and real cores idle in it.
		 * The management SGI that arch_reset_cpu sends wakes it even
		 * with interrupts masked; it is taken, harmlessly, later.
		 * So does the hypervisor's timer, which is served here: its
		 * line stays up until it is, and wfi would not wait.
		 */
		while (cpu->arch.psci_state != CPU_STATE_ON_PENDING) {
			if (timer_fired())
				timer_expire();
			else
				asm volatile("wfi" : : : "memory");
		}
	}

	enter_cell(cpu);
	reset_el1_state(cpu);
	for (i = 0; i < ARRAY_SIZE(ctx->regs); i++)
		ctx->regs[i] = 0;
	ctx->regs[0] = cpu->arch.psci_context;
	write_sysreg(cpu->arch.psci_entry, elr_el2);
	write_sysreg(SPSR_DAIF | SPSR_EL1H, spsr_el2);
	cpu->arch.psci_state = CPU_STATE_ON;
	isb();
}

int arch_may_disable(void)
{
	return its_may_disable();
}

void arch_request_park(unsigned int cpu_id)
{
	struct per_cpu *t = per_cpu(cpu_id);

	if (t->arch.psci_state == CPU_STATE_OFF)
		return;
	t->arch.park_request = true;
	dsb(ish);
	if (t != this_cpu())
		irqchip_send_mgmt_sgi(cpu_id, false);
}

void arch_wait_cpu_parked(unsigned int cpu_id)
{
	struct per_cpu *t = per_cpu(cpu_id);

	while (t->arch.psci_state != CPU_STATE_OFF)
		wfe();
}

/* Under hv.lock (the rules in cell.c): a parked CPU leaves OFF only here. */
int arch_reset_cpu(unsigned int cpu_id, u64 entry, u64 context)
{
	struct per_cpu *t = per_cpu(cpu_id);

	if (t->arch.psci_state != CPU_STATE_OFF)
		return -EBUSY;
	t->arch.psci_entry = entry;
	t->arch.psci_context = context;
	/*
	 * A park request that reached the CPU after it had parked is stale:
	 * acted on after the release, it would park the CPU again at its
	 * first exit, before the new occupant ran (seen as Linux's "CPU2:
	 * failed to come online" after destroy).
	 */
	t->arch.park_request = false;
	dsb(ish);
	t->arch.psci_state = CPU_STATE_ON_PENDING;
	dsb(ish);
	irqchip_send_mgmt_sgi(cpu_id, false);
	return 0;
}

bool arch_cpu_parked(unsigned int cpu_id)
{
	return per_cpu(cpu_id)->arch.psci_state == CPU_STATE_OFF;
}

void arch_restart_self(struct per_cpu *cpu, u64 entry, u64 context)
{
	cpu->arch.psci_entry = entry;
	cpu->arch.psci_context = context;
	cpu->arch.restart = true;
	cpu->arch.park_request = true;
}
