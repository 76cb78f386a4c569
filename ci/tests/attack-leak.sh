# SPDX-License-Identifier: GPL-2.0
# timeout: 90
# Isolation suite, part 3: state a cell leaves in its CPU must not follow
# the CPU to the root cell. Alone in its script because losing it can
# hang Linux: the harness's timeout then ends the run quickly.
. /tests/lib-attack.sh

attack_setup

# SGIs to itself left pending as the cell stops must not follow its CPU
# back to Linux, where SGI 2 is IPI_CPU_STOP: after destroy, CPU 3 must
# come online and work. Last, and watched: if CPU 3 is lost, Linux may
# hang.
if holdout sgi-leak sgi-leak sgi=2; then
	timed_shutdown sgi-leak-shutdown $FORCE_MS
	dmesg_mark
	bulkhead cell destroy attack > /tmp/destroy.out 2>&1 &
	pid=$!
	n=0
	while kill -0 $pid 2>/dev/null && [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	if kill -0 $pid 2>/dev/null; then
		fail sgi-leak-destroy-returns "bulkhead cell destroy did not return within 10 s: $(dmesg_since_mark | tail -n 3 | tr '\n' '|')"
		attack_verdict
		exit 1
	fi
	pass sgi-leak-destroy-returns
	check_eq sgi-leak-cpu3-back 0-1,3 "$(cpus_online)"
	if dmesg_since_mark | grep -qE 'failed to come online|did not come back'; then
		fail sgi-leak-cpu3-came-up "$(dmesg_since_mark | grep -E 'CPU3|come' | head -n 3 | tr '\n' '|')"
	else
		pass sgi-leak-cpu3-came-up
	fi
	set -- $(workload_on 3 200)
	check_eq sgi-leak-cpu3-runs-linux 3 "$2"
	check sgi-leak-recreate bulkhead cell create $ATTACK_CELL
	attack_verdict
fi

attack_finish
