#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs Bulkhead's tests and prints one result line per check, then the
# summary line "N passed, N failed". Exits non-zero on any failure.
#
#   ci/run-tests.sh all|unit|system [TEST...]
#
# unit:   host unit tests (tests/host)
# system: every ci/tests/*.sh in QEMU (or the named ones); a script's line
#         "# timeout: N" sets its limit in seconds (default 120).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
shift || true
results=$(mktemp)
trap 'rm -f "$results"' EXIT

run_unit() {
	echo "== host unit tests"
	make -s -C "$top/tests/host" run 2>&1 | tee -a "$results"
	[ "${PIPESTATUS[0]}" = 0 ] || echo "FAIL unit/build: make -C tests/host run failed" | tee -a "$results"
	echo "== static analysis"
	if out=$(make -s -C "$top" check 2>&1); then
		echo "PASS lint/cppcheck" | tee -a "$results"
	else
		echo "FAIL lint/cppcheck: $out" | tee -a "$results"
	fi
}

run_system() {
	local tests=("$@") t limit out
	if [ ${#tests[@]} = 0 ]; then
		for t in "$top"/ci/tests/*.sh; do
			t=$(basename "$t" .sh)
			# lib.sh, lib-attack.sh: sourced by the tests
			[ "${t#lib}" = "$t" ] && tests+=("$t")
		done
	fi
	echo "== QEMU system tests"
	if ! "$top/ci/qemu.sh" image; then
		echo "FAIL system/image: cannot build the QEMU image" | tee -a "$results"
		return
	fi
	for t in "${tests[@]}"; do
		limit=$(sed -n 's/^# timeout: *\([0-9]*\).*/\1/p' "$top/ci/tests/$t.sh" | head -n1)
		out=$("$top/ci/qemu.sh" test "$t" "${limit:-120}")
		echo "$out" >> "$results"
		# STAT lines only feed the summary.
		echo "$out" | grep -v '^STAT '
		if echo "$out" | grep -q '^FAIL'; then
			echo "---- last lines of build/test/$t.log:"
			tail -n 40 "$top/build/test/$t.log" 2>/dev/null | sed 's/^/    /'
			echo "----"
		fi
	done
}

case "$what" in
unit) run_unit ;;
system) run_system "$@" ;;
all) run_unit; run_system "$@" ;;
*) echo "usage: $0 all|unit|system [TEST...]" >&2; exit 2 ;;
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
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
