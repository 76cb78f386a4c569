# SPDX-License-Identifier: GPL-2.0
#
# The demo `make demo` runs in Linux on QEMU: load the driver, move the
# running Linux into the root cell of the hypervisor, show that it keeps
# working under it, show the hypervisor's view, run a second Linux in a
# cell, and leave again. Its memory (the Linux slot) is kept from the
# root's Linux by the line below (Documentation/memory-layout.md), and the
# image carries the cell's kernel and initramfs (ci/qemu.sh).
# dt: / { reserved-memory { linux-cell@73800000 { reg = <0x0 0x73800000 0x0 0x8000000>; no-map; }; }; };
# linux-cell: yes
step() {
	echo
	echo "=== $*"
}

step "Load the driver"
insmod /lib/bulkhead/bulkhead.ko
grep '^bulkhead ' /proc/modules
ls -l /dev/bulkhead
bulkhead --version

step "Enable the hypervisor: Linux becomes the root cell"
bulkhead enable /etc/bulkhead/qemu-arm64.cell || exit 1
echo "enabled: $(cat /sys/devices/bulkhead/enabled)"

step "Linux keeps running: timer interrupts on every CPU, one second apart"
grep arch_timer /proc/interrupts
sleep 1
grep arch_timer /proc/interrupts

step "CPU 3 goes offline and back online (PSCI, emulated by the hypervisor)"
echo 0 > /sys/devices/system/cpu/cpu3/online
echo "online CPUs: $(cat /sys/devices/system/cpu/online)"
echo 1 > /sys/devices/system/cpu/cpu3/online
echo "online CPUs: $(cat /sys/devices/system/cpu/online)"

step "Linux cannot read hypervisor memory (stage 2 stops it)"
devmem 0x7f800000 && echo "read succeeded?!" || echo "devmem 0x7f800000 was killed (rc=$?)"

step "A real-time cell: timer-latency on CPU 3, with UART1 as its console"
bulkhead cell create /etc/bulkhead/timer-latency.cell || exit 1
echo "online CPUs in Linux: $(cat /sys/devices/system/cpu/online)"
bulkhead cell load timer-latency /usr/share/bulkhead/inmates/timer-latency.bin \
	-s "freq=1000 seconds=0"
bulkhead cell start timer-latency
bulkhead cell list
echo "(the cell reports its wake-up latency every second on UART1)"
sleep 4
bulkhead cell stats timer-latency

step "Shut the cell down (it agrees) and destroy it: CPU 3 returns to Linux"
bulkhead cell shutdown timer-latency
bulkhead cell list
bulkhead cell destroy timer-latency
echo "online CPUs in Linux: $(cat /sys/devices/system/cpu/online)"

step "Shared memory: Linux and an inmate ping-pong over ivshmem link 0"
bulkhead ivshmem list
bulkhead cell create /etc/bulkhead/ivshmem-demo.cell || exit 1
bulkhead cell load ivshmem-demo /usr/share/bulkhead/inmates/ivshmem-demo.bin
bulkhead cell start ivshmem-demo
ivshmem-demo -n 1000
bulkhead ivshmem state 0
bulkhead cell destroy ivshmem-demo
echo "after destroy, the inmate's state is 0 again:"
bulkhead ivshmem state 0

step "Linux in a cell: Debian's kernel on CPU 3 runs a command, then powers off"
# The cell's init runs bhcell_run (ci/linux-cell-init); its console is
# UART1, shown here beside Linux's.
LX=/usr/share/bulkhead/linux
bulkhead cell linux /etc/bulkhead/linux-1cpu.cell $LX/Image \
	-s /etc/bulkhead/qemu-arm64.cell -i $LX/initramfs.cpio.gz \
	-c 'console=ttyAMA0 quiet rdinit=/init panic=0 bhcell_run="uname -sr; echo CPUs: $(grep -c ^processor /proc/cpuinfo); grep System.RAM /proc/iomem; poweroff -f"' ||
	exit 1
bulkhead cell list
i=0
while ! bulkhead cell list | grep -q "linux-1cpu.*shut down" && [ $i -lt 600 ]; do
	sleep 0.5
	i=$((i + 1))
done
bulkhead cell list
bulkhead cell destroy linux-1cpu
echo "online CPUs in Linux: $(cat /sys/devices/system/cpu/online)"

step "Exits to the hypervisor per CPU, and its memory pool"
bulkhead stats

step "The hypervisor's log (bulkhead console)"
bulkhead console

step "Disable: Linux gets EL2 back"
bulkhead disable && echo "enabled: $(cat /sys/devices/bulkhead/enabled)"
step "Demo done"
