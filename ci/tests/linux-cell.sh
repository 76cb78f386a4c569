# SPDX-License-Identifier: GPL-2.0
# timeout: 480
# linux-cell: yes
# Debian's stock kernel in a one-CPU cell (CPU 3, 128 MiB, UART1) started
# by `bulkhead cell linux` with a device tree made from the cell config:
# it boots to a shell on UART1 while the root keeps working, answers
# commands typed into its console (its CPU, its timer interrupts rising,
# only its memory); its ivshmem device (link 0) is on its PCI bus, binds
# to the stock uio_pci_generic, and carries the ivshmem demo between the
# root's Linux (ivshmem-demo) and the cell's (ivshmem-demo-uio), every
# message checked on both sides, the cell's side woken only by the
# device's INTx (-w -1: without the interrupt, uio_pci_generic's handler
# seeing PCI status bit 3 and INTx unmasked again each time, the demo
# stalls and fails); it
# powers itself off (the cell shut down); then 10 destroy/re-create
# rounds leave the root's memory checksum intact; last it reboots itself
# (a fresh boot of the same kernel from the pristine copy).
# dt: / { reserved-memory { linux-cell@73800000 { reg = <0x0 0x73800000 0x0 0x8000000>; no-map; }; }; };
# expect-uart1: booted bhcell: [^ ]+ up on 1 CPU\(s\)
# expect-uart1: one-cpu ^CPUS=1
# expect-uart1: timer-rising ^TIMER=RISING
# expect-uart1: only-its-ram ^40000000-47ffffff : System RAM
# expect-uart1: no-other-ram ^OTHER_RAM=0
# expect-uart1: ivshmem-on-pci ^PCI=0x4248:0x1d00:0xff0000 UIO=uio0
# expect-uart1: uio-has-irq ^UIO_IRQ=OK
# expect-uart1: demo-cell-ready ^ivshmem-demo-uio: ready
# expect-uart1: demo-cell-totals ^ivshmem-demo: inmate totals: 300 requests, 76800 bytes, 0 errors
# expect-uart1: demo-cell-interrupts ^ivshmem-demo-uio: [1-9][0-9]* interrupts
# expect-uart1: marked-before-reboot ^MARKED
# expect-uart1: reboot-fresh ^REBOOT=FRESH
. /tests/lib.sh
. /tests/lib-linux.sh

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
dd if=/dev/urandom of=/tmp/root-data bs=1M count=16 2>/dev/null
ref=$(sha256sum < /tmp/root-data)

hv_mark
check cell-linux linux_boot $LINUX_1CPU
check_cell_state running linux-1cpu running
# The commands, typed one per prompt; the last powers the cell off.
uart1_type 'echo CPUS=$(grep -c ^processor /proc/cpuinfo)'
uart1_type "t() { awk '/arch_timer/ { print \$2 }' /proc/interrupts; }; a=\$(t); sleep 1; [ \$(t) -gt \$a ] && echo TIMER=RISING"
uart1_type 'grep "System RAM" /proc/iomem'
uart1_type 'echo OTHER_RAM=$(grep "System RAM" /proc/iomem | grep -vc 40000000-47ffffff)'
# ivshmem: the device as lspci would list it (busybox has no lspci), the
# stock uio_pci_generic bound (its probe needs a maskable INTx), then the
# cell's responder in the background while the root sends.
uart1_type 'd=$(ls -d /sys/bus/pci/devices/*); echo PCI=$(cat $d/vendor):$(cat $d/device):$(cat $d/class) UIO=$(insmod /lib/modules/uio.ko; insmod /lib/modules/uio_pci_generic.ko; echo 4248 1d00 > /sys/bus/pci/drivers/uio_pci_generic/new_id; ls /sys/class/uio)'
uart1_type 'dmesg | grep -q "No IRQ" || echo UIO_IRQ=OK'
uart1_type 'ivshmem-demo-uio -r 1 -w -1 &'
check ivshmem-demo-with-linux-cell ivshmem-demo -n 300 -s 256 -t 120000
uart1_type 'wait; poweroff -f'
root_busy_check root-keeps-working 5
check_cell_off powered-off linux-1cpu 300000
check_eq root-memory-intact "$ref" "$(sha256sum < /tmp/root-data)"
check destroy bulkhead cell destroy linux-1cpu

# Destroy and re-create, mid-boot: nothing of the root is touched.
ok=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	linux_boot $LINUX_1CPU > /tmp/round.out 2>&1 &&
		bulkhead cell destroy linux-1cpu >> /tmp/round.out 2>&1 &&
		ok=$((ok + 1))
done
check_eq recreate-rounds 10 "$ok"
check_eq root-memory-intact-after-rounds "$ref" "$(sha256sum < /tmp/root-data)"

# reboot: the same kernel boots again (its tmpfs is new), then poweroff.
hv_mark
check cell-linux-again linux_boot $LINUX_1CPU
uart1_type 'touch /tmp/before-reboot && echo MARKED && reboot -f'
uart1_type '[ -e /tmp/before-reboot ] || echo REBOOT=FRESH'
uart1_type 'poweroff -f'
check_cell_off rebooted-then-off linux-1cpu 300000
hv_since_mark > /tmp/hv-reboot.log
check_grep reset-restarted-cell "linux-1cpu: PSCI system reset" /tmp/hv-reboot.log

check destroy-again bulkhead cell destroy linux-1cpu
check_eq cpus-back 0-3 "$(cpus_online)"
check disable-succeeds bh_disable
