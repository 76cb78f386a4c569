# SPDX-License-Identifier: GPL-2.0
# timeout: 80
# Containment: the violate inmate (CPU 3) does one forbidden thing per
# case, while rt-control runs on CPU 2 as a bystander and Linux computes on
# CPUs 0-1. A fault (mem: unassigned memory, mmio: a device it was not
# given, sgi: an SGI to a CPU of another cell) stops that cell alone: its state becomes "failed", the
# hypervisor's log names the cell and the fault, the inmate never gets to
# print "violate: survived ACTION", Linux's checksums stay right,
# rt-control keeps reporting; the failed cell can be destroyed and created
# anew, or loaded and started again. Enabling and routing an interrupt it
# does not own (irq) is masked, not a fault: nothing changes, the cell
# runs on. PSCI calls are not faults: CPU_ON of a
# CPU that is not the cell's is denied (PSCI DENIED, -3) and the cell runs
# on; SYSTEM_OFF stops only that cell ("shut down"); SYSTEM_RESET restarts
# only that cell, and a cell that keeps resetting itself can still be shut
# down.
#
# violate runs from a copy of its config that prints through the
# hypervisor's console instead of UART1, so that what it printed, and what
# it did not, can be checked here; the last runs of SYSTEM_RESET use the
# original config and print on UART1.
#
# expect-uart1: violate-resets violate: doing system_reset
. /tests/lib.sh

WORKLOAD_N=6000
VIOLATE=/tmp/violate-vcon.cell

check module-loads insmod $BH_KO
ref=$(workload)
check enable-succeeds bh_enable

# The bystander.
check rt-control-create bulkhead cell create $BH_CELLS/rt-control.cell
check rt-control-load bulkhead cell load rt-control $BH_INMATES/rt-control.bin -s "seconds=0"
hv_mark
check rt-control-start bulkhead cell start rt-control
end=$(( $(now_ms) + 4000 ))
while [ "$(hv_since_mark > /tmp/hv.out; rt_control_last_t /tmp/hv.out)" -lt 1 ] &&
      [ "$(now_ms)" -lt "$end" ]; do
	sleep 0.2
done
check_grep rt-control-reports 'rt-control: t=1s' /tmp/hv.out

vcon_copy violate $VIOLATE

# bystander_ok NAME: rt-control reported during the case: a report in the
# hypervisor's log since the case's mark (waiting up to 2.5 s for one), and
# it still runs; Linux has CPUs 0-1.
bystander_ok() {
	local end=$(( $(now_ms) + 2500 ))
	while ! grep -aq 'rt-control: t=[0-9]*s ' /tmp/hv.out && [ "$(now_ms)" -lt "$end" ]; do
		sleep 0.2
		hv_since_mark > /tmp/hv.out
	done
	if grep -aq 'rt-control: t=[0-9]*s ' /tmp/hv.out && [ "$(cell_state rt-control)" = running ]; then
		pass $1-bystander-keeps-reporting
	else
		fail $1-bystander-keeps-reporting "rt-control '$(cell_state rt-control)', no report in the log since the case began: $(tail -n 3 /tmp/hv.out | tr '\n' '|')"
	fi
	check_eq $1-linux-cpus 0-1 "$(cpus_online)"
}

# start_violate ACTION [new]: violate doing ACTION, in a cell created anew
# with "new", else in the cell of the case before, whatever its state
# (load parks it, start restarts it). Linux's workload runs on its CPUs
# meanwhile (workload_wait collects it).
start_violate() {
	local a=$1
	echo "== case $a, at $(now_ms) ms"
	dmesg_mark
	[ "$2" = new ] && check $a-create bulkhead cell create $VIOLATE
	check $a-load bulkhead cell load violate $BH_INMATES/violate.bin -s "action=$a"
	hv_mark
	workload_start
	check $a-start bulkhead cell start violate
}

# root_ok NAME: Linux computed right on its CPUs during the case and did
# not complain.
root_ok() {
	workload_wait
	check_workload $1-linux-workload "$ref"
	dmesg_since_mark > /tmp/case.dmesg
	if grep -qE 'Internal error|Oops|BUG:|Unable to handle|SError|rcu.*stall' /tmp/case.dmesg; then
		fail $1-linux-no-complaints "$(grep -E 'Internal error|Oops|BUG:|Unable to handle|SError|rcu.*stall' /tmp/case.dmesg | head -n 2 | tr '\n' '|')"
	else
		pass $1-linux-no-complaints
	fi
}

# end_case ACTION: destroy the cell; CPU 3 goes back to Linux.
end_case() {
	check $1-destroy bulkhead cell destroy violate
	check_eq $1-only-bystander-left "rt-control" \
		"$(bulkhead cell list | awk 'NR > 1 { print $2 }' | tr '\n' ' ' | sed 's/ $//')"
	check_eq $1-cpu3-back 0-1,3 "$(cpus_online)"
}

