# SPDX-License-Identifier: GPL-2.0
# timeout: 150
# rt-control on the real-time kernel in a cell with a link to the root
# cell (rt-control-link: CPU 3, UART1, ivshmem link 0): its logger task
# streams every control sample into its output section and the root
# cell's rt-samples shows them live; none is lost. The control task hangs
# once for 200 ms (stall_ms): the watchdog task reports it, and the
# samples count the deadline misses. A task blocked on the link's doorbell
# wakes when the root cell rings it. The shutdown task agrees to the
# cell's shutdown.
# expect-uart1: streams rt-control: streaming samples on ivshmem link 0 \(peer 1\)
# expect-uart1: reports rt-control: t=2s setpoint=-?[0-9]+ output=-?[0-9]+ .* jitter_max=[0-9]+ns
# expect-uart1: watchdog rt-control: watchdog: control task stalled
# expect-uart1: doorbell rt-control: doorbell from the root cell \([1-9][0-9]* so far\)
# expect-uart1: shutdown rt-control: shutdown requested, OK
. /tests/lib.sh

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
check create bulkhead cell create $BH_CELLS/rt-control-link.cell
check load bulkhead cell load rt-control-link $BH_INMATES/rt-control.bin \
	-s "seconds=0 stall_ms=200"
check start bulkhead cell start rt-control-link
rt-samples -n 4000 -e 1000 -t 5000 > /tmp/rt.out 2>&1
check_eq samples-read 0 $?
cat /tmp/rt.out
check_grep ring-found 'rt-samples: link 0, [0-9]* entries, 1000 Hz' /tmp/rt.out
check_grep sample-lines 'seq=[0-9]*000 t=[0-9]*ms setpoint=-\{0,1\}[0-9]* output=-\{0,1\}[0-9]* u=-\{0,1\}[0-9]* jitter=[0-9]*ns missed=' /tmp/rt.out
check_grep none-lost 'rt-samples: 4000 samples, 0 lost' /tmp/rt.out
check_grep stall-missed 'rt-samples: .* missed [1-9][0-9]*$' /tmp/rt.out
check ring-the-cell bulkhead ivshmem ring bulkhead-ivshmem0 1
sleep 0.5
check shutdown-agreed bulkhead cell shutdown rt-control-link
check destroy bulkhead cell destroy rt-control-link
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
