# SPDX-License-Identifier: GPL-2.0
# timeout: 150
# A cell with two CPUs (2 and 3) running smp-demo: the inmate finds its
# second CPU with PSCI AFFINITY_INFO, starts it with CPU_ON, both take
# their own timer interrupts and add to one shared counter, the second
# leaves with CPU_OFF and is started again for a second round. Linux keeps
# computing on CPUs 0-1 meanwhile. The cell shuts down on request, starts
# again (its second CPU too), and destroy gives Linux both CPUs back.
# Then fault=1: the second CPU reads outside the cell, which fails the
# whole cell; both of its CPUs stop, and destroy gives both back.
. /tests/lib.sh

WORKLOAD_N=20000

# wait_hv PATTERN [MS]: PATTERN shows in what the hypervisor logged since
# hv_mark (copied to /tmp/hv.out), within MS (default 60 s).
wait_hv() {
	local end=$(( $(now_ms) + ${2:-60000} ))
	while :; do
		hv_since_mark > /tmp/hv.out
		grep -aq -- "$1" /tmp/hv.out && return 0
		[ "$(now_ms)" -ge "$end" ] && return 1
		sleep 0.2
	done
}

# rounds_ok P: both rounds as the inmate reported them in /tmp/hv.out.
rounds_ok() {
	local r c
	check_grep $1-finds-two-cpus 'smp-demo: 2 CPUs: 0x2 0x3 (in a cell)' /tmp/hv.out
	for r in 1 2; do
		for c in 0 1; do
			check_grep $1-round$r-cpu$c-worked \
				"smp-demo: round $r: cpu $c (MPIDR 0x$((c + 2))): 100 timer interrupts, 100000 additions" /tmp/hv.out
		done
		check_grep $1-round$r-counter-right \
			"smp-demo: round $r: counter 200000 of 200000, right" /tmp/hv.out
		check_grep $1-round$r-cpu1-off-again \
			"smp-demo: round $r: the other CPUs are off" /tmp/hv.out
	done
	check_grep $1-done 'smp-demo: done, 2 CPUs, 2 rounds' /tmp/hv.out
	if grep -aq 'CPU_OFF returned\|failed\|WRONG\|only [0-9]* of' /tmp/hv.out; then
		fail $1-no-errors "$(grep -a 'CPU_OFF returned\|failed\|WRONG\|only [0-9]* of' /tmp/hv.out | head -n 2 | tr '\n' '|')"
	else
		pass $1-no-errors
	fi
}

# cpus_back P: after destroy, Linux has CPUs 2 and 3 again and they compute.
cpus_back() {
	local c
	check_eq $1-cpus-back 0-3 "$(cpus_online)"
	for c in 2 3; do
		set -- $1 $(workload_on $c)
		check_eq $1-workload-on-cpu$c "$ref on cpu$c" "$2 on cpu$3"
	done
}

check module-loads insmod $BH_KO
ref=$(workload)
check enable-succeeds bh_enable

# --- two rounds, Linux busy meanwhile ---
check create bulkhead cell create $BH_CELLS/smp-demo.cell
check_eq cpus-2-3-leave-linux 0-1 "$(cpus_online)"
check_eq cell-lists-both-cpus "2-3" "$(cell_field smp-demo cpus)"
check load bulkhead cell load smp-demo $BH_INMATES/smp-demo.bin
hv_mark
check start bulkhead cell start smp-demo
workload_start
wait_hv 'smp-demo: done\|smp-demo: round [12]: \(only\|starting\|not\)'
workload_wait
check_workload linux-workload-cpus-0-1 "$ref"
rounds_ok run1
check_eq running running "$(cell_state smp-demo)"

# Each CPU took its own 2 x 100 timer interrupts; CPU 3's PSCI exits are
# its two CPU_OFFs, CPU 2's the AFFINITY_INFO polls and CPU_ONs.
bulkhead cell stats smp-demo > /tmp/stats.out
check_eq stats-cpus-2-3 "2 3" "$(awk 'NR > 1 { print $1 }' /tmp/stats.out | tr '\n' ' ' | sed 's/ $//')"
for c in 2 3; do
	n=$(stat_of /tmp/stats.out $c irq)
	if [ "${n:-0}" -ge 200 ]; then
		pass cpu$c-took-timer-interrupts
	else
		fail cpu$c-took-timer-interrupts "irq exits of CPU $c: '$n': $(tr '\n' '|' < /tmp/stats.out)"
	fi
	n=$(stat_of /tmp/stats.out $c psci)
	if [ "${n:-0}" -ge 2 ]; then
		pass cpu$c-psci-calls
	else
		fail cpu$c-psci-calls "psci exits of CPU $c: '$n'"
	fi
done
hv_console > /tmp/console.out
if grep -aE 'cell smp-demo[: ].*(failed|unhandled|forbidden|denied|not its CPU)' /tmp/console.out; then
	fail no-faults-logged "$(grep -aE 'cell smp-demo[: ].*(failed|unhandled|forbidden|denied|not its CPU)' /tmp/console.out | head -n 2 | tr '\n' '|')"
else
	pass no-faults-logged
fi

# --- shutdown, start again: the second CPU comes up again too ---
check shutdown-agreed bulkhead cell shutdown smp-demo
check_cell_state shut-down smp-demo "shut down"
hv_mark
check restart bulkhead cell start smp-demo
wait_hv 'smp-demo: done\|smp-demo: round [12]: \(only\|starting\|not\)'
rounds_ok run2
check shutdown-again bulkhead cell shutdown smp-demo
check destroy bulkhead cell destroy smp-demo
cpus_back destroyed

# --- a fault on the second CPU fails the whole cell ---
check fault-create bulkhead cell create $BH_CELLS/smp-demo.cell
check fault-load bulkhead cell load smp-demo $BH_INMATES/smp-demo.bin -s "fault=1"
hv_mark
check fault-start bulkhead cell start smp-demo
check_cell_state fault-cell-failed smp-demo failed 30000
wait_hv 'smp-demo: cpu 1 reads 0x50000000' 5000
# The other CPU would report "only 1 of 2 CPUs finished" 10 s into the
# round if it ran on; give it a moment to show anything at all.
sleep 0.5
hv_since_mark > /tmp/fault.out
check_grep fault-attempted 'smp-demo: cpu 1 reads 0x50000000, outside the cell' /tmp/fault.out
check_grep fault-logged 'cell smp-demo: unhandled read at IPA 0x50000000 .* CPU 3' /tmp/fault.out
if grep -aq 'survived the read\|round 2\|CPU_OFF returned' /tmp/fault.out; then
	fail fault-cell-stopped "$(grep -a 'survived the read\|round 2\|CPU_OFF returned' /tmp/fault.out | head -n 2 | tr '\n' '|')"
else
	pass fault-cell-stopped
fi
# Both CPUs are parked: their exit counts stand still.
bulkhead cell stats smp-demo > /tmp/stats.a
sleep 0.5
bulkhead cell stats smp-demo > /tmp/stats.b
for c in 2 3; do
	a=$(stat_of /tmp/stats.a $c total)
	b=$(stat_of /tmp/stats.b $c total)
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		pass fault-cpu$c-stopped
	else
		fail fault-cpu$c-stopped "exits of CPU $c: '$a' -> '$b' in 0.5 s"
	fi
done
check fault-destroy bulkhead cell destroy smp-demo
cpus_back fault-destroyed

check_eq no-cells-at-end 0 "$(cell_count_listed)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