# fault ACTION LOG-REGEX [new]: the cell is stopped as failed, LOG-REGEX
# (grep -E) is in the hypervisor's log with the failure, "survived" never
# shows.
fault() {
	local a=$1 re=$2
	start_violate $a $3
	check_cell_state $a-state-failed violate failed
	# A cell that was not stopped prints "survived" right away; give it
	# the time to.
	sleep 0.3
	hv_since_mark > /tmp/hv.out
	cp /tmp/hv.out /tmp/$a.out
	check_grep $a-inmate-started "violate: doing $a" /tmp/$a.out
	if grep -aqE -- "$re" /tmp/$a.out; then
		pass $a-fault-logged
	else
		fail $a-fault-logged "/$re/ not in the hypervisor log: $(grep -av '^rt-control' /tmp/$a.out | tail -n 4 | tr '\n' '|')"
	fi
	check_grep $a-cell-failed-logged 'cell violate failed: stopped' /tmp/$a.out
	if grep -aq "violate: survived $a" /tmp/$a.out; then
		fail $a-never-survived "the inmate printed 'violate: survived $a'"
	else
		pass $a-never-survived
	fi
	root_ok $a
	bystander_ok $a
}

# Faults. mem and mmio name address and PC. After mem the failed cell is
# destroyed and created anew; mmio, irq and sgi then run in the same cell,
# loaded and started again after each case.
fault mem 'cell violate: unhandled read at IPA 0x50000000 \(4 bytes\) PC 0x4000[0-9a-f]{4} CPU 3' new
# A failed cell stays failed when shut down.
check mem-shutdown-of-failed-cell bulkhead cell shutdown violate
check_eq mem-failed-after-shutdown failed "$(cell_state violate)"
end_case mem

fault mmio 'cell violate: unhandled read at IPA 0x9030000 \(4 bytes\) PC 0x4000[0-9a-f]{4} CPU 3' new
# irq: INTID 33 (UART0, the root's) routed to CPU 3 and enabled: masked,
# the inmate reads it back disabled and runs on (Documentation/cells.md,
# the distributor's rule per register).
start_violate irq
wait_hv 'violate: survived irq'
cp /tmp/hv.out /tmp/irq.out
check_grep irq-reads-disabled 'violate: INTID 33 enabled=0' /tmp/irq.out
check_eq irq-state-running running "$(cell_state violate)"
if grep -aq 'cell violate failed' /tmp/irq.out; then
	fail irq-not-a-fault "$(grep -a 'cell violate failed' /tmp/irq.out)"
else
	pass irq-not-a-fault
fi
root_ok irq
bystander_ok irq
# sgi: SGI 1 (INTID field 27:24) to target list CPU 0; no PC in this one.
fault sgi 'cell violate: SGI 0x1000001 to CPUs it does not own, CPU 3'
end_case sgi

# --- PSCI ---

# CPU_ON of CPU 0 (Linux's): denied, the cell runs on.
start_violate cpu_on new
wait_hv 'violate: survived cpu_on'
cp /tmp/hv.out /tmp/cpu_on.out
check_grep cpu_on-denied-to-inmate 'violate: PSCI CPU_ON returned -3' /tmp/cpu_on.out
check_grep cpu_on-cell-survives 'violate: survived cpu_on' /tmp/cpu_on.out
check_grep cpu_on-logged 'cell violate: PSCI CPU_ON for MPIDR 0x0, not its CPU' /tmp/cpu_on.out
check_eq cpu_on-state-running running "$(cell_state violate)"
if grep -aq 'cell violate failed' /tmp/cpu_on.out; then
	fail cpu_on-not-a-fault "the hypervisor failed the cell: $(grep -a 'cell violate failed' /tmp/cpu_on.out)"
else
	pass cpu_on-not-a-fault
fi
root_ok cpu_on
set -- $(workload_on 0)
check_eq cpu_on-cpu0-still-linux "$ref on cpu0" "$1 on cpu$2"
hv_mark
check cpu_on-shutdown-agreed bulkhead cell shutdown violate
check_eq cpu_on-state-shut-down "shut down" "$(cell_state violate)"
hv_since_mark > /tmp/hv.out
check_grep cpu_on-inmate-agreed 'violate: shutdown requested, OK' /tmp/hv.out
bystander_ok cpu_on

# SYSTEM_OFF: that cell stops, nothing else does.
start_violate system_off
check_cell_state system_off-state-shut-down violate "shut down"
wait_hv 'PSCI system off' 2000
sleep 0.3
hv_since_mark > /tmp/system_off.out
check_grep system_off-inmate-started 'violate: doing system_off' /tmp/system_off.out
check_grep system_off-logged 'cell violate: PSCI system off: stopping the cell only' /tmp/system_off.out
if grep -aqE 'violate: (PSCI SYSTEM_OFF returned|survived system_off)' /tmp/system_off.out; then
	fail system_off-cell-stopped "the inmate ran on: $(grep -aE 'violate: (PSCI|survived)' /tmp/system_off.out | tr '\n' '|')"
