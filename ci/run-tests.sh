#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs Bulkhead's tests and prints one result line per check, then the
# summary line "N passed, N failed" over all of them. Exits non-zero on any
# failure.
#
#   ci/run-tests.sh all|unit|system [TEST...]
#   ci/run-tests.sh list [TEST...]     the rows and the tests each runs
#
# unit:   host unit tests (tests/host)
# system: the ci/tests/*.sh in QEMU (or the named ones), in every row of
#         ci/rows that has them (BH_ROWS="default max" runs only those
#         rows); a script's line "# timeout: N" sets its limit in seconds
#         (default 120). BH_TEST_JOBS (default 2) QEMUs run at once; the
#         results are printed in order, a row's lines prefixed with its
#         name ("PASS max/enable/...") but the default row's.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
shift || true
results=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$results" "$work"' EXIT
JOBS=${BH_TEST_JOBS:-2}

run_unit() {
	echo "== host unit tests"
	make -s -C "$top/tests/host" run 2>&1 | tee -a "$results"
	[ "${PIPESTATUS[0]}" = 0 ] || echo "FAIL unit/build: make -C tests/host run failed" | tee -a "$results"
	echo "== formatting and static analysis"
	if out=$(make -s -C "$top" format-check 2>&1); then
		echo "PASS lint/clang-format" | tee -a "$results"
	else
		echo "FAIL lint/clang-format: $out" | tee -a "$results"
	fi
	if out=$(make -s -C "$top" config 2>&1 && cd "$top" &&
		 make -s check-cppcheck 2>&1); then
		echo "PASS lint/cppcheck" | tee -a "$results"
	else
		echo "FAIL lint/cppcheck: $out" | tee -a "$results"
	fi
}

# --- rows (ci/rows) ---

ROWS=()
declare -A ROW_SEL=() ROW_ENV=() LISTS=()

# row NAME SELECTION [VAR=VALUE...]: see ci/rows.
row() {
	local name=$1 sel=$2 kv
	shift 2
	for kv in "$@"; do
		case ${kv%%=*} in
		BH_CPU | BH_VHE | BH_CMDLINE | BH_MACHINE_OPTS | BH_GIC) ;;
		*) echo "ci/rows: row $name: '$kv' is not a variant setting" >&2; exit 2 ;;
		esac
	done
	ROWS+=("$name")
	ROW_SEL[$name]=$sel
	ROW_ENV[$name]=$(printf '%s\n' "$@")
}

# tests NAME TEST...: a named list of tests.
tests() {
	local name=$1
	shift
	LISTS[$name]=" $* "
}

# row_env ROW CMD...: CMD with ROW's variant settings and its own image
# and log directories (the default row keeps build/qemu and build/test).
row_env() {
	local r=$1 dirs=()
	shift
	local -a vars
	mapfile -t vars <<< "${ROW_ENV[$r]}"
	[ -n "${vars[0]:-}" ] || vars=()
	[ "$r" = default ] ||
		dirs=(BH_QEMU_DIR="$top/build/qemu-$r" BH_TEST_DIR="$top/build/test-$r")
	env BH_ROW="$r" "${dirs[@]}" "${vars[@]}" "$@"
}

# row_tests ROW [TEST...]: the tests ROW runs (of the TESTs, if any).
row_tests() {
	local r=$1 t f only sel=${ROW_SEL[$1]}
	shift
	for f in "$top"/ci/tests/*.sh; do
		t=$(basename "$f" .sh)
		# lib.sh, lib-attack.sh: sourced by the tests
		[ "${t#lib}" = "$t" ] || continue
		[ $# = 0 ] || [[ " $* " == *" $t "* ]] || continue
		only=$(sed -n 's/^# rows: *//p' "$f" | head -n 1)
		if [ -n "$only" ]; then
			[[ " $only " == *" $r "* ]] && echo "$t"
		elif [ "$sel" = all ] || [[ "${LISTS[$sel]:-}" == *" $t "* ]]; then
			echo "$t"
		fi
	done
}

# run_job N ROW TEST: one test, its output kept for the printer.
run_job() {
	local n=$1 r=$2 t=$3 limit
	limit=$(sed -n 's/^# timeout: *\([0-9]*\).*/\1/p' "$top/ci/tests/$t.sh" | head -n1)
	BH_NO_REPACK=1 row_env "$r" "$top/ci/qemu.sh" test "$t" "${limit:-120}" \
		> "$work/out.$n" 2> "$work/err.$n"
	touch "$work/done.$n"
}

# show_job N: job N's result lines (STAT lines only feed the summary), and
# the end of its log when something failed.
show_job() {
	local n=$1 r t log
	read -r r t < "$work/job.$n"
	cat "$work/err.$n" >&2
	cat "$work/out.$n" >> "$results"
	cat "$work/out.$n" >> "$work/results.$r"
	grep -v '^STAT ' "$work/out.$n"
	if grep -q '^FAIL' "$work/out.$n"; then
		log=build/test/$t.log
		[ "$r" = default ] || log=build/test-$r/$t.log
		echo "---- last lines of $log:"
		tail -n 40 "$top/$log" 2>/dev/null | sed 's/^/    /'
		echo "----"
	fi
}

