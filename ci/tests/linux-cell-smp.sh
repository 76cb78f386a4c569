# SPDX-License-Identifier: GPL-2.0
# timeout: 420
# linux-cell: yes
# Debian's stock kernel in a two-CPU cell (CPUs 2-3, 128 MiB, UART1):
# both CPUs come up through the cell's PSCI, /proc/cpuinfo shows two, a
# CPU goes offline and back (CPU_OFF, CPU_ON inside the cell), the cell
# reboots itself (the same kernel from the pristine copy, both CPUs up
# again), and powers itself off while the root keeps its CPUs 0-1.
# dt: / { reserved-memory { linux-cell@73800000 { reg = <0x0 0x73800000 0x0 0x8000000>; no-map; }; }; };
# expect-uart1: booted bhcell: [^ ]+ up on 2 CPU\(s\)
# expect-uart1: two-cpus ^CPUS=2
# expect-uart1: cpu1-offline ^OFFLINE=0[[:space:]]*$
# expect-uart1: cpu1-back ^ONLINE=0-1
# expect-uart1: rebooted-two-cpus ^AFTER_REBOOT=2 FRESH
. /tests/lib.sh
. /tests/lib-linux.sh

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
hv_mark
check cell-linux linux_boot $LINUX_2CPU
check_eq root-cpus 0-1 "$(cpus_online)"
uart1_type 'echo CPUS=$(grep -c ^processor /proc/cpuinfo)'
uart1_type 'echo 0 > /sys/devices/system/cpu/cpu1/online; echo OFFLINE=$(cat /sys/devices/system/cpu/online)'
uart1_type 'echo 1 > /sys/devices/system/cpu/cpu1/online; echo ONLINE=$(cat /sys/devices/system/cpu/online)'
uart1_type 'touch /tmp/before-reboot; reboot -f'
uart1_type 'echo AFTER_REBOOT=$(grep -c ^processor /proc/cpuinfo) $([ -e /tmp/before-reboot ] || echo FRESH)'
uart1_type 'poweroff -f'
root_busy_check root-keeps-working 5
check_cell_off powered-off linux-2cpu 300000
check destroy bulkhead cell destroy linux-2cpu
check_eq cpus-back 0-3 "$(cpus_online)"
check disable-succeeds bh_disable
