# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the isolation suite (ci/tests/attack-*.sh,
# Documentation/isolation.md). The attacker is inmates/tests/attack.bin in
# the "attack" cell (CPU 3, slot A, UART1); the bystander is rt-control
# (CPU 2, slot B), whose once-a-second report in the hypervisor's log is
# the heartbeat; Linux keeps CPUs 0-1 and checksums a block of its memory
# in a loop on CPU 1. Each attack is contained when every check of it
# passes: the cell ends as the attack table says, the heartbeat advanced,
# the root checksum never changed and the loop advanced, the kernel did
# not complain, and the attacker could be destroyed and created again.
#
# Results: the usual markers, "BHSTAT: attack_tried NAME" as an attack
# begins and "BHSTAT: attack_contained NAME" when it ended contained
# (ci/run-tests.sh counts them, so an attack that hangs the guest still
# counts as tried), and "== attack NAME: contained" or "NOT contained".
. /tests/lib.sh

ATTACK_CELL=${ATTACK_CELL:-$BH_CELLS/attack.cell}
ATTACK_BIN=$BH_INMATES/attack.bin
ATTACKS_TRIED=0
ATTACKS_CONTAINED=0
ATK_BAD=0

# As lib.sh's fail, and counts the failures of the attack under way.
fail() {
	local name=$1
	shift
	ATK_BAD=$((ATK_BAD + 1))
	marker "BHTEST: FAIL $name: $*"
}

# --- the root cell's workload: a checksum of 1 MiB of its memory ---

root_sum() {
	md5sum < /tmp/block | cut -d' ' -f1
}

root_loop_start() {
	dd if=/dev/urandom of=/tmp/block bs=64k count=16 2>/dev/null
	ROOT_REF=$(root_sum)
	rm -f /tmp/sum.bad /tmp/sum.stop
	echo 0 > /tmp/sum.count
	taskset -c 1 sh -c '
		n=0
		while [ ! -e /tmp/sum.stop ]; do
			s=$(md5sum < /tmp/block | cut -d" " -f1)
			[ "$s" = "$1" ] || echo "round $n: $s" >> /tmp/sum.bad
			n=$((n + 1))
			# Renamed into place: a reader never sees it empty.
			echo $n > /tmp/sum.count.new
			mv /tmp/sum.count.new /tmp/sum.count
		done' sh "$ROOT_REF" &
	ROOT_LOOP=$!
}

root_loop_stop() {
	touch /tmp/sum.stop
	wait $ROOT_LOOP 2>/dev/null
}

sum_count() {
	local n
	n=$(cat /tmp/sum.count 2>/dev/null)
	echo "${n:-0}"
}

# --- the bystander ---

# heartbeat: the latest second rt-control reported, from the whole log.
heartbeat() {
	hv_console > /tmp/hb.out
	rt_control_last_t /tmp/hb.out
}

# heartbeat_since_mark: the reports of rt-control in the log since the
# mark, as "t=Ns" lines.
heartbeat_since_mark() {
	hv_since_mark | grep -aoE 'rt-control: t=[0-9]+s ' | sed 's/rt-control: //'
}

# attack_setup: module, hypervisor, bystander running, root loop running.
attack_setup() {
	check module-loads insmod $BH_KO
	check enable-succeeds bh_enable
	check rt-control-create bulkhead cell create $BH_CELLS/rt-control.cell
	check rt-control-load bulkhead cell load rt-control $BH_INMATES/rt-control.bin -s "seconds=0"
	check rt-control-start bulkhead cell start rt-control
	local end=$(( $(now_ms) + 5000 ))
	while [ "$(heartbeat)" -lt 1 ] && [ "$(now_ms)" -lt "$end" ]; do
		sleep 0.2
	done
	check_eq rt-control-heartbeat 1 "$([ "$(heartbeat)" -ge 1 ] && echo 1)"
	# The script keeps to CPU 0, so that the loop has CPU 1 to itself.
	taskset -p -c 0 $$ >/dev/null
	root_loop_start
	check attack-create bulkhead cell create $ATTACK_CELL
}

