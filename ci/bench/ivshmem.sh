# SPDX-License-Identifier: GPL-2.0
# ivshmem: the root cell (tools/ivshmem-demo) and the ivshmem-demo inmate
# (CPU 3) over link 0: doorbell round trips with 64-byte echoed messages,
# and bulk throughput with acknowledged messages that fill the output
# section, in virtual time; the round trips once with the root sleeping
# until the reply's interrupt, once with it watching the memory. Prints
#   BHBENCH: rtt count=N size=64 errors=E avg_us=A min_us=B max_us=C
#   BHBENCH: rtt_spin count=N size=64 errors=E avg_us=A min_us=B max_us=C
#   BHBENCH: bulk count=N size=S errors=E bytes=B us=T mbps=M
. /tests/bench/common.sh

RTT_COUNT=2000
BULK_COUNT=50

bh_start
cell_run ivshmem-demo ivshmem-demo ""
result params "rtt_count=$RTT_COUNT bulk_count=$BULK_COUNT"

ivshmem-demo -n $RTT_COUNT -s 64 > /tmp/rtt.out 2>&1 ||
	fatal "ivshmem-demo -n $RTT_COUNT: $(tail -n 2 /tmp/rtt.out | tr '\n' ' ')"
sed -n 's/^ivshmem-demo: \([0-9]*\) round trips, \([0-9]*\) errors, rtt avg \([0-9.]*\) us min \([0-9.]*\) us max \([0-9.]*\) us$/rtt count=\1 size=64 errors=\2 avg_us=\3 min_us=\4 max_us=\5/p' \
	/tmp/rtt.out | sed 's/^/BHBENCH: /'

# The same, the root watching the memory for the reply instead of
# sleeping until its interrupt: the doorbell path without Linux's wake-up.
ivshmem-demo -n $RTT_COUNT -s 64 --spin > /tmp/spin.out 2>&1 ||
	fatal "ivshmem-demo -n $RTT_COUNT --spin: $(tail -n 2 /tmp/spin.out | tr '\n' ' ')"
sed -n 's/^ivshmem-demo: \([0-9]*\) round trips, \([0-9]*\) errors, rtt avg \([0-9.]*\) us min \([0-9.]*\) us max \([0-9.]*\) us$/rtt_spin count=\1 size=64 errors=\2 avg_us=\3 min_us=\4 max_us=\5/p' \
	/tmp/spin.out | sed 's/^/BHBENCH: /'

ivshmem-demo --bulk -n $BULK_COUNT > /tmp/bulk.out 2>&1 ||
	fatal "ivshmem-demo --bulk: $(tail -n 2 /tmp/bulk.out | tr '\n' ' ')"
size=$(sed -n 's/^ivshmem-demo: link .* requests of \([0-9]*\) bytes$/\1/p' /tmp/bulk.out)
errors=$(sed -n 's/^ivshmem-demo: [0-9]* round trips, \([0-9]*\) errors.*/\1/p' /tmp/bulk.out)
sed -n "s/^ivshmem-demo: bulk \([0-9]*\) bytes in \([0-9]*\) us: \([0-9.]*\) MB\/s$/bulk count=$BULK_COUNT size=$size errors=$errors bytes=\1 us=\2 mbps=\3/p" \
	/tmp/bulk.out | sed 's/^/BHBENCH: /'

cell_end ivshmem-demo
result done
