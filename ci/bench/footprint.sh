# SPDX-License-Identifier: GPL-2.0
# Footprint: the hypervisor's page pool in use (mem_pool_used, 4 KiB pages)
# with the root cell only, with one and two non-root cells running
# (timer-latency on CPU 3, rt-control on CPU 2), after destroying them,
# and after a second round of the same (pages kept, or lost?).
. /tests/bench/common.sh

pool_used() {
	cat $BH_SYSFS/mem_pool_used
}

bh_start
result pool_total $(cat $BH_SYSFS/mem_pool_total)
result pool_used_root $(pool_used)
for round in 1 2; do
	cell_run timer-latency timer-latency "seconds=0"
	[ $round = 1 ] && result pool_used_one_cell $(pool_used)
	cell_run rt-control rt-control "seconds=0"
	[ $round = 1 ] && result pool_used_two_cells $(pool_used)
	cell_end rt-control
	cell_end timer-latency
	result pool_used_after_destroy_$round $(pool_used)
done
result done
