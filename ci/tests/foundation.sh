# SPDX-License-Identifier: GPL-2.0
# Foundation: the module built here loads into Debian's kernel, creates its
# device and sysfs node, finds the hypervisor image, and the CLI runs.
. /tests/lib.sh

check module-loads insmod $BH_KO
check_grep module-listed '^bulkhead ' /proc/modules
if [ -c /dev/bulkhead ]; then pass misc-device; else fail misc-device "no /dev/bulkhead"; fi
check_eq sysfs-enabled 0 "$(cat /sys/devices/bulkhead/enabled 2>&1)"

bulkhead --version > /tmp/version.out 2>&1
check_grep cli-version '^bulkhead [0-9]' /tmp/version.out
check_eq cli-driver-version "$(cat /sys/devices/bulkhead/version)" \
	"$(sed -n 's/^bulkhead //p' /tmp/version.out)"

# The enable path asks request_firmware for the image first.
dmesg_mark
bulkhead enable $BH_CELLS/qemu-arm64.cell > /tmp/enable.out 2>&1
dmesg_since_mark > /tmp/enable.dmesg
check_grep firmware-found 'hypervisor image bulkhead.bin found' /tmp/enable.dmesg

check module-unloads rmmod bulkhead
