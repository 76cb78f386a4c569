# SPDX-License-Identifier: GPL-2.0
# timeout: 420
# linux-cell: yes
# Debian's stock kernel in a one-CPU cell (CPU 3, 128 MiB, UART1) started
# by `bulkhead cell linux` with a device tree made from the cell config:
# it boots to a shell on UART1 while the root keeps working, answers
# commands typed into its console (its CPU, its timer interrupts rising,
# only its memory), reboots itself (a fresh boot of the same kernel) and
# powers itself off (the cell shut down); then 10 destroy/re-create
# rounds leave the root's memory checksum intact.
# dt: / { reserved-memory { linux-cell@73800000 { reg = <0x0 0x73800000 0x0 0x8000000>; no-map; }; }; };
# expect-uart1: booted bhcell: [^ ]+ up on 1 CPU\(s\)
# expect-uart1: one-cpu ^CPUS=1
# expect-uart1: timer-rising ^TIMER=RISING
# expect-uart1: only-its-ram ^40000000-47ffffff : System RAM
# expect-uart1: no-other-ram ^OTHER_RAM=0
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
uart1_type 'poweroff -f'
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
