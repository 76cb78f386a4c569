#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bulkhead's benchmarks (`make bench`). Every measurement is a QEMU boot
# with -icount shift=0,sleep=off: deterministic virtual time, one
# instruction = 1 ns. The guest scripts ci/bench/*.sh (run by `ci/qemu.sh
# bench NAME`) print "BHBENCH: KEY VALUE" lines on the console; the cells
# print on UART1; the bare-metal runs are QEMU's -kernel. This script runs
# them, at most BENCH_JOBS (default 2) QEMUs at once (each is one host
# thread under -icount), and prints a table of the figures, which it also
# writes to build/bench/results.txt, and all of them as JSON to
# build/bench/results.json. Logs: build/bench/NAME.log (console),
# NAME.uart1.log (the cell). Documentation/benchmarks.md explains the
# figures. Exits non-zero if a benchmark did not complete.
#
#   ci/bench.sh            run everything (about 5 minutes on 2 host cores)
#   ci/bench.sh --report   only read the logs of the last run again
#
# BH_GIC=2 runs them all on the GICv2 variant of the board instead, into
# build/bench/gicv2/ (`make bench` runs both); while ci/qemu.sh cannot run
# that variant yet (`ci/qemu.sh variant`), it says why and stops with
# status 0: nothing was measured, and nothing failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
GIC=${BH_GIC:-3}
out=$top/build/bench
[ "$GIC" = 3 ] || out=$out/gicv$GIC
rel=${out#"$top"/}
# An image of our own: `make test` may rebuild build/qemu meanwhile.
export BH_QEMU_DIR=$out/qemu BH_BENCH_DIR=$out BH_GIC=$GIC
JOBS=${BENCH_JOBS:-2}
LIMIT=900	# seconds of wall time per QEMU boot, at most

if ! why=$("$top/ci/qemu.sh" variant); then
	echo "bench.sh: GICv$GIC: not run: $why"
	exit 0
fi

# The machine of ci/qemu.sh, for the bare-metal runs.
MACHINE="virt,gic-version=$GIC,virtualization=on,its=off"
ICOUNT="shift=0,sleep=off"

# The inmates' args, from the guest scripts (one definition each).
LATENCY_ARGS=$(sed -n 's/^LATENCY_ARGS="\(.*\)"$/\1/p' "$top/ci/bench/common.sh")
TRAPCOST_ARGS=$(sed -n 's/^TRAPCOST_ARGS="\(.*\)"$/\1/p' "$top/ci/bench/trapcost.sh")
RTOS_ARGS=$(sed -n 's/^RTOS_ARGS="\(.*\)"$/\1/p' "$top/ci/bench/rtos.sh")

die() { echo "bench.sh: $*" >&2; exit 1; }

# --- running the boots ---

# guest NAME: ci/bench/NAME.sh in Linux on QEMU.
guest() {
	"$top/ci/qemu.sh" bench "$1" "$LIMIT" > "$out/$1.qemu.out" 2>&1
}

# bare NAME: an inmate as QEMU's -kernel on the same machine (4 CPUs; it
# runs on CPU 0, the others stay off), console on UART0: bare-latency is
# timer-latency, bare-trapcost is trapcost. The inmate halts after its
# line "INMATE: done" and QEMU would idle forever: stop it then.
bare() {
	local log=$out/$1.log inmate=${1#bare-} args pid waited=0
	case $1 in
	bare-latency) inmate=timer-latency args=$LATENCY_ARGS ;;
	bare-trapcost) args=$TRAPCOST_ARGS ;;
	bare-rtos) inmate=rtos-bench args=$RTOS_ARGS ;;
	esac
	rm -f "$log"
	qemu-system-aarch64 -machine "$MACHINE" -cpu cortex-a57 -smp 4 -m 1G \
		-nodefaults -display none -no-reboot -icount "$ICOUNT" \
		-kernel "$top/inmates/demos/$inmate.bin" -append "$args" \
		-serial "file:$log" < /dev/null > "$out/$1.qemu.out" 2>&1 &
	pid=$!
	# Done: the line is there and complete (the log ends in a newline).
	while kill -0 $pid 2> /dev/null && [ $waited -lt $((LIMIT * 5)) ] &&
	      ! { grep -q "^$inmate: done" "$log" 2> /dev/null &&
		  [ -z "$(tail -c 1 "$log")" ]; }; do
		sleep 0.2
		waited=$((waited + 1))
	done
	kill $pid 2> /dev/null
	wait $pid 2> /dev/null
}

# run_jobs "FUNCTION NAME ARGS..."...: at most JOBS at once; the wall time
# of each goes to NAME.wall.
run_jobs() {
	local job running=0
	for job in "$@"; do
		if [ $running -ge "$JOBS" ]; then
			wait -n
			running=$((running - 1))
		fi
		(
			set -- $job
			start=$SECONDS
			"$@"
			echo $((SECONDS - start)) > "$out/$2.wall"
		) &
		running=$((running + 1))
	done
	wait
}

# --- reading the results ---

# kv FILE REGEX KEY: the value of KEY=VALUE (a trailing "ns" dropped) in
# the last line of FILE that matches REGEX; empty if there is none.
kv() {
	tr -d "\r" 2> /dev/null < "$1" | awk -v re="$2" -v key="$3" '
		$0 ~ re {
			v = ""
			for (i = 1; i <= NF; i++)
				if (index($i, key "=") == 1)
					v = substr($i, length(key) + 2)
			sub(/ns$/, "", v)
			last = v
		}
		END { print last }'
}

