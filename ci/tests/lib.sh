# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest test scripts. Each check prints a marker line the host
# harness counts:  "BHTEST: PASS <name>"  or  "BHTEST: FAIL <name>: <why>".

BH_KO=/lib/bulkhead/bulkhead.ko
BH_CELLS=/etc/bulkhead
BH_INMATES=/usr/share/bulkhead/inmates

# The hypervisor writes its log to the same UART, a character at a time
# (also what cells print through it): each marker starts on a line of its
# own, so that it is not glued to the end of a line the hypervisor is still
# writing. While a cell floods that UART, defer_markers collects the markers
# in a file instead, and flush_markers prints them once it is quiet.
# Characters the hypervisor writes can still land inside a marker; so every
# marker is also kept, one line each, in BH_MARKS, which ci/init prints
# once the hypervisor is gone and the harness prefers (ci/qemu.sh).
BH_DEFER=
BH_MARKS=/tmp/bhtest.marks

# marker LINE: LINE (first line: the marker) printed, or deferred, and kept.
marker() {
	printf '%s' "$1" | tr '\n' '|' >> "$BH_MARKS"
	echo >> "$BH_MARKS"
	if [ -n "$BH_DEFER" ]; then
		echo "$1" >> "$BH_DEFER"
	else
		printf '\n%s\n' "$1"
	fi
}

pass() {
	marker "BHTEST: PASS $1"
}

fail() {
	local name=$1
	shift
	marker "BHTEST: FAIL $name: $*"
}

# stat_marker KEY VALUE: a count for the suite's summary (ci/run-tests.sh).
# host_command CMD: QEMU's monitor runs CMD (ci/qemu.sh forwards the
# "BHHOST: CMD" line, for the commands it allows: system_powerdown, which
# raises the PL061's line 3, the power button of QEMU's virt board).
host_command() {
	printf '\nBHHOST: %s\n' "$1"
}

stat_marker() {
	marker "BHSTAT: $1 $2"
}

