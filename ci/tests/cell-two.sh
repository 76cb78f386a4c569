# SPDX-License-Identifier: GPL-2.0
# timeout: 90
# Two non-root cells at once: timer-latency on CPU 3 (UART1) and
# rt-control on CPU 2 (the hypervisor's console). Both run side by side:
# rt-control's reports keep coming in `bulkhead console`, timer-latency's
# timer interrupts keep flowing (its reports go to UART1), and Linux,
# left with CPUs 0-1, computes correctly meanwhile. Both shut down on
# request, are destroyed, and Linux has its 4 CPUs back.
#
# expect-uart1: timer-latency-start timer-latency: freq=1000Hz seconds=0 counter=[0-9]+Hz in a cell
# expect-uart1: timer-latency-reports timer-latency: samples=[1-9][0-9]* min=[0-9]+ns avg=[0-9]+ns max=[0-9]+ns
# expect-uart1: timer-latency-agrees-to-shutdown timer-latency: shutdown requested, OK
. /tests/lib.sh

WORKLOAD_N=20000

check module-loads insmod $BH_KO
ref=$(workload)
check enable-succeeds bh_enable

check create-timer-latency bulkhead cell create $BH_CELLS/timer-latency.cell
check create-rt-control bulkhead cell create $BH_CELLS/rt-control.cell
check_eq two-cells-listed 2 "$(cell_count_listed)"
tl_id=$(cell_field timer-latency id)
rt_id=$(cell_field rt-control id)
if [ -n "$tl_id" ] && [ -n "$rt_id" ] && [ "$tl_id" != "$rt_id" ]; then
	pass distinct-ids
else
	fail distinct-ids "timer-latency '$tl_id', rt-control '$rt_id'"
fi
check_eq cells-cpus "3 2" "$(cell_field timer-latency cpus) $(cell_field rt-control cpus)"
check_eq linux-keeps-cpus-0-1 0-1 "$(cpus_online)"

check load-timer-latency bulkhead cell load timer-latency \
	$BH_INMATES/timer-latency.bin -s "freq=1000 seconds=0"
check load-rt-control bulkhead cell load rt-control \
	$BH_INMATES/rt-control.bin -s "seconds=0"
hv_mark
check start-timer-latency bulkhead cell start timer-latency
check start-rt-control bulkhead cell start $rt_id
check_cell_state timer-latency-running timer-latency running
check_cell_state rt-control-running rt-control running

# rt-control's first report, then a few seconds of both cells and Linux
# working at once.
end=$(( $(now_ms) + 4000 ))
while [ "$(hv_since_mark > /tmp/hv.out; rt_control_last_t /tmp/hv.out)" -lt 1 ] &&
      [ "$(now_ms)" -lt "$end" ]; do
	sleep 0.2
done
check_grep rt-control-prints-start-line 'rt-control: freq=1000Hz seconds=0 .* in a cell' /tmp/hv.out
t0=$(rt_control_last_t /tmp/hv.out)
irq0=$(cell_stat timer-latency 3 irq)
rirq0=$(cell_stat rt-control 2 irq)
ms0=$(now_ms)
workload_start
workload_wait
# At least two seconds, so that a fast workload still leaves room for a
# report and one in flight.
sleep 2
ms1=$(now_ms)
irq1=$(cell_stat timer-latency 3 irq)
rirq1=$(cell_stat rt-control 2 irq)
hv_since_mark > /tmp/hv.out
t1=$(rt_control_last_t /tmp/hv.out)
check_workload linux-workload-cpus-0-1 "$ref"
secs=$(( (ms1 - ms0) / 1000 ))
echo "over $((ms1 - ms0)) ms: rt-control t=$t0 -> t=$t1, timer-latency irqs $irq0 -> $irq1, rt-control irqs $rirq0 -> $rirq1"
# A report a second; allow for one in flight at either end.
if [ "$t0" -ge 1 ] && [ $((t1 - t0)) -ge $((secs - 1)) ] && [ $((t1 - t0)) -ge 1 ]; then
	pass rt-control-keeps-reporting
