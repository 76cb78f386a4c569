// SPDX-License-Identifier: GPL-2.0
/*
 * rtc: device passthrough. Reads the PL031 real-time clock given to the
 * cell, sets its match register two seconds ahead and waits for the alarm
 * interrupt (SPI 2, INTID 34), then idles answering shutdown requests.
 *
 * Args: base=ADDR irq=INTID (defaults: QEMU virt's RTC), delay=SECONDS (2),
 * timeout=SECONDS (10).
 * Output:
 *   rtc: time is YYYY-MM-DD hh:mm:ss (N)
 *   rtc: alarm set for N
 *   rtc: alarm interrupt received at YYYY-MM-DD hh:mm:ss (N)
 * or "rtc: alarm interrupt timeout" if it does not come.
 */
#include <inmate.h>

#define QEMU_RTC_BASE  0x09010000UL
#define QEMU_RTC_INTID 34

#define RTCDR	0x00 /* data: seconds since the epoch */
#define RTCMR	0x04 /* match */
#define RTCIMSC 0x10 /* interrupt mask set/clear: 1 = enabled */
#define RTCRIS	0x14 /* raw interrupt status */
#define RTCMIS	0x18 /* masked interrupt status */
#define RTCICR	0x1c /* interrupt clear */
#define RTC_INT (1 << 0)

static uintptr_t rtc;
static unsigned int rtc_intid;
static volatile bool alarm;

/*
 * Proleptic Gregorian date of a day count since 1970-01-01, by eras of
 * 400 years (146097 days), which repeat exactly; years counted from March
 * so the leap day comes last.
 */
static void print_time(const char *what, uint32_t secs)
{
	long days = secs / 86400, sod = secs % 86400;
	long z = days + 719468, era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long day = doy - (153 * mp + 2) / 5 + 1;
	long month = mp < 10 ? mp + 3 : mp - 9;
	long year = yoe + era * 400 + (month <= 2);

	printk("rtc: %s %04ld-%02ld-%02ld %02ld:%02ld:%02ld (%u)\n", what, year,
	       month, day, sod / 3600, sod / 60 % 60, sod % 60, secs);
}

static void rtc_irq(unsigned int intid)
{
	if (intid != rtc_intid || !(mmio_read32(rtc + RTCMIS) & RTC_INT))
		return;
	/* Level-triggered: mask and clear before the EOI. */
	mmio_write32(rtc + RTCIMSC, 0);
	mmio_write32(rtc + RTCICR, RTC_INT);
	alarm = true;
}

void inmate_main(void)
{
	long delay = cmdline_parse_int("delay", 2);
	long timeout = cmdline_parse_int("timeout", 10);
	uint64_t deadline;
	uint32_t now;

	rtc = cmdline_parse_int("base", QEMU_RTC_BASE);
	rtc_intid = cmdline_parse_int("irq", QEMU_RTC_INTID);
	if (gic_init())
		inmate_halt();

	now = mmio_read32(rtc + RTCDR);
	print_time("time is", now);

	irq_set_handler(rtc_irq);
	mmio_write32(rtc + RTCIMSC, 0);
	mmio_write32(rtc + RTCICR, RTC_INT);
	mmio_write32(rtc + RTCMR, now + delay);
	mmio_write32(rtc + RTCIMSC, RTC_INT);
	gic_enable_irq(rtc_intid);
	printk("rtc: alarm set for %u\n", (unsigned int)(now + delay));

	deadline = timer_now() + timer_ns_to_ticks(timeout * NSEC_PER_SEC);
	while (!alarm && timer_now() < deadline)
		timer_sleep_ns(10 * NSEC_PER_MSEC);

	if (alarm)
		print_time("alarm interrupt received at",
			   mmio_read32(rtc + RTCDR));
	else
		printk("rtc: alarm interrupt timeout (RIS %x)\n",
		       mmio_read32(rtc + RTCRIS));
	gic_disable_irq(rtc_intid);
	comm_idle("rtc");
}
