# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest test scripts. Each check prints a marker line the host
# harness counts:  "BHTEST: PASS <name>"  or  "BHTEST: FAIL <name>: <why>".

BH_KO=/lib/bulkhead/bulkhead.ko
BH_CELLS=/etc/bulkhead
BH_INMATES=/usr/share/bulkhead/inmates

pass() {
	echo "BHTEST: PASS $1"
}

fail() {
	local name=$1
	shift
	echo "BHTEST: FAIL $name: $*"
}

# check NAME CMD...: passes when CMD exits 0; on failure shows its output.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "'$*' failed (rc=$?): $(echo "$out" | tail -n 5)"
	fi
}

# check_fails NAME CMD...: passes when CMD exits non-zero.
check_fails() {
	local name=$1
	shift
	if "$@" >/tmp/check.out 2>&1; then
		fail "$name" "'$*' succeeded but must fail: $(tail -n 5 /tmp/check.out)"
	else
		pass "$name"
	fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected '$2', got '$3'"
	fi
}

# check_grep NAME PATTERN FILE: FILE (or command output in a file) matches.
check_grep() {
	if grep -q -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "'$2' not found in $3: $(tail -n 5 "$3")"
	fi
}

# The kernel log since the last mark, for asserting on driver messages.
dmesg_mark() {
	dmesg > /tmp/dmesg.mark
}
dmesg_since_mark() {
	dmesg | awk 'NR==FNR { seen[$0]=1; next } !seen[$0]' /tmp/dmesg.mark - \
		> /tmp/dmesg.new
	cat /tmp/dmesg.new
}

# --- the hypervisor and its sysfs node ---

BH_SYSFS=/sys/devices/bulkhead
BH_SYSTEM_CELL=$BH_CELLS/qemu-arm64.cell
# Hypervisor memory (configs/cells/qemu-virt.h, BH_HV_MEM_BASE/SIZE).
BH_HV_BASE=0x7f800000
BH_HV_SIZE=0x00800000
# CPUs of the QEMU machine (ci/qemu.sh: -smp 4), as "0 1 2 3".
BH_CPUS=$(seq 0 "$(sed 's/.*-//' /sys/devices/system/cpu/possible)" | tr '\n' ' ')

# The hypervisor's log ring as text (`bulkhead console`).
hv_console() {
	bulkhead console 2>&1 | tr -d '\r'
}

# bh_enable / bh_disable: the CLI, output kept in /tmp/enable.out and
# /tmp/disable.out; the exit status is the CLI's.
bh_enable() {
	bulkhead enable "${1:-$BH_SYSTEM_CELL}" > /tmp/enable.out 2>&1
}
bh_disable() {
	bulkhead disable > /tmp/disable.out 2>&1
}

# stats_snapshot FILE: /sys/devices/bulkhead/stats, read on CPU 0.
stats_snapshot() {
	taskset -c 0 cat $BH_SYSFS/stats > "$1" 2>&1
}

# stat_of FILE CPU NAME: column NAME ("total", "psci", ...) of CPU's line.
stat_of() {
	awk -v cpu="$2" -v name="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == cpu && col[name] { print $(col[name]) }' "$1"
}

# timer_counts: "cpu:count" of the arch_timer interrupt for every CPU
# online (the columns of /proc/interrupts are the online CPUs).
timer_counts() {
	awk 'NR == 1 { for (i = 1; i <= NF; i++) cpu[i] = substr($i, 4); n = NF; next }
	     /arch_timer/ { for (i = 1; i <= n; i++) printf "%s:%s ", cpu[i], $(i + 1) }' \
		/proc/interrupts
}

# busy_all_cpus SECONDS: a spinning shell pinned on every online CPU, in
# the background (keeps the tick running on NO_HZ kernels); wait for them.
busy_all_cpus() {
	local c
	for c in $(online_cpus); do
		taskset -c "$c" timeout "$1" sh -c 'while :; do :; done' &
	done
}

# online_cpus: the online CPUs as "0 1 2 3".
online_cpus() {
	local c v list=""
	for c in $BH_CPUS; do
		v=1
		[ -e /sys/devices/system/cpu/cpu$c/online ] &&
			read -r v < /sys/devices/system/cpu/cpu$c/online
		[ "$v" = 1 ] && list="$list$c "
	done
	echo "$list"
}