defer_markers() {
	BH_DEFER=/tmp/deferred-markers
	: > "$BH_DEFER"
}
flush_markers() {
	local f=$BH_DEFER
	BH_DEFER=
	[ -n "$f" ] || return 0
	while IFS= read -r line; do
		printf '\n%s\n' "$line"
	done < "$f"
	rm -f "$f"
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
# (One printf for all bytes: a process costs a lot under TCG.)
patch_bytes() {
	local file=$1 off=$2 args="" h
	shift 2
	for h in "$@"; do
		args="$args $((0x$h))"
	done
	[ -n "$args" ] || return 0
	printf "$(printf '\\%03o' $args)" |
		dd of="$file" bs=1 seek="$off" conv=notrunc 2>/dev/null
}

# patch_le FILE OFFSET BYTES VALUE: write VALUE as a BYTES-byte
# little-endian integer (64-bit shell arithmetic).
patch_le() {
	local file=$1 off=$2 n=$3 v=$4 i=0 args=""
	while [ $i -lt "$n" ]; do
		args="$args $(( (v >> (8 * i)) & 0xff ))"
		i=$((i + 1))
	done
	[ -n "$args" ] || return 0
	printf "$(printf '\\%03o' $args)" |
		dd of="$file" bs=1 seek="$off" conv=notrunc 2>/dev/null
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

# --- non-root cells ---

BH_CELLS_SYSFS=$BH_SYSFS/cells

# cell_field WHO FIELD: FIELD (id, name, state, cpus) of the cell named or
# numbered WHO in `bulkhead cell list` (printf "%-4s %-24s %-10s %s"), empty
# if it is not listed.
cell_field() {
	bulkhead cell list 2>/dev/null | awk -v who="$1" -v f="$2" '
		function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
		NR == 1 { next }
		{
			v["id"] = trim(substr($0, 1, 4))
			v["name"] = trim(substr($0, 6, 24))
			v["state"] = trim(substr($0, 31, 10))
			v["cpus"] = trim(substr($0, 42))
			if (v["id"] != who && v["name"] != who)
				next
			if (f == "row")
				print v["id"] " " v["name"] " " v["state"] " " v["cpus"]
			else
				print v[f]
			exit
		}'
}
# cell_row WHO: "ID NAME STATE CPUS" of the cell, one `bulkhead cell list`.
cell_row() {
	cell_field "$1" row
}
cell_state() {
	cell_field "$1" state
}

# cell_count_listed: the number of cells `bulkhead cell list` shows.
cell_count_listed() {
	bulkhead cell list 2>/dev/null | awk 'NR > 1' | wc -l
}

# cells_sysfs: the entries of /sys/devices/bulkhead/cells, as "1 2 ".
cells_sysfs() {
	ls $BH_CELLS_SYSFS 2>/dev/null | tr '\n' ' '
}

# wait_cell_state WHO STATE [MS]: polls until the cell's state is STATE
# (default at most 3000 ms); true if it got there.
wait_cell_state() {
	local end=$(( $(now_ms) + ${3:-3000} ))
	while :; do
		[ "$(cell_state "$1")" = "$2" ] && return 0
		[ "$(now_ms)" -ge "$end" ] && return 1
		sleep 0.1
	done
}

# check_cell_state NAME WHO STATE [MS]: the cell reaches STATE.
check_cell_state() {
	if wait_cell_state "$2" "$3" "$4"; then
		pass "$1"
	else
		fail "$1" "cell '$2' is '$(cell_state "$2")', expected '$3': $(bulkhead cell list 2>&1 | tr '\n' '|')"
	fi
}

# cpus_online: /sys/devices/system/cpu/online, e.g. "0-3".
cpus_online() {
	cat /sys/devices/system/cpu/online
}

# cell_stat WHO CPU NAME: column NAME ("total", "irq", ...) of CPU's line
# in `bulkhead cell stats WHO`.
cell_stat() {
	bulkhead cell stats "$1" > /tmp/cell-stats.$$ 2>&1
	stat_of /tmp/cell-stats.$$ "$2" "$3"
	rm -f /tmp/cell-stats.$$
}

# The hypervisor's log ring counts every byte it was given in `written`
# (include/bulkhead/console.h), at offset 16 of the ring, which the root
# cell may read. hv_mark remembers it; hv_since_mark prints what the
# hypervisor logged since, never less as long as the ring did not wrap
# past the mark. The copy of the ring ends somewhere between `written`
# read before and after it: equal, the cut is exact; if the log grew each
# of 10 times, bytes from before the mark come along (as many as the log
# grew by while being copied).
BH_CON_ADDR=$(( BH_HV_BASE + $(read_le /lib/firmware/bulkhead.bin 32 8) ))
hv_written() {
	printf '%d\n' "$(devmem $((BH_CON_ADDR + 16)) 64)"
}
hv_mark() {
	HV_MARK=$(hv_written)
}
hv_since_mark() {
	local before after tries=0
	while :; do
		before=$(hv_written)
		bulkhead console > /tmp/hv-since.$$ 2>&1
		after=$(hv_written)
		tries=$((tries + 1))
		[ "$before" = "$after" ] || [ $tries -ge 10 ] && break
	done
	tail -c "$(( after - HV_MARK ))" /tmp/hv-since.$$ | tr -d '\r'
	rm -f /tmp/hv-since.$$
}

# wait_hv PATTERN [MS]: until PATTERN (grep) appears in the hypervisor's
# log since hv_mark (at most MS, default 3000); the log is left in
# /tmp/hv.out.
wait_hv() {
	local end=$(( $(now_ms) + ${2:-3000} ))
	while :; do
		hv_since_mark > /tmp/hv.out
		grep -aq -- "$1" /tmp/hv.out && return 0
		[ "$(now_ms)" -ge "$end" ] && return 1
		sleep 0.1
	done
}

# rt_control_last_t FILE: the latest second rt-control reported in FILE
# (its "rt-control: t=Ns ..." lines on the hypervisor console), or 0.
rt_control_last_t() {
	grep -ao 'rt-control: t=[0-9]*s' "$1" | tail -n 1 | sed 's/.*t=\([0-9]*\)s/\1/' |
		{ read -r t; echo "${t:-0}"; }
}

# vcon_copy CELL DEST: a copy of CELL's config that prints through the
# hypervisor's console (console type none, flag VIRTUAL) instead of its
# UART, so the root cell can read what it prints. Offsets: struct
# bh_cell_desc console at 72: address 72 (8), size 80 (4), type 84 (2),
# flags 86 (2).
vcon_copy() {
	cp "$BH_CELLS/$1.cell" "$2"
	patch_le "$2" 72 8 0
	patch_le "$2" 80 4 0
	patch_le "$2" 84 2 0
	patch_le "$2" 86 2 1
}
