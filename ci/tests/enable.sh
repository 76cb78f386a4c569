# SPDX-License-Identifier: GPL-2.0
# timeout: 90
# Enable -> root cell healthy: with the hypervisor enabled, Linux keeps
# computing correctly on every CPU, keeps receiving timer interrupts, can
# take a CPU off- and online (PSCI emulated by the hypervisor), the exit
# statistics add up; disable returns Linux to where it was.
. /tests/lib.sh

WORKLOAD_N=20000
check module-loads insmod $BH_KO

# Reference result, computed with Linux alone on the hardware.
ref=$(workload)
workload_start
workload_wait
check_workload workload-before-enable "$ref"

# --- enable, while the workload runs on every CPU ---
dmesg_mark
workload_start
if bh_enable; then
	pass enable-succeeds
else
	fail enable-succeeds "bulkhead enable failed: $(cat /tmp/enable.out)"
fi
workload_wait
check_workload workload-across-enable "$ref"
dmesg_since_mark > /tmp/enable.dmesg
check_grep enable-reported-on-all-cpus 'hypervisor enabled on 4 CPUs' /tmp/enable.dmesg
check_eq sysfs-enabled-1 1 "$(cat $BH_SYSFS/enabled 2>&1)"

hv_console > /tmp/console.out
check_grep hv-banner-in-console 'Bulkhead hypervisor .* starting' /tmp/console.out
missing=""
for c in $BH_CPUS; do
	grep -q "CPU $c activated" /tmp/console.out || missing="$missing $c"
done
if [ -z "$missing" ]; then
	pass hv-activated-every-cpu
else
	fail hv-activated-every-cpu "no 'CPU N activated' for CPU(s)$missing in the console"
fi

workload_start
workload_wait
check_workload workload-all-cpus-enabled "$ref"

# --- timer interrupts reach Linux on every CPU ---
check_timer_ticks timer-ticks-every-cpu hv-irqs-every-cpu

# --- CPU hotplug: PSCI CPU_OFF/CPU_ON go to the hypervisor ---
CPU=3
stats_snapshot /tmp/stats.pre-hotplug
dmesg_mark
if echo 0 > /sys/devices/system/cpu/cpu$CPU/online; then
	pass cpu$CPU-offline-accepted
else
	fail cpu$CPU-offline-accepted "echo 0 > cpu$CPU/online failed"
fi
check_eq cpu$CPU-reads-offline 0 "$(cat /sys/devices/system/cpu/cpu$CPU/online)"
# The other CPUs carry on while it is parked in the hypervisor.
workload_start
workload_wait
check_workload workload-while-cpu$CPU-offline "$ref"
# Disable needs every CPU: refused, and nothing changes.
dmesg_mark
if bh_disable; then
	fail disable-refused-while-cpu$CPU-offline "bulkhead disable succeeded with CPU $CPU parked"
else
	dmesg_since_mark > /tmp/disable-offline.dmesg
	check_grep disable-refused-while-cpu$CPU-offline 'disable: bring every CPU online first' /tmp/disable-offline.dmesg
fi
check_eq still-enabled-after-refused-disable 1 "$(cat $BH_SYSFS/enabled 2>&1)"
if echo 1 > /sys/devices/system/cpu/cpu$CPU/online; then
	pass cpu$CPU-online-accepted
else
	fail cpu$CPU-online-accepted "echo 1 > cpu$CPU/online failed: $(dmesg_since_mark | tail -n 5)"
fi
check_eq cpu$CPU-reads-online 1 "$(cat /sys/devices/system/cpu/cpu$CPU/online)"
dmesg_since_mark > /tmp/hotplug.dmesg
check_grep cpu$CPU-booted-again "CPU$CPU: Booted secondary processor" /tmp/hotplug.dmesg
set -- $(workload_on $CPU)
check_eq workload-on-cpu$CPU-after-online "$ref on cpu$CPU" "$1 on cpu$2"
stats_snapshot /tmp/stats.post-hotplug

psci_pre=$(stat_of /tmp/stats.pre-hotplug $CPU psci)
psci_post=$(stat_of /tmp/stats.post-hotplug $CPU psci)
if [ -n "$psci_pre" ] && [ -n "$psci_post" ] && [ "$psci_post" -gt "$psci_pre" ]; then
	pass cpu$CPU-psci-off-trapped
else
	fail cpu$CPU-psci-off-trapped "psci exits of CPU $CPU: '$psci_pre' before, '$psci_post' after hotplug"
fi
# CPU_OFF on the CPU, AFFINITY_INFO and CPU_ON from others: at least 3.
psci_sum() {
	awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "psci") c = i; next }
	     { s += $c } END { print s + 0 }' "$1"
}
psci_delta=$(( $(psci_sum /tmp/stats.post-hotplug) - $(psci_sum /tmp/stats.pre-hotplug) ))
if [ "$psci_delta" -ge 3 ]; then
	pass hotplug-psci-calls-emulated
else
	fail hotplug-psci-calls-emulated "psci exits grew by $psci_delta over all CPUs, expected >= 3 (CPU_OFF, AFFINITY_INFO, CPU_ON)"
fi

