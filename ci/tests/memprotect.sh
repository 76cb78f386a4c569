# SPDX-License-Identifier: GPL-2.0
# timeout: 60
# Root memory protection: once enabled, the root cell (Linux) cannot read
# or write hypervisor memory; the access is stopped by stage 2 and
# reported by the hypervisor, the offending process gets SIGBUS and the
# kernel runs on. Its log ring is mapped read-only. Before enable and
# after disable the same accesses work: the protection is the
# hypervisor's, not Linux's /dev/mem policy.
. /tests/lib.sh

HV_READ=$BH_HV_BASE			# first word of the hypervisor image
HV_WRITE=$(printf '0x%x' $((BH_HV_BASE + 0x1000)))
MAGIC=0x12345678

# devmem_read NAME ADDR [CPU]: ADDR reads (exit 0, a value printed).
devmem_read() {
	local out rc
	out=$(taskset -c "${3:-0}" devmem "$2" 32 2>&1)
	rc=$?
	if [ $rc = 0 ] && echo "$out" | grep -q '^0x[0-9A-Fa-f]*$'; then
		pass "$1"
	else
		fail "$1" "devmem $2 on CPU ${3:-0}: rc=$rc output '$out'"
	fi
}

# devmem_stopped NAME ADDR [VALUE [CPU]]: devmem of ADDR (a write of VALUE
# if given) is killed by SIGBUS (exit 135) and prints no value.
devmem_stopped() {
	local out rc
	if [ -n "$3" ]; then
		out=$(taskset -c "${4:-0}" devmem "$2" 32 "$3" 2>/dev/null)
	else
		out=$(taskset -c "${4:-0}" devmem "$2" 32 2>/dev/null)
	fi
	rc=$?
	if [ $rc = 135 ] && [ -z "$out" ]; then
		pass "$1"
	else
		fail "$1" "devmem $2 ${3:+<- $3 }on CPU ${4:-0}: rc=$rc (expected 135, SIGBUS) output '$out'"
	fi
}

# no_oops NAME: the kernel logged no oops since the last mark, and runs.
no_oops() {
	dmesg_since_mark > /tmp/oops.dmesg
	if grep -qE 'Internal error|Oops|BUG:|Unable to handle|SError' /tmp/oops.dmesg; then
		fail "$1" "kernel complained: $(grep -E 'Internal error|Oops|BUG:|Unable to handle|SError' /tmp/oops.dmesg | head -n 3)"
	elif [ "$(echo alive)" != alive ] || [ "$(cat $BH_SYSFS/enabled)" != 1 ]; then
		fail "$1" "system not healthy after the fault"
	else
		pass "$1"
	fi
}

check module-loads insmod $BH_KO

# --- before enable: /dev/mem lets root read and write this memory ---
devmem_read hv-mem-readable-before-enable $HV_READ
before_write=$(devmem $HV_WRITE 32)

# The log ring's place: console_offset (header offset 32) of the image.
CON_OFF=$(read_le /lib/firmware/bulkhead.bin 32 8)
CON_ADDR=$(printf '0x%x' $((BH_HV_BASE + CON_OFF)))
echo "console ring at $CON_ADDR"

check enable-succeeds bh_enable
check_eq sysfs-enabled-1 1 "$(cat $BH_SYSFS/enabled 2>&1)"

# --- reads are stopped by stage 2 ---
dmesg_mark
devmem_stopped hv-mem-read-stopped $HV_READ
no_oops kernel-survives-read-fault
hv_console > /tmp/console.out
check_grep hv-logs-read-fault-address \
	"cell qemu-arm64: [a-z]* read at IPA $HV_READ (4 bytes) .* CPU 0\$" /tmp/console.out

# --- writes too, and the write does not land ---
dmesg_mark
devmem_stopped hv-mem-write-stopped $HV_WRITE $MAGIC
no_oops kernel-survives-write-fault
hv_console > /tmp/console.out
check_grep hv-logs-write-fault-address \
	"cell qemu-arm64: [a-z]* write at IPA $HV_WRITE (4 bytes)" /tmp/console.out

# The end of hypervisor memory (page pool: page tables, cell state).
HV_END=$(printf '0x%x' $((BH_HV_BASE + BH_HV_SIZE - 4)))
devmem_stopped hv-mem-end-read-stopped $HV_END
no_oops kernel-survives-end-read-fault

# --- on every CPU ---
dmesg_mark
stopped_on=""
for c in $BH_CPUS; do
	out=$(taskset -c $c devmem $HV_READ 32 2>/dev/null)
	rc=$?
	[ $rc = 135 ] && [ -z "$out" ] && stopped_on="$stopped_on $c"
done
check_eq hv-mem-read-stopped-every-cpu " $BH_CPUS" "$stopped_on "
hv_console > /tmp/console.out
logged_on=""
for c in $BH_CPUS; do
	grep -q "read at IPA $HV_READ (4 bytes) .* CPU $c\$" /tmp/console.out &&
		logged_on="$logged_on $c"
done
check_eq hv-logs-fault-every-cpu " $BH_CPUS" "$logged_on "
no_oops kernel-survives-faults-every-cpu

# --- the log ring: the root cell may read it, not write it ---
out=$(devmem $CON_ADDR 32 2>/dev/null)
# "BHCO", the first bytes of BH_CONSOLE_SIGNATURE, little-endian.
check_eq console-ring-readable 0x4F434842 "$(echo "$out" | tr a-f A-F | sed 's/^0X/0x/')"
dmesg_mark
devmem_stopped console-ring-write-stopped $CON_ADDR 0x41414141
no_oops kernel-survives-console-write-fault
check_eq console-ring-intact 0x4F434842 "$(devmem $CON_ADDR 32 2>/dev/null | tr a-f A-F | sed 's/^0X/0x/')"
hv_console > /tmp/console.out
check_grep hv-logs-console-write "write at IPA $CON_ADDR (4 bytes)" /tmp/console.out

# The hypervisor itself carries on: its stats answer, and it disables.
check stats-readable-after-faults cat $BH_SYSFS/stats
check disable-succeeds bh_disable
check_eq sysfs-enabled-0 0 "$(cat $BH_SYSFS/enabled 2>&1)"

# --- after disable: readable again, and the stopped write never landed ---
devmem_read hv-mem-readable-after-disable $HV_READ
after_write=$(devmem $HV_WRITE 32)
if [ -n "$after_write" ] && [ "$((after_write))" != "$((MAGIC))" ]; then
	pass stopped-write-did-not-land
else
	fail stopped-write-did-not-land "word at $HV_WRITE is '$after_write' after the stopped write of $MAGIC (before enable: '$before_write')"
fi
check module-unloads rmmod bulkhead
