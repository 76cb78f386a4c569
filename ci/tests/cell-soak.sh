# SPDX-License-Identifier: GPL-2.0
# Lifecycle soak: many create/load/start/destroy cycles of two cells at
# once. After every cycle the hypervisor's page pool is back at its
# baseline (its use right after enable: the table split off a 2 MiB block
# of the root's stage 2 for a cell's 4 KiB communication page is merged
# back when the page returns), Linux has all four CPUs online, and both
# inmates had run.
# timeout: 600
. /tests/lib.sh

CYCLES=${SOAK_CYCLES:-100}

ref=$(workload 4000)
insmod $BH_KO
check enable bulkhead enable $BH_CELLS/qemu-arm64.cell
before=$(cat $BH_SYSFS/mem_pool_used)

pool_bad= cpus_bad= run_bad= step_bad= start=$(now_ms)
for i in $(seq 1 $CYCLES); do
	bulkhead cell create $BH_CELLS/hello.cell >/dev/null &&
	bulkhead cell create $BH_CELLS/rt-control.cell >/dev/null &&
	bulkhead cell load hello $BH_INMATES/hello.bin -s "soak=$i" &&
	bulkhead cell load rt-control $BH_INMATES/rt-control.bin &&
	hv_mark
	bulkhead cell start hello && bulkhead cell start rt-control ||
		step_bad="$step_bad $i"
	# rt-control prints within its first period; wait for its start line.
	n=0
	until hv_since_mark | grep -q "rt-control: freq="; do
		n=$((n + 1))
		[ $n -gt 200 ] && { run_bad="$run_bad $i"; break; }
		sleep 0.05
	done
	[ "$(cell_state hello)" = running ] || run_bad="$run_bad $i(hello)"
	bulkhead cell destroy hello && bulkhead cell destroy rt-control ||
		step_bad="$step_bad $i(destroy)"
	[ "$(cpus_online)" = 0-3 ] || cpus_bad="$cpus_bad $i($(cpus_online))"
	used=$(cat $BH_SYSFS/mem_pool_used)
	[ "$used" = "$before" ] || pool_bad="$pool_bad $i($used)"
done
echo "soak: $CYCLES cycles in $(( $(now_ms) - start )) ms"
stat_marker soak_cycles "$CYCLES"

[ -z "$step_bad" ] && pass all-steps-succeed || fail all-steps-succeed "cycles:$step_bad"
[ -z "$run_bad" ] && pass both-inmates-ran || fail both-inmates-ran "cycles:$run_bad"
[ -z "$cpus_bad" ] && pass all-cpus-back-every-cycle || fail all-cpus-back-every-cycle "cycles:$cpus_bad"
[ -z "$pool_bad" ] && pass pool-at-baseline-every-cycle || fail pool-at-baseline-every-cycle "baseline $before, cycles:$pool_bad"
check_eq no-cells-left 0 "$(cells_sysfs | wc -w)"
workload_start 4000
workload_wait
check_workload workload-after-soak "$ref"
check disable bulkhead disable