# The CPU came back under the hypervisor: its hypercalls are counted there,
# and stage 2 still keeps it out of hypervisor memory.
taskset -c $CPU cat $BH_SYSFS/stats > /dev/null
stats_snapshot /tmp/stats.cpu$CPU-hvc
hc_pre=$(stat_of /tmp/stats.post-hotplug $CPU hypercall)
hc_post=$(stat_of /tmp/stats.cpu$CPU-hvc $CPU hypercall)
if [ -n "$hc_pre" ] && [ -n "$hc_post" ] && [ "$((hc_post - hc_pre))" -ge 32 ]; then
	pass cpu$CPU-hypercalls-reach-hv-after-online
else
	fail cpu$CPU-hypercalls-reach-hv-after-online "hypercall exits of CPU $CPU: $hc_pre -> $hc_post after a stats read on it (expected +32)"
fi
out=$(taskset -c $CPU devmem $BH_HV_BASE 2>/dev/null)
rc=$?
if [ $rc != 0 ] && [ -z "$out" ]; then
	pass cpu$CPU-stage2-after-online
else
	fail cpu$CPU-stage2-after-online "devmem $BH_HV_BASE on CPU $CPU: rc=$rc, read '$out' (hypervisor memory must be unmapped)"
fi
check_timer_ticks timer-ticks-every-cpu-after-hotplug hv-irqs-every-cpu-after-hotplug

# --- exit statistics ---
# Every CPU reads the stats once (32 hypercalls on each), between two
# snapshots. traps.c counts every exit in total and each synchronous exit
# in exactly one of mmio, hypercall (HVC), psci (SMC), sgi (ICC_SGI1R
# write), sysreg (other system registers); irq counts interrupts, several
# per exit at times, so it is left out. Counters only grow, so for each
# CPU the classes of the first snapshot cannot exceed the second's total.
stats_snapshot /tmp/stats.a
for c in $BH_CPUS; do
	taskset -c $c cat $BH_SYSFS/stats > /dev/null
done
stats_snapshot /tmp/stats.b
stats_snapshot /tmp/stats.c
cat /tmp/stats.b
nocol=""
for r in total mmio hypercall psci irq sgi sysreg; do
	head -n 1 /tmp/stats.b | grep -qw $r || nocol="$nocol $r"
done
if [ -z "$nocol" ]; then pass stats-columns
else fail stats-columns "no column(s)$nocol in: $(head -n 1 /tmp/stats.b)"; fi
noexits=""; nohvc=""; over=""
for c in $BH_CPUS; do
	tb=$(stat_of /tmp/stats.b $c total)
	if [ -z "$tb" ] || [ "$tb" -le 0 ]; then
		noexits="$noexits cpu$c(total=$tb)"
		continue
	fi
	ha=$(stat_of /tmp/stats.a $c hypercall)
	hb=$(stat_of /tmp/stats.b $c hypercall)
	[ "$((${hb:-0} - ${ha:-0}))" -ge 32 ] || nohvc="$nohvc cpu$c($ha->$hb)"
	classes_b=0
	for r in mmio hypercall psci sgi sysreg; do
		v=$(stat_of /tmp/stats.b $c $r)
		classes_b=$((classes_b + ${v:-0}))
	done
	tc=$(stat_of /tmp/stats.c $c total)
	[ "$classes_b" -le "${tc:-0}" ] || over="$over cpu$c(mmio+hypercall+psci+sgi+sysreg=$classes_b>total=$tc)"
done
if [ -z "$noexits" ]; then pass stats-total-nonzero-every-cpu
else fail stats-total-nonzero-every-cpu "no exits on:$noexits"; fi
if [ -z "$nohvc" ]; then pass stats-hypercalls-counted-per-cpu
else fail stats-hypercalls-counted-per-cpu "32 stats reads on each CPU, hypercall count grew less on:$nohvc"; fi
if [ -z "$over" ]; then pass stats-sync-exits-within-total
else fail stats-sync-exits-within-total "more classified exits than total on:$over"; fi
psci3=$(stat_of /tmp/stats.b $CPU psci)
if [ -n "$psci3" ] && [ "$psci3" -gt 0 ]; then pass stats-psci-nonzero-on-hotplugged-cpu
else fail stats-psci-nonzero-on-hotplugged-cpu "psci of CPU $CPU is '$psci3'"; fi

used=$(cat $BH_SYSFS/mem_pool_used 2>&1)
total=$(cat $BH_SYSFS/mem_pool_total 2>&1)
if [ "$used" -gt 0 ] 2>/dev/null && [ "$used" -lt "$total" ]; then
	pass mem-pool-used-plausible
else
	fail mem-pool-used-plausible "mem_pool_used '$used', mem_pool_total '$total'"
fi

# --- disable ---
check_fails rmmod-refused-while-enabled rmmod bulkhead
dmesg_mark
workload_start
if bh_disable; then
	pass disable-succeeds
else
	fail disable-succeeds "bulkhead disable failed: $(cat /tmp/disable.out)"
fi
workload_wait
check_workload workload-across-disable "$ref"
dmesg_since_mark > /tmp/disable.dmesg
check_grep disable-reported 'hypervisor disabled' /tmp/disable.dmesg
check_eq sysfs-enabled-0 0 "$(cat $BH_SYSFS/enabled 2>&1)"
check_fails stats-gone-after-disable cat $BH_SYSFS/stats
workload_start
workload_wait
check_workload workload-all-cpus-after-disable "$ref"
# Interrupts were handed back to Linux: the tick goes on everywhere.
check_timer_ticks timer-ticks-every-cpu-after-disable
check module-unloads rmmod bulkhead