else
	fail rt-control-keeps-reporting "t=$t0 -> t=$t1 over $((ms1 - ms0)) ms: $(tail -n 3 /tmp/hv.out | tr '\n' '|')"
fi
# 1000 timer interrupts a second: at least half of them in the window.
if [ -n "$irq0" ] && [ -n "$irq1" ] && [ $((irq1 - irq0)) -ge $(( (ms1 - ms0) / 2 )) ]; then
	pass timer-latency-interrupts-flow
else
	fail timer-latency-interrupts-flow "irq exits of CPU 3: '$irq0' -> '$irq1' over $((ms1 - ms0)) ms"
fi
if [ -n "$rirq0" ] && [ -n "$rirq1" ] && [ $((rirq1 - rirq0)) -ge $(( (ms1 - ms0) / 2 )) ]; then
	pass rt-control-interrupts-flow
else
	fail rt-control-interrupts-flow "irq exits of CPU 2: '$rirq0' -> '$rirq1' over $((ms1 - ms0)) ms"
fi
# Each cell's statistics show its own CPU only.
check_eq timer-latency-stats-cpu3-only 3 "$(bulkhead cell stats timer-latency | awk 'NR > 1 { print $1 }' | tr '\n' ' ' | sed 's/ $//')"
check_eq rt-control-stats-cpu2-only 2 "$(bulkhead cell stats rt-control | awk 'NR > 1 { print $1 }' | tr '\n' ' ' | sed 's/ $//')"
check_eq both-still-running "running running" "$(cell_state timer-latency) $(cell_state rt-control)"
hv_console > /tmp/console.out
if grep -E 'cell (timer-latency|rt-control)[: ].*(failed|unhandled|forbidden|denied)' /tmp/console.out; then
	fail no-faults-logged "$(grep -E 'cell (timer-latency|rt-control)[: ].*(failed|unhandled|forbidden|denied)' /tmp/console.out | head -n 2 | tr '\n' '|')"
else
	pass no-faults-logged
fi

# Shut down, one after the other: the other keeps running meanwhile.
hv_mark
check shutdown-rt-control bulkhead cell shutdown rt-control
check_eq rt-control-shut-down-timer-latency-running "shut down running" \
	"$(cell_state rt-control) $(cell_state timer-latency)"
hv_since_mark > /tmp/hv.out
check_grep rt-control-agrees-to-shutdown 'rt-control: shutdown requested, OK' /tmp/hv.out
irq0=$(cell_stat timer-latency 3 irq)
sleep 0.5
irq1=$(cell_stat timer-latency 3 irq)
if [ -n "$irq0" ] && [ -n "$irq1" ] && [ $((irq1 - irq0)) -ge 200 ]; then
	pass timer-latency-runs-on-alone
else
	fail timer-latency-runs-on-alone "irq exits of CPU 3: '$irq0' -> '$irq1' in 0.5 s"
fi
check shutdown-timer-latency bulkhead cell shutdown $tl_id
check_eq both-shut-down "shut down shut down" \
	"$(cell_state timer-latency) $(cell_state rt-control)"

dmesg_mark
check destroy-timer-latency bulkhead cell destroy timer-latency
check_eq cpu3-back-first 0-1,3 "$(cpus_online)"
check_eq rt-control-left "rt-control" "$(bulkhead cell list | awk 'NR > 1 { print $2 }' | tr '\n' ' ' | sed 's/ $//')"
check destroy-rt-control bulkhead cell destroy $rt_id
check_eq no-cells-left 0 "$(cell_count_listed)"
check_eq sysfs-cells-empty "" "$(cells_sysfs)"
check_eq all-cpus-back 0-3 "$(cpus_online)"
if dmesg_since_mark | grep -qE 'did not come back|Oops|BUG:'; then
	fail cpus-came-back-cleanly "$(dmesg_since_mark | grep -E 'did not come back|Oops|BUG:' | head -n 2)"
else
	pass cpus-came-back-cleanly
fi
workload_start
workload_wait
check_workload linux-workload-all-cpus "$ref"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