# attack_start NAME MODE [ARGS]: the attacker runs MODE; the marks for
# the checks of attack_end are taken first. ATTACK_ONLY="NAME ..." runs
# only those, ATK_DEBUG=1 prints where the time goes (when debugging;
# set them in the script).
attack_skip() {
	[ -n "$ATTACK_ONLY" ] && ! echo " $ATTACK_ONLY " | grep -q " $1 "
}
attack_start() {
	ATK=$1
	ATK_BAD=0
	ATTACKS_TRIED=$((ATTACKS_TRIED + 1))
	stat_marker attack_tried "$ATK"
	echo "== attack $ATK (mode=$2 $3), at $(now_ms) ms"
	dmesg_mark
	ATK_SUM=$(sum_count)
	ATK_T0=$(now_ms)
	check $ATK-load bulkhead cell load attack $ATTACK_BIN -s "mode=$2 $3"
	hv_mark
	check $ATK-start bulkhead cell start attack
	[ -n "$ATK_DEBUG" ] && echo "t_start $(( $(now_ms) - ATK_T0 ))"
}

# wait_log PATTERN [MS]: until PATTERN (grep -E) is in the hypervisor's
# log since the mark; the log is left in /tmp/atk.out.
wait_log() {
	local end=$(( $(now_ms) + ${2:-3000} ))
	while :; do
		hv_since_mark > /tmp/atk.out
		grep -aqE -- "$1" /tmp/atk.out && return 0
		[ "$(now_ms)" -ge "$end" ] && return 1
		sleep 0.1
	done
}

# log_has NAME REGEX / log_lacks NAME REGEX: in the log since the mark,
# as the last wait_log or log_fetch read it.
log_fetch() {
	hv_since_mark > /tmp/atk.out
}
log_has() {
	if grep -aqE -- "$2" /tmp/atk.out; then
		pass "$1"
	else
		fail "$1" "/$2/ not in the hypervisor log: $(grep -av '^rt-control' /tmp/atk.out | tail -n 4 | tr '\n' '|')"
	fi
}
log_lacks() {
	if grep -aqE -- "$2" /tmp/atk.out; then
		fail "$1" "$(grep -aE -- "$2" /tmp/atk.out | head -n 2 | tr '\n' '|')"
	else
		pass "$1"
	fi
}

# attack_end: the common checks, then destroy and create the attacker.
attack_end() {
	local end hb n
	[ -n "$ATK_DEBUG" ] && echo "t_end0 $(( $(now_ms) - ATK_T0 ))"
	# The root cell's checksum loop went on, and never saw a change.
	end=$(( $(now_ms) + 3000 ))
	while n=$(sum_count); [ "$n" -le "$ATK_SUM" ] && [ "$(now_ms)" -lt "$end" ]; do
		sleep 0.2
	done
	if [ "$n" -gt "$ATK_SUM" ] && [ ! -s /tmp/sum.bad ]; then
		pass $ATK-root-checksum
	else
		fail $ATK-root-checksum "rounds $ATK_SUM -> $n; $(cat /tmp/sum.bad 2>/dev/null | head -n 2 | tr '\n' '|')"
	fi
	# The heartbeat: rt-control reported since the attack began (once a
	# second).
	end=$(( $(now_ms) + 2500 ))
	while hb=$(heartbeat_since_mark | tail -n 1); [ -z "$hb" ] && [ "$(now_ms)" -lt "$end" ]; do
		sleep 0.2
	done
	if [ -n "$hb" ] && [ "$(cell_state rt-control)" = running ]; then
		pass $ATK-heartbeat
	else
		fail $ATK-heartbeat "rt-control '$(cell_state rt-control)', no report since the attack began"
	fi
	[ -n "$ATK_DEBUG" ] && echo "t_hb $(( $(now_ms) - ATK_T0 ))"
	dmesg_since_mark > /tmp/atk.dmesg
	if grep -qE 'Internal error|Oops|BUG:|Unable to handle|SError|rcu.*stall|WARNING:' /tmp/atk.dmesg; then
		fail $ATK-kernel-quiet "$(grep -E 'Internal error|Oops|BUG:|Unable to handle|SError|rcu.*stall|WARNING:' /tmp/atk.dmesg | head -n 2 | tr '\n' '|')"
	else
		pass $ATK-kernel-quiet
	fi
	check_eq $ATK-linux-cpus 0-1 "$(cpus_online)"
	[ -n "$ATK_DEBUG" ] && echo "t_root $(( $(now_ms) - ATK_T0 ))"
	# Destroyable and creatable again.
	check $ATK-destroy bulkhead cell destroy attack
	check_eq $ATK-cpu3-back 0-1,3 "$(cpus_online)"
	[ -n "$ATK_DEBUG" ] && echo "t_destroy $(( $(now_ms) - ATK_T0 ))"
	check $ATK-recreate bulkhead cell create $ATTACK_CELL
	attack_verdict
}

