// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 start-up of the hypervisor and of each CPU, and the way back.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/percpu.h>
#include <asm/gic.h>
#include <asm/irqchip.h>
#include <asm/mmu.h>
#include <asm/feature-traps.h>
#include <asm/pmu.h>
#include <asm/sysregs.h>
#include <asm/timer.h>

extern u8 hyp_vectors[];
extern u64 boot_state, boot_ttbr, boot_tcr, boot_mem_size;

/* Written with the MMU off, read by secondaries with the MMU off. */
static void clean_boot_vars(void)
{
	arch_dcache_flush(&boot_state, sizeof(boot_state));
}

/* Master, MMU off: memory, then the EL2 page tables. */
int arch_boot_master(void);
int arch_boot_master(void)
{
	int err;

	err = hv_memory_init();
	if (err)
		return err;
	err = arch_mmu_init();
	if (err)
		return err;
	boot_mem_size = hv.mem_size;
	return 0;
}

struct per_cpu *this_cpu(void)
{
	return (struct per_cpu *)read_sysreg(tpidr_el2);
}

static void save_el2_state(struct arch_saved_el2 *s)
{
	s->hcr = read_sysreg(hcr_el2);
	s->cptr = read_sysreg(cptr_el2);
	s->mdcr = read_sysreg(mdcr_el2);
	s->cnthctl = read_sysreg(cnthctl_el2);
	s->cntvoff = read_sysreg(cntvoff_el2);
	s->vtcr = read_sysreg(vtcr_el2);
	s->vttbr = read_sysreg(vttbr_el2);
}

/* The interrupt controller starts as a unit (irqchip.c). */
int arch_init(void)
{
	return 0;
}

int arch_cpu_init(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;
	int err;

	write_sysreg(cpu, tpidr_el2);
	cpu->arch.mpidr = read_sysreg(mpidr_el1);
	cpu->arch.psci_state = CPU_STATE_ON;
	save_el2_state(&cpu->arch.saved);
	err = irqchip_cpu_init(cpu);
	if (err)
		return err;

	write_sysreg(hyp_vectors, vbar_el2);
	write_sysreg(arch_vtcr(), vtcr_el2);
	write_sysreg(cell->arch.vttbr, vttbr_el2);
	isb();
	/* Nothing of another translation regime may linger for this VMID. */
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
	write_sysreg(arch_cell_hcr(cell, cpu->arch.saved.hcr), hcr_el2);
	write_sysreg(arch_cell_mdcr(cell, cpu->arch.saved.mdcr), mdcr_el2);
	write_sysreg(arch_cell_cptr(cell, cpu->arch.saved.cptr), cptr_el2);
	isb();

	if (boot_state == 0) {
		boot_state = 1;
		clean_boot_vars();
	}
	return 0;
}

/*
 * Nothing of a CPU is mapped into its cell (the redistributor is emulated,
 * vgic-redist.c); what the old cell cached for it goes.
 */
int arch_cell_move_cpu(struct per_cpu *cpu, struct cell *from, struct cell *to)
{
	arch_flush_cell_tlbs(from);
	return 0;
}

void arch_cpu_restore(struct per_cpu *cpu)
{
	struct arch_saved_el2 *s = &cpu->arch.saved;

	timer_stop();
	irqchip_cpu_exit(cpu);
	write_sysreg(s->hcr, hcr_el2);
	isb();
	write_sysreg(s->vttbr, vttbr_el2);
	write_sysreg(s->vtcr, vtcr_el2);
	write_sysreg(s->cptr, cptr_el2);
	write_sysreg(s->mdcr, mdcr_el2);
	write_sysreg(s->cnthctl, cnthctl_el2);
	write_sysreg(s->cntvoff, cntvoff_el2);
	isb();
	/* Linux's EL1&0 translations were cached under our stage 2. */
	asm volatile("tlbi alle1" : : : "memory");
	dsb(nsh);
}

void arch_cpu_halt(void)
{
	asm volatile("msr daifset, #0xf");
	for (;;)
		asm volatile("wfi");
}

void arch_stop_other_cpus(void)
{
	struct per_cpu *self = this_cpu();
	unsigned int c;

	for (c = 0; c < bh_hv_header.max_cpus; c++)
		if (per_cpu(c) != self)
			irqchip_send_mgmt_sgi(c, true);
}
