# SPDX-License-Identifier: GPL-2.0
# timeout: 240
# cpu: max
# machine: mte=on
# rows: max
# The root kernel's SVE, pointer authentication and MTE stay as Linux set
# them up (issue #17 item 5; PLATFORM.md, "Newer CPUs"): three root
# processes (tests/guest/root-features) hold SVE registers, signatures
# made with each pointer authentication key, and MTE tags with tag
# checking on, from before `bulkhead enable` until after `bulkhead
# disable`, through a two-CPU cell taking CPUs 2-3 and giving them back
# and a CPU hotplug cycle in the root; each checks all along that nothing
# changed. Before, in between and after, every CPU runs each feature
# (a CPU back from a cell included).
. /tests/lib.sh

FEATURES="sve pauth mte"

# quick_all WHEN: every feature on every online CPU, briefly.
quick_all() {
	local c m out
	for c in $(online_cpus); do
		for m in $FEATURES; do
			case $m in
			sve) n=2000 ;;
			pauth) n=200 ;;
			mte) n=20 ;;
			esac
			if out=$(taskset -c "$c" root-features $m -n $n 2>&1); then
				pass $1-$m-cpu$c
			else
				fail $1-$m-cpu$c "rc=$?: $(echo "$out" | tr '\n' '|')"
			fi
		done
	done
}

# The row's CPU must have the features, or this checks nothing.
grep -m1 '^Features' /proc/cpuinfo > /tmp/features
for f in sve paca pacg mte; do
	check_grep cpu-has-$f " $f\( \|$\)" /tmp/features
done

quick_all before
for m in $FEATURES; do
	: > /tmp/stop.$m
	root-features $m /tmp/stop.$m > /tmp/$m.out 2>&1 &
	eval pid_$m=$!
done
sleep 1

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
quick_all enabled

# A cell takes CPUs 2 and 3 (the holders move off them), runs, and gives
# them back.
check create bulkhead cell create $BH_CELLS/smp-demo.cell
check_eq cpus-2-3-leave-linux 0-1 "$(cpus_online)"
check load bulkhead cell load smp-demo $BH_INMATES/smp-demo.bin
hv_mark
check start bulkhead cell start smp-demo
wait_hv 'smp-demo: done' 60000
check_grep cell-ran 'smp-demo: done, 2 CPUs, 2 rounds' /tmp/hv.out
check destroy bulkhead cell destroy smp-demo
check_eq cpus-back 0-3 "$(cpus_online)"
quick_all after-cell

# CPU 1 off and on again: PSCI through the hypervisor.
check cpu1-offline sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
check cpu1-online sh -c 'echo 1 > /sys/devices/system/cpu/cpu1/online'
quick_all after-hotplug

check disable-succeeds bh_disable
quick_all disabled

for m in $FEATURES; do
	printf '\001' | dd of=/tmp/stop.$m conv=notrunc 2>/dev/null
	eval pid=\$pid_$m
	if wait $pid; then
		pass $m-holder-kept-state
	else
		fail $m-holder-kept-state "rc=$?: $(tr '\n' '|' < /tmp/$m.out)"
	fi
	cat /tmp/$m.out
	check_grep $m-holder-ran "root-features: $m: [1-9][0-9]* rounds, 0 mismatches" /tmp/$m.out
done
check module-unloads rmmod bulkhead
