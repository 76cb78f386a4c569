# SPDX-License-Identifier: GPL-2.0
# Device passthrough: the PL031 RTC (its page and SPI 2, INTID 34) belongs
# to the "rtc" cell. The inmate reads the clock and takes the alarm
# interrupt; Linux (whose device tree leaves the RTC alone) cannot reach it.
# timeout: 90
# expect-uart1: time-read ^rtc: time is 20[0-9][0-9]-
# expect-uart1: alarm-interrupt ^rtc: alarm interrupt received at
. /tests/lib.sh

insmod $BH_KO
check enable bulkhead enable $BH_CELLS/qemu-arm64.cell
check create bulkhead cell create $BH_CELLS/rtc.cell
check load bulkhead cell load rtc $BH_INMATES/rtc.bin -s "delay=2 timeout=10"
check start bulkhead cell start rtc

# While the cell owns the RTC, root's access is stopped at stage 2.
hv_before=$(bulkhead console | grep -c "IPA 0x9010000")
if devmem 0x09010000 >/tmp/rtc.out 2>&1; then
	fail root-rtc-read-stopped "root read the RTC: $(cat /tmp/rtc.out)"
else
	pass root-rtc-read-stopped
fi
hv_after=$(bulkhead console | grep -c "IPA 0x9010000")
[ "$hv_after" -gt "$hv_before" ] && pass root-rtc-fault-logged ||
	fail root-rtc-fault-logged "no stage-2 fault for 0x9010000 in the hypervisor log"

# The alarm fires 2 s after the inmate set it; the cell takes INTID 34.
sleep 4
check_eq cell-running running "$(cat /sys/devices/bulkhead/cells/*/state)"
irqs=$(awk 'NR > 1 { print $6 }' /sys/devices/bulkhead/cells/*/stats)
[ "${irqs:-0}" -gt 0 ] && pass cell-took-interrupts ||
	fail cell-took-interrupts "irq exits of the cell's CPU: '$irqs'"

check shutdown bulkhead cell shutdown rtc
check destroy bulkhead cell destroy rtc
# Back in the root cell: the RTC answers Linux's reads again.
check root-rtc-read-after-destroy devmem 0x09010000
check disable bulkhead disable
