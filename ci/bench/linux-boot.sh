# SPDX-License-Identifier: GPL-2.0
# Linux cell boot: how long Debian's stock kernel takes in the linux-1cpu
# cell (CPU 3, 128 MiB, UART1) from `bulkhead cell linux` (create, load,
# start) to its shell, ROUNDS times, in virtual time. The cell's init runs
# bhcell_run just before it starts the shell (ci/linux-cell-init): a
# devmem write of READY to its ivshmem STATE register, which the root
# sees in link 0's state table, polled here. Marks (common.sh: mark):
# create-N, started-N (the command returned), shell-N (READY seen),
# destroyed-N; the same rounds again with --no-pristine-copy, marked
# nc-create-N and so on, give the cost of the stub's copy. ci/bench.sh
# computes the durations. The cell's memory, the
# Linux slot, is kept from the root's Linux by the line below.
# dt: / { reserved-memory { linux-cell@73800000 { reg = <0x0 0x73800000 0x0 0x8000000>; no-map; }; }; };
# linux-cell: yes
. /tests/bench/common.sh

ROUNDS=3
LX=/usr/share/bulkhead/linux
# The cell's ivshmem registers: BAR0 of its device 0 (configs/cells/
# qemu-virt.h, BH_PCI_MEM_BASE), STATE at 0x10.
STATE_REG=0x0f100010
READY=27768
CMDLINE="console=ttyAMA0 quiet rdinit=/init panic=0 bhcell_run=\"devmem $STATE_REG 32 $READY\""

cell_state_seen() {
	bulkhead ivshmem state 0 | sed -n 's/^peer 1: //p'
}

bh_start
result params "rounds=$ROUNDS cell=linux-1cpu kernel=$(uname -r) image_bytes=$(stat -c %s $LX/Image) initrd_bytes=$(stat -c %s $LX/initramfs.cpio.gz)"
# boot_round PREFIX N [OPTION...]: one boot to the shell, and destroy.
boot_round() {
	local p=$1 i=$2 polls=0
	shift 2
	mark ${p}create-$i
	run bulkhead cell linux $BH_CELLS/linux-1cpu.cell $LX/Image \
		-s $BH_CELLS/qemu-arm64.cell -i $LX/initramfs.cpio.gz \
		-c "$CMDLINE" "$@"
	mark ${p}started-$i
	while [ "$(cell_state_seen)" != $READY ]; do
		polls=$((polls + 1))
		[ $polls -lt 100000 ] || fatal "round $p$i: no shell in the cell"
	done
	mark ${p}shell-$i
	run bulkhead cell destroy linux-1cpu
	mark ${p}destroyed-$i
	result round $p$i polls=$polls
}

for i in $(seq $ROUNDS); do
	boot_round "" $i
done
for i in $(seq $ROUNDS); do
	boot_round nc- $i --no-pristine-copy
done
mark_poll_cost cell_state_seen
marks_report
result done
