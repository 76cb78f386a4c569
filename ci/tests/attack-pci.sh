# SPDX-License-Identifier: GPL-2.0
# timeout: 240
# Isolation suite, part 4: the virtual PCI bus and an ivshmem device of
# the attacker's own (configs/cells/attack-pci.c: peer 1 of link 0, whose
# peer 0 is the root cell). Writes into the read-only parts of the link
# (the state table, the root's output section), accesses the device
# cannot emulate (64-bit ones), and a device that does not exist are
# faults; pci-regs abuses config space, the registers and the doorbell
# and checks every answer itself. Meanwhile rt-control (CPU 2) keeps its
# heartbeat and Linux (CPUs 0-1) checksums its memory; the root's own end
# of the link stays intact. See lib-attack.sh and Documentation/isolation.md.
#
# expect-uart1: attacker-printed attack: doing pci-state-write
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

# The root cell's end of the link is untouched: its state table shows
# the attacker gone (0), and its own output section still takes writes.
check_eq root-sees-attacker-gone "peer 1: 0" "$(bulkhead ivshmem state 0 | grep '^peer 1:')"
check root-link-usable bulkhead ivshmem write 0 out 0 still-mine

attack_finish