# attack_verdict: the attack under way was contained if none of its
# checks failed.
attack_verdict() {
	if [ $ATK_BAD = 0 ]; then
		ATTACKS_CONTAINED=$((ATTACKS_CONTAINED + 1))
		stat_marker attack_contained "$ATK"
		echo "== attack $ATK: contained ($(( $(now_ms) - ATK_T0 )) ms)"
	else
		echo "== attack $ATK: NOT contained ($ATK_BAD failed checks)"
	fi
}

# fault NAME MODE REGEX: the cell is stopped as failed, the log names the
# violation (REGEX) and the failure.
fault() {
	attack_skip "$1" && return
	attack_start "$1" "$2"
	check_cell_state $1-state-failed attack failed
	log_fetch
	log_has $1-violation-logged "$3"
	log_has $1-failure-logged 'cell attack failed: stopped'
	attack_end
}

# checked NAME MODE [ARGS]: the inmate checked every answer itself and,
# finding them all right, powered its cell off: "shut down", no failure.
checked() {
	attack_skip "$1" && return
	attack_start "$1" "$2" "$3"
	check_cell_state $1-all-answers-right attack "shut down" ${CHECKED_MS:-8000}
	log_fetch
	log_has $1-powered-off 'cell attack: PSCI system off: stopping the cell only'
	log_lacks $1-not-failed 'cell attack failed'
	attack_end
}

# timed_shutdown NAME MAX_MS [--force]: `bulkhead cell shutdown attack`
# returns success within MAX_MS. If it does not return within 10 s, a root
# CPU hangs in the hypervisor and nothing more can be done: the test then
# waits for the harness's timeout. Leaves the time taken in SHUT_MS.
timed_shutdown() {
	local name=$1 max=$2 t0 pid n=0 rc
	shift 2
	t0=$(now_ms)
	bulkhead cell shutdown attack "$@" > /tmp/shut.out 2>&1 &
	pid=$!
	while kill -0 $pid 2>/dev/null && [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	if kill -0 $pid 2>/dev/null; then
		flush_markers
		fail $name "bulkhead cell shutdown attack $* did not return within 10 s: a root CPU is stuck in the hypervisor"
		echo "attack: cannot go on; waiting for the harness's timeout"
		sleep 1000
	fi
	wait $pid
	rc=$?
	SHUT_MS=$(( $(now_ms) - t0 ))
	echo "shutdown $*: rc=$rc after $SHUT_MS ms: $(cat /tmp/shut.out)"
	if [ $rc = 0 ] && [ $SHUT_MS -le $max ]; then
		pass $name
	else
		fail $name "rc=$rc after $SHUT_MS ms (bound $max ms): $(cat /tmp/shut.out)"
	fi
}

# Bounds (Documentation/isolation.md): a forced shutdown, or one of a
# cell that does not answer messages, returns within FORCE_MS whatever the
# inmate does (a few hundred ms under TCG; the margin is for a loaded
# build machine); one that waits for an answer gives up after the
# driver's 2 s (ETIMEDOUT), within ASK_MS.
FORCE_MS=5000
ASK_MS=6000

# holdout NAME MODE [ARGS]: the attacker runs MODE; wait until it is at
# it.
holdout() {
	attack_skip "$1" && return 1
	attack_start "$1" "$2" "$3"
	sleep 0.5
	check_eq $1-running running "$(cell_state attack)"
}

# count_exits STAT: the attacker's (CPU 3's) STAT exits over about a
# second, in EXITS, and the milliseconds that took, in EXIT_MS.
count_exits() {
	local n0 t0
	n0=$(cell_stat attack 3 $1)
	t0=$(now_ms)
	sleep 1
	EXITS=$(( $(cell_stat attack 3 $1) - n0 ))
	EXIT_MS=$(( $(now_ms) - t0 ))
}

# attack_finish: last create/destroy, bystander and hypervisor gone, the
# counts.
attack_finish() {
	root_loop_stop
	check final-destroy bulkhead cell destroy attack
	check rt-control-shutdown bulkhead cell shutdown rt-control
	check rt-control-destroy bulkhead cell destroy rt-control
	check_eq all-cpus-back 0-3 "$(cpus_online)"
	check disable-succeeds bh_disable
	check module-unloads rmmod bulkhead
	echo "attacks: $ATTACKS_CONTAINED of $ATTACKS_TRIED contained"
}
