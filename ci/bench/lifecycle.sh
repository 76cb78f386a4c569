# SPDX-License-Identifier: GPL-2.0
# Lifecycle: how long `bulkhead cell create`, `load`, `start`, `shutdown`
# and `destroy` take, and when the inmate's first output appears, for the
# rt-control cell (CPU 2), whose inmate prints through the hypervisor's
# console so that the guest sees its output (`bulkhead console`). CYCLES
# rounds. Every step is timed by kernel log marks (common.sh: mark), in µs
# of virtual time; ci/bench.sh computes the durations.
. /tests/bench/common.sh

CYCLES=5
CONSOLE=$BH_SYSFS/console
FIRST_LINE="rt-control: freq="

# lines_seen: how many times the inmate's first line is in the log so far.
lines_seen() {
	grep -c "$FIRST_LINE" $CONSOLE
}

bh_start
result params "cycles=$CYCLES cell=rt-control inmate=rt-control.bin seconds=0"
i=1
while [ $i -le $CYCLES ]; do
	seen=$(lines_seen)
	mark create-$i
	run bulkhead cell create $BH_CELLS/rt-control.cell
	mark load-$i
	run bulkhead cell load rt-control $BH_INMATES/rt-control.bin -s "seconds=0"
	mark start-$i
	run bulkhead cell start rt-control
	mark started-$i
	# Poll the hypervisor's log until the first line shows.
	polls=0
	while [ "$(lines_seen)" = "$seen" ]; do
		polls=$((polls + 1))
	done
	mark output-$i
	run bulkhead cell shutdown rt-control
	mark destroy-$i
	run bulkhead cell destroy rt-control
	mark destroyed-$i
	result cycle $i polls=$polls
	i=$((i + 1))
done
mark_poll_cost lines_seen
marks_report
result done
