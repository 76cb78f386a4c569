# SPDX-License-Identifier: GPL-2.0
# timeout: 300
# ivshmem between non-root cells, and the isolation of ivshmem links:
#  - ivshmem-peer-a (CPU 3, UART1) and ivshmem-peer-b (CPU 2, the
#    hypervisor's console) run inmates/demos/ivshmem-peer.bin over link 1,
#    which the root cell is not part of: 1000 echo messages with checksums
#    flow, both sides count no error;
#  - meanwhile the root cell has no device for link 1, and a read of link
#    1's memory from root user space is stopped by stage 2;
#  - restarting peer B (cell start without reload) makes peer A run
#    another round with the new incarnation;
#  - destroying peer B sets its state to 0: peer A reports that it left;
#    re-creating B reconnects, and another 1000 messages flow;
#  - ivshmem-mismatch (link 1 with another rw_size) is refused at create
#    beside peer A, with a message naming the field, and changes nothing;
#  - ivshmem-demo with attack=peer-out writes into the root's output
#    section of link 0: the cell is failed, the write does not land, root
#    runs on, and the cell can be destroyed and created again.
#
# Peer A prints on UART1, which only the host sees:
# expect-uart1: peer-a-link ivshmem-peer 0: link 1, 2 peers, rw 61440 bytes, out 1015808 bytes, irq 242
# expect-uart1: peer-a-round1 ivshmem-peer 0: round 1: 1000 messages, 0 errors
# expect-uart1: peer-a-round2-after-restart ivshmem-peer 0: round 2: 1000 messages, 0 errors
# expect-uart1: peer-a-sees-peer-left ivshmem-peer 0: peer 1 left \(state 0\)
# expect-uart1: peer-a-round3-after-recreate ivshmem-peer 0: round 3: 1000 messages, 0 errors
# expect-uart1: attack-attempted ivshmem-demo: attack: writing peer 0's output section at 0x60010000
# expect-uart1: demo-ready-after-recreate ivshmem-demo: ready, waiting for peer 0
. /tests/lib.sh

LINK0_PHYS=0x7dc00000
LINK1_PHYS=0x7de00000
LINK_SIZE=0x200000
# Peer 0's output section: after the state table (4 KiB) and rw (60 KiB).
OUT0_OFFSET=0x10000
PEER_ARGS="count=1000 len=1024"

# peer_b_round N [MS]: waits until peer B printed its totals of round N
# (on the hypervisor console, since hv_mark), at most MS (default 90 s).
peer_b_round() {
	local rc=0
	wait_hv "ivshmem-peer 1: round $1: " "${2:-90000}" || rc=1
	cp /tmp/hv.out /tmp/peer-b.out
	return $rc
}

# start_peer NAME: create, load and start one of the peer cells.
start_peer() {
	check $1-create bulkhead cell create $BH_CELLS/$1.cell
	check $1-load bulkhead cell load $1 $BH_INMATES/ivshmem-peer.bin -s "$PEER_ARGS"
	check $1-start bulkhead cell start $1
	check_cell_state $1-running $1 running
}

# devmem_stopped NAME ADDR: a read of ADDR from root user space is killed
# by SIGBUS (exit 135), and the hypervisor logged the stage-2 abort (so it
# is the hypervisor that stopped it, not Linux's /dev/mem rules).
devmem_stopped() {
	local out rc
	hv_mark
	out=$(devmem "$2" 32 2>/dev/null)
	rc=$?
	hv_since_mark > /tmp/devmem.hv
	if [ $rc = 135 ] && [ -z "$out" ]; then
		pass "$1"
	else
		fail "$1" "devmem $2: rc=$rc (expected 135, SIGBUS) output '$out'"
	fi
	check_grep "$1-logged" "cell qemu-arm64: [a-z]* read at IPA $2 (4 bytes)" /tmp/devmem.hv
}

