# SPDX-License-Identifier: GPL-2.0
# timeout: 400
# The root cell's end of ivshmem link 0 (configs/cells/qemu-arm64.c, with
# the addresses of configs/cells/qemu-virt.h): enable puts a virtual PCI
# bus in Linux, in a PCI domain of its own, with the ivshmem device at
# 00:00.0 (vendor 0x4248, device 0x1d00, class 0xff0000, BAR0 fixed at
# 0x0f100000, INTID 240); the driver binds it as /dev/bulkhead-ivshmem0,
# whose info matches the config. Sections can be written and read back
# where the root may write; writable mappings of the state table and of
# the inmate's output section are refused. Disable is refused while the
# device is open, and removes it.
# With the ivshmem-demo cell (CPU 3, peer 1 of link 0): 10000 echo round
# trips and a bulk run, checked on both sides (the inmate's totals on
# UART1); shutting the cell down sets its state to 0 and interrupts the
# root; a new cell in its place talks again.
#
# expect-uart1: inmate-echo-totals ivshmem-demo: inmate totals: 10000 requests, 640000 bytes, 0 errors
# expect-uart1: inmate-bulk-totals ivshmem-demo: inmate totals: 100 requests, 101574400 bytes, 0 errors
# expect-uart1: inmate-totals-after-recreate ivshmem-demo: inmate totals: 100 requests, 6400 bytes, 0 errors
. /tests/lib.sh

DEV=/dev/bulkhead-ivshmem0
# Link 0 (qemu-virt.h): memory, sections, the root's INTID; the root is
# peer 0 of 2. The rw section follows the 4 KiB state table, the output
# sections follow it.
LINK_PHYS=0x7dc00000
LINK_RW=0xf000
LINK_OUT=0xf8000
ROOT_INTID=240
BAR0=0x0f100000
# --bulk: as many payload bytes as an output section holds (out - 64).
BULK_BYTES=$(( (LINK_OUT - 64) * 100 ))

# ivshmem_pci: the sysfs directory of the ivshmem PCI device(s).
ivshmem_pci() {
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor" 2>/dev/null)" = 0x4248 ] &&
			[ "$(cat "$d/device" 2>/dev/null)" = 0x1d00 ] && echo "$d"
	done
}

# info_of NAME: the value of NAME in `bulkhead ivshmem info 0`.
info_of() {
	sed -n "s/^$1: \([^ ]*\).*/\1/p" /tmp/info.out
}

# state_of PEER: PEER's entry of the state table.
state_of() {
	bulkhead ivshmem state 0 2>/dev/null | sed -n "s/^peer $1: //p"
}

# wait_state PEER VALUE MS: polls until PEER's state is VALUE.
wait_state() {
	local end=$(( $(now_ms) + $3 ))
	while [ "$(state_of "$1")" != "$2" ]; do
		[ "$(now_ms)" -ge "$end" ] && return 1
		sleep 0.1
	done
}

check module-loads insmod $BH_KO
dmesg_mark
check enable-succeeds bh_enable
dmesg_since_mark > /tmp/enable.dmesg
check_grep vpci-bus-created 'bulkhead: virtual PCI bus [0-9a-f]*:00 with 1 devices' /tmp/enable.dmesg

# --- the PCI device ---
pci=$(ivshmem_pci)
if [ -n "$pci" ] && [ "$(echo "$pci" | wc -l)" = 1 ]; then
	pass pci-device-present
else
	fail pci-device-present "ivshmem devices in /sys/bus/pci/devices: '$pci' ($(ls /sys/bus/pci/devices | tr '\n' ' '))"
fi
bdf=$(basename "$pci")
check_eq pci-class 0xff0000 "$(cat "$pci/class" 2>&1)"
check_eq pci-slot-00.0 "00:00.0" "${bdf#*:}"
# QEMU's own PCIe host keeps domain 0; the virtual bus takes another.
if [ "${bdf%%:*}" != 0000 ] && [ -e /sys/bus/pci/devices/0000:00:00.0 ]; then
	pass pci-domain-apart
