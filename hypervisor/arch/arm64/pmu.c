// SPDX-License-Identifier: GPL-2.0
/*
 * Performance monitors and self-hosted debug as the cells see them: the
 * emulation of the PMU registers MDCR_EL2 traps (feature-traps.c chooses
 * it), and the clean state a CPU starts a cell with.
 *
 * The PMU stays usable by every cell (Linux's perf in the root cell), but
 * no counter may count at EL2 or EL3: a cell that could count the
 * hypervisor's instructions or cache refills would time its code paths.
 * ARMv8.0 has no MDCR_EL2.HPMD, so every PMU access is trapped (TPM, TPMCR)
 * and the event filters are sanitised on their way to the hardware.
 *
 * Non-root cells get no self-hosted debug: their debug registers read as
 * zero and ignore writes (TDA, TDOSA, TDRA), and MDSCR_EL1 is zero, so the
 * breakpoints another cell left in the registers can never fire. The root
 * cell keeps its debug registers: with MDCR_EL2.TDE and HCR_EL2.TGE clear
 * the debug target is EL1, and breakpoint, watchpoint and step exceptions
 * are never generated at an EL above it (Arm ARM DDI 0487, D2 "The debug
 * target Exception level" and "Enabling debug exceptions").
 */
#include <hv/cell.h>
#include <hv/percpu.h>
#include <asm/pmu.h>
#include <asm/sysregs.h>

/* ID_AA64DFR0_EL1.PMUVer */
#define DFR0_PMUVER(v) (((v) >> 8) & 0xf)
#define PMUVER_V3      1
#define PMUVER_IMPDEF  0xf

/* PMCR_EL0 */
#define PMCR_P BIT(1)
#define PMCR_C BIT(2)

/*
 * Event type filters (PMEVTYPER<n>_EL0, PMCCFILTR_EL0): P excludes EL1,
 * NSH includes EL2, SH Secure EL2 when it differs from NSH, M EL3 when it
 * equals P, MT the events of other threads of the core.
 */
#define EVTYPER_P   BIT(31)
#define EVTYPER_NSH BIT(27)
#define EVTYPER_M   BIT(26)
#define EVTYPER_MT  BIT(25)
#define EVTYPER_SH  BIT(24)

#define PMCCFILTR_IDX 31

/* PMU register encodings (op0 = 3), as traps.c packs them (sysregs.h). */
#define PMU_REG(op1, crn, crm, op2) SYSREG_ENC(3, op1, crn, crm, op2)
#define R_PMCR			    PMU_REG(3, 9, 12, 0)
#define R_PMCNTENSET		    PMU_REG(3, 9, 12, 1)
#define R_PMCNTENCLR		    PMU_REG(3, 9, 12, 2)
#define R_PMOVSCLR		    PMU_REG(3, 9, 12, 3)
#define R_PMSWINC		    PMU_REG(3, 9, 12, 4)
#define R_PMSELR		    PMU_REG(3, 9, 12, 5)
#define R_PMCEID0		    PMU_REG(3, 9, 12, 6)
#define R_PMCEID1		    PMU_REG(3, 9, 12, 7)
#define R_PMCCNTR		    PMU_REG(3, 9, 13, 0)
#define R_PMXEVTYPER		    PMU_REG(3, 9, 13, 1)
#define R_PMXEVCNTR		    PMU_REG(3, 9, 13, 2)
#define R_PMUSERENR		    PMU_REG(3, 9, 14, 0)
#define R_PMOVSSET		    PMU_REG(3, 9, 14, 3)
#define R_PMINTENSET		    PMU_REG(0, 9, 14, 1)
#define R_PMINTENCLR		    PMU_REG(0, 9, 14, 2)
#define R_PMMIR			    PMU_REG(0, 9, 14, 6)
/* PMEVCNTR<n>_EL0: CRn 14, CRm 8-11; PMEVTYPER<n>_EL0: CRm 12-15. */
#define R_PMEV_MASK		    PMU_REG(7, 0xf, 0x8, 0)
#define R_PMEV			    PMU_REG(3, 14, 8, 0)

unsigned int pmu_version(void)
{
	unsigned int v = DFR0_PMUVER(read_sysreg(id_aa64dfr0_el1));

	return v == PMUVER_IMPDEF ? 0 : v;
}

static bool have_pmu(void)
{
	return pmu_version() >= PMUVER_V3;
}

/* An event filter that counts at EL0/EL1 only, whatever the cell asked. */
static u64 sanitise_filter(u64 val)
{
	val &= ~(EVTYPER_NSH | EVTYPER_SH | EVTYPER_MT | EVTYPER_M);
	/* M != P: never EL3. */
	if (!(val & EVTYPER_P))
		val |= EVTYPER_M;
	return val;
}

static void select_counter(u64 idx)
{
	write_sysreg(idx, pmselr_el0);
	isb();
}

/* A counter index a cell may name: one that exists, or the cycle filter. */
static bool counter_exists(u64 idx, bool type)
{
	return idx < PMCR_N(read_sysreg(pmcr_el0)) ||
	       (type && idx == PMCCFILTR_IDX);
}