# bhbench NAME KEY: the rest of the guest line "BHBENCH: KEY ...".
bhbench() {
	tr -d "\r" 2> /dev/null < "$out/$1.log" |
		sed -n "s/^BHBENCH: $2 \{0,1\}//p" | tail -n 1
}

# ok_bare NAME INMATE: the bare-metal run got to "INMATE: done".
ok_bare() {
	grep -q "^$2: done" "$out/$1.log" 2> /dev/null
}

# ok NAME: the guest script got to its end without an error.
ok() {
	grep -q "^BHBENCH: done" "$out/$1.log" 2> /dev/null &&
		! grep -q "^BHBENCH: error" "$out/$1.log"
}

# calc PROGRAM: an awk BEGIN block, for arithmetic with fractions.
calc() {
	awk "BEGIN { $1 }" < /dev/null
}

# ratio A B: B / A with two decimals, "" when A is 0 or missing.
ratio() {
	[ -n "$1" ] && [ -n "$2" ] || return 0
	calc "if ($1 > 0) printf \"%.2f\", $2 / $1"
}

# minus A B: B - A, "" if one is missing.
minus() {
	[ -n "$1" ] && [ -n "$2" ] || return 0
	echo $(($2 - $1))
}

# show VALUE [TEXT]: VALUE, or TEXT (default "error") when empty.
show() {
	echo "${1:-${2:-error}}"
}

# json VALUE: a JSON number, or null.
json() {
	echo "${1:-null}"
}

# mark_stats NAME FIRST LAST STEP=FROM:TO...: the durations between the
# marks of NAME.log (common.sh: mark), round N's marks named MARK-N for
# N = 1, 2, ... while FIRST-N and LAST-N exist: "rounds N", then one line
# per STEP, "STEP MEDIAN MIN MAX" in µs; then "poll US" and "mark US" from
# the marks poll-a, poll-b, poll-c.
mark_stats() {
	local name=$1 first=$2 last=$3
	shift 3
	tr -d "\r" 2> /dev/null < "$out/$name.log" | awk -v first="$first" \
		-v last="$last" -v steps="$*" '
		/^BHBENCH: mark / { t[$3] = $4 }
		function add(step, v) { n[step]++; val[step, n[step]] = v }
		function stats(step,   i, j, k, x) {
			k = n[step]
			for (i = 2; i <= k; i++) {
				x = val[step, i]
				for (j = i - 1; j >= 1 && val[step, j] > x; j--)
					val[step, j + 1] = val[step, j]
				val[step, j + 1] = x
			}
			print step, val[step, int((k + 1) / 2)], val[step, 1], val[step, k]
		}
		END {
			ns = split(steps, s)
			for (j = 1; j <= ns; j++) {
				split(s[j], kv, "=")
				name[j] = kv[1]
				split(kv[2], ft, ":")
				from[j] = ft[1]
				to[j] = ft[2]
			}
			for (i = 1; (first "-" i) in t && (last "-" i) in t; i++)
				for (j = 1; j <= ns; j++)
					add(name[j], t[to[j] "-" i] - t[from[j] "-" i])
			if (i == 1)
				exit
			print "rounds", i - 1
			for (j = 1; j <= ns; j++)
				stats(name[j])
			print "poll", t["poll-b"] - t["poll-a"]
			print "mark", t["poll-c"] - t["poll-b"]
		}'
}

# read_stats PREFIX STEP... < mark_stats output: PREFIX_rounds,
# PREFIX_poll, PREFIX_mark, and PREFIX_STEP_median/_min/_max, all set
# (empty where the log has no figure: the table and JSON show that).
read_stats() {
	local prefix=$1 step med min max
	shift
	for step in rounds poll mark; do
		printf -v "${prefix}_$step" '%s' ""
	done
	for step in "$@"; do
		printf -v "${prefix}_${step}_median" '%s' ""
		printf -v "${prefix}_${step}_min" '%s' ""
		printf -v "${prefix}_${step}_max" '%s' ""
	done
	while read -r step med min max; do
		case $step in
		rounds|poll|mark) printf -v "${prefix}_$step" '%s' "$med" ;;
		*) printf -v "${prefix}_${step}_median" '%s' "$med"
		   printf -v "${prefix}_${step}_min" '%s' "$min"
		   printf -v "${prefix}_${step}_max" '%s' "$max" ;;
		esac
	done
}

# ms US: µs as milliseconds with three decimals.
ms() {
	[ -n "$1" ] || return 0
	calc "printf \"%.3f\", $1 / 1000"
}

# loc DIR... -- FIND-ARGS: non-blank lines of the files found.
loc() {
	local dirs=()
	while [ "$1" != -- ]; do dirs+=("$1"); shift; done
	shift
	find "${dirs[@]}" "$@" -type f -print0 | xargs -0 -r cat |
		grep -c -v '^[[:space:]]*$'
}

# le32 FILE OFFSET: a little-endian 32-bit field.
le32() {
	od -A n -t u4 -j "$2" -N 4 "$1" | tr -d ' '
}

