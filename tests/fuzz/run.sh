#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh FUZZER SECONDS CORPUS: runs a libFuzzer binary for a bounded time
# on CORPUS and prints "PASS fuzz/NAME: N executions ..." or, with the
# input that crashed it, "FAIL fuzz/NAME: ...". Its log is kept next to it.
set -u

fuzzer=$1 secs=$2 corpus=$3
name=$(basename "$fuzzer")
out=$(dirname "$fuzzer")
log=$out/$name.log

rm -f "$out/$name-"crash-* "$out/$name-"leak-* "$out/$name-"timeout-*
if "$fuzzer" -max_total_time="$secs" -runs="${FUZZ_RUNS:-5000000}" \
	-max_len=16384 -timeout=10 -print_final_stats=1 \
	-artifact_prefix="$out/$name-" "$corpus" > "$log" 2>&1; then
	echo "PASS fuzz/$name: $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") executions in ${secs}s at most, no crash"
else
	echo "FAIL fuzz/$name: $(grep -m1 -E 'ERROR|runtime error|deadly|timeout' "$log"); input: $(ls "$out/$name-"* 2>/dev/null | head -n 1); log: $log"
fi
