# SPDX-License-Identifier: GPL-2.0
# Foundation: the module built here loads into Debian's kernel, creates its
# device and sysfs node, finds the hypervisor image, and the CLI runs; the
# module cannot be removed while enabled, and can be once disabled.
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
if bulkhead enable $BH_CELLS/qemu-arm64.cell > /tmp/enable.out 2>&1; then
	pass enable-succeeds
else
	fail enable-succeeds "bulkhead enable failed: $(cat /tmp/enable.out)"
fi
dmesg_since_mark > /tmp/enable.dmesg
check_grep firmware-found 'hypervisor image bulkhead.bin found' /tmp/enable.dmesg
check_eq sysfs-enabled-after-enable 1 "$(cat /sys/devices/bulkhead/enabled 2>&1)"

# The module must stay while the hypervisor runs from memory it manages.
check_fails rmmod-refused-while-enabled rmmod bulkhead
check_grep module-still-listed '^bulkhead ' /proc/modules

check disable-succeeds bulkhead disable
check_eq sysfs-enabled-after-disable 0 "$(cat /sys/devices/bulkhead/enabled 2>&1)"
check module-unloads rmmod bulkhead
check_fails module-gone grep -q '^bulkhead ' /proc/modules
