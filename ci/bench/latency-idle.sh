# SPDX-License-Identifier: GPL-2.0
# Interrupt latency (b): timer-latency in its cell on CPU 3, the root cell
# (Linux on CPUs 0-2) idle. The inmate's figures go to UART1.
. /tests/bench/common.sh
latency_run idle
