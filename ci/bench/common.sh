# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the benchmark guest scripts (ci/bench/*.sh, run by
# `ci/qemu.sh bench NAME` under -icount). Results are console lines
#   BHBENCH: KEY VALUE...
# which ci/bench.sh collects; what a cell prints on UART1 the host reads
# from build/bench/NAME.uart1.log. Sourced, not run (it prints nothing).

BH_KO=/lib/bulkhead/bulkhead.ko
BH_CELLS=/etc/bulkhead
BH_INMATES=/usr/share/bulkhead/inmates
BH_SYSFS=/sys/devices/bulkhead

result() {
	echo "BHBENCH: $*"
}

# fatal WHAT: the benchmark cannot go on; the host reports WHAT.
fatal() {
	result error "$*"
	exit 1
}

# run CMD...: a command whose output only matters when it fails.
run() {
	"$@" > /tmp/run.out 2>&1 && return 0
	fatal "'$*' failed: $(tail -n 3 /tmp/run.out | tr '\n' ' ')"
}

# mark NAME: a line in the kernel log, whose timestamp (local_clock, µs;
# virtual time under -icount) times what happens between marks. A shell
# builtin writing to /dev/kmsg: about 40 µs, no fork.
mark() {
	echo "bhbench-mark $1" > /dev/kmsg
}

# mark_poll_cost CMD...: marks poll-a, poll-b around one run of CMD (a
# poll of the script), then poll-c right after: what one poll and one
# mark cost, the resolution of the figures (ci/bench.sh: mark_stats).
mark_poll_cost() {
	mark poll-a
	"$@" > /dev/null
	mark poll-b
	mark poll-c
}

# marks_report: every mark as "BHBENCH: mark NAME US", µs since boot.
marks_report() {
	dmesg | awk '$(NF - 1) == "bhbench-mark" {
		t = $0; sub(/^\[ */, "", t); sub(/\].*/, "", t)
		printf "BHBENCH: mark %s %d\n", $NF, int(t * 1000000 + 0.5) }'
}

bh_start() {
	run insmod $BH_KO
	run bulkhead enable $BH_CELLS/qemu-arm64.cell
}

# cell_run CONFIG INMATE ARGS: create, load and start a cell.
cell_run() {
	run bulkhead cell create "$BH_CELLS/$1.cell"
	run bulkhead cell load "$1" "$BH_INMATES/$2.bin" -s "$3"
	run bulkhead cell start "$1"
}

# cell_end NAME: shut the cell down (the inmates agree) and destroy it.
cell_end() {
	run bulkhead cell shutdown "$1"
	run bulkhead cell destroy "$1"
}

# cpu_busy_snapshot: "busy total" jiffies summed over CPUs 0-2.
cpu_busy_snapshot() {
	awk '$1 ~ /^cpu[012]$/ { for (i = 2; i <= NF; i++) t += $i; idle += $5 + $6 }
	     END { print t - idle, t }' /proc/stat
}

# --- interrupt latency (latency-idle.sh, latency-load.sh) ---

# The timer-latency inmate's args; bare metal ci/bench.sh passes the same.
LATENCY_ARGS="freq=1000 seconds=5"
LATENCY_SECONDS=$(echo "$LATENCY_ARGS" | sed "s/.*seconds=\([0-9]*\).*/\1/")

# load_start: on each of CPUs 0-2 (the root cell's), a CPU and memory
# load: 1 MiB blocks of zeroes through a pipe into md5sum, both pinned.
load_start() {
	local c
	LOAD_PIDS=
	for c in 0 1 2; do
		taskset -c $c dd if=/dev/zero bs=1M 2>/dev/null |
			taskset -c $c md5sum > /dev/null &
		LOAD_PIDS="$LOAD_PIDS $!"
	done
}

# load_stop: md5sum goes, and dd with it (SIGPIPE).
load_stop() {
	kill $LOAD_PIDS 2>/dev/null
	wait 2>/dev/null
}

# latency_run idle|load: the timer-latency inmate in its cell on CPU 3
# (UART1) for LATENCY_SECONDS, the root cell idle or loaded meanwhile.
latency_run() {
	local before after
	bh_start
	result params "$LATENCY_ARGS"
	result root "$1"
	run bulkhead cell create $BH_CELLS/timer-latency.cell
	[ "$1" = load ] && load_start && sleep 0.5
	before=$(cpu_busy_snapshot)
	run bulkhead cell load timer-latency $BH_INMATES/timer-latency.bin -s "$LATENCY_ARGS"
	run bulkhead cell start timer-latency
	# Virtual seconds: the run plus a margin for the summary line.
	sleep $((LATENCY_SECONDS + 1))
	after=$(cpu_busy_snapshot)
	[ "$1" = load ] && load_stop
	# Busy share of CPUs 0-2 while the cell ran, in percent.
	set -- $before $after
	result root_busy_pct $(( $4 > $2 ? 100 * ($3 - $1) / ($4 - $2) : 0 ))
	bulkhead cell stats timer-latency | sed 's/^/BHBENCH: cell_stats /'
	cell_end timer-latency
	result done
}