# run_all: every boot, fresh logs.
run_all() {
	local start=$SECONDS
	mkdir -p "$out"
	rm -f "$out"/*.log "$out"/*.wall "$out"/*.qemu.out "$out"/results.*
	"$top/ci/qemu.sh" image || die "cannot build the QEMU image"
	# QEMU puts random rng-seed and kaslr-seed properties into the device
	# tree it dumps: fixed ones make every run boot the same kernel layout
	# and random state (without any, Linux's RNG stays uninitialised and
	# slows every fork).
	dtc -q -I dtb -O dts "$BH_QEMU_DIR/bulkhead-virt.dtb" |
		sed -e 's/\(rng-seed = \).*/\1<0x62756c6b 0x68656164 0x62656e63 0x68000001 0x62756c6b 0x68656164 0x62656e63 0x68000002>;/' \
		    -e 's/\(kaslr-seed = \).*/\1<0x62756c6b 0x68656164>;/' > "$BH_QEMU_DIR/bench.dts" &&
		dtc -q -I dts -O dtb -o "$BH_QEMU_DIR/bulkhead-virt.dtb" \
			"$BH_QEMU_DIR/bench.dts" &&
		cp "$BH_QEMU_DIR/bulkhead-virt.dtb" "$BH_QEMU_DIR/bench.dtb" ||
		die "cannot set the seeds in the device tree"
	echo "Running the benchmarks in QEMU with -icount $ICOUNT, $JOBS at once (logs in $rel/)..."
	run_jobs "guest latency-load" "guest lifecycle" "guest footprint" \
		 "guest trapcost" "guest latency-idle" "guest ivshmem" \
		 "guest rtos" "guest linux-boot" \
		 "bare bare-latency" "bare bare-trapcost" "bare bare-rtos"
	echo $((SECONDS - start)) > "$out/total-wall"
	date -u +%Y-%m-%dT%H:%M:%SZ > "$out/run-date"
	echo
}

# --- main ---

for f in hypervisor/bulkhead.bin driver/bulkhead.ko tools/bulkhead \
	 tools/ivshmem-demo inmates/demos/timer-latency.bin \
	 inmates/demos/trapcost.bin inmates/demos/ivshmem-demo.bin \
	 inmates/demos/rtos-bench.bin; do
	[ -e "$top/$f" ] || die "$f missing: run 'make' first"
done
[ -n "$LATENCY_ARGS" ] && [ -n "$TRAPCOST_ARGS" ] && [ -n "$RTOS_ARGS" ] || die "cannot read the args from ci/bench/"
case "${1:-}" in
--report) ;;
"") run_all ;;
*) sed -n "4,20s/^# \{0,1\}//p" "$0"; exit 2 ;;
esac
wall=$(cat "$out/total-wall" 2> /dev/null || echo 0)
status=0
for name in latency-idle latency-load trapcost lifecycle ivshmem footprint rtos linux-boot; do
	if ! ok "$name"; then
		echo "bench.sh: $name did not complete: $(bhbench "$name" error) ($rel/$name.log)" >&2
		status=1
	fi
done
ok_bare bare-latency timer-latency || { echo "bench.sh: bare-latency did not complete ($rel/bare-latency.log)" >&2; status=1; }
ok_bare bare-trapcost trapcost || { echo "bench.sh: bare-trapcost did not complete ($rel/bare-trapcost.log)" >&2; status=1; }
ok_bare bare-rtos rtos-bench || { echo "bench.sh: bare-rtos did not complete ($rel/bare-rtos.log)" >&2; status=1; }

# 1. Interrupt latency: (a) bare metal, (b) root idle, (c) root loaded.
lat_file_a=$out/bare-latency.log
lat_file_b=$out/latency-idle.uart1.log
lat_file_c=$out/latency-load.uart1.log
for c in a b c; do
	f=lat_file_$c
	for k in samples min avg max; do
		printf -v "lat_${c}_$k" '%s' "$(kv "${!f}" '^timer-latency: done' $k)"
	done
done
for c in b c; do
	for k in avg max; do
		a=lat_a_$k v=lat_${c}_$k
		printf -v "lat_${c}_${k}_ratio" '%s' "$(ratio "${!a}" "${!v}")"
		printf -v "lat_${c}_${k}_over" '%s' "$(minus "${!a}" "${!v}")"
	done
done
counter_hz=$(kv "$lat_file_b" '^timer-latency: freq=' counter)
counter_hz=${counter_hz%Hz}
load_busy=$(bhbench latency-load root_busy_pct)
idle_busy=$(bhbench latency-idle root_busy_pct)

# 2. Trap costs, in the cell and bare metal.
trap_file_cell=$out/trapcost.uart1.log
trap_file_bare=$out/bare-trapcost.log
trap_clock=$(kv "$trap_file_cell" '^trapcost: clock=' clock)
trap_hz=$(kv "$trap_file_cell" '^trapcost: clock=' hz)
trap_iter=$(kv "$trap_file_cell" '^trapcost: clock=' iterations)
bare_clock=$(kv "$trap_file_bare" '^trapcost: clock=' clock)
OPS="nop hvc mmio sgi"
for w in cell bare; do
	f=trap_file_$w
	for op in $OPS; do
		for k in n median min max avg exits; do
			printf -v "t_${w}_${op}_$k" '%s' "$(kv "${!f}" "^trapcost: $op n=" $k)"
		done
		printf -v "t_${w}_${op}_na" '%s' "$(tr -d "\r" 2> /dev/null < "${!f}" |
			sed -n "s/^trapcost: $op n\/a (\(.*\))$/\1/p" | tail -n 1)"
	done