/*
 * PMEVTYPER<n>/PMEVCNTR<n> by index through the selector, which is the
 * cell's own register and is put back. An index that names no counter
 * reads as zero and ignores writes: the access at EL2 would be UNDEFINED.
 */
static void pmev_access(u64 idx, bool type, u64 *val, bool read)
{
	u64 sel;

	if (!counter_exists(idx, type)) {
		if (read)
			*val = 0;
		return;
	}
	sel = read_sysreg(pmselr_el0);
	select_counter(idx);
	if (type && read)
		*val = read_sysreg(pmxevtyper_el0);
	else if (type)
		write_sysreg(sanitise_filter(*val), pmxevtyper_el0);
	else if (read)
		*val = read_sysreg(pmxevcntr_el0);
	else
		write_sysreg(*val, pmxevcntr_el0);
	select_counter(sel);
}

#define ACCESS(reg)                              \
	do {                                     \
		if (read)                        \
			*val = read_sysreg(reg); \
		else                             \
			write_sysreg(*val, reg); \
	} while (0)

bool pmu_is_register(u32 reg)
{
	if ((reg & R_PMEV_MASK) == R_PMEV)
		return true;
	switch (reg) {
	case R_PMCR:
	case R_PMCNTENSET:
	case R_PMCNTENCLR:
	case R_PMOVSCLR:
	case R_PMSWINC:
	case R_PMSELR:
	case R_PMCEID0:
	case R_PMCEID1:
	case R_PMCCNTR:
	case R_PMXEVTYPER:
	case R_PMXEVCNTR:
	case R_PMUSERENR:
	case R_PMOVSSET:
	case R_PMINTENSET:
	case R_PMINTENCLR:
	case R_PMMIR:
		return true;
	default:
		return false;
	}
}

/*
 * A trapped PMU access (MDCR_EL2.TPM), done at EL2 on the cell's behalf.
 * Counters that do not exist read as zero and ignore writes, as does
 * PMMIR_EL1 (no cell needs the implementation's slot count).
 */
void pmu_handle_access(u32 reg, u64 *val, bool read)
{
	/* PMEVCNTR<n> at CRm 8-11, PMEVTYPER<n> at CRm 12-15: n = CRm[1:0]:op2. */
	if ((reg & R_PMEV_MASK) == R_PMEV) {
		pmev_access(((SYSREG_CRM(reg) & 3) << 3) | SYSREG_OP2(reg),
			    SYSREG_CRM(reg) >= 12, val, read);
		return;
	}
	switch (reg) {
	case R_PMCR:
		ACCESS(pmcr_el0);
		break;
	case R_PMCNTENSET:
		ACCESS(pmcntenset_el0);
		break;
	case R_PMCNTENCLR:
		ACCESS(pmcntenclr_el0);
		break;
	case R_PMOVSCLR:
		ACCESS(pmovsclr_el0);
		break;
	case R_PMSELR:
		ACCESS(pmselr_el0);
		break;
	/* Write-only and read-only: the other direction is UNDEFINED. */
	case R_PMSWINC:
		if (!read)
			write_sysreg(*val, pmswinc_el0);
		break;
	case R_PMCEID0:
		if (read)
			*val = read_sysreg(pmceid0_el0);
		break;
	case R_PMCEID1:
		if (read)
			*val = read_sysreg(pmceid1_el0);
		break;
	case R_PMCCNTR:
		ACCESS(pmccntr_el0);
		break;
	case R_PMXEVCNTR:
	case R_PMXEVTYPER:
		/* The selector may name no counter: never do that at EL2. */
		pmev_access(read_sysreg(pmselr_el0) & 0x1f, reg == R_PMXEVTYPER,
			    val, read);
		break;
	case R_PMUSERENR:
		ACCESS(pmuserenr_el0);
		break;
	case R_PMOVSSET:
		ACCESS(pmovsset_el0);
		break;
	case R_PMINTENSET:
		ACCESS(pmintenset_el1);
		break;
	case R_PMINTENCLR:
		ACCESS(pmintenclr_el1);
		break;
	default: /* PMMIR_EL1 */
		if (read)
			*val = 0;
		break;
	}
}

/*
 * A CPU starting a cell gets a PMU at rest, as after a reset: no counter
 * enabled, counting, overflowed or interrupting (the PMU's PPI would
 * otherwise fire into the next cell), filters and counts zero, EL0 access
 * off. The last occupant's breakpoints cannot fire: MDSCR_EL1 is zero.
 */
void pmu_debug_reset(void)
{
	unsigned int n, i;

	write_sysreg(0, mdscr_el1);
	if (!have_pmu())
		return;
	n = PMCR_N(read_sysreg(pmcr_el0));
	write_sysreg(PMCR_P | PMCR_C, pmcr_el0); /* E = 0 */
	write_sysreg(~0UL, pmcntenclr_el0);
	write_sysreg(~0UL, pmintenclr_el1);
	write_sysreg(~0UL, pmovsclr_el0);
	write_sysreg(0, pmuserenr_el0);
	for (i = 0; i < n; i++) {
		select_counter(i);
		write_sysreg(sanitise_filter(0), pmxevtyper_el0);
		write_sysreg(0, pmxevcntr_el0);
	}
	write_sysreg(sanitise_filter(0), pmccfiltr_el0);
	select_counter(0);
	isb();
}
