# SPDX-License-Identifier: GPL-2.0
# timeout: 100
# The life of a non-root cell, twice in a row for each of hello and
# timer-latency (CPU 3, UART1), and once for rt-control (CPU 2, printing
# through the hypervisor's console): create takes the CPU from Linux and
# lists the cell as "created"; load and start run the inmate with its args
# ("running", its output appears); shutdown asks the inmate, which agrees
# ("shut down"); destroy removes the cell and Linux gets the CPU back and
# computes on it.
# Round 1 names the cell, round 2 uses its numeric id. After the first
# shutdown, a second start restarts the inmate: its output appears again
# and it agrees to shut down again.
#
# What hello and timer-latency print goes to UART1, which only the host
# sees; rt-control's output is checked here, in `bulkhead console`.
#
# expect-uart1: hello-greeting Hello from a Bulkhead inmate \(EL1, in a cell\)
# expect-uart1: hello-args-round1 hello: args "round=1 who=lifecycle"
# expect-uart1: hello-args-round2 hello: args "round=2 who=lifecycle"
# expect-uart1: hello-args-restarted hello: args "round=1 restarted"
# expect-uart1: hello-agrees-to-shutdown hello: shutdown requested, OK
# expect-uart1: timer-latency-start-round1 timer-latency: freq=1000Hz seconds=0 counter=[0-9]+Hz in a cell
# expect-uart1: timer-latency-start-round2 timer-latency: freq=500Hz seconds=0 counter=[0-9]+Hz in a cell
# expect-uart1: timer-latency-reports timer-latency: samples=[1-9][0-9]* min=[0-9]+ns avg=[0-9]+ns max=[0-9]+ns
# expect-uart1: timer-latency-agrees-to-shutdown timer-latency: shutdown requested, OK
. /tests/lib.sh

WORKLOAD_N=5000

check module-loads insmod $BH_KO
ref=$(workload)
check enable-succeeds bh_enable
check_eq no-cells-at-start "0" "$(cell_count_listed)"
check_eq cpus-online-at-start 0-3 "$(cpus_online)"

# online_without CPU: what /sys/devices/system/cpu/online reads without it.
online_without() {
	case $1 in
	2) echo 0-1,3 ;;
	3) echo 0-2 ;;
	esac
}

# no_refusal NAME: the driver logged no timeout or refusal since the mark.
no_refusal() {
	dmesg_since_mark > /tmp/refusal.dmesg
	if grep -qE 'did not answer|refused|failed' /tmp/refusal.dmesg; then
		fail "$1" "$(grep -E 'did not answer|refused|failed' /tmp/refusal.dmesg | head -n 2 | tr '\n' '|')"
	else
		pass "$1"
	fi
}

# shutdown_agreed P WHO CELL: `cell shutdown` without --force succeeds
# (for an inmate that takes messages the hypervisor stops the cell only
# after its OK) and the cell reads "shut down". A shutdown that was not
# answered is forced, so that the test can go on.
shutdown_agreed() {
	local p=$1 who=$2 cell=$3
	dmesg_mark
	if bulkhead cell shutdown "$who" > /tmp/shutdown.out 2>&1; then
		pass $p-shutdown-agreed
	else
		fail $p-shutdown-agreed "bulkhead cell shutdown $who: $(tr '\n' ' ' < /tmp/shutdown.out) $(dmesg_since_mark | grep bulkhead | tail -n 2 | tr '\n' '|') exits of the cell's CPU: $(bulkhead cell stats "$who" 2>&1 | tr '\n' '|')"
		bulkhead cell shutdown --force "$who"
	fi
	no_refusal $p-shutdown-no-refusal
	check_cell_state $p-state-shut-down "$who" "shut down"
}

# output_seen P CELL WHO: evidence, here in Linux, that the inmate runs.
# rt-control prints on the hypervisor console (its start line and its first
# report since hv_mark); timer-latency's timer interrupt count on its CPU
# grows by more than 100 in half a second (it takes 500 or 1000 a second)
# and then past freq, when its first UART1 report is due;
# hello, which prints only on UART1 and then idles polling for messages
# every 10 ms on its timer, takes at least 20 timer interrupts in that
# time. (The counters are the CPU's, since the hypervisor started.)
output_seen() {
	local p=$1 cell=$2 who=$3 a b end freq
	case $cell in
	rt-control)
		wait_hv 'rt-control: t=1s' 4000
		cp /tmp/hv.out /tmp/rt.out
		check_grep $p-prints-start-line \
			'rt-control: freq=1000Hz seconds=0 .* in a cell' /tmp/rt.out
		check_grep $p-prints-reports \
			'rt-control: t=1s setpoint=-\{0,1\}[0-9]* output=' /tmp/rt.out
		;;
	timer-latency)
		a=$(cell_stat "$who" 3 irq)
		sleep 0.5
		b=$(cell_stat "$who" 3 irq)
		if [ -n "$a" ] && [ -n "$b" ] && [ $((b - a)) -gt 100 ]; then
			pass $p-timer-interrupts-flow
		else
			fail $p-timer-interrupts-flow "irq exits of CPU 3: '$a' -> '$b' in 0.5 s"
			return
		fi
		# A report comes after freq releases; wait for that many
		# interrupts, so that UART1 shows one before the shutdown
		# however fast or slow the host runs the guest.
		freq=${args#freq=}; freq=${freq%% *}
		end=$(( $(now_ms) + 10000 ))
		while [ $((b - a)) -le $freq ] && [ "$(now_ms)" -lt "$end" ]; do
			sleep 0.2
			b=$(cell_stat "$who" 3 irq)
		done
		check_eq $p-one-report-due yes "$([ $((b - a)) -gt $freq ] && echo yes || echo "no: $((b - a)) interrupts, freq $freq")"
		;;
	hello)
		a=$(cell_stat "$who" 3 irq)
		sleep 0.5
		b=$(cell_stat "$who" 3 irq)
		if [ -n "$a" ] && [ -n "$b" ] && [ $((b - a)) -ge 20 ]; then
			pass $p-idle-timer-ticks
		else
			fail $p-idle-timer-ticks "irq exits of CPU 3: '$a' -> '$b' in 0.5 s"
		fi
		;;
	esac
}

