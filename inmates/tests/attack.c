// SPDX-License-Identifier: GPL-2.0
/*
 * attack: one attack on the isolation of a cell per run, for the isolation
 * suite (ci/tests/attack-*.sh; Documentation/isolation.md lists the
 * attacks and what must become of each). Runs in the "attack" cell (CPU 3,
 * slot A, UART1 console and UART1's interrupt), prints on UART1.
 *
 * Args: mode=NAME, and seed=N, rounds=N (hvc, smc, psci-hvc), sgi=N (storm-sgi,
 * sgi-leak). Prints "attack: doing NAME" first.
 *
 * - Faults (the cell must be stopped): "attack: survived NAME" shows that
 *   it was not.
 * - Checked calls and ignored accesses: the inmate checks every answer
 *   itself, prints "attack: NAME: MISMATCH ..." for each wrong one and
 *   "attack: NAME: C checks, M mismatches" at the end. With no mismatch it
 *   powers its cell off (PSCI SYSTEM_OFF): the root cell sees "shut down".
 *   With any, it idles answering shutdown requests: "running".
 * - Hold-outs (storms, masked spins): they never end; the root cell must
 *   still be able to stop the cell.
 */
#include <inmate.h>
#include <bulkhead/hypercall.h>
#include "attack.h"

INMATE_DEFAULT_ARGS("mode=none");

/* Addresses as the cell sees them (configs/cells/qemu-virt.h). */
#define ROOT_RAM	 0x48000000UL /* root RAM, not the cell's */
#define HV_MEM		 0x7f800000UL /* hypervisor memory */
#define CELL_B_RAM	 0x7ca00000UL /* rt-control's RAM (slot B) */
#define UART0_DR	 0x09000000UL /* root's console */
#define VIRTIO_MMIO	 0x0a000000UL /* not the cell's */
#define GICR_WAKER	 0x0014
#define GICR_WAKER_SLEEP (1U << 1)

#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IIDR	0x0008
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_ISACTIVER	0x0300
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR	0x0800
#define GICD_ICFGR	0x0c00
#define GICD_IGRPMODR	0x0d00
#define GICD_SGIR	0x0f00
#define GICD_IROUTER	0x6000
#define IROUTER_IRM	(1ULL << 31)

#define ROOT_SPI  33 /* UART0, the root cell's */
#define OWN_SPI	  40 /* UART1, this cell's */
#define SGI_MGMT  15
#define MAINT_PPI 25

#define UART_DR	  0x00
#define UART_IMSC 0x38
#define UART_ICR  0x44
#define UART_TXIM (1U << 5)

#define PSCI_CPU_SUSPEND       0x84000001U
#define PSCI_AFFINITY_INFO_64  0xc4000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_FEATURES	       0x8400000aU
#define PSCI_SMC64	       0x40000000U

#define HV_EPERM     (-1L)
#define HV_ENOENT    (-2L)
#define HV_EINVAL    (-22L)
#define HV_ENOSYS    (-38L)
#define HVC_STUB_ERR 0xbadca11L

/* A 1 GiB block of the level-1 table mapping IPA 0 as Normal memory. */
#define NORMAL_ALIAS_IDX 256UL
#define NORMAL_ALIAS	 (NORMAL_ALIAS_IDX << 30)

const char *mode;
unsigned int checks, mismatches;
static uint64_t rng;

