# SPDX-License-Identifier: GPL-2.0
# timeout: 180
# Bad input from the root side: tests/guest/ioctl-fuzz feeds /dev/bulkhead
# thousands of mutated cell configs (from the real ones in /etc/bulkhead),
# random load segments and bad pointers, sizes and ids, while hello
# (CPU 3) and rt-control (CPU 2) exist and get loaded, started and
# stopped at random. Every call must return success or a clean error, the
# kernel must not oops or warn, and afterwards the two cells are destroyed
# and hello runs again from a fresh create.
#
# expect-uart1: hello-after-fuzz hello: args "greeting=after-fuzz"
. /tests/lib.sh

FUZZ_ITERATIONS=${FUZZ_ITERATIONS:-3000}
FUZZ_SEED=${FUZZ_SEED:-$(date +%s)}

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
check hello-create bulkhead cell create $BH_CELLS/hello.cell
check rt-control-create bulkhead cell create $BH_CELLS/rt-control.cell
check hello-load bulkhead cell load hello $BH_INMATES/hello.bin
check rt-control-load bulkhead cell load rt-control $BH_INMATES/rt-control.bin
check hello-start bulkhead cell start hello
check rt-control-start bulkhead cell start rt-control
ids="$(cell_field hello id),$(cell_field rt-control id)"
taint0=$(cat /proc/sys/kernel/tainted)

# The driver logs every rejected config: keep it off the console.
dmesg -n 1
dmesg -c > /dev/null
t0=$(now_ms)
echo "ioctl-fuzz: seed $FUZZ_SEED, $FUZZ_ITERATIONS iterations, kept cells $ids"
timeout 150 ioctl-fuzz -n $FUZZ_ITERATIONS -s $FUZZ_SEED -k "$ids" -c 8 \
	$BH_INMATES/hello.bin $BH_CELLS/*.cell > /tmp/fuzz.out 2>&1
rc=$?
dmesg -n 7
echo "ioctl-fuzz: rc=$rc after $(( $(now_ms) - t0 )) ms"
while IFS= read -r line; do
	printf '\n%s\n' "$line"
done < /tmp/fuzz.out
if [ $rc = 0 ] && grep -q '^ioctl-fuzz: [0-9]* executions' /tmp/fuzz.out; then
	pass every-call-clean
else
	fail every-call-clean "rc=$rc (124: did not finish in 150 s): $(grep -m 3 FAIL /tmp/fuzz.out | tr '\n' '|')"
fi
check_eq kernel-not-tainted "$taint0" "$(cat /proc/sys/kernel/tainted)"
dmesg > /tmp/fuzz.dmesg
if grep -qE 'Internal error|Oops|BUG:|Unable to handle|WARNING:|rcu.*stall|did not come back' /tmp/fuzz.dmesg; then
	fail kernel-quiet "$(grep -E 'Internal error|Oops|BUG:|Unable to handle|WARNING:|rcu.*stall|did not come back' /tmp/fuzz.dmesg | head -n 3 | tr '\n' '|')"
else
	pass kernel-quiet
fi

# Still works: the two cells go, hello comes back and runs.
check hello-shutdown bulkhead cell shutdown hello --force
check rt-control-shutdown bulkhead cell shutdown rt-control --force
check hello-destroy bulkhead cell destroy hello
check rt-control-destroy bulkhead cell destroy rt-control
check_eq no-cells-left 0 "$(cell_count_listed)"
check_eq all-cpus-back 0-3 "$(cpus_online)"
check hello-create-again bulkhead cell create $BH_CELLS/hello.cell
check hello-load-again bulkhead cell load hello $BH_INMATES/hello.bin -s "greeting=after-fuzz"
check hello-start-again bulkhead cell start hello
check_cell_state hello-running-again hello running
sleep 0.5
check hello-shutdown-again bulkhead cell shutdown hello
check hello-destroy-again bulkhead cell destroy hello
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