else
	fail pci-domain-apart "ivshmem at $bdf; devices: $(ls /sys/bus/pci/devices | tr '\n' ' ')"
fi
check_eq pci-bar0-fixed "$(printf '0x%016x 0x%016x' $BAR0 $((BAR0 + 0xfff)))" \
	"$(head -n 1 "$pci/resource" 2>&1 | cut -d' ' -f1-2)"
check_grep bar-in-iomem '0f100000-0f100fff : [0-9a-f]*:00:00.0' /proc/iomem
check_eq pci-driver bulkhead-ivshmem "$(basename "$(readlink "$pci/driver")")"

# --- the character device and its info ---
check device-node test -c $DEV
if bulkhead ivshmem info 0 > /tmp/info.out 2>&1; then
	pass info-succeeds
else
	fail info-succeeds "$(cat /tmp/info.out)"
fi
check_eq info-link-id 0 "$(info_of link_id)"
check_eq info-peer-id 0 "$(info_of peer_id)"
check_eq info-max-peers 2 "$(info_of max_peers)"
check_eq info-intid $ROOT_INTID "$(info_of intid)"
check_eq info-irq-is-pci-irq "$(cat "$pci/irq" 2>&1)" "$(info_of irq)"
check_eq info-shmem-addr $LINK_PHYS "$(info_of shmem_addr)"
check_eq info-rw-offset 0x1000 "$(info_of rw_offset)"
check_eq info-rw-size $LINK_RW "$(info_of rw_size)"
check_eq info-out-offset "$(printf '0x%x' $((0x1000 + LINK_RW)))" "$(info_of out_offset)"
check_eq info-out-size $LINK_OUT "$(info_of out_size)"
check_eq sysfs-link-id 0 "$(cat "$pci/link_id" 2>&1)"
check_eq sysfs-peer-id 0 "$(cat "$pci/peer_id" 2>&1)"
irq=$(info_of irq)
if grep -E "^ *$irq:" /proc/interrupts | grep -q "$ROOT_INTID Edge .*bulkhead-ivshmem0"; then
	pass irq-edge-spi-240
else
	fail irq-edge-spi-240 "/proc/interrupts: $(grep -E "^ *$irq:|ivshmem" /proc/interrupts)"
fi
bulkhead ivshmem list > /tmp/list.out 2>&1
check_grep list-shows-link "^$DEV  *$bdf  *0  *0  *2 " /tmp/list.out

# --- state ---
check_eq state-table-at-start "peer 0: 0|peer 1: 0|" \
	"$(bulkhead ivshmem state 0 2>&1 | tr '\n' '|')"
check state-set bulkhead ivshmem state 0 5
check_eq state-own-entry 5 "$(state_of 0)"
check_eq state-sysfs "5 0" "$(cat "$pci/state" 2>&1)"
check state-reset bulkhead ivshmem state 0 0

# --- sections: write and read back where the root may write ---
check write-rw bulkhead ivshmem write 0 rw 16 "hello-rw"
check_eq read-rw hello-rw "$(bulkhead ivshmem read 0 rw 16 8 2>&1)"
check write-own-out bulkhead ivshmem write 0 out 4096 "root-out"
check_eq read-own-out root-out "$(bulkhead ivshmem read 0 out 0 4096 8 2>&1)"
check read-inmate-out sh -c "bulkhead ivshmem read 0 out 1 0 64 > /dev/null"
bulkhead ivshmem write 0 rw $((LINK_RW - 2)) "abc" > /dev/null 2>&1
check_eq write-past-section-usage 2 $?
bulkhead ivshmem read 0 out 2 > /dev/null 2>&1
check_eq read-no-such-peer-usage 2 $?
bulkhead ivshmem ring 0 2 > /dev/null 2>&1
check_eq ring-no-such-peer-usage 2 $?