# restart P CELL WHO: start again after the shutdown. hello gets new args
# first (only the args string, not the image), so that its UART1 output
# tells the runs apart; the others are started as they are.
restart() {
	local p=$1 cell=$2 who=$3
	if [ $cell = hello ]; then
		check $p-restart-load-args bulkhead cell load "$who" -s "round=1 restarted"
	fi
	hv_mark
	check $p-restart-start bulkhead cell start "$who"
	check_cell_state $p-restart-state-running "$who" running
	output_seen $p-restarted $cell "$who"
	shutdown_agreed $p-restarted "$who" $cell
	if [ $cell = rt-control ]; then
		hv_since_mark > /tmp/rt-restart.out
		check_grep $p-restarted-says-ok 'rt-control: shutdown requested, OK' /tmp/rt-restart.out
	fi
}

# lifecycle ROUND CELL CPU ARGS name|id
lifecycle() {
	local round=$1 cell=$2 cpu=$3 args=$4 how=$5 p=$2-$1 id who out
	echo "== $p, at $(now_ms) ms"
	dmesg_mark
	if out=$(bulkhead cell create $BH_CELLS/$cell.cell 2>&1); then
		pass $p-create
	else
		fail $p-create "bulkhead cell create: $out $(dmesg_since_mark | tail -n 3 | tr '\n' '|')"
		return
	fi
	id=$(echo "$out" | sed -n 's/^Created cell \([0-9][0-9]*\)$/\1/p')
	if [ -n "$id" ]; then pass $p-create-prints-id
	else fail $p-create-prints-id "output '$out'"; id=$(cell_field $cell id); fi
	[ $how = id ] && who=$id || who=$cell
	check_eq $p-cpu$cpu-leaves-linux "$(online_without $cpu) 0" \
		"$(cpus_online) $(cat /sys/devices/system/cpu/cpu$cpu/online)"
	check_eq $p-listed-created "$id $cell created $cpu" "$(cell_row $who)"
	check_eq $p-sysfs-entry "$cell created $cpu" \
		"$(cat $BH_CELLS_SYSFS/$id/name $BH_CELLS_SYSFS/$id/state $BH_CELLS_SYSFS/$id/cpus 2>&1 | tr '\n' ' ' | sed 's/ $//')"

	check $p-load bulkhead cell load "$who" $BH_INMATES/$cell.bin -s "$args"
	check_eq $p-still-created-after-load created "$(cell_state $who)"

	hv_mark
	check $p-start bulkhead cell start "$who"
	check_cell_state $p-state-running "$who" running
	output_seen $p $cell "$who"

	# The driver's messages of create and load.
	dmesg_since_mark > /tmp/cycle.dmesg
	check_grep $p-create-logged "bulkhead: cell '$cell' created (id $id)" /tmp/cycle.dmesg
	check_grep $p-load-logged \
		"cell '$cell': loaded $(stat -c %s $BH_INMATES/$cell.bin) bytes at 0x40000000" /tmp/cycle.dmesg

	hv_mark
	shutdown_agreed $p "$who" $cell
	if [ $cell = rt-control ]; then
		hv_since_mark > /tmp/rt-shutdown.out
		check_grep $p-says-ok 'rt-control: shutdown requested, OK' /tmp/rt-shutdown.out
	fi
	[ $round = 1 ] && restart $p $cell "$who"

	dmesg_mark
	check $p-destroy bulkhead cell destroy "$who"
	dmesg_since_mark > /tmp/destroy.dmesg
	check_grep $p-destroy-logged "bulkhead: cell '$cell' destroyed" /tmp/destroy.dmesg
	check_grep $p-cpu$cpu-booted-again "CPU$cpu: Booted secondary processor" /tmp/destroy.dmesg
	check_eq $p-gone "0 [] 0-3" "$(cell_count_listed) [$(cells_sysfs)] $(cpus_online)"
	set -- $(workload_on $cpu)
	check_eq $p-workload-on-cpu$cpu "$ref on cpu$cpu" "$1 on cpu$2"
	check_fails $p-gone-start-refused bulkhead cell start "$who"
}

for cell in hello timer-latency rt-control; do
	cpu=3; [ $cell = rt-control ] && cpu=2
	for round in 1 2; do
		how=name; [ $round = 2 ] && how=id
		# rt-control, whose output is checked here, once (with its restart).
		[ $cell = rt-control ] && [ $round = 2 ] && continue
		case $cell in
		hello) args="round=$round who=lifecycle" ;;
		timer-latency) args="freq=$((1000 / round)) seconds=0" ;;
		rt-control) args="seconds=0" ;;
		esac
		lifecycle $round $cell $cpu "$args" $how
	done
done

# Linux healthy on every CPU after all that.
echo "== end, at $(now_ms) ms"
workload_start
workload_wait
check_workload workload-every-cpu-at-end "$ref"
check_eq no-cells-at-end "0" "$(cell_count_listed)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
