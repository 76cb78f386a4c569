// SPDX-License-Identifier: GPL-2.0
/*
 * violate: does one thing a cell must not be able to do, for containment
 * tests. Prints "violate: doing ACTION", does it, and prints "violate:
 * survived ACTION" if it still runs (after a fault the hypervisor should
 * have stopped the cell before that line). Then idles answering shutdown
 * requests (deny-shutdown=1 refuses them).
 *
 * Args: action=ACTION, and for pattern ram=BYTES (the RAM the image was
 * loaded at the start of). Actions:
 *   mem           read IPA 0x50000000, assigned to no cell
 *   mmio          read the GPIO at 0x09030000, not given to the cell
 *   irq           enable and route INTID 33 (UART0) through the GICD;
 *                 prints "violate: INTID 33 enabled=B" as read back
 *   sgi           send SGI 1 to CPU 0 (ICC_SGI1R_EL1)
 *   cpu_on        PSCI CPU_ON for MPIDR 0; prints "violate: PSCI
 *                 CPU_ON returned N"
 *   system_off, system_reset   PSCI; prints "violate: PSCI ... returned N"
 *   pattern       fill the RAM after the image with 0x5a5a5a5a, print
 *                 "violate: pattern written" (before "survived")
 *   none          nothing
 */
#include <inmate.h>

INMATE_DEFAULT_ARGS("action=none");

#define UNASSIGNED_IPA 0x50000000UL
#define FOREIGN_MMIO   0x09030000UL /* QEMU virt PL061 GPIO */
#define FOREIGN_SPI    33	    /* UART0 */
#define GICD_ISENABLER 0x0100
#define GICD_IROUTER   0x6000
#define FOREIGN_SGI    1
#define PATTERN	       0x5a5a5a5aU

/* Where a CPU that CPU_ON did start (it should not) parks: no stack. */
void parked_cpu(void);
asm(".pushsection .text\n"
    ".type parked_cpu, %function\n"
    "parked_cpu:\n"
    "1:	wfi\n"
    "	b	1b\n"
    ".popsection");

static void do_irq(void)
{
	uintptr_t gicd;
	uint32_t word = FOREIGN_SPI / 32 * 4, bit = 1U << (FOREIGN_SPI % 32);

	if (gic_init())
		return;
	gicd = gic_dist_base();
	mmio_write64(gicd + GICD_IROUTER + 8 * FOREIGN_SPI, cpu_mpidr());
	mmio_write32(gicd + GICD_ISENABLER + word, bit);
	printk("violate: INTID %u enabled=%u\n", FOREIGN_SPI,
	       !!(mmio_read32(gicd + GICD_ISENABLER + word) & bit));
	/* Bare metal it did work: leave UART0's line as it was. */
	if (inmate_bare_metal())
		gic_disable_irq(FOREIGN_SPI);
}

static void do_pattern(void)
{
	uintptr_t start = inmate_image_end();
	uintptr_t end = inmate_image_start() + cmdline_parse_int("ram", 0);
	volatile uint32_t *p;

	if (end <= start) {
		printk("violate: pattern needs ram=BYTES beyond the image (%lu)\n",
		       (unsigned long)(start - inmate_image_start()));
		return;
	}
	for (p = (uint32_t *)start; (uintptr_t)p < end; p++)
		*p = PATTERN;
	/* Into memory, for whoever checks it with its own mapping. */
	dcache_clean_range((void *)start, end - start);
	printk("violate: pattern written 0x%lx-0x%lx\n", (unsigned long)start,
	       (unsigned long)end - 1);
}

static bool act(const char *action)
{
	if (!strcmp(action, "mem")) {
		printk("violate: read %x\n", mmio_read32(UNASSIGNED_IPA));
	} else if (!strcmp(action, "mmio")) {
		printk("violate: read %x\n", mmio_read32(FOREIGN_MMIO));
	} else if (!strcmp(action, "irq")) {
		do_irq();
	} else if (!strcmp(action, "sgi")) {
		/* Aff3..1 = 0, target list CPU 0, INTID in bits 27:24. */
		write_sysreg((uint64_t)FOREIGN_SGI << 24 | 1, icc_sgi1r_el1);
		isb();
	} else if (!strcmp(action, "cpu_on")) {
		printk("violate: PSCI CPU_ON returned %d\n",
		       psci_cpu_on(0, (uintptr_t)parked_cpu, 0));
	} else if (!strcmp(action, "system_off")) {
		printk("violate: PSCI SYSTEM_OFF returned %d\n",
		       psci_system_off());
	} else if (!strcmp(action, "system_reset")) {
		printk("violate: PSCI SYSTEM_RESET returned %d\n",
		       psci_system_reset());
	} else if (!strcmp(action, "pattern")) {
		do_pattern();
	} else if (strcmp(action, "none")) {
		return false;
	}
	return true;
}

void inmate_main(void)
{
	char buf[32];
	const char *action =
		cmdline_parse_str("action", buf, sizeof(buf), "none");

	printk("violate: doing %s\n", action);
	if (act(action))
		printk("violate: survived %s\n", action);
	else
		printk("violate: unknown action %s\n", action);
	comm_idle("violate");
}