# check_timer_ticks NAME [HV_NAME]: arch_timer counts grow on every online
# CPU within a second while every CPU is busy (an idle NO_HZ CPU may not
# tick); with HV_NAME, the hypervisor's irq statistic of every CPU too
# (interrupts are taken at EL2 and injected).
check_timer_ticks() {
	local before after c b a stuck=""
	busy_all_cpus 2
	sleep 0.3
	before=$(timer_counts)
	[ -n "$2" ] && stats_snapshot /tmp/stats.timer-before
	sleep 1
	after=$(timer_counts)
	[ -n "$2" ] && stats_snapshot /tmp/stats.timer-after
	wait
	for c in $(online_cpus); do
		b=$(echo "$before" | tr ' ' '\n' | sed -n "s/^$c://p")
		a=$(echo "$after" | tr ' ' '\n' | sed -n "s/^$c://p")
		if [ -z "$b" ] || [ -z "$a" ] || [ "$a" -le "$b" ]; then
			stuck="$stuck cpu$c($b->$a)"
		fi
	done
	if [ -z "$stuck" ]; then
		pass "$1"
	else
		fail "$1" "arch_timer count did not rise on:$stuck (before: $before; after: $after)"
	fi
	[ -n "$2" ] || return 0
	stuck=""
	for c in $(online_cpus); do
		b=$(stat_of /tmp/stats.timer-before $c irq)
		a=$(stat_of /tmp/stats.timer-after $c irq)
		if [ -z "$b" ] || [ -z "$a" ] || [ "$a" -le "$b" ]; then
			stuck="$stuck cpu$c($b->$a)"
		fi
	done
	if [ -z "$stuck" ]; then
		pass "$2"
	else
		fail "$2" "hypervisor irq statistic did not rise on:$stuck"
	fi
}

# --- a deterministic CPU-bound workload ---

# The workload: a generated stream and its checksum. WORKLOAD_N sets its
# length (the default takes about a second per CPU under TCG).
WORKLOAD_N=${WORKLOAD_N:-40000}
workload() {
	seq 1 "${1:-$WORKLOAD_N}" | sed 's/$/ bulkhead/' | sha256sum | cut -d' ' -f1
}

# workload_on CPU [N]: the workload pinned on CPU; prints "SUM RANON" where
# RANON is the CPU the process found itself on (field 39 of its stat).
workload_on() {
	taskset -c "$1" sh -c '
		seq 1 "$1" | sed "s/\$/ bulkhead/" | sha256sum | cut -d" " -f1 | tr "\n" " "
		awk "{ print \$39 }" /proc/self/stat' sh "${2:-$WORKLOAD_N}"
}

# workload_start [N]: the workload pinned on every online CPU at once, in
# the background, results in /tmp/work.CPU; workload_wait collects them.
workload_start() {
	local c
	rm -f /tmp/work.*
	for c in $(online_cpus); do
		workload_on "$c" "$@" > /tmp/work.$c 2>&1 &
	done
}
workload_wait() {
	wait
}

# workload_bad REF: after workload_start/wait, the CPUs whose result is not
# REF or which ran elsewhere, as "cpuN(got...)"; empty if all are right.
workload_bad() {
	local c sum ranon
	for c in $(online_cpus); do
		sum=; ranon=; read -r sum ranon < /tmp/work.$c
		if [ "$sum" != "$1" ] || [ "$ranon" != "$c" ]; then
			printf 'cpu%s(sum=%s ran-on=%s) ' "$c" "$sum" "$ranon"
		fi
	done
}

# check_workload NAME REF: the workload gave REF on every CPU it ran on.
check_workload() {
	local bad
	bad=$(workload_bad "$2")
	if [ -z "$bad" ] && [ -n "$(online_cpus)" ]; then
		pass "$1"
	else
		fail "$1" "expected $2 on every CPU: $bad"
	fi
}

# --- binary files (configs) ---

# patch_bytes FILE OFFSET HEX...: overwrite bytes of FILE at OFFSET
# (decimal) with the bytes given in hex ("de ad be ef"); size unchanged.
patch_bytes() {
	local file=$1 off=$2 esc="" h
	shift 2
	for h in "$@"; do
		esc="$esc\\$(printf '%03o' "0x$h")"
	done
	printf "$esc" | dd of="$file" bs=1 seek="$off" conv=notrunc 2>/dev/null
}

# patch_le FILE OFFSET BYTES VALUE: write VALUE as a BYTES-byte
# little-endian integer (64-bit shell arithmetic).
patch_le() {
	local file=$1 off=$2 n=$3 v=$4 i=0 bytes=""
	while [ $i -lt "$n" ]; do
		bytes="$bytes $(printf '%02x' $(( (v >> (8 * i)) & 0xff )))"
		i=$((i + 1))
	done
	patch_bytes "$file" "$off" $bytes
}

# read_le FILE OFFSET BYTES: a little-endian integer of FILE, in decimal.
read_le() {
	od -A n -t x1 -j "$2" -N "$3" "$1" |
		awk '{ for (i = 1; i <= NF; i++) b[n++] = $i }
		     END { for (i = n - 1; i >= 0; i--) printf "%s", b[i]; print "" }' |
		{ read -r hex; echo $((0x$hex)); }
}

# now_ms: milliseconds since boot (/proc/uptime), for timing.
now_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

# A lighter check for loops: sha256sum of a file, pinned on every online
# CPU at once (one process per CPU). quick_sums FILE prints the CPUs whose
# sum differs from REF as "cpuN(sum)", nothing if all agree.
quick_sums() {
	local file=$1 ref=$2 c sum
	for c in $(online_cpus); do
		taskset -c "$c" sha256sum "$file" > /tmp/quick.$c 2>&1 &
	done
	wait
	for c in $(online_cpus); do
		sum=; read -r sum _ < /tmp/quick.$c
		[ "$sum" = "$ref" ] || printf 'cpu%s(%s) ' "$c" "$sum"
	done
}
