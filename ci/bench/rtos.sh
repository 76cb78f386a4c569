# SPDX-License-Identifier: GPL-2.0
# The real-time kernel in a cell: rtos-bench in the timer-latency cell
# (CPU 3, UART1), the root cell idle: release latency and jitter of a
# 1 kHz task and a context switch. Its figures go to UART1; bare metal
# ci/bench.sh runs the same inmate with the same args.
. /tests/bench/common.sh
RTOS_ARGS="freq=1000 seconds=5 switches=2000"

bh_start
result params "$RTOS_ARGS"
cell_run timer-latency rtos-bench "$RTOS_ARGS"
# Virtual seconds: the run, the switches and the printing.
sleep 8
cell_end timer-latency
result done
