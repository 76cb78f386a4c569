# SPDX-License-Identifier: GPL-2.0
# timeout: 90
# cpu: max
# vhe: yes
# rows: max
# A CPU with VHE (-cpu max) and a kernel booted without
# id_aa64mmfr1.vh=0: Linux runs at EL2 itself (booting.rst, "CPU mode";
# Arm ARM D1.2 on HCR_EL2.E2H), so there is no hyp stub beneath it and an
# hvc from the module would be taken by the kernel's own vectors.
# `bulkhead enable` must refuse before any hvc, naming the boot options
# that fix it, and leave Linux exactly as it was; `bulkhead hardware
# check` says the same offline.
. /tests/lib.sh

# Not a test of anything unless the kernel really took VHE.
dmesg > /tmp/boot.dmesg
check_grep kernel-uses-vhe 'Virtualization Host Extensions' /tmp/boot.dmesg

check module-loads insmod $BH_KO
dmesg_mark
check_fails enable-refused bh_enable
dmesg_since_mark > /tmp/enable.dmesg
cat /tmp/enable.out /tmp/enable.dmesg
check_grep refusal-names-vh0 'id_aa64mmfr1.vh=0' /tmp/enable.out
check_grep refusal-names-kvm-none 'kvm-arm.mode=none' /tmp/enable.out
check_grep refusal-says-el2 'EL2' /tmp/enable.out
check_eq still-disabled 0 "$(cat $BH_SYSFS/enabled 2>&1)"

# Nothing that would reach EL2 works without the hypervisor either.
check_fails cell-create-refused bulkhead cell create $BH_CELLS/hello.cell

# Linux is untouched: every CPU computes, goes off and comes back.
check_eq all-cpus-online 0-3 "$(cpus_online)"
check cpu1-offline sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
check cpu1-online sh -c 'echo 1 > /sys/devices/system/cpu/cpu1/online'
check_eq all-cpus-online-again 0-3 "$(cpus_online)"
for c in $BH_CPUS; do
	check_eq cpu$c-computes 499500 \
		"$(taskset -c "$c" awk 'BEGIN { for (i = 0; i < 1000; i++) s += i; print s }')"
done

bulkhead hardware check > /tmp/hw.out 2>&1
cat /tmp/hw.out
check_grep hardware-check-names-vhe 'PROBLEM.*VHE' /tmp/hw.out
check_grep hardware-check-fix 'id_aa64mmfr1.vh=0' /tmp/hw.out
check module-unloads rmmod bulkhead