done
for op in $OPS; do
	m=t_cell_${op}_median e=t_cell_${op}_exits n=t_cell_${op}_n
	printf -v "t_cell_${op}_net" '%s' "$(minus "$t_cell_nop_median" "${!m}")"
	printf -v "t_cell_${op}_exits_per_op" '%s' \
		"$([ -n "${!e}" ] && [ -n "${!n}" ] && calc "printf \"%.2f\", ${!e} / ${!n}")"
	m=t_bare_${op}_median
	printf -v "t_bare_${op}_net" '%s' "$(minus "$t_bare_nop_median" "${!m}")"
done

# 3. Lifecycle.
LC_STEPS="create load start start_to_output create_to_output shutdown destroy"
read_stats lc $LC_STEPS < <(mark_stats lifecycle create destroyed create=create:load \
	load=load:start start=start:started start_to_output=start:output \
	create_to_output=create:output shutdown=output:destroy \
	destroy=destroy:destroyed)
lc_cycles=$lc_rounds

# 6. Linux cell boot: bulkhead cell linux, then its shell, then destroy.
LX_STEPS="command boot total destroy"
read_stats lx $LX_STEPS < <(mark_stats linux-boot create destroyed command=create:started \
	boot=started:shell total=create:shell destroy=shell:destroyed)
read_stats lxn $LX_STEPS < <(mark_stats linux-boot nc-create nc-destroyed \
	command=nc-create:nc-started boot=nc-started:nc-shell \
	total=nc-create:nc-shell destroy=nc-shell:nc-destroyed)
lx_params=$(bhbench linux-boot params)

# 4. ivshmem: ci/bench/ivshmem.sh's "rtt" and "bulk" lines.
iv_log=$out/ivshmem.log
for k in count size errors avg_us min_us max_us; do
	printf -v "iv_rtt_$k" '%s' "$(kv "$iv_log" '^BHBENCH: rtt ' $k)"
	printf -v "iv_spin_$k" '%s' "$(kv "$iv_log" '^BHBENCH: rtt_spin ' $k)"
done
for k in count size errors bytes us mbps; do
	printf -v "iv_bulk_$k" '%s' "$(kv "$iv_log" '^BHBENCH: bulk ' $k)"
done

# 5. Footprint.
hv_bin=$top/hypervisor/bulkhead.bin
hv_bytes=$(stat -c %s "$hv_bin")
hv_core=$(le32 "$hv_bin" 12)
hv_percpu=$(le32 "$hv_bin" 16)
hv_max_cpus=$(le32 "$hv_bin" 20)
pool_total=$(bhbench footprint pool_total)
pool_root=$(bhbench footprint pool_used_root)
pool_one=$(bhbench footprint pool_used_one_cell)
pool_two=$(bhbench footprint pool_used_two_cells)
pool_after=$(bhbench footprint pool_used_after_destroy_1)
pool_after2=$(bhbench footprint pool_used_after_destroy_2)
hv=$top/hypervisor
loc_core_c=$(loc "$hv" -- -path "$hv/arch" -prune -o \( -name '*.c' -o -name '*.h' \))
loc_core_asm=$(loc "$hv" -- -path "$hv/arch" -prune -o -name '*.S' ! -name '*.lds.S')
loc_arch_c=$(loc "$hv/arch/arm64" -- \( -name '*.c' -o -name '*.h' \))
loc_arch_asm=$(loc "$hv/arch/arm64" -- -name '*.S' ! -name '*.lds.S')

# 6. The real-time kernel: rtos-bench in the cell (UART1) and bare metal.
rtos_file_cell=$out/rtos.uart1.log
rtos_file_bare=$out/bare-rtos.log
RTOS_KINDS="latency jitter switch"
for w in cell bare; do
	f=rtos_file_$w
	for kind in $RTOS_KINDS; do
		for k in samples min avg max; do
			printf -v "r_${w}_${kind}_$k" '%s' \
				"$(kv "${!f}" "^rtos-bench: $kind samples=" $k)"
		done
	done
done
for kind in $RTOS_KINDS; do
	for k in avg max; do
		a=r_bare_${kind}_$k v=r_cell_${kind}_$k
		printf -v "r_${kind}_${k}_ratio" '%s' "$(ratio "${!a}" "${!v}")"
		printf -v "r_${kind}_${k}_over" '%s' "$(minus "${!a}" "${!v}")"
	done
done
rtos_hz=$(kv "$rtos_file_cell" '^rtos-bench: freq=' counter)
rtos_hz=${rtos_hz%Hz}
plots=
if "$top/ci/plot-hist.sh" "$rtos_file_cell" "$rtos_file_bare" "$out" 2> "$out/plot.err"; then
	plots="build/bench/latency-hist.png, build/bench/jitter-hist.png"
else
	echo "bench.sh: no histograms: $(cat "$out/plot.err")" >&2
fi

kib() {
	[ -n "$1" ] && echo "$1 pages ($(($1 * 4)) KiB)"
}

qemu_version=$(qemu-system-aarch64 --version | sed -n '1s/^QEMU emulator version \([^ ]*\).*/\1/p')
git_rev=$(git -C "$top" describe --always --dirty 2> /dev/null || echo unknown)
date=$(cat "$out/run-date" 2> /dev/null || echo unknown)

