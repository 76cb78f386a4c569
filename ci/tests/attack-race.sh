# SPDX-License-Identifier: GPL-2.0
# timeout: 300
# The CPU_ON/park race (Documentation/isolation.md): the two CPUs of the
# "onoff" cell (2 and 3, inmates/tests/onoff.c) pass a token through PSCI
# CPU_ON/CPU_OFF as fast as they can while the root cell stops the cell
# again and again: start over the running cell, forced shutdown, destroy.
# Each stop must catch both CPUs: after a shutdown their exit counts stand
# still, every management command returns within CMD_MS, a start never
# fails, and after destroy Linux gets both CPUs back and can take them
# offline and online again. A CPU_ON that slips past a stop shows as a CPU
# spinning on after it (its CPU_ONs are denied from then on), as a
# management call that never returns (the root waits for a CPU that no
# longer parks), as a failed start, or as a CPU Linux cannot boot.
. /tests/lib.sh

CELL=onoff
CYCLES=50	# of 6 stops each (~2.7 s under TCG)
MIN_CYCLES=34	# at least 200 stops, if the loop runs out of time
LOOP_MS=170000	# on a slow or crowded machine: stop early
CMD_MS=5000	# one management command (~100 ms; margin for a loaded host)
HANG_S=15	# still in the hypervisor after this: a root CPU is stuck
MAX_REPORTS=3	# failures of one kind shown one by one; the rest counted

# Race kinds: each is an attack of the isolation suite's summary.
KINDS="restart shutdown destroy"
for k in $KINDS; do
	eval "BAD_$k=0 DONE_$k=0"
done

# bad KIND WHY: one failure of KIND; the first MAX_REPORTS are markers.
bad() {
	local n
	eval "n=\$((BAD_$1 + 1)); BAD_$1=\$n"
	[ "$n" -le $MAX_REPORTS ] && fail "race-$1" "$2"
	return 0
}

# The script keeps to CPU 0, the watchdog to CPU 1: a root CPU stuck in
# the hypervisor is not the one that has to report it.
taskset -p -c 0 $$ >/dev/null

