# SPDX-License-Identifier: GPL-2.0
# timeout: 180
# its: on
# The GIC ITS (#17 item 3): on a board with an ITS, Linux's PCIe MSI-X
# interrupts (a virtio-rng-pci device) keep arriving with Bulkhead
# enabled, across a cell created on CPU 3 and destroyed again, and on
# CPU 3 once it is back; a config that names no ITS is refused with a
# message that says so; disable is refused while the ITS's tables are in
# hypervisor memory.
. /tests/lib.sh

# msix_count [COLUMN]: the device's MSI-X interrupts, all CPUs or one.
msix_count() {
	awk -v col="${1:-}" '/virtio0-/ {
		for (i = 2; i <= 5; i++) if (col == "" || i == col + 2) n += $i
	} END { print n + 0 }' /proc/interrupts
}

# rng_reads_irq P [CPU]: reading the RNG raises the MSI-X count.
rng_reads_irq() {
	local before after
	before=$(msix_count $2)
	dd if=/dev/hwrng of=/dev/null bs=32 count=8 2>/dev/null
	after=$(msix_count $2)
	if [ "$after" -gt "$before" ]; then
		pass "$1"
	else
		fail "$1" "MSI-X count ${2:+on CPU $2 }$before -> $after: $(grep virtio0 /proc/interrupts | tr -s ' ' | tr '\n' '|')"
	fi
}

for m in virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio-rng; do
	insmod /lib/bulkhead/$m.ko
done
check_grep rng-is-virtio virtio_rng /sys/class/misc/hw_random/rng_current
check_grep msix-through-its 'ITS-MSI.*virtio0' /proc/interrupts
rng_reads_irq msix-before-enable

check module-loads insmod $BH_KO
# The board's ITS is in use: a config without it must be refused.
dmesg_mark
check_fails enable-without-its-refused bh_enable
{ cat /tmp/enable.out; dmesg_since_mark; hv_console; } > /tmp/noits.out 2>&1
check_grep refusal-names-its 'Linux drives a GIC ITS at 0x8080000 .*gits_base is 0x0' /tmp/noits.out

check enable-with-its bh_enable $BH_CELLS/qemu-arm64-its.cell
rng_reads_irq msix-after-enable

# The vector on CPU 3, then CPU 3 goes to a cell: Linux moves the LPI off
# it (MOVI), the hypervisor the collection; no LPI reaches the cell.
irq=$(awk -F: '/virtio0-(input|req)/ { print $1 + 0 }' /proc/interrupts)
echo 8 > /proc/irq/$irq/smp_affinity 2>/dev/null
rng_reads_irq msix-on-cpu3-before-cell 3
hv_mark
check cell-create bulkhead cell create $BH_CELLS/hello.cell
check cell-load bulkhead cell load hello $BH_INMATES/hello.bin
check cell-start bulkhead cell start hello
rng_reads_irq msix-with-cell
hv_since_mark > /tmp/cell.hv
if grep -q 'not owned by cell' /tmp/cell.hv; then
	fail no-lpi-in-cell "$(grep 'not owned' /tmp/cell.hv | head -n 2 | tr '\n' '|')"
else
	pass no-lpi-in-cell
fi
check cell-destroy bulkhead cell destroy hello
echo 8 > /proc/irq/$irq/smp_affinity 2>/dev/null
rng_reads_irq msix-on-cpu3-after-cell 3
rng_reads_irq msix-after-cell

hv_since_mark > /tmp/refused.hv
if grep -q 'ITS command .* refused' /tmp/refused.hv; then
	fail linux-commands-all-accepted "$(grep 'ITS command' /tmp/refused.hv | head -n 3 | tr '\n' '|')"
else
	pass linux-commands-all-accepted
fi
check_fails disable-refused-with-its bh_disable
check_grep disable-refusal-names-its 'ITS' "$(hv_console > /tmp/dis.out; echo /tmp/dis.out)"
