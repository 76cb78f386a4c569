# SPDX-License-Identifier: GPL-2.0
# timeout: 240
# Isolation suite, part 1: memory, devices and the GIC. Every attack here
# is a fault: the attacker (CPU 3) is stopped as failed at its first
# forbidden access, with the violation in the hypervisor's log, while
# rt-control (CPU 2) keeps its heartbeat and Linux (CPUs 0-1) keeps
# checksumming its memory. See lib-attack.sh for what every attack must
# also show, and Documentation/isolation.md for the table.
#
# expect-uart1: attacker-printed attack: doing root-ram-read
. /tests/lib-attack.sh

PC='PC 0x4000[0-9a-f]{4} CPU 3'
attack_setup

# Memory that is not the cell's: the root's RAM, the hypervisor's, the
# other cell's (slot B), devices it was not given; and executing there.
fault root-ram-read root-ram-read "unhandled read at IPA 0x48000000 \(4 bytes\) $PC"
fault root-ram-write root-ram-write "unhandled write at IPA 0x48000000 \(4 bytes\) $PC"
fault hv-read hv-read "unhandled read at IPA 0x7f800000 \(4 bytes\) $PC"
fault hv-write hv-write "unhandled write at IPA 0x7f801000 \(8 bytes\) $PC"
fault cell-b-read cell-b-read "unhandled read at IPA 0x7ca00000 \(4 bytes\) $PC"
fault cell-b-write cell-b-write "unhandled write at IPA 0x7ca00000 \(4 bytes\) $PC"
fault mmio-read mmio-read "unhandled read at IPA 0xa000000 \(4 bytes\) $PC"
fault mmio-write mmio-write "unhandled write at IPA 0x9000000 \(4 bytes\) $PC"
fault exec-hv exec-hv 'instruction fetch from IPA 0x7f800000 PC 0x7f800000 CPU 3'
fault exec-comm exec-comm 'instruction fetch from IPA 0x80000000 PC 0x80000000 CPU 3'

# The distributor: routing its own interrupt elsewhere, accesses that
# cannot be emulated. (Writes to fields of interrupts it does not own are
# masked, not faults: gicd-linux-init in attack-cpu.sh.)
fault gicd-irouter-foreign-cpu gicd-irouter-foreign-cpu "routing INTID 40 to affinity 0x0 denied"
fault gicd-irouter-any gicd-irouter-any "routing INTID 40 to affinity 0x80000003 denied"
fault gicd-64bit gicd-64bit "unhandled read at IPA 0x8000100 \(8 bytes\) $PC"
fault gicd-unaligned gicd-unaligned "unhandled read at IPA 0x8000006 \(4 bytes\) $PC"
fault gicd-pair gicd-pair "unhandled read at IPA 0x8000100 \(0 bytes\) $PC"
fault gicd-exclusive gicd-exclusive "unhandled (read|write) at IPA 0x8000104 \([0-9] bytes\) $PC"

# Other CPUs' redistributors, SGIs it may not send.
fault gicr-foreign-write gicr-foreign-write "forbidden write at IPA 0x80a0014 \(4 bytes\) $PC"
fault gicr-foreign-sgi-page gicr-foreign-sgi-page "forbidden read at IPA 0x80f0100 \(4 bytes\) $PC"
fault gicr-narrow gicr-narrow "unhandled read at IPA 0x8100000 \(1 bytes\) $PC"
fault sgi-foreign sgi-foreign "SGI 0x1000004 to CPUs it does not own, CPU 3"
fault sgi-mgmt sgi-mgmt "SGI 0xf000008 to CPUs it does not own, CPU 3"
fault sgi-nonexistent sgi-nonexistent "SGI 0x1000200 to CPUs it does not own, CPU 3"
fault sgi0r sgi0r 'cell attack failed: stopped'
fault asgi1r asgi1r 'cell attack failed: stopped'

attack_finish
