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
			[ "$t" = lib ] || tests+=("$t")
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
		echo "$out" | tee -a "$results"
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

passed=$(grep -c '^PASS' "$results")
failed=$(grep -c '^FAIL' "$results")
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