lc_label() {
	case $1 in
	create) echo "bulkhead cell create" ;;
	load) echo "bulkhead cell load" ;;
	start) echo "bulkhead cell start" ;;
	start_to_output) echo "start -> first output seen (at most)" ;;
	create_to_output) echo "create -> first output seen (at most)" ;;
	shutdown) echo "bulkhead cell shutdown" ;;
	destroy) echo "bulkhead cell destroy" ;;
	esac
}

lx_label() {
	case $1 in
	command) echo "bulkhead cell linux (create..start)" ;;
	boot) echo "start -> shell (at most)" ;;
	total) echo "create -> shell (at most)" ;;
	destroy) echo "bulkhead cell destroy" ;;
	esac
}

# steps_table PREFIX LABEL_FN STEP...: a row per step (read_stats'
# figures), median min max in ms, labelled by LABEL_FN STEP.
steps_table() {
	local prefix=$1 label=$2 k m n x
	shift 2
	printf '   %-40s %9s %9s %9s\n' "" median min max
	for k in "$@"; do
		m=${prefix}_${k}_median n=${prefix}_${k}_min x=${prefix}_${k}_max
		printf '   %-40s %9s %9s %9s\n' "$($label "$k")" \
			"$(show "$(ms "${!m}")")" "$(show "$(ms "${!n}")")" \
			"$(show "$(ms "${!x}")")"
	done
}