# ms: NOW = milliseconds since boot, without a process (/proc/uptime has
# two decimals).
ms() {
	local up s f
	read -r up _ < /proc/uptime
	s=${up%.*}
	f=${up#*.}
	NOW=$(( s * 1000 + ${f#0} * 10 ))
}

# The watchdog: while /tmp/mgmt.now names a command, started at the ms it
# gives, that has run for HANG_S, the test cannot go on (the management
# lock is held for good): report it and leave the end to the harness's
# timeout. (Not through the driver: the stuck call holds its lock.)
watchdog() {
	local t0 what
	while sleep 1; do
		read -r t0 what 2>/dev/null < /tmp/mgmt.now || continue
		ms
		[ $((NOW - t0)) -ge $((HANG_S * 1000)) ] || continue
		fail race-hang "'$what' did not return within $HANG_S s: a root CPU is stuck in the hypervisor"
		dmesg | grep -E 'rcu.*stall' | head -n 1
		echo "attack-race: cannot go on; waiting for the harness's timeout"
		exit 0
	done
}

# mgmt KIND CYCLE ARGS...: `bulkhead cell ARGS` succeeds within CMD_MS.
mgmt() {
	local kind=$1 cycle=$2 t0 rc
	shift 2
	ms
	t0=$NOW
	echo "$t0 bulkhead cell $* (cycle $cycle)" > /tmp/mgmt.now
	bulkhead cell "$@" > /tmp/mgmt.out 2>&1
	rc=$?
	: > /tmp/mgmt.now
	ms
	[ $rc = 0 ] && [ $((NOW - t0)) -le $CMD_MS ] && return 0
	bad "$kind" "cycle $cycle: 'bulkhead cell $*': rc=$rc after $((NOW - t0)) ms (bound $CMD_MS): $(tr '\n' '|' < /tmp/mgmt.out)"
	return 1
}

# exits FILE: "TOTAL2 TOTAL3", the exit counts of both CPUs.
exits() {
	echo "$(stat_of "$1" 2 total) $(stat_of "$1" 3 total)"
}

# still KIND CYCLE: after a stop, neither CPU exits any more.
still() {
	local a b
	bulkhead cell stats $CELL > /tmp/still.a 2>&1
	sleep 0.1
	bulkhead cell stats $CELL > /tmp/still.b 2>&1
	a=$(exits /tmp/still.a)
	b=$(exits /tmp/still.b)
	if [ "$a" = "$b" ] && [ "$a" != " " ]; then
		return 0
	fi
	bad "$1" "cycle $2: a CPU runs on after the stop: exits of CPUs 2 3: '$a' -> '$b' in 0.1 s"
}

# relaying CYCLE: both CPUs are at it (their PSCI exits rise).
relaying() {
	local a b
	bulkhead cell stats $CELL > /tmp/relay.a 2>&1
	sleep 0.1
	bulkhead cell stats $CELL > /tmp/relay.b 2>&1
	for c in 2 3; do
		a=$(stat_of /tmp/relay.a $c psci)
		b=$(stat_of /tmp/relay.b $c psci)
		if [ -z "$a" ] || [ -z "$b" ] || [ "$b" -le "$a" ]; then
			fail relay-cycle$1-cpu$c "PSCI exits of CPU $c: '$a' -> '$b' in 0.1 s while running"
			RELAY_BAD=1
		fi
	done
}

# cpus_back CYCLE: after destroy, Linux has CPUs 2 and 3 back.
cpus_back() {
	local on
	on=$(cpus_online)
	[ "$on" = 0-3 ] && return 0
	bad destroy "cycle $1: online after destroy: '$on', expected 0-3: $(dmesg | grep -E 'psci|CPU[23]' | tail -n 2 | tr '\n' '|')"
	return 1
}

# cpus_cycle CYCLE: and it can take them offline and online again.
cpus_cycle() {
	local c
	for c in 2 3; do
		echo 0 > /sys/devices/system/cpu/cpu$c/online &&
			echo 1 > /sys/devices/system/cpu/cpu$c/online && continue
		bad destroy "cycle $1: Linux cannot offline and online CPU $c again: $(dmesg | tail -n 2 | tr '\n' '|')"
		return 1
	done
}

# log_check CYCLE: nothing wrong in the hypervisor's log since the mark.
log_check() {
	hv_since_mark > /tmp/race.log
	hv_mark
	if grep -aE 'did not park|CPU_OFF returned|no second CPU|failed|denied|not its CPU|unhandled|forbidden' \
		/tmp/race.log > /tmp/race.bad; then
		fail log-cycle$1 "$(head -n 2 /tmp/race.bad | tr '\n' '|')"
		LOG_BAD=1
	fi
}

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
watchdog &
WATCHDOG=$!
taskset -p -c 1 $WATCHDOG >/dev/null
for k in $KINDS; do
	stat_marker attack_tried "race-$k"
done
dmesg_mark
hv_mark
check create bulkhead cell create $BH_CELLS/$CELL.cell
check load bulkhead cell load $CELL $BH_INMATES/onoff.bin
check start bulkhead cell start $CELL
wait_hv 'onoff: relay between 0x2 and 0x3' 5000
check_grep relay-runs 'onoff: relay between 0x2 and 0x3' /tmp/hv.out
RELAY_BAD=0 LOG_BAD=0
ms
T0=$NOW

# A cycle: start the running cell over (three times), shut it down (twice),
# destroy it while it runs; 6 stops. Linux takes CPUs 2 and 3 offline and
# online once more every third cycle; the hypervisor's log is read every
# fifth.
cycle=0
while [ $cycle -lt $CYCLES ] && ms && [ $((NOW - T0)) -lt $LOOP_MS ]; do
	cycle=$((cycle + 1))
	[ $((cycle % 10)) = 1 ] && relaying $cycle
	for i in 1 2; do
		mgmt restart $cycle start $CELL
		DONE_restart=$((DONE_restart + 1))
		mgmt shutdown $cycle shutdown $CELL --force &&
			still shutdown $cycle
		DONE_shutdown=$((DONE_shutdown + 1))
		mgmt restart $cycle start $CELL
	done
	st=$(cell_state $CELL)
	[ "$st" = running ] || bad restart "cycle $cycle: state '$st' after start"
	mgmt restart $cycle start $CELL
	DONE_restart=$((DONE_restart + 1))
	mgmt destroy $cycle destroy $CELL
	DONE_destroy=$((DONE_destroy + 1))
	cpus_back $cycle || break
	[ $((cycle % 3)) = 0 ] && { cpus_cycle $cycle || break; }
	[ $((cycle % 5)) = 0 ] && log_check $cycle
	mgmt destroy $cycle create $BH_CELLS/$CELL.cell || break
	mgmt destroy $cycle load $CELL $BH_INMATES/onoff.bin || break
	mgmt restart $cycle start $CELL
done
log_check end
ms
echo "attack-race: $cycle cycles in $((NOW - T0)) ms: $DONE_restart restarts, $DONE_shutdown shutdowns, $DONE_destroy destroys"
if [ $cycle -ge $MIN_CYCLES ]; then
	pass enough-cycles
else
	fail enough-cycles "$cycle cycles, at least $MIN_CYCLES wanted"
fi
stat_marker race_stops $((DONE_restart + DONE_shutdown + DONE_destroy))

for k in $KINDS; do
	eval "n=\$BAD_$k d=\$DONE_$k"
	if [ "$n" = 0 ]; then
		pass "race-$k"
		stat_marker attack_contained "race-$k"
	elif [ "$n" -gt $MAX_REPORTS ]; then
		fail "race-$k-count" "$n of $d failed, $((n - MAX_REPORTS)) not shown"
	fi
done
check_eq relay-kept-running 0 $RELAY_BAD
check_eq log-clean 0 $LOG_BAD
dmesg_since_mark > /tmp/race.dmesg
if grep -E 'Internal error|Oops|BUG:|Unable to handle|rcu.*stall|WARNING:|failed to boot|did not come back' \
	/tmp/race.dmesg > /tmp/race.dbad; then
	fail kernel-quiet "$(head -n 2 /tmp/race.dbad | tr '\n' '|')"
else
	pass kernel-quiet
fi

kill $WATCHDOG 2>/dev/null
check final-destroy bulkhead cell destroy $CELL
check_eq all-cpus-back 0-3 "$(cpus_online)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
