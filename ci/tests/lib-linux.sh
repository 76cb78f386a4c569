# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the Linux cell tests (linux-cell.sh, linux-cell-smp.sh), for
# images built with "# linux-cell: yes" (ci/qemu.sh): the cell's kernel
# and initramfs, its config, and typing into its console.

BH_LINUX=/usr/share/bulkhead/linux
# Quiet, and nothing probed that the cell does not have.
LINUX_CMDLINE="console=ttyAMA0 quiet rdinit=/init panic=0"
# The tests' cell memory: 128 MiB of the root's RAM kept from Linux by the
# test's "# dt:" reserved-memory line, and the page after it.
LINUX_RAM=0x70000000

# linux_cell_config NAME CPUS OUT: a Linux cell with UART1 as its console.
linux_cell_config() {
	bulkhead config create-cell --name "$1" --cpus "$2" \
		--mem 128M@$LINUX_RAM --device 0x9040000,0x1000,40 \
		--console 0x9040000 --system "$BH_SYSTEM_CELL" -o "$3"
}

# linux_boot CELL.cell: bulkhead cell linux with the test image's kernel.
linux_boot() {
	bulkhead cell linux "$1" "$BH_LINUX/Image" \
		-i "$BH_LINUX/initramfs.cpio.gz" -c "$LINUX_CMDLINE" \
		-w /tmp/linux-cell.dtb
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
