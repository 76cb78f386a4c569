# SPDX-License-Identifier: GPL-2.0
# timeout: 150
# A cell with two CPUs (2 and 3) running smp-demo: the inmate finds its
# second CPU with PSCI AFFINITY_INFO, starts it with CPU_ON, both take
# their own timer interrupts and add to one shared counter, they send each
# other 100 SGIs each way, the second leaves with CPU_OFF and is started
# again for a second round. Linux keeps
# computing on CPUs 0-1 meanwhile. The cell shuts down on request, starts
# again (its second CPU too), and destroy gives Linux both CPUs back.
# Then two faults: the second CPU reads outside the cell, or is started
# at an entry outside it; either fails the whole cell, both of its CPUs
# stop, and destroy gives both back.
. /tests/lib.sh

WORKLOAD_N=20000

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
		check_grep $1-round$r-sgi-ping-pong \
			"smp-demo: round $r: cpu 0 <-> cpu 1: 100 pings taken, 100 pongs back of 100" /tmp/hv.out
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
wait_hv 'smp-demo: done\|smp-demo: round [12]: \(only\|starting\|not\)' 60000
workload_wait
check_workload linux-workload-cpus-0-1 "$ref"
rounds_ok run1
check_eq running running "$(cell_state smp-demo)"

# Each CPU took its own 2 x 100 timer interrupts; CPU 3's PSCI exits are
# its two CPU_OFFs, CPU 2's the AFFINITY_INFO polls and CPU_ONs; each sent
# at least 2 x 100 SGIs (a trapped ICC_SGI1R_EL1 write each).
bulkhead cell stats smp-demo > /tmp/stats.out
check_eq stats-cpus-2-3 "2 3" "$(awk 'NR > 1 { print $1 }' /tmp/stats.out | tr '\n' ' ' | sed 's/ $//')"
# stat_at_least NAME CPU KEY MIN: CPU's KEY exits in /tmp/stats.out.
stat_at_least() {
	local n
	n=$(stat_of /tmp/stats.out $2 $3)
	if [ "${n:-0}" -ge $4 ]; then
		pass $1
	else
		fail $1 "$3 exits of CPU $2: '$n' (at least $4): $(tr '\n' '|' < /tmp/stats.out)"
	fi
}
for c in 2 3; do
	stat_at_least cpu$c-took-timer-interrupts $c irq 200
	stat_at_least cpu$c-psci-calls $c psci 2
	stat_at_least cpu$c-sent-sgis $c sgi 200
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
wait_hv 'smp-demo: done\|smp-demo: round [12]: \(only\|starting\|not\)' 60000
rounds_ok run2
check shutdown-again bulkhead cell shutdown smp-demo
check destroy bulkhead cell destroy smp-demo
cpus_back destroyed

# fault_case P ARGS ATTEMPT LOGGED: a fault on the second CPU fails the
# whole cell: the inmate printed ATTEMPT, the hypervisor logged LOGGED (grep
# patterns), nothing ran on, both CPUs stand still, destroy gives them back.
fault_case() {
	local p=$1 c a b
	check $p-create bulkhead cell create $BH_CELLS/smp-demo.cell
	check $p-load bulkhead cell load smp-demo $BH_INMATES/smp-demo.bin -s "$2"
	hv_mark
	check $p-start bulkhead cell start smp-demo
	check_cell_state $p-cell-failed smp-demo failed 30000
	wait_hv "$3" 5000
	hv_since_mark > /tmp/fault.out
	check_grep $p-attempted "$3" /tmp/fault.out
	check_grep $p-logged "$4" /tmp/fault.out
	if grep -aq 'survived the read\|round 2\|CPU_OFF returned\|only [0-9]* of' /tmp/fault.out; then
		fail $p-cell-stopped "$(grep -a 'survived the read\|round 2\|CPU_OFF returned\|only [0-9]* of' /tmp/fault.out | head -n 2 | tr '\n' '|')"
	else
		pass $p-cell-stopped
	fi
	# Both CPUs are parked: their exit counts stand still.
	bulkhead cell stats smp-demo > /tmp/stats.a
	sleep 0.5
	bulkhead cell stats smp-demo > /tmp/stats.b
	for c in 2 3; do
		a=$(stat_of /tmp/stats.a $c total)
		b=$(stat_of /tmp/stats.b $c total)
		if [ -n "$a" ] && [ "$a" = "$b" ]; then
			pass $p-cpu$c-stopped
		else
			fail $p-cpu$c-stopped "exits of CPU $c: '$a' -> '$b' in 0.5 s"
		fi
	done
	check $p-destroy bulkhead cell destroy smp-demo
	cpus_back $p-destroyed
}

# The second CPU reads outside the cell; the first CPU starts the second
# at an entry outside the cell.
fault_case fault-read fault=1 'smp-demo: cpu 1 reads 0x50000000, outside the cell' \
	'cell smp-demo: unhandled read at IPA 0x50000000 .* CPU 3'
fault_case fault-entry fault=2 'smp-demo: starting cpu 1 at 0x50000000, outside the cell' \
	'cell smp-demo: instruction fetch from IPA 0x50000000 PC 0x50000000 CPU 3'

check_eq no-cells-at-end 0 "$(cell_count_listed)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
