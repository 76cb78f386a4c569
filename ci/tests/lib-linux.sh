# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the Linux cell tests (linux-cell.sh, linux-cell-smp.sh), for
# images built with "# linux-cell: yes" (ci/qemu.sh): the cell's kernel
# and initramfs, its config, and typing into its console.

BH_LINUX=/usr/share/bulkhead/linux
# Quiet, and nothing probed that the cell does not have.
LINUX_CMDLINE="console=ttyAMA0 quiet rdinit=/init panic=0"
# The Linux cells' configs (configs/cells/linux-*.c): 128 MiB at
# 0x73800000, which a test keeps from the root's Linux with its
# "# dt:" reserved-memory line (Documentation/memory-layout.md), UART1
# as the console, the cell's end of ivshmem link 0.
LINUX_1CPU=$BH_CELLS/linux-1cpu.cell
LINUX_2CPU=$BH_CELLS/linux-2cpu.cell

# linux_boot CELL.cell [OPTION...]: bulkhead cell linux with the test
# image's kernel; the system config gives the virtual PCI windows.
linux_boot() {
	local cell=$1
	shift
	bulkhead cell linux "$cell" "$BH_LINUX/Image" -s "$BH_SYSTEM_CELL" \
		-i "$BH_LINUX/initramfs.cpio.gz" -c "$LINUX_CMDLINE" \
		-w /tmp/linux-cell.dtb "$@"
}

# uart1_type TEXT: the host types TEXT into UART1 once the cell's shell
# shows its next prompt (ci/qemu.sh); what it answers is only in the
# host's build/test/NAME.uart1.log, checked by "# expect-uart1:" lines.
uart1_type() {
	printf '\nBHUART1: %s\n' "$1"
}

# root_busy_check NAME SECONDS: the root cell keeps computing meanwhile.
root_busy_check() {
	local end=$(( $(now_ms) + $2 * 1000 )) n=0
	while [ "$(now_ms)" -lt "$end" ]; do
		echo "$n" | sha256sum > /dev/null && n=$((n + 1))
	done
	if [ "$n" -gt 10 ]; then
		pass "$1"
	else
		fail "$1" "only $n rounds in $2 s"
	fi
}

# wait_cell_off NAME MS: the cell powered itself off ("shut down"); gives
# up early if it failed instead.
wait_cell_off() {
	local end=$(( $(now_ms) + $2 )) s
	while :; do
		s=$(cell_state "$1")
		[ "$s" = "shut down" ] && return 0
		[ "$s" = failed ] && return 1
		[ "$(now_ms)" -ge "$end" ] && return 1
		sleep 0.2
	done
}

# check_cell_off CHECK NAME MS
check_cell_off() {
	if wait_cell_off "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "cell '$2' is '$(cell_state "$2")', not shut down: $(hv_since_mark | tail -n 3 | tr '\n' '|')"
	fi
}
