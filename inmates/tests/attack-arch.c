// SPDX-License-Identifier: GPL-2.0
/*
 * Attacks of the attack inmate on the architecture's own surface
 * (Documentation/attack-surface.md): the LPI controls of its own
 * redistributor, an SPI left active, counting the hypervisor with the
 * PMU, the debug registers and the IMPLEMENTATION DEFINED registers, and
 * a flood of the hypervisor's log.
 * Modes as in attack.c: checked ones power the cell off when every
 * answer was right, hold-outs wait for the root cell to stop them.
 */
#include <inmate.h>
#include <bulkhead/hypercall.h>
#include "attack.h"

/* RD_base registers (GICv3 spec 12.10). */
#define GICR_CTLR	      0x0000
#define GICR_TYPER	      0x0008
#define GICR_WAKER	      0x0014
#define GICR_SETLPIR	      0x0040
#define GICR_PROPBASER	      0x0070
#define GICR_PENDBASER	      0x0078
#define GICR_SYNCR	      0x00c0
#define GICR_TYPER_PLPIS      (1ULL << 0)
#define GICR_CTLR_ENABLE_LPIS (1U << 0)
#define GICR_WAKER_SLEEP      (1U << 1)
#define GICR_WAKER_ASLEEP     (1U << 2)

#define GICD_ISACTIVER 0x0300
#define OWN_SPI	       40 /* UART1, this cell's */

/*
 * LPI tables in the cell's own RAM (slot A: IPA 0x4000_0000 is physical
 * 0x7b80_0000, configs/cells/qemu-virt.h), 8 MiB in, past the image: the
 * GIC takes physical addresses. LPI 8192 gets priority 0, enabled.
 */
#define CELL_RAM_IPA   0x40000000UL
#define CELL_RAM_PA    0x7b800000UL
#define LPI_TABLES_IPA (CELL_RAM_IPA + 0x800000UL)
#define LPI_PROP_PA    (CELL_RAM_PA + 0x800000UL)
#define LPI_PEND_PA    (LPI_PROP_PA + 0x10000UL)
#define LPI_ID_BITS    14
#define LPI_FIRST      8192

/* PMU (Arm ARM D13): PMCR_EL0 and the event filter bits. */
#define PMCR_E		 (1UL << 0)
#define PMCR_P		 (1UL << 1)
#define PMCR_C		 (1UL << 2)
#define FILTER_P	 (1UL << 31)
#define FILTER_U	 (1UL << 30)
#define FILTER_NSK	 (1UL << 29)
#define FILTER_NSU	 (1UL << 28)
#define FILTER_NSH	 (1UL << 27)
#define EVENT_CPU_CYCLES 0x11
#define COUNTER_CYCLES	 (1UL << 31)
#define PMSEL_ABSENT	 30 /* no counter on QEMU (N = 6) or most cores */

#define PSCI_CPU_ON_64 0xc4000003U

#define MDSCR_KDE (1UL << 13)
#define MDSCR_MDE (1UL << 15)

/*
 * Its own redistributor's LPI controls: with LPIs the GIC reads and
 * writes the tables wherever PROPBASER/PENDBASER point, and a priority-0
 * LPI held without EOI would keep the management SGI out. None of it may
 * take effect; the wake state is the cell's own, virtual.
 */
static void do_gicr_lpi(void)
{
	volatile uint8_t *prop = (volatile uint8_t *)LPI_TABLES_IPA;
	uintptr_t rd;

	gic_init();
	rd = gic_redist_base();
	expect("own TYPER.PLPIS",
	       mmio_read64(rd + GICR_TYPER) & GICR_TYPER_PLPIS, 0);
	expect("CPU 0's TYPER.PLPIS",
	       mmio_read64(gicr_of(0) + GICR_TYPER) & GICR_TYPER_PLPIS, 0);
	memset((void *)prop, 0, 0x20000);
	prop[0] = 0x00 | 1; /* LPI 8192: priority 0, enabled */
	dcache_clean_range((const void *)prop, 0x20000);
	mmio_write64(rd + GICR_PROPBASER, LPI_PROP_PA | (LPI_ID_BITS - 1));
	mmio_write64(rd + GICR_PENDBASER, LPI_PEND_PA);
	mmio_write32(rd + GICR_CTLR, GICR_CTLR_ENABLE_LPIS);
	expect("PROPBASER reads 0", mmio_read64(rd + GICR_PROPBASER), 0);
	expect("PENDBASER reads 0", mmio_read64(rd + GICR_PENDBASER), 0);
	expect("EnableLPIs reads 0",
	       mmio_read32(rd + GICR_CTLR) & GICR_CTLR_ENABLE_LPIS, 0);
	mmio_write64(rd + GICR_SETLPIR, LPI_FIRST);
	expect("SYNCR not busy", mmio_read32(rd + GICR_SYNCR), 0);
	mmio_write32(rd + GICR_WAKER, GICR_WAKER_SLEEP);
	expect("WAKER asleep", mmio_read32(rd + GICR_WAKER),
	       GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP);
	mmio_write32(rd + GICR_WAKER, 0);
	expect("WAKER awake", mmio_read32(rd + GICR_WAKER), 0);
	/* Asleep again for the hold-out: the management SGI must still come. */
	mmio_write32(rd + GICR_WAKER, GICR_WAKER_SLEEP);
}