report() {
	local op k
	echo "Bulkhead benchmarks: QEMU $qemu_version virt (GICv$GIC, 4x Cortex-A57, 1 GiB),"
	echo "-icount $ICOUNT: virtual time, 1 instruction = 1 ns; git $git_rev, $date"
	echo
	echo "1. Interrupt latency (ns): timer-latency $LATENCY_ARGS, virtual timer,"
	echo "   counter $counter_hz Hz (a tick is $(calc "if (${counter_hz:-0} > 0) printf \"%.0f\", 1e9 / ${counter_hz:-0}") ns); first instruction of the IRQ vector - release"
	printf '   %-34s %7s %7s %7s %7s %8s %8s %8s %8s\n' "" samples min avg max \
		"avg/(a)" "max/(a)" "avg-(a)" "max-(a)"
	printf '   %-34s %7s %7s %7s %7s %8s %8s %8s %8s\n' \
		"(a) bare metal (-kernel, CPU 0)" "$(show "$lat_a_samples")" \
		"$(show "$lat_a_min")" "$(show "$lat_a_avg")" "$(show "$lat_a_max")" - - - -
	printf '   %-34s %7s %7s %7s %7s %8s %8s %8s %8s\n' \
		"(b) cell on CPU 3, root idle" "$(show "$lat_b_samples")" \
		"$(show "$lat_b_min")" "$(show "$lat_b_avg")" "$(show "$lat_b_max")" \
		"$(show "$lat_b_avg_ratio" n/a)" "$(show "$lat_b_max_ratio" n/a)" \
		"$(show "$lat_b_avg_over")" "$(show "$lat_b_max_over")"
	printf '   %-34s %7s %7s %7s %7s %8s %8s %8s %8s\n' \
		"(c) cell on CPU 3, root loaded" "$(show "$lat_c_samples")" \
		"$(show "$lat_c_min")" "$(show "$lat_c_avg")" "$(show "$lat_c_max")" \
		"$(show "$lat_c_avg_ratio" n/a)" "$(show "$lat_c_max_ratio" n/a)" \
		"$(show "$lat_c_avg_over")" "$(show "$lat_c_max_over")"
	echo "   Ratios are n/a where (a) is 0 ns; avg-(a), max-(a): the overhead in ns."
	echo "   Bare metal: the same machine, QEMU's -kernel; CPUs 1-3 stay off."
	echo "   (c) load: 'dd if=/dev/zero bs=1M | md5sum' pinned on each of CPUs 0-2"
	echo "   (busy ${load_busy:-?}% while the cell ran; ${idle_busy:-?}% in (b)). Under -icount QEMU runs"
	echo "   the vCPUs one at a time: (c) is mostly QEMU's round robin, see benchmarks.md."
	echo
	echo "2. Trap costs (ns): trapcost, $(show "$trap_iter") iterations each, clock $(show "$trap_clock")"
	echo "   at $(show "$trap_hz") Hz; median min max of single operations, -nop = median - nop's"
	printf '   %-32s %28s   %s\n' "" "------- cell on CPU 3 -------" "-- bare metal, CPU 0 --"
	printf '   %-32s %6s %5s %6s %5s %8s  %6s %5s %6s %5s\n' operation median min max -nop \
		exits/op median min max -nop
	for op in $OPS; do
		local label
		case $op in
		nop) label="nop (baseline, no trap)" ;;
		hvc) label="hypercall (hvc, CPU_GET_INFO)" ;;
		mmio) label="MMIO read of GICD_TYPER" ;;
		sgi) label="SGI to itself, until taken" ;;
		esac
		local cm=t_cell_${op}_median cn=t_cell_${op}_min cx=t_cell_${op}_max \
		      cd=t_cell_${op}_net ce=t_cell_${op}_exits_per_op cna=t_cell_${op}_na \
		      bm=t_bare_${op}_median bn=t_bare_${op}_min bx=t_bare_${op}_max \
		      bd=t_bare_${op}_net bna=t_bare_${op}_na
		local cell_part bare_part
		if [ -n "${!cna}" ]; then
			cell_part=$(printf '%-37s' "n/a (${!cna})")
		else
			cell_part=$(printf '%6s %5s %6s %5s %8s' "$(show "${!cm}")" \
				"$(show "${!cn}")" "$(show "${!cx}")" "$(show "${!cd}")" \
				"$(show "${!ce}")")
		fi
		if [ -n "${!bna}" ]; then
			bare_part="n/a (${!bna})"
		else
			bare_part=$(printf '%6s %5s %6s %5s' "$(show "${!bm}")" \
				"$(show "${!bn}")" "$(show "${!bx}")" "$(show "${!bd}")")
		fi
		printf '   %-32s %s  %s\n' "$label" "$cell_part" "$bare_part"
	done
	echo "   exits/op: exits to the hypervisor per operation (its own statistics)."
	echo
	echo "3. Lifecycle (ms): rt-control cell (CPU 2, hypervisor console), $(show "$lc_cycles") cycles"
	steps_table lc lc_label $LC_STEPS
	echo "   Each step is one CLI command (fork, exec, ioctl). The guest polls the console;"
	echo "   one poll takes $(show "$(ms "$lc_poll")") ms, the resolution of \"first output seen\";"
	echo "   a timestamp (kernel log mark) costs $(show "$(ms "$lc_mark")") ms. Several CPUs are busy here: the"
	echo "   figures vary from run to run (create by up to a third), see benchmarks.md."
	echo
	echo "4. ivshmem: root cell (tools/ivshmem-demo) <-> ivshmem-demo inmate (CPU 3), link 0"
	printf '   %-44s %8s %8s %8s %7s\n' "" avg min max errors
	printf '   %-44s %8s %8s %8s %7s\n' \
		"round trip (us), $(show "$iv_rtt_count") x $(show "$iv_rtt_size")-byte echo" \
		"$(show "$iv_rtt_avg_us")" "$(show "$iv_rtt_min_us")" \
		"$(show "$iv_rtt_max_us")" "$(show "$iv_rtt_errors")"
	printf '   %-44s %8s %8s %8s %7s\n' \
		"  the same, root spinning on the reply" \
		"$(show "$iv_spin_avg_us")" "$(show "$iv_spin_min_us")" \
		"$(show "$iv_spin_max_us")" "$(show "$iv_spin_errors")"
	printf '   %-44s %s MB/s (%s bytes in %s ms), %s errors\n' \
		"bulk, $(show "$iv_bulk_count") x $(show "$iv_bulk_size") bytes, acked" \
		"$(show "$iv_bulk_mbps")" "$(show "$iv_bulk_bytes")" \
		"$(show "$(ms "$iv_bulk_us")")" "$(show "$iv_bulk_errors")"
	echo "   A round trip: the root writes a request, rings (ioctl, trapped doorbell), blocks in"
	echo "   poll(); the inmate checks and echoes it and rings back; the root wakes and checks the"
	echo "   reply. Spinning, min is the doorbell path alone; avg is QEMU's round robin (the"
	echo "   spinning CPU keeps the emulator until its time slice ends). Bulk: requests filling"
	echo "   the output section, payload generated and checksummed byte by byte on both sides,"
	echo "   only acknowledged. See benchmarks.md."
	echo
	echo "5. Footprint"
	printf '   %-44s %s\n' "hypervisor image (hypervisor/bulkhead.bin)" "$hv_bytes bytes"
	printf '   %-44s %s\n' "core_size (image with bss, from its header)" "$hv_core bytes"
	printf '   %-44s %s\n' "per-CPU areas (percpu_size x max_cpus)" "$hv_percpu x $hv_max_cpus bytes"
	printf '   %-44s %s\n' "page pool in use, root cell only" "$(show "$(kib "$pool_root")") of $(show "$pool_total") pages"
	printf '   %-44s %s\n' "  + timer-latency cell (1 non-root cell)" "$(show "$(kib "$pool_one")")"
	printf '   %-44s %s\n' "  + rt-control cell (2 non-root cells)" "$(show "$(kib "$pool_two")")"
	printf '   %-44s %s\n' "  after destroying both" "$(show "$(kib "$pool_after")")"
	printf '   %-44s %s\n' "  after a second create..destroy round" "$(show "$(kib "$pool_after2")")"
	printf '   %-44s %8s %8s\n' "lines of code (non-blank)" "C (.c .h)" "asm (.S)"
	printf '   %-44s %8s %8s\n' "  core: hypervisor/ without arch/" "$loc_core_c" "$loc_core_asm"
	printf '   %-44s %8s %8s\n' "  arch: hypervisor/arch/arm64" "$loc_arch_c" "$loc_arch_asm"
	echo
	echo "6. Real-time kernel (ns): rtos-bench $RTOS_ARGS (inmates/rtos), root idle"
	printf '   %-40s %7s %7s %7s %7s  %7s %7s %7s %7s  %8s %8s\n' "" \
		"-------" "cell" "CPU 3" "-------" "------" "bare" "CPU 0" "------" "" ""
	printf '   %-40s %7s %7s %7s %7s  %7s %7s %7s %7s  %8s %8s\n' "" \
		samples min avg max samples min avg max "avg/bare" "max/bare"
	for kind in $RTOS_KINDS; do
		local label
		case $kind in
		latency) label="timer interrupt latency (release -> IRQ)" ;;
		jitter) label="release jitter (release -> task running)" ;;
		switch) label="context switch (give -> other task)" ;;
		esac
		local cs=r_cell_${kind}_samples cn=r_cell_${kind}_min ca=r_cell_${kind}_avg \
		      cx=r_cell_${kind}_max bs=r_bare_${kind}_samples bn=r_bare_${kind}_min \
		      ba=r_bare_${kind}_avg bx=r_bare_${kind}_max \
		      ra=r_${kind}_avg_ratio rx=r_${kind}_max_ratio
		printf '   %-40s %7s %7s %7s %7s  %7s %7s %7s %7s  %8s %8s\n' "$label" \
			"$(show "${!cs}")" "$(show "${!cn}")" "$(show "${!ca}")" "$(show "${!cx}")" \
			"$(show "${!bs}")" "$(show "${!bn}")" "$(show "${!ba}")" "$(show "${!bx}")" \
			"$(show "${!ra}" n/a)" "$(show "${!rx}" n/a)"
	done
	echo "   A 1 kHz periodic task (priority 30) for the first two; two tasks passing a"
	echo "   semaphore for the switch. Ratios are n/a where bare metal is 0 ns (the counter"
	echo "   ticks every $(calc "if (${rtos_hz:-0} > 0) printf \"%.0f\", 1e9 / ${rtos_hz:-0}") ns). Histograms: ${plots:-none (see above)}."
	echo
	echo "7. Linux cell boot (ms): Debian's kernel in linux-1cpu (CPU 3, 128 MiB), $(show "$lx_rounds") rounds"
	steps_table lx lx_label $LX_STEPS
	echo "   the same with --no-pristine-copy ($(show "$lxn_rounds") rounds): no copy behind the stub"
	steps_table lxn lx_label $LX_STEPS | tail -n +2
	echo "   $lx_params"
	echo "   The shell: the cell's init, before it starts the shell, writes its ivshmem state,"
	echo "   which the root polls (one poll: $(show "$(ms "$lx_poll")") ms). The command includes reading the"
	echo "   33 MB kernel and building the device tree; the boot, the stub's copy (pristine copy)."
	echo
	echo "Wall time: ${wall}s for $(ls "$out"/*.wall 2> /dev/null | wc -l) QEMU runs, $JOBS at once."
}

