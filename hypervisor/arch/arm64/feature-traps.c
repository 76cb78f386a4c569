// SPDX-License-Identifier: GPL-2.0
/*
 * What a cell gets of a CPU: the HCR_EL2, MDCR_EL2 and CPTR_EL2 values it
 * runs with, chosen here from the CPU's ID registers rather than
 * inherited from Linux's stub. The registers trapped here are
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
#include <asm/feature-traps.h>
#include <asm/pmu.h>
#include <asm/sysregs.h>

/* MDCR_EL2 (DDI 0487 D24.3.17) */
#define MDCR_TPMCR     BIT(5)
#define MDCR_TPM       BIT(6)
#define MDCR_TDA       BIT(9)
#define MDCR_TDOSA     BIT(10)
#define MDCR_TDRA      BIT(11)
#define MDCR_E2PB_MASK (3UL << 12)
#define MDCR_TPMS      BIT(14)
#define MDCR_HPMD      BIT(17)
#define MDCR_TTRF      BIT(19)
#define MDCR_HCCD      BIT(23)
#define MDCR_E2TB_MASK (3UL << 24)

/* CPTR_EL2 without VHE (D24.2.38) */
#define CPTR_TTA BIT(20)
#define CPTR_TAM BIT(30)

#define PMUVER_V3P1 4
#define PMUVER_V3P5 6

/* A 4-bit ID register field: 0 means not implemented. */
#define ID_FIELD(reg, shift) (((reg) >> (shift)) & 0xf)
#define DFR0_PMSVER	     32
#define DFR0_TRACEFILT	     40
#define DFR0_TRACEBUFFER     44
#define PFR0_AMU	     44

/*
 * Keeps the bits Linux's stub set (RW, and API/APK/ATA on CPUs with
 * pointer authentication or MTE), and adds stage 2 and the traps we need:
 * interrupts (IMO/FMO, which also trap SGI generation), SMC for PSCI,
 * cache maintenance by set/way (TSW, see traps.c), barrier upgrades to
 * inner shareable so a cell's maintenance reaches all of its CPUs,
 * SErrors (AMO: a cell's asynchronous abort is the cell's, traps.c), and
 * the IMPLEMENTATION DEFINED registers (TIDCP: op0=3, CRn=11/15; TACR:
 * ACTLR_EL1), which on real cores switch off coherency or errata
 * workarounds for the whole core (traps.c).
 */
u64 arch_cell_hcr(const struct cell *cell, u64 stub_hcr)
{
	u64 hcr = stub_hcr | HCR_VM | HCR_RW | HCR_TSC | HCR_TSW | HCR_FB |
		  HCR_BSU_IS | HCR_IMO | HCR_FMO | HCR_AMO | HCR_TIDCP |
		  HCR_TACR;

	/*
	 * RAS error records (ERR*): they may belong to nodes the whole
	 * machine shares; no cell reads or clears them (traps.c). Linux
	 * leaves them to firmware.
	 */
	if ((read_sysreg(id_aa64pfr0_el1) >> 28) & 0xf)
		hcr |= HCR_TERR;
	/*
	 * Allocation tags (MTE) stay in memory that plain stores scrub, so
	 * a non-root cell gets no tag access: its tag loads read 0, its tag
	 * stores store nothing, nothing is tag checked, and the tag control
	 * registers trap (RAZ/WI, traps.c).
	 */
	if (cell != &root_cell)
		hcr &= ~HCR_ATA;
	return hcr;
}

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