# ivshmem_devices: the root's PCI functions with Bulkhead's ivshmem id.
ivshmem_devices() {
	grep -l 0x4248 /sys/bus/pci/devices/*/vendor 2>/dev/null | wc -l
}

check module-loads insmod $BH_KO
check enable-succeeds bh_enable

# --- two inmates over link 1 ---
hv_mark
start_peer ivshmem-peer-a
start_peer ivshmem-peer-b
if peer_b_round 1; then
	pass peers-round1-done
else
	fail peers-round1-done "no totals from peer B: $(tail -n 3 /tmp/peer-b.out | tr '\n' '|')"
fi
check_grep peer-b-round1-no-errors \
	'ivshmem-peer 1: round 1: 1000 requests, [0-9]* bytes, 0 errors' /tmp/peer-b.out
check_grep peer-b-saw-peer-a 'ivshmem-peer 1: peer 0 ready' /tmp/peer-b.out
# Each request comes with a doorbell: the hypervisor's count of the
# interrupts it raised for B (INT_COUNT, since B started) covers the 1000
# requests, and B took some: how many depends on the host's scheduling
# of QEMU's CPUs, as doorbells that come while one is still pending merge
# and B also looks at memory every 10 ms (from 1001 down to 44 taken, seen
# under TCG on a busy host). That every doorbell arrives is checked by
# ivshmem-root, whose Linux side sleeps until an interrupt whenever a
# reply is not there yet (a lost doorbell would stall it).
set -- $(sed -n 's/.*ivshmem-peer 1: round 1: .*; interrupts \([0-9]*\) sent, \([0-9]*\) taken.*/\1 \2/p' /tmp/peer-b.out)
echo "peer B: interrupts ${1:-?} sent, ${2:-?} taken"
if [ -n "$2" ] && [ "$1" -ge 1000 ] && [ "$2" -ge 1 ]; then
	pass peer-b-woken-by-doorbells
else
	fail peer-b-woken-by-doorbells "interrupts sent '$1', taken '$2' for 1000 requests"
fi

# --- the root cell is no peer of link 1 ---
check_eq root-has-one-ivshmem-device 1 "$(ivshmem_devices)"
check_eq root-no-link1-device "" "$(ls /dev/bulkhead-ivshmem1 2>/dev/null)"
devmem_stopped root-link1-read-stopped $LINK1_PHYS
devmem_stopped root-link1-out-read-stopped \
	$(printf '0x%x' $((LINK1_PHYS + LINK_SIZE - 4)))
check_eq peers-still-running "running running" \
	"$(cell_state ivshmem-peer-a) $(cell_state ivshmem-peer-b)"

# --- peer B starts again: its state may bounce faster than A looks ---
hv_mark
check peer-b-restart bulkhead cell start ivshmem-peer-b
if peer_b_round 1; then
	pass peers-after-restart
else
	fail peers-after-restart "no totals from the restarted peer B: $(tail -n 3 /tmp/peer-b.out | tr '\n' '|')"
fi
check_grep peer-b-restarted-no-errors \
	'ivshmem-peer 1: round 1: 1000 requests, [0-9]* bytes, 0 errors' /tmp/peer-b.out

# --- peer B leaves and comes back ---
check peer-b-destroy bulkhead cell destroy ivshmem-peer-b
check_cell_state peer-a-runs-on ivshmem-peer-a running
hv_mark
start_peer ivshmem-peer-b
if peer_b_round 1; then
	pass peers-reconnected
else
	fail peers-reconnected "no totals from the new peer B: $(tail -n 3 /tmp/peer-b.out | tr '\n' '|')"
fi
check_grep peer-b-again-no-errors \
	'ivshmem-peer 1: round 1: 1000 requests, [0-9]* bytes, 0 errors' /tmp/peer-b.out
check peer-b-destroy-again bulkhead cell destroy ivshmem-peer-b

# --- both ends of a link must agree ---
state() {
	echo "cells=[$(bulkhead cell list 2>&1 | awk 'NR > 1 { print $2 }' | tr '\n' ' ')] sysfs=[$(cells_sysfs)] online=$(cpus_online)"
}
before=$(state)
dmesg_mark
if bulkhead cell create $BH_CELLS/ivshmem-mismatch.cell > /tmp/mismatch.out 2>&1; then
	fail mismatch-refused "created: $(cat /tmp/mismatch.out)"
	bulkhead cell destroy ivshmem-mismatch
else
	pass mismatch-refused
fi
dmesg_since_mark > /tmp/mismatch.dmesg
if grep -qF "bulkhead: cell config: pci_devices[0]: link 1 rw_size 0xe000, but cell 'ivshmem-peer-a' pci_devices[0] has 0xf000" \
	/tmp/mismatch.dmesg; then
	pass mismatch-message-names-rw_size
else
	fail mismatch-message-names-rw_size "$(grep bulkhead /tmp/mismatch.dmesg | tail -n 3 | tr '\n' '|') $(cat /tmp/mismatch.out)"
fi
check_eq mismatch-nothing-changed "$before" "$(state)"
check peer-a-destroy bulkhead cell destroy ivshmem-peer-a
check_eq no-cells-after-peers 0 "$(cell_count_listed)"

# --- a write into another peer's output section fails the writer ---
before_word=$(devmem $((LINK0_PHYS + OUT0_OFFSET)) 32 2>/dev/null)
hv_mark
check attack-create bulkhead cell create $BH_CELLS/ivshmem-demo.cell
check attack-load bulkhead cell load ivshmem-demo $BH_INMATES/ivshmem-demo.bin -s "attack=peer-out"
check attack-start bulkhead cell start ivshmem-demo
check_cell_state attack-cell-failed ivshmem-demo failed
hv_since_mark > /tmp/attack.hv
check_grep attack-logged 'cell ivshmem-demo: .*write at IPA 0x60010000' /tmp/attack.hv
after_word=$(devmem $((LINK0_PHYS + OUT0_OFFSET)) 32 2>/dev/null)
# Root may read its own link's memory unless the driver claimed it.
if [ -n "$after_word" ]; then
	check_eq attack-write-did-not-land "$before_word" "$after_word"
fi
check_eq root-runs-on "alive 1" "$(echo alive) $(cat $BH_SYSFS/enabled)"
check attack-destroy bulkhead cell destroy ivshmem-demo
check_eq cpu3-back 0-3 "$(cpus_online)"
check attack-recreate bulkhead cell create $BH_CELLS/ivshmem-demo.cell
check attack-reload bulkhead cell load ivshmem-demo $BH_INMATES/ivshmem-demo.bin
hv_mark
check attack-restart bulkhead cell start ivshmem-demo
sleep 1
check_eq demo-runs-after-recreate running "$(cell_state ivshmem-demo)"
check demo-shutdown bulkhead cell shutdown ivshmem-demo
check demo-destroy bulkhead cell destroy ivshmem-demo

check_eq no-cells-at-end 0 "$(cell_count_listed)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