# JSON: numbers, null for what is missing or undefined.
lat_json() {
	local c=$1 k
	printf '{"samples": %s, "min_ns": %s, "avg_ns": %s, "max_ns": %s' \
		"$(json "$(eval echo \$lat_${c}_samples)")" "$(json "$(eval echo \$lat_${c}_min)")" \
		"$(json "$(eval echo \$lat_${c}_avg)")" "$(json "$(eval echo \$lat_${c}_max)")"
	if [ "$c" != a ]; then
		for k in avg max; do
			printf ', "%s_ratio": %s, "%s_overhead_ns": %s' \
				$k "$(json "$(eval echo \$lat_${c}_${k}_ratio)")" \
				$k "$(json "$(eval echo \$lat_${c}_${k}_over)")"
		done
	fi
	printf '}'
}

trap_json() {
	local w=$1 op=$2 na k
	na=t_${w}_${op}_na
	if [ -n "${!na}" ]; then
		printf '{"n/a": "%s"}' "${!na}"
		return
	fi
	printf '{'
	for k in n median min max avg net; do
		local v=t_${w}_${op}_$k
		printf '"%s": %s, ' "$([ $k = n ] && echo iterations || { [ $k = net ] && echo minus_nop_ns || echo ${k}_ns; })" "$(json "${!v}")"
	done
	if [ "$w" = cell ]; then
		local e=t_cell_${op}_exits_per_op
		printf '"exits_per_op": %s' "$(json "${!e}")"
	else
		printf '"exits_per_op": null'
	fi
	printf '}'
}

# steps_json PREFIX STEP...: "STEP_us": {median, min, max} per step.
steps_json() {
	local prefix=$1 k m n x first=1
	shift
	for k in "$@"; do
		m=${prefix}_${k}_median n=${prefix}_${k}_min x=${prefix}_${k}_max
		[ $first = 1 ] || printf ',\n'
		first=0
		printf '    "%s_us": {"median": %s, "min": %s, "max": %s}' "$k" \
			"$(json "${!m}")" "$(json "${!n}")" "$(json "${!x}")"
	done
}

