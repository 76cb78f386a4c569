# SPDX-License-Identifier: GPL-2.0
# timeout: 60
# Isolation suite, part 3: state a cell leaves in its CPU must not follow
# the CPU to the root cell. Alone in its script because losing it can
# hang Linux: the harness's timeout then ends the run quickly.
. /tests/lib-attack.sh

attack_setup

# leak NAME SGI: the attacker leaves SGI pending to itself as the cell
# stops; it must not follow its CPU back to Linux: after destroy, CPU 3
# must come online and work. Watched: if CPU 3 is lost, Linux may hang.
leak() {
	holdout $1 sgi-leak sgi=$2 || return
	timed_shutdown $ATK-shutdown $FORCE_MS
	dmesg_mark
	bulkhead cell destroy attack > /tmp/destroy.out 2>&1 &
	pid=$!
	n=0
	while kill -0 $pid 2>/dev/null && [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	if kill -0 $pid 2>/dev/null; then
		fail $ATK-destroy-returns "bulkhead cell destroy did not return within 10 s: $(dmesg_since_mark | tail -n 3 | tr '\n' '|')"
		attack_verdict
		exit 1
	fi
	pass $ATK-destroy-returns
	check_eq $ATK-cpu3-back 0-1,3 "$(cpus_online)"
	if dmesg_since_mark | grep -qE 'failed to come online|did not come back'; then
		fail $ATK-cpu3-came-up "$(dmesg_since_mark | grep -E 'CPU3|come' | head -n 3 | tr '\n' '|')"
	else
		pass $ATK-cpu3-came-up
	fi
	check_eq $ATK-cpu3-runs-linux 3 "$(workload_on 3 200 | cut -d' ' -f2)"
	check $ATK-recreate bulkhead cell create $ATTACK_CELL
	attack_verdict
}

# SGI 8, which Linux does not use, then SGI 2, which is Linux's
# IPI_CPU_STOP.
leak sgi-leak-8 8
leak sgi-leak 2

attack_finish