static void busy(unsigned int n)
{
	volatile unsigned int i;

	for (i = 0; i < n; i++)
		;
}

/* Counts what the filter lets count while it traps to EL2 `n` times. */
static void count_hypercalls(uint64_t filter, unsigned int n, uint64_t *cycles,
			     uint64_t *events)
{
	unsigned int i;

	write_sysreg(PMCR_P | PMCR_C, pmcr_el0);
	write_sysreg(filter, pmccfiltr_el0);
	write_sysreg(filter | EVENT_CPU_CYCLES, pmevtyper0_el0);
	write_sysreg(COUNTER_CYCLES | 1, pmcntenset_el0);
	write_sysreg(PMCR_E, pmcr_el0);
	isb();
	for (i = 0; i < n; i++)
		hvc(BH_HC_CELL_GET_STATE, 0, 0);
	busy(n * 10);
	write_sysreg(0, pmcr_el0);
	isb();
	*cycles = read_sysreg(pmccntr_el0);
	*events = read_sysreg(pmevcntr0_el0);
}

/*
 * Counting the hypervisor: filters asking for EL2 only (NSH) count
 * nothing, whether the cycle counter or an event counter; filters for its
 * own EL1 and EL0 still count.
 */
static void do_pmu_el2(void)
{
	uint64_t el2_only =
		FILTER_P | FILTER_U | FILTER_NSK | FILTER_NSU | FILTER_NSH;
	uint64_t cycles, events;

	count_hypercalls(el2_only, 500, &cycles, &events);
	expect("PMCCFILTR.NSH reads 0", read_sysreg(pmccfiltr_el0) & FILTER_NSH,
	       0);
	expect("EL2 cycles (PMCCNTR)", cycles, 0);
	expect("EL2 CPU_CYCLES events", events, 0);
	count_hypercalls(0, 500, &cycles, &events);
	expect_true("EL0/EL1 cycles count", cycles > 0, cycles);
	expect_true("EL0/EL1 CPU_CYCLES events count", events > 0, events);
	/*
	 * The selector naming no event counter (31, the cycle counter's
	 * filter, or one past the last): the hypervisor must not do the
	 * access itself, where it would be UNDEFINED.
	 */
	write_sysreg(31, pmselr_el0);
	isb();
	expect("PMXEVCNTR_EL0 with PMSELR 31", read_sysreg(pmxevcntr_el0), 0);
	write_sysreg(PMSEL_ABSENT, pmselr_el0);
	isb();
	write_sysreg(~0UL, pmxevcntr_el0);
	write_sysreg(~0UL, pmxevtyper_el0);
	expect("PMXEVCNTR_EL0 past the last counter",
	       read_sysreg(pmxevcntr_el0), 0);
	expect("PMXEVTYPER_EL0 past the last counter",
	       read_sysreg(pmxevtyper_el0), 0);
	write_sysreg(0, pmselr_el0);
}

/* No self-hosted debug in a cell: the registers read 0, writes vanish. */
static void do_debug_regs(void)
{
	write_sysreg(CELL_RAM_IPA + 0x1000, dbgbvr0_el1);
	write_sysreg(0x1e7, dbgbcr0_el1); /* enabled, EL1 and EL0 */
	write_sysreg(CELL_RAM_IPA + 0x2000, dbgwvr0_el1);
	write_sysreg(0x1ff, dbgwcr0_el1);
	write_sysreg(MDSCR_MDE | MDSCR_KDE, mdscr_el1);
	isb();
	expect("DBGBVR0_EL1", read_sysreg(dbgbvr0_el1), 0);
	expect("DBGBCR0_EL1", read_sysreg(dbgbcr0_el1), 0);
	expect("DBGWVR0_EL1", read_sysreg(dbgwvr0_el1), 0);
	expect("DBGWCR0_EL1", read_sysreg(dbgwcr0_el1), 0);
	expect("MDSCR_EL1", read_sysreg(mdscr_el1), 0);
	write_sysreg(1, oslar_el1); /* lock the OS lock */
	isb();
	expect("OSLSR_EL1", read_sysreg(oslsr_el1), 0);
	expect("MDRAR_EL1", read_sysreg(mdrar_el1), 0); /* TDRA */
}