run_system() {
	local r t n=0 next=1 shown=1 running=0 why start=$SECONDS
	local -a want=() tl
	# shellcheck source=ci/rows
	. "$top/ci/rows" || { echo "FAIL system/rows: ci/rows does not read" | tee -a "$results"; return; }
	[ -n "${BH_ROWS:-}" ] && read -ra want <<< "${BH_ROWS//,/ }"
	echo "== QEMU system tests ($JOBS at once)"
	for r in "${ROWS[@]}"; do
		[ ${#want[@]} = 0 ] || [[ " ${want[*]} " == *" $r "* ]] || continue
		mapfile -t tl < <(row_tests "$r" "$@")
		[ ${#tl[@]} -gt 0 ] || continue
		if ! why=$(row_env "$r" "$top/ci/qemu.sh" variant); then
			echo "SKIP row $r (${#tl[@]} tests): $why" | tee -a "$results"
			continue
		fi
		if ! row_env "$r" "$top/ci/qemu.sh" image; then
			echo "FAIL $r/system/image: cannot build the QEMU image" | tee -a "$results"
			continue
		fi
		echo "$r ${#tl[@]}" >> "$work/rows"
		for t in "${tl[@]}"; do
			n=$((n + 1))
			echo "$r $t" > "$work/job.$n"
		done
	done
	[ $n -gt 0 ] || [ $# = 0 ] ||
		echo "FAIL system/select: no row runs '$*' (ci/rows, BH_ROWS)" | tee -a "$results"
	# At most JOBS QEMUs at once; the results in the order of the jobs.
	while [ $shown -le $n ]; do
		while [ $running -lt "$JOBS" ] && [ $next -le $n ]; do
			read -r r t < "$work/job.$next"
			run_job $next "$r" "$t" &
			running=$((running + 1))
			next=$((next + 1))
		done
		wait -n
		running=$((running - 1))
		while [ $shown -le $n ] && [ -e "$work/done.$shown" ]; do
			show_job $shown
			shown=$((shown + 1))
		done
	done
	wait
	[ $n = 0 ] || row_summary $((SECONDS - start))
}

# list_rows [TEST...]: each row's variant and tests, and whether it runs.
list_rows() {
	local r why tl
	. "$top/ci/rows" || exit 2
	for r in "${ROWS[@]}"; do
		tl=$(row_tests "$r" "$@" | paste -sd' ' -)
		[ -n "$tl" ] || continue
		why=$(row_env "$r" "$top/ci/qemu.sh" variant) || why="not run: $why"
		echo "$r: ${ROW_ENV[$r]//$'\n'/ }${why:+ ($why)}"
		echo "$tl" | fold -s -w 76 | sed 's/^/    /'
	done
}

# row_summary WALL: per row, its counts and the QEMU time of its tests.
row_summary() {
	local r count f
	echo "== rows: $1 s of wall time, at most $JOBS QEMUs at once"
	while read -r r count; do
		f=$work/results.$r
		printf '%-10s %3s tests %5s passed %4s failed %6s s of QEMU time\n' \
			"$r" "$count" "$(grep -c '^PASS' "$f")" "$(grep -c '^FAIL' "$f")" \
			"$(sed -n 's/^PASS .*\/complete (\([0-9]*\)s)$/\1/p' "$f" |
			   awk '{ s += $1 } END { print s + 0 }')"
	done < "$work/rows"
	sed -n 's/^SKIP row \([^ ]*\) \(.*\)/\1 not run \2/p' "$results"
}

case "$what" in
unit) run_unit ;;
system) run_system "$@" ;;
all) run_unit; run_system "$@" ;;
list) list_rows "$@"; exit 0 ;;
*) echo "usage: $0 all|unit|system|list [TEST...]" >&2; exit 2 ;;
esac

# The isolation and robustness summary, from the tests' "STAT NAME KEY
# VALUE" lines (ci/qemu.sh) and the fuzzers' "PASS/FAIL fuzz/NAME: N
# executions" lines.
summary() {
	local tried contained soak gfuzz lfuzz
	tried=$(grep -c '^STAT [^ ]* attack_tried ' "$results")
	contained=$(grep -c '^STAT [^ ]* attack_contained ' "$results")
	soak=$(awk '$1 == "STAT" && $3 == "soak_cycles" { n += $4 } END { print n + 0 }' "$results")
	gfuzz=$(awk '$1 == "STAT" && $3 == "fuzz_execs" { n += $4 } END { print n + 0 }' "$results")
	lfuzz=$(sed -n 's/^\(PASS\|FAIL\) fuzz\/[^:]*: \([0-9]*\) executions.*/\2/p' "$results" |
		awk '{ n += $1 } END { print n + 0 }')
	echo "== isolation and robustness"
	printf '%-40s %s\n' "attacks tried" "$tried" \
		"attacks contained" "$contained" \
		"soak cycles" "$soak" \
		"ioctl fuzz executions (guest)" "$gfuzz" \
		"libFuzzer executions (validator, fdt)" "$lfuzz" \
		"attacks not contained" "$((tried - contained))" \
		"failed checks (whole run)" "$failed"
}

passed=$(grep -c '^PASS' "$results")
failed=$(grep -c '^FAIL' "$results")
summary
# Rows not run (ci/rows) are named here too: none of their tests counted.
notrun=$(sed -n 's/^SKIP row \([^ ]*\) (\([0-9]*\) tests).*/row \1 (\2 tests)/p' "$results" |
	paste -sd, - | sed 's/,/, /g')
echo "$passed passed, $failed failed${notrun:+; not run: $notrun}"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
