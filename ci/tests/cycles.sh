# SPDX-License-Identifier: GPL-2.0
# timeout: 120
# 20 enable/disable cycles in a row: every one enables and disables
# cleanly, starts a fresh hypervisor with the same memory use, and leaves
# Linux healthy on every CPU. One check per property; a failure names the
# cycles it happened in.
. /tests/lib.sh

CYCLES=20

check module-loads insmod $BH_KO
# Health check: the same checksum computed on every CPU (a 60 KB stream).
seq 1 6000 | sed 's/$/ bulkhead/' > /tmp/data
ref=$(sha256sum /tmp/data | cut -d' ' -f1)

# note PROPERTY CYCLE WHY: remember a failure of PROPERTY in CYCLE.
note() {
	echo "cycle $2: $3" >> /tmp/cycles.$1
}
# verdict PROPERTY: one marker for PROPERTY over all cycles.
verdict() {
	if [ -s /tmp/cycles.$1 ]; then
		fail "$1" "$(wc -l < /tmp/cycles.$1) of $CYCLES cycles: $(head -n 3 /tmp/cycles.$1 | tr '\n' ';')"
	else
		pass "$1"
	fi
}
PROPS="enable-succeeds enabled-reads-1 hv-started-fresh mem-pool-used-same
       mem-pool-total-same checksum-every-cpu-enabled disable-succeeds
       enabled-reads-0"
for p in $PROPS; do rm -f /tmp/cycles.$p; done

dmesg_mark
start=$(now_ms)
i=1
while [ $i -le $CYCLES ]; do
	t0=$(now_ms)
	if ! bh_enable; then
		note enable-succeeds $i "$(tr '\n' ' ' < /tmp/enable.out)"
	fi
	en=; read -r en < $BH_SYSFS/enabled
	[ "$en" = 1 ] || note enabled-reads-1 $i "enabled='$en'"

	# The log ring is part of the freshly loaded image: one banner only.
	banners=$(hv_console | grep -c 'Bulkhead hypervisor .* starting')
	[ "$banners" = 1 ] || note hv-started-fresh $i "$banners banners in the console"

	used=$(cat $BH_SYSFS/mem_pool_used 2>&1)
	total=$(cat $BH_SYSFS/mem_pool_total 2>&1)
	if [ $i = 1 ]; then
		used1=$used
		total1=$total
		[ "$used1" -gt 0 ] 2>/dev/null || note mem-pool-used-same 1 "mem_pool_used '$used1'"
	fi
	[ "$used" = "$used1" ] || note mem-pool-used-same $i "mem_pool_used $used, cycle 1 had $used1"
	[ "$total" = "$total1" ] || note mem-pool-total-same $i "mem_pool_total $total, cycle 1 had $total1"

	bad=$(quick_sums /tmp/data "$ref")
	[ -z "$bad" ] || note checksum-every-cpu-enabled $i "$bad"

	if ! bh_disable; then
		note disable-succeeds $i "$(tr '\n' ' ' < /tmp/disable.out)"
	fi
	en=; read -r en < $BH_SYSFS/enabled
	[ "$en" = 0 ] || note enabled-reads-0 $i "enabled='$en'"

	echo "cycle $i: $(( $(now_ms) - t0 )) ms, mem_pool_used $used of $total"
	i=$((i + 1))
done
echo "$CYCLES cycles in $(( $(now_ms) - start )) ms"

for p in $PROPS; do verdict $p; done
# (A CPU left broken by a disable fails the next cycle's checksum.)
bad=$(quick_sums /tmp/data "$ref")
if [ -z "$bad" ]; then pass checksum-every-cpu-after-last-disable
else fail checksum-every-cpu-after-last-disable "wrong or no checksum on: $bad"; fi
check_timer_ticks timer-ticks-every-cpu-after-last-disable

# The driver saw as many enables and disables, and nothing else went wrong.
dmesg_since_mark > /tmp/cycles.dmesg
check_eq dmesg-enabled-count $CYCLES "$(grep -c 'hypervisor enabled on 4 CPUs' /tmp/cycles.dmesg)"
check_eq dmesg-disabled-count $CYCLES "$(grep -c 'hypervisor disabled' /tmp/cycles.dmesg)"
if grep -qE 'Internal error|Oops|BUG:|WARNING:|failed' /tmp/cycles.dmesg; then
	fail no-kernel-complaints "$(grep -E 'Internal error|Oops|BUG:|WARNING:|failed' /tmp/cycles.dmesg | head -n 3)"
else
	pass no-kernel-complaints
fi
# Each enable takes a module reference and each disable drops it.
check module-unloads-after-cycles rmmod bulkhead
