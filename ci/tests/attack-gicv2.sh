# SPDX-License-Identifier: GPL-2.0
# timeout: 240
# gic: 2
# Isolation suite on a GICv2 (QEMU virt, gic-version=2): the registers a
# GICv3 does not have. The attacker (CPU 3, own SPI 40) is stopped as
# failed when it routes its SPI to a CPU it does not own (GICD_ITARGETSR),
# sends an SGI through GICD_SGIR to another cell's CPU, to a CPU that does
# not exist, with the reserved target filter or the hypervisor's SGI 15,
# or reads the virtual interface control (GICH) or the virtual CPU
# interface at its real address (GICV): the cell sees GICV only at the
# CPU interface's address, where it takes its interrupts (rt-control's
# heartbeat on CPU 2 and the root's checksum loop keep going throughout,
# lib-attack.sh). Documentation/attack-surface.md lists the registers.
#
# expect-uart1: attacker-printed attack: doing gicv2-itargetsr-foreign-cpu
. /tests/lib-attack.sh

PC='PC 0x4000[0-9a-f]{4} CPU 3'
attack_setup

# SPI 40's byte in GICD_ITARGETSR10 names CPU interface 0 (Linux's).
fault gicv2-itargetsr-foreign-cpu gicv2-itargetsr-foreign-cpu \
	"GICD_ITARGETSR\+0x28 = 0x1 targets CPUs it does not own"
# GICD_SGIR: filter, target list, INTID.
fault gicv2-sgir-foreign gicv2-sgir-foreign "SGI 0x40001 to CPUs it does not own, CPU 3"
fault gicv2-sgir-mgmt gicv2-sgir-mgmt "SGI 0x200000f to CPUs it does not own, CPU 3"
fault gicv2-sgir-nonexistent gicv2-sgir-nonexistent "SGI 0x800001 to CPUs it does not own, CPU 3"
fault gicv2-sgir-reserved-filter gicv2-sgir-reserved-filter "SGI 0x3000001 to CPUs it does not own, CPU 3"
# The hypervisor's blocks: in no cell's stage 2.
fault gicv2-gich-read gicv2-gich-read "unhandled read at IPA 0x8030004 \(4 bytes\) $PC"
fault gicv2-gicv-read gicv2-gicv-read "unhandled read at IPA 0x8040000 \(4 bytes\) $PC"
# What the GICv3 suite checks the same way on the distributor.
fault root-ram-read root-ram-read "unhandled read at IPA 0x48000000 \(4 bytes\) $PC"
fault gicd-64bit gicd-64bit "unhandled read at IPA 0x8000100 \(8 bytes\) $PC"

attack_finish