else
	pass system_off-cell-stopped
fi
if grep -aq 'root cell: PSCI system' /tmp/system_off.out; then
	fail system_off-not-forwarded "$(grep -a 'root cell: PSCI system' /tmp/system_off.out)"
else
	pass system_off-not-forwarded
fi
root_ok system_off
bystander_ok system_off

# stop_resetting NAME: `bulkhead cell shutdown violate` of a cell that
# keeps resetting itself returns within 5 s. If it does not, a root CPU is
# stuck in the hypervisor waiting for the cell's CPU to park, holding the
# driver's lock: nothing more can be done, and the guest cannot power off
# while a cell exists. The test then waits for the harness's timeout, so
# that it shows as incomplete.
stop_resetting() {
	local pid n=0
	bulkhead cell shutdown violate > /tmp/stop.out 2>&1 &
	pid=$!
	while kill -0 $pid 2>/dev/null && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	if ! kill -0 $pid 2>/dev/null; then
		flush_markers
		wait $pid && pass $1 || fail $1 "bulkhead cell shutdown violate: $(cat /tmp/stop.out)"
		return
	fi
	flush_markers
	fail $1 "bulkhead cell shutdown of a cell that resets itself did not return within 5 s: the root CPU that asked is stuck in the hypervisor"
	echo "cell-contain: cannot go on (a CPU hangs in the hypervisor); waiting for the harness's timeout"
	sleep 1000
}

# SYSTEM_RESET: that cell starts over (and, as its args are the same,
# resets again and again until it is shut down); nothing else restarts.
defer_markers
start_violate system_reset
wait_hv 'violate: doing system_reset' 2000
# Until it has started over at least once (a slow host takes longer).
end=$(( $(now_ms) + 5000 ))
while :; do
	hv_since_mark > /tmp/system_reset.out
	starts=$(grep -ac 'violate: doing system_reset' /tmp/system_reset.out)
	[ "$starts" -ge 2 ] || [ "$(now_ms)" -ge "$end" ] && break
	sleep 0.1
done
check_eq system_reset-state-running running "$(cell_state violate)"
stop_resetting system_reset-shutdown-returns
check_eq system_reset-state-shut-down "shut down" "$(cell_state violate)"
if [ "$starts" -ge 2 ]; then
	pass system_reset-cell-restarted
else
	fail system_reset-cell-restarted "'violate: doing system_reset' printed $starts time(s): $(grep -av '^rt-control' /tmp/system_reset.out | tail -n 4 | tr '\n' '|')"
fi
check_grep system_reset-logged 'cell violate: PSCI system reset: restarting the cell only' /tmp/system_reset.out
if grep -aq 'violate: PSCI SYSTEM_RESET returned' /tmp/system_reset.out; then
	fail system_reset-never-returns "$(grep -a 'SYSTEM_RESET returned' /tmp/system_reset.out | head -n 1)"
else
	pass system_reset-never-returns
fi
if grep -aq 'root cell: PSCI system' /tmp/system_reset.out; then
	fail system_reset-not-forwarded "$(grep -a 'root cell: PSCI system' /tmp/system_reset.out)"
else
	pass system_reset-not-forwarded
fi
root_ok system_reset
bystander_ok system_reset
end_case system_reset

# Shutting down a resetting cell again, three times, with the config that
# prints on UART1 (no hypercall per character: the cell resets several
# thousand times a second, which makes a race between its restart and a
# park request from the root cell likely to show).
check system_reset-uart1-create bulkhead cell create $BH_CELLS/violate.cell
for i in 1 2 3; do
	defer_markers
	check system_reset-again$i-load bulkhead cell load violate $BH_INMATES/violate.bin -s "action=system_reset"
	check system_reset-again$i-start bulkhead cell start violate
	sleep 0.3
	stop_resetting system_reset-again$i-shutdown-returns
done
check system_reset-uart1-destroy bulkhead cell destroy violate

# After all that: a new cell still works, and everything goes back.
echo "== recreate, at $(now_ms) ms"
check recreate-after-failures bulkhead cell create $VIOLATE
check recreate-load bulkhead cell load violate $BH_INMATES/violate.bin -s "action=none"
hv_mark
check recreate-start bulkhead cell start violate
wait_hv 'violate: survived none'
check_grep recreate-runs 'violate: survived none' /tmp/hv.out
check recreate-shutdown bulkhead cell shutdown violate
check recreate-destroy bulkhead cell destroy violate
check rt-control-shutdown bulkhead cell shutdown rt-control
check rt-control-destroy bulkhead cell destroy rt-control
check_eq all-cpus-back 0-3 "$(cpus_online)"
workload_start
workload_wait
check_workload linux-workload-all-cpus "$ref"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