# --- mapping rules (one line per case, see ivshmem-demo.c) ---
ivshmem-demo --check-access > /tmp/access.out 2>&1
check_eq access-rules-exit 0 $?
check_grep state-table-writable-refused 'state table writable: right (Permission denied)' /tmp/access.out
check_grep state-table-mprotect-refused 'state table made writable by mprotect: right (Permission denied)' /tmp/access.out
check_grep inmate-out-writable-refused "other peer's output section writable: right (Permission denied)" /tmp/access.out
check_grep inmate-out-readable "other peer's output section read-only: right (allowed)" /tmp/access.out
check_grep own-out-writable 'own output section writable: right (allowed)' /tmp/access.out
check_grep rw-writable 'rw section writable: right (allowed)' /tmp/access.out
check_grep access-summary 'access rules hold' /tmp/access.out

# --- waiting: nothing rings, so a wait times out ---
start=$(now_ms)
bulkhead ivshmem wait 0 --timeout 0.5 > /tmp/wait.out 2>&1
rc=$?
took=$(( $(now_ms) - start ))
if [ $rc = 1 ] && [ $took -ge 400 ]; then
	pass wait-times-out
else
	fail wait-times-out "rc=$rc after ${took} ms: $(cat /tmp/wait.out)"
fi

# --- the ping-pong with the inmate ---
if [ -f $BH_CELLS/ivshmem-demo.cell ] && [ -f $BH_INMATES/ivshmem-demo.bin ]; then
	check cell-create bulkhead cell create $BH_CELLS/ivshmem-demo.cell
	check cell-load bulkhead cell load ivshmem-demo $BH_INMATES/ivshmem-demo.bin
	# Open, so that its interrupt is on.
	exec 3< $DEV
	irqs_before=$(cat "$pci/interrupts")
	check cell-start bulkhead cell start ivshmem-demo
	if wait_state 1 1 5000; then
		pass inmate-ready
	else
		fail inmate-ready "state table: $(bulkhead ivshmem state 0 2>&1 | tr '\n' ' ')"
	fi
	# Its state change interrupted the root.
	irqs_after=$(cat "$pci/interrupts")
	if [ "$irqs_after" -gt "$irqs_before" ]; then
		pass state-change-interrupts-root
	else
		fail state-change-interrupts-root "interrupts $irqs_before -> $irqs_after"
	fi
	exec 3<&-

	# -t: generous per-reply timeouts, for loaded build machines.
	ivshmem-demo -n 10000 -t 20000 > /tmp/demo.out 2>&1
	check_eq demo-exit 0 $?
	check_grep demo-10000-round-trips '^ivshmem-demo: 10000 round trips, 0 errors, rtt avg [0-9.]* us min [0-9.]* us max [0-9.]* us$' /tmp/demo.out
	echo "ivshmem-root: $(grep 'round trips' /tmp/demo.out)"
	# Each reply rings the root; a ring while the last one is still
	# pending merges with it (when the reply was seen before its
	# interrupt), so not every reply counts.
	irqs_demo=$(cat "$pci/interrupts")
	if [ "$irqs_demo" -ge $((irqs_after + 1000)) ]; then
		pass demo-took-interrupts
	else
		fail demo-took-interrupts "interrupts $irqs_after -> $irqs_demo"
	fi

	ivshmem-demo --bulk -t 20000 > /tmp/bulk.out 2>&1
	check_eq bulk-exit 0 $?
	check_grep bulk-no-errors '^ivshmem-demo: 100 round trips, 0 errors' /tmp/bulk.out
	check_grep bulk-throughput "^ivshmem-demo: bulk $BULK_BYTES bytes in [0-9]* us: [0-9.]* MB/s\$" /tmp/bulk.out
	echo "ivshmem-root: $(grep 'MB/s' /tmp/bulk.out)"
	check_eq root-state-after-demo 0 "$(state_of 0)"

	# A peer that leaves: its state goes to 0, and the root hears of it,
	# also a `bulkhead ivshmem wait` that waits for it.
	exec 3< $DEV
	irqs_before=$(cat "$pci/interrupts")
	bulkhead ivshmem wait 0 --timeout 20 > /tmp/wait-leave.out 2>&1 &
	waiter=$!
	end=$(( $(now_ms) + 10000 ))
	until ls -l /proc/$waiter/fd 2>/dev/null | grep -q bulkhead-ivshmem0 ||
	      [ "$(now_ms)" -ge "$end" ]; do
		sleep 0.1
	done
	check cell-shutdown bulkhead cell shutdown ivshmem-demo
	wait $waiter
	rc=$?
	if [ $rc = 0 ] && [ "$(cat /tmp/wait-leave.out)" -ge 1 ] 2>/dev/null; then
		pass wait-sees-leaving-peer
	else
		fail wait-sees-leaving-peer "rc=$rc: $(cat /tmp/wait-leave.out)"
	fi
	check_eq inmate-state-after-shutdown 0 "$(state_of 1)"
	irqs_after=$(cat "$pci/interrupts")
	if [ "$irqs_after" -gt "$irqs_before" ]; then
		pass leaving-peer-interrupts-root
	else
		fail leaving-peer-interrupts-root "interrupts $irqs_before -> $irqs_after"
	fi
	exec 3<&-
	check cell-destroy bulkhead cell destroy ivshmem-demo
	check_eq inmate-state-after-destroy 0 "$(state_of 1)"

	# It comes back, and the link works again.
	check cell-recreate bulkhead cell create $BH_CELLS/ivshmem-demo.cell
	check cell-reload bulkhead cell load ivshmem-demo $BH_INMATES/ivshmem-demo.bin
	check cell-restart bulkhead cell start ivshmem-demo
	ivshmem-demo -n 100 -t 20000 > /tmp/again.out 2>&1
	check_eq demo-after-recreate 0 $?
	check_grep demo-after-recreate-no-errors '^ivshmem-demo: 100 round trips, 0 errors' /tmp/again.out
	check cell-destroy-again bulkhead cell destroy ivshmem-demo
