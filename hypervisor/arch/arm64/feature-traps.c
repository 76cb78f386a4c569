// SPDX-License-Identifier: GPL-2.0
/*
 * What a cell gets of the optional parts of a CPU: the MDCR_EL2 and
 * CPTR_EL2 values it runs with, chosen here from the CPU's ID registers
 * rather than inherited from Linux's stub. The registers trapped here are
 * emulated in traps.c (RAZ/WI) and pmu.c; the bits of each are listed in
 * Documentation/attack-surface.md.
 *
 * - PMU: every cell, the root included, may count, but never at EL2 or
 *   EL3 (pmu.c), so all PMU accesses trap (TPM, TPMCR) and all counters
 *   are the cell's (HPMN = N); HPMD and HCCD stop EL2 counting on CPUs
 *   that have them.
 * - Non-root cells get no self-hosted debug (TDA, TDOSA, TDRA), no trace
 *   unit or trace filter (CPTR_EL2.TTA, MDCR_EL2.TTRF), no statistical
 *   profiling (TPMS, E2PB = 0: the profiling buffer would go on writing to
 *   memory after the cell is gone) or trace buffer (E2TB = 0), and no
 *   activity monitors (CPTR_EL2.TAM: they count EL2 and EL3 too, and are
 *   the root's frequency invariance). The root cell keeps them as Linux
 *   set them up.
 */
#include <hv/cell.h>
#include <asm/pmu.h>
#include <asm/sysregs.h>

/* MDCR_EL2 (DDI 0487 D24.3.17) */
#define MDCR_TPMCR		BIT(5)
#define MDCR_TPM		BIT(6)
#define MDCR_TDA		BIT(9)
#define MDCR_TDOSA		BIT(10)
#define MDCR_TDRA		BIT(11)
#define MDCR_E2PB_MASK		(3UL << 12)
#define MDCR_TPMS		BIT(14)
#define MDCR_HPMD		BIT(17)
#define MDCR_TTRF		BIT(19)
#define MDCR_HCCD		BIT(23)
#define MDCR_E2TB_MASK		(3UL << 24)

/* CPTR_EL2 without VHE (D24.2.38) */
#define CPTR_TTA		BIT(20)
#define CPTR_TAM		BIT(30)

#define PMUVER_V3P1		4
#define PMUVER_V3P5		6

/* A 4-bit ID register field: 0 means not implemented. */
#define ID_FIELD(reg, shift)	(((reg) >> (shift)) & 0xf)
#define DFR0_PMSVER		32
#define DFR0_TRACEFILT		40
#define DFR0_TRACEBUFFER	44
#define PFR0_AMU		44

u64 arch_cell_mdcr(const struct cell *cell, u64 stub_mdcr)
{
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1);
	unsigned int v = pmu_version();
	/* The buffer owners stay as Linux chose them, for the root cell. */
	u64 mdcr = stub_mdcr & (MDCR_E2PB_MASK | MDCR_E2TB_MASK);

	if (v) {
		mdcr |= PMCR_N(read_sysreg(pmcr_el0)) | MDCR_TPM | MDCR_TPMCR;
		if (v >= PMUVER_V3P1)
			mdcr |= MDCR_HPMD;
		if (v >= PMUVER_V3P5)
			mdcr |= MDCR_HCCD;
	}
	if (cell == &root_cell)
		return mdcr;
	mdcr |= MDCR_TDA | MDCR_TDOSA | MDCR_TDRA;
	if (ID_FIELD(dfr0, DFR0_PMSVER))
		mdcr = (mdcr & ~MDCR_E2PB_MASK) | MDCR_TPMS;
	if (ID_FIELD(dfr0, DFR0_TRACEBUFFER))
		mdcr &= ~MDCR_E2TB_MASK;
	if (ID_FIELD(dfr0, DFR0_TRACEFILT))
		mdcr |= MDCR_TTRF;
	return mdcr;
}

u64 arch_cell_cptr(const struct cell *cell, u64 stub_cptr)
{
	u64 cptr = stub_cptr;

	if (cell == &root_cell)
		return cptr;
	cptr |= CPTR_TTA;
	if (ID_FIELD(read_sysreg(id_aa64pfr0_el1), PFR0_AMU))
		cptr |= CPTR_TAM;
	return cptr;
}
