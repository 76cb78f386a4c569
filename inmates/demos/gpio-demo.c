// SPDX-License-Identifier: GPL-2.0
/*
 * gpio-demo: a device given to a cell, the worked example of
 * Documentation/give-a-device.md. Drives the PL061 GPIO of QEMU's virt
 * board (ARM DDI 0190): checks its identification registers, drives the
 * lines it may drive and reads back what it wrote, and takes the
 * controller's interrupt for a rising edge on line 3, which QEMU wires to
 * the board's power button (the monitor's `system_powerdown` pushes it).
 *
 * Args: base=ADDR irq=INTID (defaults: QEMU virt's PL061, INTID 39),
 * line=N (the input, default 3), presses=N (power the cell off after N
 * presses and every step right, for tests; default 0: idle for ever).
 * Output:
 *   gpio-demo: PL061 at 0x9030000: peripheral id 0x00041061, cell id 0xb105f00d
 *   gpio-demo: wrote 0xa5 to the output lines (mask 0xf7), read 0xa5
 *   gpio-demo: line 3 armed: INTID 39 on a rising edge
 *   gpio-demo: line 3: INTID 39 taken (press 1)
 * and "WRONG" where a check failed.
 */
#include <inmate.h>

#define QEMU_GPIO_BASE	0x09030000UL
#define QEMU_GPIO_INTID 39

/* Registers (DDI 0190 3.2). */
#define GPIODIR	      0x400 /* 1 = output */
#define GPIOIS	      0x404 /* 0 = edge */
#define GPIOIBE	      0x408 /* 0 = one edge, chosen by IEV */
#define GPIOIEV	      0x40c /* 1 = rising */
#define GPIOIE	      0x410
#define GPIORIS	      0x414
#define GPIOMIS	      0x418
#define GPIOIC	      0x41c
#define GPIOPERIPHID0 0xfe0 /* four registers, a byte each */
#define GPIOPCELLID0  0xff0

#define PL061_PERIPH_ID 0x00041061U
#define PRIMECELL_ID	0xb105f00dU

static uintptr_t gpio;
static unsigned int gpio_intid;
static volatile unsigned int taken;

/* Four byte-wide ID registers make one 32-bit identification. */
static uint32_t id_word(unsigned int off)
{
	uint32_t id = 0;
	unsigned int i;

	for (i = 0; i < 4; i++)
		id |= (mmio_read32(gpio + off + 4 * i) & 0xff) << (8 * i);
	return id;
}

static void gpio_irq(unsigned int intid)
{
	uint32_t mis = mmio_read32(gpio + GPIOMIS);

	if (intid != gpio_intid || !mis)
		return;
	/* Edge interrupts: clear before the EOI, or it comes again. */
	mmio_write32(gpio + GPIOIC, mis);
	taken++;
}

void inmate_main(void)
{
	unsigned int line = cmdline_parse_int("line", 3) & 7;
	long presses = cmdline_parse_int("presses", 0);
	uint32_t periph, cell, got, out = 0xff & ~(1U << line);
	unsigned int seen = 0;
	bool ok;

	gpio = cmdline_parse_int("base", QEMU_GPIO_BASE);
	gpio_intid = cmdline_parse_int("irq", QEMU_GPIO_INTID);
	if (gic_init())
		inmate_halt();

	periph = id_word(GPIOPERIPHID0);
	cell = id_word(GPIOPCELLID0);
	ok = periph == PL061_PERIPH_ID && cell == PRIMECELL_ID;
	printk("gpio-demo: PL061 at 0x%lx: peripheral id 0x%08x, cell id 0x%08x%s\n",
	       (unsigned long)gpio, periph, cell, ok ? "" : " WRONG");

	/* GPIODATA is address-masked: offset bits [9:2] pick the lines. */
	mmio_write32(gpio + GPIOIE, 0);
	mmio_write32(gpio + GPIODIR, out);
	mmio_write32(gpio + (out << 2), 0xa5);
	got = mmio_read32(gpio + (out << 2));
	ok &= got == (0xa5 & out);
	printk("gpio-demo: wrote 0xa5 to the output lines (mask 0x%02x), read 0x%02x%s\n",
	       out, got, got == (0xa5 & out) ? "" : " WRONG");

	irq_set_handler(gpio_irq);
	mmio_write32(gpio + GPIOIS, 0);
	mmio_write32(gpio + GPIOIBE, 0);
	mmio_write32(gpio + GPIOIEV, 1U << line);
	mmio_write32(gpio + GPIOIC, 0xff);
	mmio_write32(gpio + GPIOIE, 1U << line);
	gic_enable_irq(gpio_intid);
	printk("gpio-demo: line %u armed: INTID %u on a rising edge\n", line,
	       gpio_intid);

	comm_set_accepts_messages();
	for (;;) {
		while (taken == seen) {
			if (comm_poll_shutdown_request() &&
			    comm_handle_shutdown("gpio-demo"))
				inmate_halt();
			timer_sleep_ns(NSEC_PER_MSEC);
		}
		seen = taken;
		printk("gpio-demo: line %u: INTID %u taken (press %u)\n", line,
		       gpio_intid, seen);
		if (presses && seen >= presses && ok)
			psci_system_off();
	}
}
