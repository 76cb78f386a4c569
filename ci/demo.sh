# SPDX-License-Identifier: GPL-2.0
#
# The demo `make demo` runs in the root cell's Linux.
echo
echo "=== Bulkhead demo: load the driver"
insmod /lib/bulkhead/bulkhead.ko
grep '^bulkhead ' /proc/modules
ls -l /dev/bulkhead
echo "driver version: $(cat /sys/devices/bulkhead/version)"
bulkhead --version
echo
echo "=== Ask the driver to enable the hypervisor"
bulkhead enable /etc/bulkhead/qemu-arm64.cell
dmesg | grep 'bulkhead:' | tail -n 5
echo "=== Demo done"