/*
 * IMPLEMENTATION DEFINED registers: on a Cortex-A57 L2CTLR_EL1 (which QEMU
 * fills with the CPU count), CPUACTLR_EL1, CPUECTLR_EL1 (SMPEN) and
 * CBAR_EL1 (the GIC's base) read as zero and ignore writes, as ACTLR_EL1.
 */
static void do_impdef(void)
{
	expect("ACTLR_EL1", read_sysreg(actlr_el1), 0);
	write_sysreg(~0UL, actlr_el1);
	expect("ACTLR_EL1 after write", read_sysreg(actlr_el1), 0);
	expect("L2CTLR_EL1", read_sysreg(s3_1_c11_c0_2), 0);
	expect("CPUACTLR_EL1", read_sysreg(s3_1_c15_c2_0), 0);
	write_sysreg(0, s3_1_c15_c2_1); /* CPUECTLR_EL1.SMPEN off */
	expect("CPUECTLR_EL1", read_sysreg(s3_1_c15_c2_1), 0);
	expect("CBAR_EL1", read_sysreg(s3_1_c15_c3_0), 0);
}

/*
 * EL1 and EL0 state a CPU carries from one occupant to the next unless the
 * hypervisor resets it (control.c, reset_el1_state; pmu.c): regs-fill
 * writes a pattern into each, regs-clean, on the same CPU after a
 * restart or a round through Linux, finds it gone. The inmate library
 * sets none of these itself (it sets MAIR_EL1; AFSRn_EL1 and AMAIR_EL1
 * hold nothing on a Cortex-A57).
 */
#define FILL 0x5a5a5a5a5a5a5000UL
/* One register a line: clang-format keeps that layout stable. */
#define FILL_REGS(X)      \
	X(tpidr_el0)      \
	X(tpidrro_el0)    \
	X(contextidr_el1) \
	X(far_el1)        \
	X(par_el1)        \
	X(cntv_cval_el0)  \
	X(cntp_cval_el0)  \
	X(sp_el0)         \
	X(pmuserenr_el0)  \
	X(pmselr_el0)

static uint64_t fill_value(const char *name)
{
	uint64_t v = FILL;

	while (*name)
		v = v * 31 + (uint8_t)*name++;
	return v;
}