else
	echo "ivshmem-root: no ivshmem-demo cell or inmate in this image: ping-pong skipped"
fi

# --- disable: refused while the device is open, then removes it ---
exec 3< $DEV
bh_disable
rc=$?
if [ $rc != 0 ] && grep -q 'busy' /tmp/disable.out; then
	pass disable-refused-while-open
else
	fail disable-refused-while-open "rc=$rc: $(cat /tmp/disable.out)"
fi
exec 3<&-
check_eq still-enabled 1 "$(cat $BH_SYSFS/enabled)"
check_eq device-still-there yes "$( [ -c $DEV ] && echo yes || echo no)"

dmesg_mark
check disable-succeeds bh_disable
check_eq device-node-gone no "$( [ -e $DEV ] && echo yes || echo no)"
check_eq pci-device-gone "" "$(ivshmem_pci)"
check_eq vpci-window-released "" "$(grep -i 'bulkhead vPCI' /proc/iomem)"
dmesg_since_mark > /tmp/disable.dmesg
check_grep vpci-bus-removed 'bulkhead: virtual PCI bus removed' /tmp/disable.dmesg
if grep -qiE 'warn|bug|oops|leak' /tmp/disable.dmesg; then
	fail disable-clean "$(grep -iE 'warn|bug|oops|leak' /tmp/disable.dmesg | head -n 3 | tr '\n' '|')"
else
	pass disable-clean
fi

# --- and again: the bus comes back in the same domain ---
check enable-again bh_enable
check_eq pci-device-again "$bdf" "$(basename "$(ivshmem_pci)")"
check device-node-again test -c $DEV
check disable-again bh_disable
check module-unloads rmmod bulkhead