static uint64_t random64(void)
{
	/* xorshift64: reproducible from the seed= arg. */
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

void expect(const char *what, long got, long want)
{
	checks++;
	if (got == want)
		return;
	mismatches++;
	printk("attack: %s: MISMATCH %s: got %ld (0x%lx), want %ld\n", mode,
	       what, got, (unsigned long)got, want);
}

void expect_true(const char *what, bool ok, long got)
{
	checks++;
	if (ok)
		return;
	mismatches++;
	printk("attack: %s: MISMATCH %s: got %ld (0x%lx)\n", mode, what, got,
	       (unsigned long)got);
}

long hvc(uint64_t code, uint64_t a1, uint64_t a2)
{
	register uint64_t x0 asm("x0") = code;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;

	asm volatile("hvc #" __stringify(BH_HVC_IMM)
		     : "+r"(x0)
		     : "r"(x1), "r"(x2)
		     : "memory");
	return (long)x0;
}

static uintptr_t gicd(void)
{
	return gic_dist_base();
}

unsigned int own_cpu(void)
{
	return cpu_mpidr() & 0xff;
}

/* Frame of a CPU's redistributor (QEMU: in CPU order, one per CPU). */
uintptr_t gicr_of(unsigned int cpu)
{
	return comm_region()->gicr_base + cpu * GICR_FRAME;
}

static void sgi(unsigned int intid, uint64_t targets)
{
	write_sysreg((uint64_t)intid << 24 | targets, icc_sgi1r_el1);
	isb();
}

/*
 * GICv2 (QEMU virt, gic-version=2): the distributor's target registers,
 * GICD_SGIR, and the GIC blocks no cell may map (the cell's GICC address
 * shows the virtual CPU interface; GICH and GICV are the hypervisor's).
 */
#define QEMU_GICH 0x08030000UL
#define QEMU_GICV 0x08040000UL
#define SGIR(filter, targets, intid) \
	((uint32_t)(filter) << 24 | (uint32_t)(targets) << 16 | (intid))

static bool gicv2_fault(const char *m, uintptr_t d)
{
	if (!strcmp(m, "gicv2-itargetsr-foreign-cpu"))
		mmio_write8(d + GICD_ITARGETSR + OWN_SPI, 1U << 0); /* CPU 0 */
	else if (!strcmp(m, "gicv2-sgir-foreign"))
		mmio_write32(d + GICD_SGIR, SGIR(0, 1U << 2, 1));
	else if (!strcmp(m, "gicv2-sgir-mgmt"))
		mmio_write32(d + GICD_SGIR, SGIR(2, 0, SGI_MGMT));
	else if (!strcmp(m, "gicv2-sgir-nonexistent"))
		mmio_write32(d + GICD_SGIR, SGIR(0, 1U << 7, 1));
	else if (!strcmp(m, "gicv2-sgir-reserved-filter"))
		mmio_write32(d + GICD_SGIR, SGIR(3, 0, 1));
	else if (!strcmp(m, "gicv2-gich-read"))
		printk("attack: read %x\n", mmio_read32(QEMU_GICH + 0x4));
	else if (!strcmp(m, "gicv2-gicv-read"))
		printk("attack: read %x\n", mmio_read32(QEMU_GICV));
	else
		return false;
	return true;
}

/* Maps IPA 0..1 GiB a second time, at NORMAL_ALIAS, as Normal memory. */
static void map_normal_alias(void)
{
	uint64_t *l1 =
		(uint64_t *)(uintptr_t)(read_sysreg(ttbr0_el1) & ~0xfffUL);

	/* Block, AttrIndx 1 (Normal WB, see lib/mmu.c), inner shareable, AF, XN. */
	l1[NORMAL_ALIAS_IDX] = 1 | 1 << 2 | 3 << 8 | 1 << 10 | 3ULL << 53;
	dsb(ishst);
	asm volatile("tlbi vmalle1" : : : "memory");
	dsb(nsh);
	isb();
}

/* --- EL1 exceptions: for instructions that must be UNDEFINED at EL1 --- */

/*
 * While probing, a synchronous exception from EL1 records ESR_EL1 and
 * skips the instruction; IRQs are masked meanwhile, so the other vectors
 * never run (they hang, which the test would notice).
 */
volatile uint64_t probe_esr;
extern char probe_vectors[];
asm(".pushsection .text\n"
    ".balign 2048\n"
    "probe_vectors:\n"
    ".rept 4\n.balign 128\n1: b 1b\n.endr\n"
    ".balign 128\n"
    "	stp	x0, x1, [sp, #-16]!\n"
    "	mrs	x0, esr_el1\n"
    "	adrp	x1, probe_esr\n"
    "	add	x1, x1, :lo12:probe_esr\n"
    "	str	x0, [x1]\n"
    "	mrs	x0, elr_el1\n"
    "	add	x0, x0, #4\n"
    "	msr	elr_el1, x0\n"
    "	ldp	x0, x1, [sp], #16\n"
    "	eret\n"
    ".rept 11\n.balign 128\n1: b 1b\n.endr\n"
    ".popsection");

#define ESR_EC_UNKNOWN	0
#define ESR_EC_DABT_CUR 0x25
#define ESR_FSC_SEA	0x10

/* Runs ASM with probe vectors; the exception class it raised, or -1. */
#define PROBE(asm_str, ...)                                                    \
	({                                                                     \
		uint64_t __vbar = read_sysreg(vbar_el1), __flags = irq_save(); \
		probe_esr = ~0ULL;                                             \
		write_sysreg((uintptr_t)probe_vectors, vbar_el1);              \
		isb();                                                         \
		asm volatile(asm_str : : __VA_ARGS__ : "memory");              \
		write_sysreg(__vbar, vbar_el1);                                \
		isb();                                                         \
		irq_restore(__flags);                                          \
		probe_esr == ~0ULL ? -1L : (long)(probe_esr >> 26);            \
	})

/* --- faults: each must stop the cell at its first access --- */

static bool fault(const char *m)
{
	uintptr_t d;

	gic_init();
	d = gicd();

	if (!strcmp(m, "root-ram-read"))
		printk("attack: read %x\n", mmio_read32(ROOT_RAM));
	else if (!strcmp(m, "root-ram-write"))
		mmio_write32(ROOT_RAM, 0xbad0bad0);
	else if (!strcmp(m, "hv-read"))
		printk("attack: read %x\n", mmio_read32(HV_MEM));
	else if (!strcmp(m, "hv-write"))
		mmio_write64(HV_MEM + 0x1000, 0);
	else if (!strcmp(m, "cell-b-read"))
		printk("attack: read %x\n", mmio_read32(CELL_B_RAM));
	else if (!strcmp(m, "cell-b-write"))
		mmio_write32(CELL_B_RAM, 0xbad0bad0);
	else if (!strcmp(m, "mmio-read"))
		printk("attack: read %x\n", mmio_read32(VIRTIO_MMIO));
	else if (!strcmp(m, "mmio-write"))
		/* A character on the root's console if it got through. */
		mmio_write32(UART0_DR, '!');
	else if (!strcmp(m, "exec-hv"))
		((void (*)(void))HV_MEM)();
	else if (!strcmp(m, "exec-comm"))
		((void (*)(void))(uintptr_t)BH_COMM_REGION_IPA)();
	else if (!strcmp(m, "gicd-irouter-foreign-cpu"))
		mmio_write64(d + GICD_IROUTER + 8 * OWN_SPI, 0); /* CPU 0 */
	else if (!strcmp(m, "gicd-irouter-any"))
		mmio_write64(d + GICD_IROUTER + 8 * OWN_SPI,
			     cpu_mpidr() | IROUTER_IRM);
	else if (!strcmp(m, "gicd-64bit"))
		printk("attack: read %llx\n",
		       (unsigned long long)mmio_read64(d + GICD_ISENABLER));
	else if (!strcmp(m, "gicd-unaligned")) {
		/* Normal memory at stage 1, so EL1 does not fault first. */
		map_normal_alias();
		printk("attack: read %x\n",
		       mmio_read32(NORMAL_ALIAS + d + GICD_TYPER + 2));
	} else if (!strcmp(m, "gicd-pair")) {
		uint64_t a, b;

		/* No syndrome for a pair: cannot be emulated. */
		asm volatile("ldp %0, %1, [%2]"
			     : "=r"(a), "=r"(b)
			     : "r"(d + GICD_ISENABLER)
			     : "memory");
		printk("attack: read %llx %llx\n", (unsigned long long)a,
		       (unsigned long long)b);
	} else if (!strcmp(m, "gicd-exclusive")) {
		uint32_t v, fail;

		map_normal_alias();
		asm volatile("ldxr %w0, [%2]\n\tstxr %w1, %w0, [%2]"
			     : "=&r"(v), "=&r"(fail)
			     : "r"(NORMAL_ALIAS + d + GICD_ISENABLER + 4)
			     : "memory");
		printk("attack: read %x stxr %u\n", v, fail);
	} else if (!strcmp(m, "gicr-foreign-write"))
		mmio_write32(gicr_of(0) + GICR_WAKER, 0);
	else if (!strcmp(m, "gicr-foreign-sgi-page"))
		printk("attack: read %x\n",
		       mmio_read32(gicr_of(2) + GICR_SGI + GICD_ISENABLER));
	else if (!strcmp(m, "gicr-narrow"))
		/* Its own GICR_CTLR, a byte: narrower than any register. */
		printk("attack: read %x\n", mmio_read8(gic_redist_base()));
	else if (!strcmp(m, "sgi-foreign"))
		sgi(1, 1U << 2); /* CPU 2: rt-control's */
	else if (!strcmp(m, "sgi-mgmt"))
		sgi(SGI_MGMT, 1U << own_cpu());
	else if (!strcmp(m, "sgi-nonexistent"))
		sgi(1, 1U << 9); /* there is no CPU 9 */
	else if (gicv2_fault(m, d))
		return true;
	else if (!strcmp(m, "sgi0r")) {
		write_sysreg(1ULL << 24 | 1U << own_cpu(), icc_sgi0r_el1);
		isb();
	} else if (!strcmp(m, "asgi1r")) {
		write_sysreg(1ULL << 24 | 1U << own_cpu(), icc_asgi1r_el1);
		isb();
	} else
		return false;
	return true;
}

/* --- virtual PCI and ivshmem (attack-pci.cell: link 0, peer 1) --- */

static struct ivshmem_device ivdev;

static void pci_open(void)
{
	int err = ivshmem_open(&ivdev, 0);

	if (err) {
		printk("attack: %s: no ivshmem device (%d)\n", mode, err);
		comm_idle("attack");
	}
}

static bool pci_fault(const char *m)
{
	if (strncmp(m, "pci-", 4))
		return false;
	pci_open();
	if (!strcmp(m, "pci-state-write"))
		/* The state table is the hypervisor's: read-only for peers. */
		mmio_write32((uintptr_t)ivdev.state, 0xbad0bad0);
	else if (!strcmp(m, "pci-peer-out"))
		mmio_write32((uintptr_t)ivshmem_out(&ivdev, 0), 0xbad0bad0);
	else if (!strcmp(m, "pci-bar-64bit"))
		printk("attack: read %llx\n",
		       (unsigned long long)mmio_read64(ivdev.regs +
						       BH_IVSHMEM_REG_ID));
	else if (!strcmp(m, "pci-ecam-64bit"))
		printk("attack: read %llx\n",
		       (unsigned long long)mmio_read64(pci_ecam_base()));
	else if (!strcmp(m, "pci-absent-bar"))
		/* Device 5's register page: there is no device 5. */
		printk("attack: read %x\n",
		       mmio_read32(ivdev.regs + 5 * BH_PCI_BAR_SIZE));
	else
		return false;
	return true;
}

/* Register and config-space abuse the device must shrug off. */
static void do_pci_regs(void)
{
	uint16_t bdf = ivdev.bdf;
	uint32_t bar = pci_read_config(bdf, 0x10, 4);
	unsigned int i;

	expect("absent device reads all ones",
	       pci_read_config(bdf + (1 << 3), 0, 4), 0xffffffffL);
	expect("function 1 reads all ones", pci_read_config(bdf + 1, 0, 4),
	       0xffffffffL);
	pci_write_config(bdf + (2 << 3), 0x10, 0x12345000, 4);
	pci_write_config(bdf, 0x10, 0x12345000, 4);
	expect("BAR0 stays fixed", pci_read_config(bdf, 0x10, 4), bar);
	pci_write_config(bdf, 0x10, 0xffffffff, 4);
	expect("BAR0 sizing", pci_read_config(bdf, 0x10, 4), 0xfffff000L);
	pci_write_config(bdf, 0x10, bar, 4);
	expect("BAR0 back", pci_read_config(bdf, 0x10, 4), bar);
	for (i = 0x40; i < 0x1000; i += 4)
		pci_write_config(bdf, i, (uint32_t)random64(), 4);
	expect("vendor and device", pci_read_config(bdf, 0, 4),
	       (long)BH_IVSHMEM_DEVICE_ID << 16 | BH_IVSHMEM_VENDOR_ID);

	expect("ID", mmio_read32(ivdev.regs + BH_IVSHMEM_REG_ID), 1);
	expect("MAX_PEERS", mmio_read32(ivdev.regs + BH_IVSHMEM_REG_MAX_PEERS),
	       2);
	expect("INTID", mmio_read32(ivdev.regs + BH_IVSHMEM_REG_INTID),
	       ivdev.irq);
	/* Doorbells to nobody, to itself, on other vectors: nothing. */
	for (i = 0; i < (unsigned int)cmdline_parse_int("rounds", 200); i++)
		mmio_write32(ivdev.regs + BH_IVSHMEM_REG_DOORBELL,
			     (uint32_t)random64() | 1U << 16);
	mmio_write32(ivdev.regs + BH_IVSHMEM_REG_DOORBELL,
		     BH_IVSHMEM_DOORBELL(1, 0));
	mmio_write32(ivdev.regs + BH_IVSHMEM_REG_DOORBELL,
		     BH_IVSHMEM_DOORBELL(0xffff, 0));
	/* Read-only and unlisted registers ignore writes. */
	for (i = 0; i < BH_PCI_BAR_SIZE; i += 4)
		if (i != BH_IVSHMEM_REG_DOORBELL && i != BH_IVSHMEM_REG_STATE &&
		    i != BH_IVSHMEM_REG_INT_CONTROL &&
		    i != BH_IVSHMEM_REG_INT_STATUS)
			mmio_write32(ivdev.regs + i, 0xffffffff);
	expect("ID after writes", mmio_read32(ivdev.regs + BH_IVSHMEM_REG_ID),
	       1);
	expect("LINK_ID after writes",
	       mmio_read32(ivdev.regs + BH_IVSHMEM_REG_LINK_ID), 0);
	expect("unlisted register", mmio_read32(ivdev.regs + 0x100), 0);
	/* Write 1 to clear: only this device's status, nothing to set. */
	mmio_write32(ivdev.regs + BH_IVSHMEM_REG_INT_STATUS, 0xffffffff);
	expect("INT_STATUS after clearing",
	       mmio_read32(ivdev.regs + BH_IVSHMEM_REG_INT_STATUS), 0);
	/* Its own state: through the register only, seen in the table. */
	mmio_write32(ivdev.regs + BH_IVSHMEM_REG_STATE, 0x1234);
	expect("state table", ivshmem_peer_state(&ivdev, 1), 0x1234);
	mmio_write32(ivdev.regs + BH_IVSHMEM_REG_STATE, 0);
	expect("root's state untouched", ivshmem_peer_state(&ivdev, 0), 0);
}

#define SCRIBBLE 0x5a5a5a5a5a5a5a5aULL

/* Offset of the first word of [p, p + size) that is not `want`, or -1. */
static long first_other(const volatile uint64_t *p, uint64_t size,
			uint64_t want)
{
	uint64_t i;

	for (i = 0; i < size / 8; i++)
		if (p[i] != want)
			return (long)(i * 8);
	return -1;
}

/*
 * Fills what this peer may write of the link (its output section, the
 * read-write section) with a pattern; after its cell is destroyed, the
 * next occupant of the slot and the root cell must find zeros there.
 */
static void do_pci_scribble(void)
{
	void *out = ivshmem_out(&ivdev, ivdev.id);

	memset(out, 0x5a, ivdev.out_size);
	memset(ivdev.rw, 0x5a, ivdev.rw_size);
	expect("own output section written",
	       first_other(out, ivdev.out_size, SCRIBBLE), -1);
	expect("read-write section written",
	       first_other(ivdev.rw, ivdev.rw_size, SCRIBBLE), -1);
}

/* What a predecessor in this slot wrote is gone. */
static void do_pci_leftover(void)
{
	expect("own output section zero",
	       first_other(ivshmem_out(&ivdev, ivdev.id), ivdev.out_size, 0),
	       -1);
	expect("read-write section zero",
	       first_other(ivdev.rw, ivdev.rw_size, 0), -1);
}

/*
 * Rings the root cell (peer 0) as fast as a CPU can, a state change in
 * every 16th round, for ever: the root's interrupts must stay within the
 * budget of Documentation/ivshmem.md.
 */
static void __attribute__((noreturn)) pci_flood(void)
{
	uint64_t next = timer_now() + timer_freq(), rounds = 0, last = 0;

	pci_open();
	for (;; rounds++) {
		if (rounds % 16)
			mmio_write32(ivdev.regs + BH_IVSHMEM_REG_DOORBELL,
				     BH_IVSHMEM_DOORBELL(0, 0));
		else
			mmio_write32(ivdev.regs + BH_IVSHMEM_REG_STATE,
				     (uint32_t)(rounds / 16) & 1);
		if (timer_now() < next)
			continue;
		next += timer_freq();
		printk("attack: %s: %llu rings in the last second\n", mode,
		       (unsigned long long)(rounds - last));
		last = rounds;
	}
}

/* --- checked calls: every answer is known --- */

static int own_cell_id(void)
{
	int id, found = -1;

	for (id = 0; id < 8; id++) {
		long r = hvc(BH_HC_CELL_GET_STATE, id, 0);

		if (r == BH_CELL_STATE_RUNNING && found < 0)
			found = id;
		else
			expect("GET_STATE of another cell", r, HV_ENOENT);
	}
	expect_true("own cell id found", found > 0, found);
	return found;
}

static long hvc_expected(uint64_t code, uint64_t a1, uint64_t a2, int self)
{
	switch (code) {
	case BH_HC_DISABLE:
	case BH_HC_HYPERVISOR_GET_INFO:
	case BH_HC_DEBUG_CONSOLE_PUTC: /* the cell's console is its UART */
	case BH_HC_CELL_CREATE:
		return HV_EPERM;
	case BH_HC_CPU_GET_INFO:
		if ((uint32_t)a1 != own_cpu())
			return HV_EINVAL;
		if (a2 == BH_CPU_INFO_STATE)
			return BH_CPU_RUNNING;
		if (a2 >= BH_CPU_INFO_STAT_BASE &&
		    a2 < BH_CPU_INFO_STAT_BASE + BH_NUM_CPU_STATS)
			return 0x7fffffff; /* some count */
		return HV_EINVAL;
	case BH_HC_CELL_SET_LOADABLE:
	case BH_HC_CELL_START:
	case BH_HC_CELL_SHUTDOWN:
	case BH_HC_CELL_DESTROY:
	case BH_HC_CELL_SET_BOOT:
		return HV_ENOENT;
	case BH_HC_CELL_GET_STATE:
		return (uint32_t)a1 == (uint32_t)self ? BH_CELL_STATE_RUNNING :
							HV_ENOENT;
	default:
		return HV_ENOSYS;
	}
}

static void check_hvc(uint64_t code, uint64_t a1, uint64_t a2, int self)
{
	long want = hvc_expected(code, a1, a2, self), got;

	/* Only the low byte is printed: keep it printable, whatever a1 is. */
	if (code == BH_HC_DEBUG_CONSOLE_PUTC)
		a1 = (a1 & ~0xffUL) | '.';
	got = hvc(code, a1, a2);
	checks++;
	if (want == 0x7fffffff ? got >= 0 : got == want)
		return;
	mismatches++;
	printk("attack: hvc: MISMATCH code %llu x1 0x%llx x2 0x%llx: got %ld, want %ld\n",
	       (unsigned long long)code, (unsigned long long)a1,
	       (unsigned long long)a2, got, want);
}

static void do_hvc(void)
{
	unsigned int rounds = cmdline_parse_int("rounds", 8), r;
	int self = own_cell_id();
	uint64_t code, id;
	long got;

	/* Every code with the ids of every cell, the root included. */
	for (code = 0; code < 64; code++)
		for (id = 0; id < 8; id++)
			check_hvc(code, id, code == BH_HC_CELL_SHUTDOWN, self);
	/* Every code with random arguments, and random codes. */
	for (r = 0; r < rounds; r++) {
		for (code = 0; code < 64; code++)
			check_hvc(code, random64(), random64(), self);
		check_hvc(random64() | 1ULL << 63, random64(), random64(),
			  self);
		check_hvc(random64() >> 1 | 64, random64(), random64(), self);
	}
	/* Its own CPU: allowed. Another CPU: not. */
	expect("CPU_GET_INFO own state",
	       hvc(BH_HC_CPU_GET_INFO, own_cpu(), BH_CPU_INFO_STATE),
	       BH_CPU_RUNNING);
	expect("CPU_GET_INFO CPU 2",
	       hvc(BH_HC_CPU_GET_INFO, 2, BH_CPU_INFO_STATE), HV_EINVAL);
	got = hvc(BH_HC_CPU_GET_INFO, own_cpu(),
		  BH_CPU_INFO_STAT_BASE + BH_STAT_EXITS_HYPERCALL);
	expect_true("own hypercall count", got > 64 * 8, got);
	/* Management with the ids of the root (0) and of itself. */
	expect("DESTROY root", hvc(BH_HC_CELL_DESTROY, 0, 0), HV_ENOENT);
	expect("DESTROY self", hvc(BH_HC_CELL_DESTROY, self, 0), HV_ENOENT);
	expect("CREATE from own RAM",
	       hvc(BH_HC_CELL_CREATE, inmate_image_start(), 4096), HV_EPERM);
	/* Other immediates are Linux's hyp stub's: refused. */
	{
		register uint64_t x0 asm("x0") = 0;

		asm volatile("hvc #0" : "+r"(x0) : : "memory");
		expect("hvc #0", x0, HVC_STUB_ERR);
		x0 = BH_HC_DISABLE;
		asm volatile("hvc #0xffff" : "+r"(x0) : : "memory");
		expect("hvc #0xffff", x0, HVC_STUB_ERR);
		x0 = BH_HC_CELL_GET_STATE;
		asm volatile("hvc #0x4249" : "+r"(x0) : : "memory");
		expect("hvc #0x4249", x0, HVC_STUB_ERR);
	}
}

/* PSCI function ids that stop or restart the cell, tested on their own. */
static bool smc_stops(uint32_t fid)
{
	uint32_t f = fid & ~PSCI_SMC64;

	return f == PSCI_CPU_OFF || f == PSCI_SYSTEM_OFF ||
	       f == PSCI_SYSTEM_RESET;
}

/* The conduit under test: SMC (mode smc) or HVC (mode psci-hvc). */
static bool use_hvc;

static int64_t psci(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return use_hvc ? hvc_call(fid, a1, a2, a3) : smc_call(fid, a1, a2, a3);
}

/*
 * PSCI through either SMCCC conduit answers the same. Over HVC only fast
 * calls (bit 31) are SMCCC: the rest are Linux's stub calls, refused.
 */
static void do_psci(bool hvc)
{
	unsigned int rounds = cmdline_parse_int("rounds", 8), r, n;
	uint64_t me = cpu_mpidr();
	uint32_t fid;
	int64_t got;

	use_hvc = hvc;
	expect("PSCI_VERSION", psci(PSCI_VERSION, 0, 0, 0), 0x10001);
	expect("MIGRATE_INFO_TYPE", psci(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), 2);
	expect("FEATURES CPU_ON", psci(PSCI_FEATURES, PSCI_CPU_ON_64, 0, 0), 0);
	expect("FEATURES CPU_SUSPEND",
	       psci(PSCI_FEATURES, PSCI_CPU_SUSPEND, 0, 0), PSCI_NOT_SUPPORTED);
	expect("CPU_SUSPEND", psci(PSCI_CPU_SUSPEND, 0, 0, 0),
	       PSCI_NOT_SUPPORTED);
	expect("AFFINITY_INFO self", psci(PSCI_AFFINITY_INFO_64, me, 0, 0), 0);
	for (n = 0; n < 8; n++) {
		if (n == own_cpu())
			continue;
		expect("AFFINITY_INFO foreign",
		       psci(PSCI_AFFINITY_INFO_64, n, 0, 0),
		       PSCI_INVALID_PARAMS);
		expect("CPU_ON foreign",
		       psci(PSCI_CPU_ON_64, n, inmate_image_start(), 0),
		       PSCI_DENIED);
	}
	expect("CPU_ON self", psci(PSCI_CPU_ON_64, me, inmate_image_start(), 0),
	       PSCI_ALREADY_ON);
	/* Every id of the PSCI range but the stopping ones, both widths. */
	for (n = 0; n < 0x100; n++) {
		for (fid = 0x84000000U | n;; fid |= PSCI_SMC64) {
			if (!smc_stops(fid)) {
				got = psci(fid, random64(), random64(),
					   random64());
				expect_true("PSCI range",
					    got >= -5 && got <= 0x10001, got);
			}
			if (fid & PSCI_SMC64)
				break;
		}
	}
	/* Random ids outside PSCI: not supported, never forwarded. */
	for (r = 0; r < rounds * 64; r++) {
		fid = random64() | (use_hvc ? 0x80000000U : 0);
		if ((fid & 0xbfffff00U) == 0x84000000U)
			continue;
		expect("random SMCCC id",
		       psci(fid, random64(), random64(), random64()),
		       PSCI_NOT_SUPPORTED);
	}
	/* An SMC's immediate is not looked at; an HVC's must be 0. */
	{
		register uint64_t x0 asm("x0") = PSCI_VERSION;

		asm volatile("smc #0x1234"
			     : "+r"(x0)
			     :
			     : "x1", "x2", "x3", "memory");
		expect("smc #0x1234 VERSION", x0, 0x10001);
		x0 = PSCI_VERSION;
		asm volatile("hvc #0x1234"
			     : "+r"(x0)
			     :
			     : "x1", "x2", "x3", "memory");
		expect("hvc #0x1234 VERSION", x0, HVC_STUB_ERR);
	}
}

/*
 * SYSTEM_OFF has only an SMC32 function id: its SMC64 twin is no PSCI
 * function, and an unknown function id answers NOT_SUPPORTED (SMCCC).
 */
static void do_smc64_system_off(void)
{
	expect("SMC64 SYSTEM_OFF",
	       smc_call(PSCI_SYSTEM_OFF | PSCI_SMC64, 0, 0, 0),
	       PSCI_NOT_SUPPORTED);
}

/*
 * EL2's registers and instructions are UNDEFINED at EL1 (they never reach
 * the hypervisor); the virtual CPU interface lets EOIs and deactivations
 * of interrupts that are not in its list registers do nothing.
 */
static void do_el2_regs(void)
{
	uint64_t v = 0;

	expect("read ICH_LR0_EL2", PROBE("mrs xzr, ich_lr0_el2", "r"(v)),
	       ESR_EC_UNKNOWN);
	expect("write ICH_LR0_EL2",
	       PROBE("msr ich_lr0_el2, %0",
		     "r"(0xa0ULL << 48 | 1ULL << 62 | 33)),
	       ESR_EC_UNKNOWN);
	expect("write ICH_LR15_EL2",
	       PROBE("msr ich_lr15_el2, %0", "r"(1ULL << 62 | 15)),
	       ESR_EC_UNKNOWN);
	expect("write ICH_HCR_EL2", PROBE("msr ich_hcr_el2, %0", "r"(0UL)),
	       ESR_EC_UNKNOWN);
	expect("write ICH_VMCR_EL2", PROBE("msr ich_vmcr_el2, %0", "r"(~0UL)),
	       ESR_EC_UNKNOWN);
	expect("read ICH_VTR_EL2", PROBE("mrs xzr, ich_vtr_el2", "r"(v)),
	       ESR_EC_UNKNOWN);
	expect("read ICH_ELRSR_EL2", PROBE("mrs xzr, ich_elrsr_el2", "r"(v)),
	       ESR_EC_UNKNOWN);
	expect("write ICC_SRE_EL2", PROBE("msr icc_sre_el2, %0", "r"(0UL)),
	       ESR_EC_UNKNOWN);
	expect("write HCR_EL2", PROBE("msr hcr_el2, %0", "r"(0UL)),
	       ESR_EC_UNKNOWN);
	expect("write VTTBR_EL2", PROBE("msr vttbr_el2, %0", "r"(0UL)),
	       ESR_EC_UNKNOWN);
	expect("tlbi alle2", PROBE("tlbi alle2", "r"(0UL)), ESR_EC_UNKNOWN);
	expect("at s12e1r", PROBE("at s12e1r, %0", "r"(HV_MEM)),
	       ESR_EC_UNKNOWN);

	/* SRE is fixed at 1 once EL2 set it: the write is ignored. */
	write_sysreg(0, icc_sre_el1);
	isb();
	expect("ICC_SRE_EL1.SRE after writing 0", read_sysreg(icc_sre_el1) & 1,
	       1);

	/* EOI and deactivation of what is not in its list registers. */
	gic_init();
	write_sysreg(ROOT_SPI, icc_eoir1_el1);
	write_sysreg(ROOT_SPI, icc_dir_el1);
	write_sysreg(SGI_MGMT, icc_eoir1_el1);
	write_sysreg(SGI_MGMT, icc_dir_el1);
	write_sysreg(MAINT_PPI, icc_dir_el1);
	write_sysreg(1023, icc_eoir1_el1);
	write_sysreg(0xffffff, icc_dir_el1);
	write_sysreg(0, icc_pmr_el1);
	write_sysreg(7, icc_bpr1_el1);
	write_sysreg(0, icc_igrpen1_el1);
	write_sysreg(~0UL, icc_ap1r0_el1);
	isb();
	v = read_sysreg(icc_iar1_el1) & 0xffffff;
	expect_true("ICC_IAR1_EL1 with nothing pending", v >= 1020, v);
	write_sysreg(0, icc_ap1r0_el1);
	write_sysreg(0xff, icc_pmr_el1);
	write_sysreg(1, icc_igrpen1_el1);
	isb();
}

/*
 * The distributor's registers that are read-only, RAZ/WI or only partly
 * the cell's: writes are ignored (or masked) and not a fault. The root
 * cell checks GICD_CTLR and the group of INTID 33 afterwards.
 */
static void do_gicd_ignored(void)
{
	uintptr_t d = gicd();
	uint32_t ctlr = mmio_read32(d + GICD_CTLR);
	uint32_t group = mmio_read32(d + GICD_IGROUPR + 4);
	uint64_t route;

	mmio_write32(d + GICD_CTLR, 0);
	mmio_write32(d + GICD_TYPER, 0);
	mmio_write32(d + GICD_IIDR, 0);
	mmio_write32(d + GICD_IGROUPR + 4, 0);
	mmio_write32(d + GICD_IGRPMODR + 4, ~0U);
	mmio_write32(d + GICD_ITARGETSR + 32, ~0U);
	mmio_write32(d + GICD_SGIR, 0xf << 24 | 0x00ff0000);
	mmio_write64(d + GICD_IROUTER + 8 * 16, 0);	/* < 32: RAZ/WI */
	mmio_write8(d + GICD_IROUTER + 8 * OWN_SPI, 0); /* narrow: WI */
	expect("GICD_CTLR", mmio_read32(d + GICD_CTLR), ctlr);
	expect("GICD_IGROUPR1", mmio_read32(d + GICD_IGROUPR + 4), group);
	expect("foreign bits read as 0",
	       mmio_read32(d + GICD_ISENABLER + 4) & 1U << (ROOT_SPI - 32), 0);
	/* Its own SPI: 64-bit routing to itself is fine. */
	mmio_write64(d + GICD_IROUTER + 8 * OWN_SPI, cpu_mpidr());
	route = mmio_read64(d + GICD_IROUTER + 8 * OWN_SPI);
	expect("own IROUTER", route & 0xff00ffffffULL, cpu_mpidr());
}

/* A probed access's abort: synchronous external, from EL1, read or write. */
static void expect_sea(const char *what, long ec, bool write)
{
	expect(what, ec, ESR_EC_DABT_CUR);
	expect("fault status: synchronous external abort", probe_esr & 0x3f,
	       ESR_FSC_SEA);
	expect("WnR", probe_esr >> 6 & 1, write);
}

/*
 * In a cell with BH_CELL_FLAG_INJECT_ABORTS (attack-abort.cell), accesses
 * outside the cell come back as synchronous external aborts, and the
 * cell runs on: the root's RAM, the hypervisor's, a device it was not
 * given, another CPU's redistributor (forbidden, not just unmapped).
 */
static void do_abort_injected(void)
{
	expect_sea("read root RAM", PROBE("ldr wzr, [%0]", "r"(ROOT_RAM)),
		   false);
	expect_sea("write hypervisor memory",
		   PROBE("str wzr, [%0]", "r"(HV_MEM + 0x1000)), true);
	expect_sea("read a device not given",
		   PROBE("ldr wzr, [%0]", "r"(VIRTIO_MMIO)), false);
	expect_sea("write another CPU's redistributor",
		   PROBE("str wzr, [%0]", "r"(gicr_of(0) + 0x14)), true);
	/* And its own memory still works. */
	expect("own RAM", PROBE("ldr wzr, [%0]", "r"(inmate_image_start())),
	       -1);
}

/*
 * What Linux's GICv3 driver does to the distributor at boot, and worse:
 * whole registers written for every SPI (enables and active state set
 * and cleared, pending set, priorities, level trigger, routing to
 * itself). The fields of interrupts the cell does not own are masked,
 * not a fault; its own take the values. With an ivshmem device
 * (gicd-linux-init-flood), it rings the root cell afterwards, which
 * counts its interrupts (attack-pci.sh).
 */
static void do_gicd_linux_init(void)
{
	uintptr_t d = gicd();
	unsigned int lines = ((mmio_read32(d + GICD_TYPER) & 0x1f) + 1) * 32;
	unsigned int i;

	for (i = 32; i < lines; i += 32) {
		mmio_write32(d + GICD_ISENABLER + i / 8, ~0U);
		mmio_write32(d + GICD_ISPENDR + i / 8, ~0U);
		mmio_write32(d + GICD_ISACTIVER + i / 8, ~0U);
		mmio_write32(d + GICD_ICENABLER + i / 8, ~0U);
		mmio_write32(d + GICD_ICPENDR + i / 8, ~0U);
		mmio_write32(d + GICD_ICACTIVER + i / 8, ~0U);
		mmio_write32(d + GICD_IGROUPR + i / 8, ~0U);
	}
	for (i = 32; i < lines; i += 4)
		mmio_write32(d + GICD_IPRIORITYR + i, 0xa0a0a0a0U);
	for (i = 32; i < lines; i += 16)
		mmio_write32(d + GICD_ICFGR + i / 4, 0);
	for (i = 32; i < lines; i++)
		mmio_write64(d + GICD_IROUTER + 8 * i, cpu_mpidr());
	expect("own priority", mmio_read8(d + GICD_IPRIORITYR + OWN_SPI), 0xa0);
	expect("own route",
	       mmio_read64(d + GICD_IROUTER + 8 * OWN_SPI) & 0xff00ffffffULL,
	       cpu_mpidr());
	expect("own SPI disabled",
	       mmio_read32(d + GICD_ISENABLER + OWN_SPI / 32 * 4) >>
			       (OWN_SPI % 32) &
		       1,
	       0);
	expect("foreign priority reads 0",
	       mmio_read8(d + GICD_IPRIORITYR + ROOT_SPI), 0);
	expect("foreign route reads 0",
	       mmio_read64(d + GICD_IROUTER + 8 * ROOT_SPI), 0);
	/* Its own SPI works after all that. */
	mmio_write32(d + GICD_ISENABLER + OWN_SPI / 32 * 4,
		     1U << (OWN_SPI % 32));
	expect("own SPI enabled again",
	       mmio_read32(d + GICD_ISENABLER + OWN_SPI / 32 * 4) >>
			       (OWN_SPI % 32) &
		       1,
	       1);
}

/*
 * Read-modify-write of the 32-bit IPRIORITYR and ICFGR words that hold its
 * own SPI and the root's: cells.md says writing back what was read touches
 * no foreign field.
 */
static void do_gicd_rmw(void)
{
	uintptr_t d = gicd();
	uintptr_t prio = d + GICD_IPRIORITYR + OWN_SPI / 4 * 4;
	uintptr_t cfg = d + GICD_ICFGR + OWN_SPI / 16 * 4;
	unsigned int shift = OWN_SPI % 4 * 8;
	uint32_t v;

	v = mmio_read32(prio);
	mmio_write32(prio, (v & ~(0xffU << shift)) | 0x90U << shift);
	expect("own priority", mmio_read8(d + GICD_IPRIORITYR + OWN_SPI), 0x90);
	v = mmio_read32(cfg);
	mmio_write32(cfg, v);
	expect("ICFGR unchanged", mmio_read32(cfg), v);
}

/*
 * Its own redistributor's SGI page: disabling, clearing, activating or
 * re-prioritising the management SGI and the maintenance interrupt is
 * masked; groups are read-only. Then it holds out (the root cell must
 * still stop it).
 */
static void do_gicr_own(void)
{
	uintptr_t s;

	gic_init();
	s = gic_redist_base() + GICR_SGI;
	mmio_write32(s + GICD_ICENABLER, ~0U);
	mmio_write32(s + GICD_ICPENDR, ~0U);
	mmio_write32(s + GICD_ISACTIVER, 1U << SGI_MGMT | 1U << MAINT_PPI);
	mmio_write32(s + GICD_IPRIORITYR + 12, ~0U); /* SGIs 12-15 */
	mmio_write32(s + GICD_IGROUPR, 0);	     /* Group 0: FIQ */
	mmio_write32(s + GICD_IGRPMODR, ~0U);
	expect("SGI 15 enabled",
	       mmio_read32(s + GICD_ISENABLER) >> SGI_MGMT & 1, 1);
	expect("SGI 15 not active",
	       mmio_read32(s + GICD_ISACTIVER) >> SGI_MGMT & 1, 0);
}

/*
 * Stores into the communication region's fields that are the
 * hypervisor's: they change nothing the hypervisor believes.
 */
static void do_comm_ro(void)
{
	struct bh_comm_region *comm = comm_region();
	int self = own_cell_id();

	comm->cell_state = BH_CELL_STATE_FAILED;
	comm->revision = 0xdead;
	comm->cpu_count = 64;
	comm->console.address = HV_MEM;
	comm->gicd_base = HV_MEM;
	comm->gicr_base = 0;
	comm->pci_mmconfig_base = HV_MEM;
	comm->msg_to_cell = 0x55;
	comm->reply_from_cell = 0x66;
	memset(comm->reserved, 0xaa, sizeof(comm->reserved));
	memset(comm->signature, 'X', sizeof(comm->signature));
	dcache_clean_range(comm, sizeof(*comm));
	expect("own state", hvc(BH_HC_CELL_GET_STATE, self, 0),
	       BH_CELL_STATE_RUNNING);
	expect("own CPU state",
	       hvc(BH_HC_CPU_GET_INFO, own_cpu(), BH_CPU_INFO_STATE),
	       BH_CPU_RUNNING);
}

/* Set/way maintenance of every level: performed as clean and invalidate. */
static void do_dc_sw(void)
{
	uint64_t clidr = read_sysreg(clidr_el1);
	unsigned int level, set, way, n = 0, k;

	for (level = 0; level < 7; level++) {
		uint64_t ccsidr, line, ways, sets, wshift;

		if (((clidr >> (3 * level)) & 7) < 2) /* no data cache */
			continue;
		write_sysreg(level << 1, csselr_el1);
		isb();
		ccsidr = read_sysreg(ccsidr_el1);
		line = (ccsidr & 7) + 4;
		ways = ((ccsidr >> 3) & 0x3ff) + 1;
		sets = ((ccsidr >> 13) & 0x7fff) + 1;
		wshift = ways > 1 ? __builtin_clz(ways - 1) : 0;
		for (k = 0; k < 3; k++)
			for (way = 0; way < ways; way++)
				for (set = 0; set < sets; set++) {
					uint64_t sw = (uint64_t)way << wshift |
						      (uint64_t)set << line |
						      level << 1;

					if (k == 0)
						asm volatile("dc isw, %0"
							     :
							     : "r"(sw)
							     : "memory");
					else if (k == 1)
						asm volatile("dc csw, %0"
							     :
							     : "r"(sw)
							     : "memory");
					else
						asm volatile("dc cisw, %0"
							     :
							     : "r"(sw)
							     : "memory");
					n++;
				}
	}
	/* Out-of-range levels and garbage in the operand. */
	asm volatile("dc isw, %0" : : "r"(~0UL) : "memory");
	asm volatile("dc isw, %0" : : "r"(7UL << 1) : "memory");
	dsb(sy);
	expect_true("set/way operations done", n > 0, n);
	printk("attack: dc-sw: %u operations\n", n);
}

/* --- hold-outs --- */

static volatile uint64_t storm_count;

static void storm_uart_handler(unsigned int intid)
{
	/* The UART's TX interrupt is never cleared: it fires again at once. */
	storm_count += intid == OWN_SPI;
}

static unsigned int storm_sgi;

static void storm_sgi_handler(unsigned int intid)
{
	storm_count++;
	sgi(intid, 1U << own_cpu());
}

static void __attribute__((noreturn)) storm(bool uart)
{
	uintptr_t uart1 = comm_region()->console.address;
	uint64_t next = timer_now() + timer_freq(), last = 0;

	gic_init();
	if (uart) {
		irq_set_handler(storm_uart_handler);
		mmio_write32(uart1 + UART_IMSC, UART_TXIM);
		mmio_write32(uart1 + UART_DR, '\n');
		gic_enable_irq(OWN_SPI);
	} else {
		storm_sgi = cmdline_parse_int("sgi", 8) & 0xf;
		irq_set_handler(storm_sgi_handler);
		gic_enable_irq(storm_sgi);
		sgi(storm_sgi, 1U << own_cpu());
	}
	irq_enable();
	for (;;) {
		if (timer_now() < next)
			continue;
		next += timer_freq();
		/* Printing may add UART interrupts; they are part of it. */
		printk("attack: %s: %llu interrupts in the last second\n", mode,
		       (unsigned long long)(storm_count - last));
		last = storm_count;
	}
}

void spin_masked(void)
{
	/* Promise to answer (so only --force stops it), then never do. */
	comm_set_accepts_messages();
	asm volatile("msr daifset, #0xf\n1:\tb\t1b" : : : "memory");
	__builtin_unreachable();
}

/* Keeps telling the hypervisor no request was posted, and answers garbage. */
static void __attribute__((noreturn)) comm_flood(void)
{
	volatile struct bh_comm_region *comm = comm_region();

	comm->flags = BH_COMM_FLAG_MESSAGES;
	for (;;) {
		comm->msg_to_cell = BH_MSG_NONE;
		comm->reply_from_cell = BH_REPLY_NONE;
	}
}

static bool checked(const char *m)
{
	if (!strcmp(m, "hvc"))
		do_hvc();
	else if (!strcmp(m, "smc"))
		do_psci(false);
	else if (!strcmp(m, "psci-hvc"))
		do_psci(true);
	else if (!strcmp(m, "smc64-system-off"))
		do_smc64_system_off();
	else if (!strcmp(m, "el2-regs"))
		do_el2_regs();
	else if (!strcmp(m, "gicd-ignored"))
		do_gicd_ignored();
	else if (!strcmp(m, "gicd-rmw"))
		do_gicd_rmw();
	else if (!strcmp(m, "gicd-linux-init"))
		do_gicd_linux_init();
	else if (!strcmp(m, "abort-injected"))
		do_abort_injected();
	else if (!strcmp(m, "comm-ro"))
		do_comm_ro();
	else if (!strcmp(m, "dc-sw"))
		do_dc_sw();
	else if (!strcmp(m, "pci-regs")) {
		pci_open();
		do_pci_regs();
	} else if (!strcmp(m, "pci-scribble")) {
		pci_open();
		do_pci_scribble();
	} else if (!strcmp(m, "pci-leftover")) {
		pci_open();
		do_pci_leftover();
	} else
		return arch_checked(m);
	return true;
}

static bool hold_out(const char *m)
{
	if (!strcmp(m, "storm-uart"))
		storm(true);
	if (!strcmp(m, "storm-sgi"))
		storm(false);
	if (!strcmp(m, "spin-masked"))
		spin_masked();
	if (!strcmp(m, "gicr-own")) {
		do_gicr_own();
		printk("attack: gicr-own: %u checks, %u mismatches\n", checks,
		       mismatches);
		spin_masked();
	}
	if (!strcmp(m, "gicr-sleep")) {
		/* Its own redistributor (emulated) put to sleep. */
		gic_init();
		mmio_write32(gic_redist_base() + GICR_WAKER, GICR_WAKER_SLEEP);
		printk("attack: gicr-sleep: WAKER %x\n",
		       mmio_read32(gic_redist_base() + GICR_WAKER));
		spin_masked();
	}
	if (!strcmp(m, "comm-flood"))
		comm_flood();
	if (!strcmp(m, "pci-flood"))
		pci_flood();
	if (!strcmp(m, "gicd-linux-init-flood")) {
		gic_init();
		do_gicd_linux_init();
		printk("attack: gicd-linux-init: %u checks, %u mismatches\n",
		       checks, mismatches);
		pci_flood();
	}
	arch_hold_out(m);
	if (!strcmp(m, "sgi-leak")) {
		/*
		 * SGIs to itself left pending when the cell stops: they must
		 * not follow the CPU into its next cell (to Linux, SGI 2 is
		 * IPI_CPU_STOP).
		 */
		gic_init();
		sgi(cmdline_parse_int("sgi", 2) & 0xf, 1U << own_cpu());
		printk("attack: sgi-leak: SGI pending\n");
		asm volatile("msr daifset, #0xf\n1:\tb\t1b" : : : "memory");
	}
	if (!strcmp(m, "system-off"))
		printk("attack: SYSTEM_OFF returned %d\n", psci_system_off());
	if (!strcmp(m, "system-reset"))
		/* Restarts with the same args: it resets again, for ever. */
		printk("attack: SYSTEM_RESET returned %d\n",
		       psci_system_reset());
	if (!strcmp(m, "cpu-off")) {
		/* Its last CPU parks: the cell stays "running", with no CPU. */
		smc_call(PSCI_CPU_OFF, 0, 0, 0);
		printk("attack: CPU_OFF returned\n");
		return true;
	}
	return false;
}

void inmate_main(void)
{
	static char buf[32];

	mode = cmdline_parse_str("mode", buf, sizeof(buf), "none");
	rng = (uint64_t)cmdline_parse_int("seed", 0) ?: (timer_now() | 1);
	printk("attack: doing %s (seed %llu)\n", mode, (unsigned long long)rng);
	if (inmate_bare_metal() || !comm_region()) {
		printk("attack: needs a cell\n");
		inmate_halt();
	}
	if (fault(mode) || pci_fault(mode)) {
		printk("attack: survived %s\n", mode);
	} else if (checked(mode)) {
		printk("attack: %s: %u checks, %u mismatches\n", mode, checks,
		       mismatches);
		if (!mismatches)
			psci_system_off();
	} else if (!hold_out(mode) && strcmp(mode, "none")) {
		printk("attack: unknown mode %s\n", mode);
	}
	comm_idle("attack");
}