static void do_regs_fill(void)
{
	uint64_t v;

#define FILL_ONE(reg)                        \
	write_sysreg(fill_value(#reg), reg); \
	isb();                               \
	v = read_sysreg(reg);                \
	expect_true(#reg " holds a pattern", v != 0, v);
	FILL_REGS(FILL_ONE)
#undef FILL_ONE
	write_sysreg(read_sysreg(cpacr_el1) | (3UL << 20), cpacr_el1);
	isb();
	asm volatile("fmov d0, %0\n\tfmov d31, %0\n\tmsr fpcr, %1"
		     :
		     : "r"(FILL), "r"(3UL << 22)
		     : "memory");
}

static void do_regs_clean(void)
{
	uint64_t d0, d31, fpcr;

#define CLEAN_ONE(reg) expect(#reg, read_sysreg(reg), 0);
	FILL_REGS(CLEAN_ONE)
#undef CLEAN_ONE
	write_sysreg(read_sysreg(cpacr_el1) | (3UL << 20), cpacr_el1);
	isb();
	asm volatile("fmov %0, d0\n\tfmov %1, d31\n\tmrs %2, fpcr"
		     : "=r"(d0), "=r"(d31), "=r"(fpcr));
	expect("d0", d0, 0);
	expect("d31", d31, 0);
	expect("FPCR", fpcr, 0);
}

/*
 * Reserved, Secure-only, message-based, extended-range and IMPLEMENTATION
 * DEFINED offsets of the distributor and of its own redistributor, and
 * the frame of a CPU that does not exist: all read as zero, and writes of
 * all ones change nothing (GICv3 spec 12.8/12.10 register maps). A
 * message-based SPI set (GICD_SETSPI_NSR) of the root's UART interrupt
 * would make it pending, an SGI set pending (GICD_SPENDSGIR) would reach
 * the root's CPUs.
 */
static const uint16_t gicd_raz_offsets[] = {
	0x0010, 0x0020, 0x0024, 0x0028, 0x002c, 0x0030, 0x0034, 0x0038,
	0x003c, 0x0040, 0x0048, 0x0050, 0x0058, 0x0e00, 0x0e08, 0x0f10,
	0x0f20, 0x0f80, 0x1000, 0x1200, 0x2000, 0x8000, 0xc000,
};
static const uint32_t gicr_raz_offsets[] = {
	0x00010, 0x00018, 0x0001c, 0x000a0, 0x000b0, 0x000c0, 0x00100,
	0x10e00, 0x10f80, 0x10084, 0x10104, 0x12000, 0x1fffc,
};

static void do_gic_reserved(void)
{
	uintptr_t d = gic_dist_base(), rd;
	unsigned int i;

	gic_init();
	rd = gic_redist_base();
	for (i = 0; i < ARRAY_SIZE(gicd_raz_offsets); i++) {
		uintptr_t a = d + gicd_raz_offsets[i];

		mmio_write32(a, gicd_raz_offsets[i] == 0x0040 ? 33 : ~0U);
		expect("GICD reserved/Secure/message register reads 0",
		       mmio_read32(a), 0);
	}
	for (i = 0; i < ARRAY_SIZE(gicr_raz_offsets); i++) {
		uintptr_t a = rd + gicr_raz_offsets[i];

		mmio_write32(a, ~0U);
		expect("own GICR reserved register reads 0", mmio_read32(a), 0);
	}
	/* QEMU's virt has 4 redistributors: frame 7 is nobody's. */
	expect("absent CPU's GICR_TYPER", mmio_read64(gicr_of(7) + 0x0008), 0);
}

/*
 * Maintenance a cell may do natively (not trapped: HCR_EL2.TPCP, TPU,
 * TTLB, TDZ clear), each many times over: by VA on its own memory, to the
 * point of coherency and of unification, DC ZVA, instruction cache and
 * TLB invalidation of all of its own (VMID-scoped) translations, address
 * translation. DC IVAC with stage 2 on is a clean and invalidate (Arm ARM
 * D7.5), so its own data written before it survives; the root's checksum
 * and the bystander (attack_end) show nobody else lost anything.
 */
static void do_native_ops(void)
{
	static volatile uint64_t buf[512] __attribute__((aligned(4096)));
	uint64_t par, i;
	unsigned int round;

	for (i = 0; i < ARRAY_SIZE(buf); i++)
		buf[i] = FILL + i;
	for (round = 0; round < 2000; round++) {
		asm volatile("dc ivac, %0\n\tdc civac, %0\n\tdc cvac, %0\n\t"
			     "dc cvau, %0\n\tic ivau, %0\n\tic iallu\n\t"
			     "ic ialluis\n\ttlbi vmalle1is\n\t"
			     "tlbi vae1is, %1\n\ttlbi vmalle1\n\t"
			     "dsb ish\n\tisb"
			     :
			     : "r"(&buf[round % ARRAY_SIZE(buf)]),
			       "r"((uintptr_t)buf >> 12)
			     : "memory");
	}
	for (i = 0; i < ARRAY_SIZE(buf); i++)
		if (buf[i] != FILL + i)
			break;
	expect("its data after DC IVAC", i, ARRAY_SIZE(buf));
	asm volatile("dc zva, %0\n\tdsb ish" : : "r"(&buf[0]) : "memory");
	expect("DC ZVA zeroed its own block", buf[0], 0);
	asm volatile("at s1e1r, %0\n\tisb" : : "r"(&buf[0]));
	par = read_sysreg(par_el1);
	expect("AT S1E1R of its own page", par & 1, 0); /* PAR.F */
}

static bool have_sme(void)
{
	return (read_sysreg(id_aa64pfr1_el1) >> 24) & 0xf;
}

/*
 * Pointer authentication keys as the CPU came: zero, not the keys of the
 * Linux task that ran on it last (a key is the secret of every signed
 * pointer of that task).
 */
static void do_keys(void)
{
	bool pauth = read_sysreg(id_aa64isar1_el1) & 0xff000ff0UL;

	expect("pointer authentication implemented", pauth, 1);
	if (!pauth)
		return;
	expect("APIAKeyLo_EL1", read_sysreg(s3_0_c2_c1_0), 0);
	expect("APIAKeyHi_EL1", read_sysreg(s3_0_c2_c1_1), 0);
	expect("APIBKeyLo_EL1", read_sysreg(s3_0_c2_c1_2), 0);
	expect("APDAKeyLo_EL1", read_sysreg(s3_0_c2_c2_0), 0);
	expect("APGAKeyLo_EL1", read_sysreg(s3_0_c2_c3_0), 0);
}

bool arch_checked(const char *m)
{
	if (!strcmp(m, "pmu-el2"))
		do_pmu_el2();
	else if (!strcmp(m, "debug-regs"))
		do_debug_regs();
	else if (!strcmp(m, "impdef"))
		do_impdef();
	else if (!strcmp(m, "keys"))
		do_keys();
	else if (!strcmp(m, "gic-reserved"))
		do_gic_reserved();
	else if (!strcmp(m, "native-ops"))
		do_native_ops();
	else if (!strcmp(m, "regs-fill"))
		do_regs_fill();
	else if (!strcmp(m, "regs-clean"))
		do_regs_clean();
	else
		return false;
	return true;
}

void arch_hold_out(const char *m)
{
	if (!strcmp(m, "sme-reset")) {
		/*
		 * Streaming mode on (SME), then PSCI SYSTEM_RESET, for ever:
		 * the hypervisor clears the FP/SIMD registers of a restarting
		 * CPU, which must not trap in streaming mode (without
		 * FEAT_SME_FA64). Each start reports the mode it found.
		 */
		if (!have_sme()) {
			printk("attack: sme-reset: no SME\n");
			return;
		}
		/* CPACR_EL1.SMEN and FPEN: no traps to EL1 (SVCR included). */
		write_sysreg(read_sysreg(cpacr_el1) | (3UL << 24) | (3UL << 20),
			     cpacr_el1);
		isb();
		printk("attack: sme-reset: SVCR 0x%llx at start\n",
		       (unsigned long long)read_sysreg(s3_3_c4_c2_2));
		asm volatile(".arch_extension sme\n\tsmstart\n" : : : "memory");
		printk("attack: sme-reset: SVCR 0x%llx, resetting\n",
		       (unsigned long long)read_sysreg(s3_3_c4_c2_2));
		psci_system_reset();
	}
	if (!strcmp(m, "log-flood")) {
		/*
		 * Warnings provoked without pause (CPU_ON of the root cell's
		 * CPU 0, denied), and lines on the hypervisor's console that
		 * look like the hypervisor's own.
		 */
		for (;;) {
			smc_call(PSCI_CPU_ON_64, 0, CELL_RAM_IPA, 0);
			printk("bulkhead-hv: error: cell rt-control failed: stopped\n");
		}
	}
	if (!strcmp(m, "gicr-lpi")) {
		do_gicr_lpi();
		printk("attack: gicr-lpi: %u checks, %u mismatches\n", checks,
		       mismatches);
		spin_masked();
	}
	if (!strcmp(m, "ack-hold")) {
		/*
		 * An SGI to itself acknowledged and never ended: its priority
		 * stays active in the CPU's virtual interface.
		 */
		uint64_t intid;

		gic_init();
		irq_disable();
		gic_enable_irq(8);
		gic_send_sgi(cpu_mpidr(), 8);
		isb();
		busy(1000);
		intid = read_sysreg(s3_0_c12_c12_0) &
			0xffffff; /* ICC_IAR1_EL1 */
		expect("SGI 8 acknowledged", intid, 8);
		printk("attack: ack-hold: %u checks, %u mismatches\n", checks,
		       mismatches);
		spin_masked();
	}
	if (!strcmp(m, "spi-active")) {
		/* Its own SPI active, never deactivated: then it is stopped. */
		gic_init();
		mmio_write32(gic_dist_base() + GICD_ISACTIVER +
				     OWN_SPI / 32 * 4,
			     1U << (OWN_SPI % 32));
		expect("own SPI active",
		       mmio_read32(gic_dist_base() + GICD_ISACTIVER +
				   OWN_SPI / 32 * 4) >>
				       (OWN_SPI % 32) &
			       1,
		       1);
		printk("attack: spi-active: %u checks, %u mismatches\n", checks,
		       mismatches);
		spin_masked();
	}
}
