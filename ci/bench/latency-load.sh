# SPDX-License-Identifier: GPL-2.0
# Interrupt latency (c): timer-latency in its cell on CPU 3 while the root
# cell runs a CPU and memory load on CPUs 0-2 (common.sh: load_start). The
# inmate's figures go to UART1.
. /tests/bench/common.sh
latency_run load
