# SPDX-License-Identifier: GPL-2.0
# timeout: 240
# Isolation suite, part 4: the virtual PCI bus and an ivshmem device of
# the attacker's own (configs/cells/attack-pci.c: peer 1 of link 0, whose
# peer 0 is the root cell). Writes into the read-only parts of the link
# (the state table, the root's output section), accesses the device
# cannot emulate (64-bit ones), and a device that does not exist are
# faults; pci-regs abuses config space, the registers and the doorbell
# and checks every answer itself; pci-flood rings the root as fast as it
# can (its interrupts stay within the budget), pci-scribble fills the
# attacker's sections, which are zero once it is destroyed (pci-leftover,
# its successor, and the root check). Meanwhile rt-control (CPU 2) keeps its
# heartbeat and Linux (CPUs 0-1) checksums its memory; the root's own end
# of the link stays intact. See lib-attack.sh and Documentation/isolation.md.
#
# expect-uart1: attacker-printed attack: doing pci-state-write
# expect-uart1: gicd-linux-init-answers attack: gicd-linux-init: [0-9]+ checks, 0 mismatches
ATTACK_CELL=/etc/bulkhead/attack-pci.cell
. /tests/lib-attack.sh

PC='PC 0x4000[0-9a-f]{4} CPU 3'
attack_setup

fault pci-state-write pci-state-write "unhandled write at IPA 0x60000000 \(4 bytes\) $PC"
fault pci-peer-out pci-peer-out "unhandled write at IPA 0x60010000 \(4 bytes\) $PC"
fault pci-bar-64bit pci-bar-64bit "forbidden read at IPA 0xf100000 \(8 bytes\) $PC"
fault pci-ecam-64bit pci-ecam-64bit "forbidden read at IPA 0xf000000 \(8 bytes\) $PC"
fault pci-absent-bar pci-absent-bar "unhandled read at IPA 0xf105000 \(4 bytes\) $PC"
checked pci-regs pci-regs

# The root cell's interrupts from the link (all CPUs' columns).
root_ivshmem_irqs() {
	awk '/bulkhead-ivshmem0$/ {
		for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i
	} END { print n + 0 }' /proc/interrupts
}

# A doorbell and state-change flood at the root cell: the interrupts it
# raises in the root stay within the budget (Documentation/ivshmem.md:
# IRQ_BURST at once, IRQ_RATE a second; the margin is for reading the
# clock around the window), and keep coming at that pace: held back,
# not lost.
IRQ_RATE=1000
IRQ_BURST=16
if holdout pci-flood pci-flood; then
	exec 3< /dev/bulkhead-ivshmem0	# the root's interrupt on while open
	m0=$(cell_stat attack 3 mmio); i0=$(root_ivshmem_irqs); t0=$(now_ms)
	sleep 2
	m1=$(cell_stat attack 3 mmio); i1=$(root_ivshmem_irqs); t1=$(now_ms)
	exec 3<&-
	ms=$((t1 - t0)); rings=$((m1 - m0)); irqs=$((i1 - i0))
	bound=$((IRQ_BURST + ms * IRQ_RATE * 6 / 5 / 1000))
	echo "pci-flood: $rings rings, $irqs root interrupts in $ms ms (bound $bound)"
	if [ $rings -ge $((2 * bound)) ]; then
		pass pci-flood-floods
	else
		fail pci-flood-floods "only $rings rings in $ms ms"
	fi
	if [ $irqs -le $bound ]; then
		pass pci-flood-root-irqs-bounded
	else
		fail pci-flood-root-irqs-bounded "$irqs interrupts in $ms ms, bound $bound"
	fi
	# Held back, not lost: they keep coming after the first burst. Not a
	# rate (the root's CPU is QEMU's to schedule): more than two bursts.
	if [ $irqs -gt $((2 * IRQ_BURST)) ]; then
		pass pci-flood-root-irqs-held-not-lost
	else
		fail pci-flood-root-irqs-held-not-lost "$irqs interrupts in $ms ms"
	fi
	timed_shutdown pci-flood-shutdown $FORCE_MS
	attack_end
fi

# Linux's GICv3 set-up, and worse, on every SPI (attack-cpu.sh), then the
# same flood: the root's doorbell interrupt (INTID 240) was neither
# disabled, left active nor routed to CPU 3, so it still arrives.
if holdout gicd-linux-init-flood gicd-linux-init-flood; then
	exec 3< /dev/bulkhead-ivshmem0
	i0=$(root_ivshmem_irqs)
	sleep 1
	i1=$(root_ivshmem_irqs)
	exec 3<&-
	echo "gicd-linux-init-flood: root interrupts $i0 -> $i1"
	if [ "$i1" -gt "$i0" ]; then
		pass gicd-linux-init-flood-root-irq-arrives
	else
		fail gicd-linux-init-flood-root-irq-arrives "INTID 240 count stayed at $i0"
	fi
	log_fetch
	log_lacks gicd-linux-init-flood-not-failed 'cell attack failed'
	timed_shutdown gicd-linux-init-flood-shutdown $FORCE_MS
	attack_end
fi

# A peer's data leaves with it: the attacker fills its output section and
# the read-write section; once it is destroyed the root finds them zero,
# and so does the next cell in its slot.
checked pci-scribble pci-scribble
if ! attack_skip pci-scribble; then
	check_eq pci-scribble-out-cleared 0 \
		"$(bulkhead ivshmem read 0 out 1 | tr -d '\000' | wc -c)"
	check_eq pci-scribble-rw-cleared 0 \
		"$(bulkhead ivshmem read 0 rw | tr -d '\000' | wc -c)"
fi
checked pci-leftover pci-leftover

# The root cell's end of the link is untouched: its state table shows
# the attacker gone (0), and its own output section still takes writes.
check_eq root-sees-attacker-gone "peer 1: 0" "$(bulkhead ivshmem state 0 | grep '^peer 1:')"
check root-link-usable bulkhead ivshmem write 0 out 0 still-mine

attack_finish
