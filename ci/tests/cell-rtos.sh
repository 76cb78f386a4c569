# SPDX-License-Identifier: GPL-2.0
# timeout: 150
# The real-time kernel (inmates/rtos, Documentation/rtos.md) in a cell of
# two CPUs (2 and 3): rtos-test runs its checks as tasks and prints a line
# for each: preemption order, the three-task priority inversion avoided by
# inheritance, queue order and timeouts, event flags, an interrupt handler
# waking a task, deadline misses of an overloaded periodic task, a task on
# the second CPU woken from the first, and a stack overflow caught by the
# task's guard page, named by the kernel, with only that task stopped: the
# cell runs on, and agrees to shut down from a task blocked on the request.
. /tests/lib.sh

CHECKS="preempt-create preempt-timer pi-order pi-inherited pi-restored
	queue-fifo queue-receive-timeout queue-receiver-priority
	queue-send-timeout flags-all irq-wake deadline-misses smp-remote-wake
	overflow-stopped overflow-contained"

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
check create bulkhead cell create $BH_CELLS/rtos-test.cell
check load bulkhead cell load rtos-test $BH_INMATES/rtos-test.bin
hv_mark
check start bulkhead cell start rtos-test
wait_hv 'rtos-test: done' 60000
hv_since_mark > /tmp/rtos.out
for c in $CHECKS; do
	check_grep $c "rtos-test: PASS $c" /tmp/rtos.out
done
check_grep overflow-named \
	"rtos: task 'overflow' overflowed its stack (guard page hit)" /tmp/rtos.out
check_grep no-check-failed 'rtos-test: done passed=15 failed=0' /tmp/rtos.out
# A task's fault stops the task, not the cell.
check_eq cell-runs-on running "$(cell_state rtos-test)"
if grep -aE 'cell rtos-test[: ].*(failed|unhandled|forbidden)' /tmp/rtos.out; then
	fail no-cell-fault "$(grep -aE 'cell rtos-test[: ].*(failed|unhandled|forbidden)' /tmp/rtos.out | head -n 2 | tr '\n' '|')"
else
	pass no-cell-fault
fi

hv_mark
check shutdown-agreed bulkhead cell shutdown rtos-test
wait_hv 'rtos-test: shutdown requested, OK' 5000
check_grep shutdown-from-a-task 'rtos-test: shutdown requested, OK' /tmp/hv.out
check destroy bulkhead cell destroy rtos-test
check_eq cpus-back 0-3 "$(cpus_online)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
