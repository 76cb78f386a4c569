# SPDX-License-Identifier: GPL-2.0
# Trap costs: the trapcost inmate (inmates/demos/trapcost.c) in the
# timer-latency cell (CPU 3, UART1), the root cell idle. The inmate's
# figures go to UART1; it needs well under a virtual second.
. /tests/bench/common.sh

TRAPCOST_ARGS="iterations=2000"

bh_start
result params "$TRAPCOST_ARGS"
cell_run timer-latency trapcost "$TRAPCOST_ARGS"
sleep 1
bulkhead cell stats timer-latency | sed 's/^/BHBENCH: cell_stats /'
cell_end timer-latency
result done