results_json() {
	local op k first
	cat << EOF2
{
  "generator": "ci/bench.sh",
  "git": "$git_rev",
  "date": "$date",
  "qemu": "$qemu_version",
  "machine": "$MACHINE -cpu cortex-a57 -smp 4 -m 1G",
  "gic_version": $GIC,
  "icount": "$ICOUNT",
  "time_unit": "ns of virtual time (1 instruction = 1 ns)",
  "interrupt_latency": {
    "inmate": "timer-latency",
    "args": "$LATENCY_ARGS",
    "counter_hz": $(json "$counter_hz"),
    "bare_metal_cpus": "4 (inmate on CPU 0, CPUs 1-3 off)",
    "cell_config": "timer-latency.cell: CPU 3, UART1",
    "load": "dd if=/dev/zero bs=1M | md5sum pinned on each of CPUs 0-2",
    "root_busy_pct_idle": $(json "$idle_busy"),
    "root_busy_pct_load": $(json "$load_busy"),
    "bare_metal": $(lat_json a),
    "cell_root_idle": $(lat_json b),
    "cell_root_loaded": $(lat_json c)
  },
  "trap_costs": {
    "inmate": "trapcost",
    "args": "$TRAPCOST_ARGS",
    "clock": "$(show "$trap_clock" unknown)",
    "clock_hz": $(json "$trap_hz"),
    "bare_metal_clock": "$(show "$bare_clock" unknown)",
    "cell_config": "timer-latency.cell: CPU 3",
EOF2
	for w in cell bare; do
		printf '    "%s": {' "$([ $w = cell ] && echo cell || echo bare_metal)"
		first=1
		for op in $OPS; do
			[ $first = 1 ] || printf ', '
			first=0
			printf '"%s": %s' "$op" "$(trap_json $w $op)"
		done
		[ $w = cell ] && printf '},\n' || printf '}\n'
	done
	cat << EOF2
  },
  "lifecycle": {
    "cell_config": "rt-control.cell: CPU 2, hypervisor console",
    "cycles": $(json "$lc_cycles"),
    "poll_us": $(json "$lc_poll"),
    "mark_us": $(json "$lc_mark"),
EOF2
	steps_json lc $LC_STEPS
	cat << EOF2

  },
  "ivshmem": {
    "cell_config": "ivshmem-demo.cell: CPU 3, peer 1 of link 0; root: tools/ivshmem-demo",
    "rtt_messages": $(json "$iv_rtt_count"),
    "rtt_payload_bytes": $(json "$iv_rtt_size"),
    "rtt_avg_us": $(json "$iv_rtt_avg_us"),
    "rtt_min_us": $(json "$iv_rtt_min_us"),
    "rtt_max_us": $(json "$iv_rtt_max_us"),
    "rtt_errors": $(json "$iv_rtt_errors"),
    "rtt_spin_avg_us": $(json "$iv_spin_avg_us"),
    "rtt_spin_min_us": $(json "$iv_spin_min_us"),
    "rtt_spin_max_us": $(json "$iv_spin_max_us"),
    "rtt_spin_errors": $(json "$iv_spin_errors"),
    "bulk_messages": $(json "$iv_bulk_count"),
    "bulk_payload_bytes": $(json "$iv_bulk_size"),
    "bulk_bytes": $(json "$iv_bulk_bytes"),
    "bulk_us": $(json "$iv_bulk_us"),
    "bulk_mb_per_s": $(json "$iv_bulk_mbps"),
    "bulk_errors": $(json "$iv_bulk_errors")
  },
  "linux_boot": {
    "cell_config": "linux-1cpu.cell: CPU 3, 128 MiB; bulkhead cell linux with Debian's kernel",
    "params": "$lx_params",
    "rounds": $(json "$lx_rounds"),
    "poll_us": $(json "$lx_poll"),
    "mark_us": $(json "$lx_mark"),
EOF2
	steps_json lx $LX_STEPS
	cat << EOF2
,
    "no_pristine_copy": {
      "rounds": $(json "$lxn_rounds"),
EOF2
	steps_json lxn $LX_STEPS | sed 's/^/  /'
	cat << EOF2

    }
EOF2
	cat << EOF2

  },
  "footprint": {
    "image_bytes": $(json "$hv_bytes"),
    "core_size_bytes": $(json "$hv_core"),
    "percpu_size_bytes": $(json "$hv_percpu"),
    "max_cpus": $(json "$hv_max_cpus"),
    "page_size_bytes": 4096,
    "pool_total_pages": $(json "$pool_total"),
    "pool_used_pages_root_only": $(json "$pool_root"),
    "pool_used_pages_one_cell": $(json "$pool_one"),
    "pool_used_pages_two_cells": $(json "$pool_two"),
    "pool_used_pages_after_destroy": $(json "$pool_after"),
    "pool_used_pages_after_second_round": $(json "$pool_after2"),
    "loc_core_c": $(json "$loc_core_c"),
    "loc_core_asm": $(json "$loc_core_asm"),
    "loc_arch_arm64_c": $(json "$loc_arch_c"),
    "loc_arch_arm64_asm": $(json "$loc_arch_asm")
  },
  "rtos": {
    "inmate": "rtos-bench",
    "args": "$RTOS_ARGS",
    "cell_config": "timer-latency.cell: CPU 3, UART1",
$(for w in cell bare; do
	printf '    "%s": {' "$([ $w = cell ] && echo cell || echo bare_metal)"
	first=1
	for kind in $RTOS_KINDS; do
		[ $first = 1 ] || printf ', '
		first=0
		printf '"%s": {"samples": %s, "min_ns": %s, "avg_ns": %s, "max_ns": %s}' "$kind" \
			"$(json "$(eval echo \$r_${w}_${kind}_samples)")" "$(json "$(eval echo \$r_${w}_${kind}_min)")" \
			"$(json "$(eval echo \$r_${w}_${kind}_avg)")" "$(json "$(eval echo \$r_${w}_${kind}_max)")"
	done
	printf '},\n'
done)
    "ratios": {$(first=1; for kind in $RTOS_KINDS; do
	[ $first = 1 ] || printf ', '
	first=0
	printf '"%s_avg": %s, "%s_max": %s' "$kind" "$(json "$(eval echo \$r_${kind}_avg_ratio)")" \
		"$kind" "$(json "$(eval echo \$r_${kind}_max_ratio)")"
done)},
    "histograms": "$plots"
  },
  "wall_seconds": $wall,
  "complete": $([ $status = 0 ] && echo true || echo false)
}
EOF2
}

report | tee "$out/results.txt"
results_json > "$out/results.json"
echo
echo "Saved: $rel/results.txt, $rel/results.json"
exit $status
