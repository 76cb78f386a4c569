# SPDX-License-Identifier: GPL-2.0
# timeout: 240
# Bad input from the root side: tests/guest/ioctl-fuzz feeds /dev/bulkhead
# thousands of mutated cell configs (from the real ones in /etc/bulkhead),
# random load segments and bad pointers, sizes and ids, first while hello
# (CPU 3) and rt-control (CPU 2) exist and get loaded, started and
# stopped at random, then alone, when mutated configs that pass
# validation create cells; then /dev/bulkhead-ivshmem0 with ivshmem-demo
# at the link's other end. Every call must return success or a clean
# error, the kernel must not oops or warn, and afterwards the link carries
# messages and hello runs again from a fresh create.
#
# expect-uart1: hello-after-fuzz hello: args "greeting=after-fuzz"
. /tests/lib.sh

FUZZ_ITERATIONS=${FUZZ_ITERATIONS:-5000}
FUZZ_ALONE_ITERATIONS=${FUZZ_ALONE_ITERATIONS:-2000}
# A new seed each run, printed: FUZZ_SEED=N in the script repeats a run.
FUZZ_SEED=${FUZZ_SEED:-$(od -A n -N 4 -t u4 /dev/urandom | tr -d ' ')}

# fuzz NAME ARGS...: one run of ioctl-fuzz, its lines shown, its verdict.
fuzz() {
	local name=$1 rc t0 line
	shift
	t0=$(now_ms)
	dmesg -n 1
	timeout 150 ioctl-fuzz "$@" > /tmp/fuzz.out 2>&1
	rc=$?
	dmesg -n 7
	echo "ioctl-fuzz: $* -> rc=$rc after $(( $(now_ms) - t0 )) ms"
	while IFS= read -r line; do
		case $line in
		BHSTAT:*) marker "$line" ;;
		*) printf '\n%s\n' "$line" ;;
		esac
	done < /tmp/fuzz.out
	if [ $rc = 0 ] && grep -q '^ioctl-fuzz: [0-9]* executions' /tmp/fuzz.out; then
		pass $name-every-call-clean
	else
		fail $name-every-call-clean "rc=$rc (124: did not finish in 150 s): $(grep -m 3 FAIL /tmp/fuzz.out | tr '\n' '|')"
	fi
}

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

# The driver logs every rejected config: kept off the console (fuzz).
dmesg -c > /dev/null
echo "ioctl-fuzz: seed $FUZZ_SEED, kept cells $ids"
fuzz beside-cells -n $FUZZ_ITERATIONS -s $FUZZ_SEED -k "$ids" \
	$BH_INMATES/hello.bin $BH_CELLS/*.cell
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

# Alone: configs that pass validation create cells (at most 8), which are
# loaded, maybe started, and destroyed.
fuzz alone -n $FUZZ_ALONE_ITERATIONS -s $((FUZZ_SEED + 1)) -c 8 \
	$BH_INMATES/hello.bin $BH_CELLS/hello.cell $BH_CELLS/rt-control.cell \
	$BH_CELLS/rtc.cell
check_eq alone-no-cells-left 0 "$(cell_count_listed)"
check_eq alone-all-cpus-back 0-3 "$(cpus_online)"
check_eq alone-kernel-not-tainted "$taint0" "$(cat /proc/sys/kernel/tainted)"
dmesg > /tmp/fuzz.dmesg
if grep -qE 'Internal error|Oops|BUG:|Unable to handle|WARNING:|rcu.*stall|did not come back' /tmp/fuzz.dmesg; then
	fail alone-kernel-quiet "$(grep -E 'Internal error|Oops|BUG:|Unable to handle|WARNING:|rcu.*stall|did not come back' /tmp/fuzz.dmesg | head -n 3 | tr '\n' '|')"
else
	pass alone-kernel-quiet
fi

# The root cell's ivshmem device, with the ivshmem-demo inmate at the
# other end: random ioctls, reads, polls and mmaps (no writable mapping
# of the state table or the inmate's output section may succeed); then
# the link still carries checked messages.
check ivshmem-demo-create bulkhead cell create $BH_CELLS/ivshmem-demo.cell
check ivshmem-demo-load bulkhead cell load ivshmem-demo $BH_INMATES/ivshmem-demo.bin
check ivshmem-demo-start bulkhead cell start ivshmem-demo
fuzz ivshmem -i /dev/bulkhead-ivshmem0 -n ${FUZZ_IVSHMEM_ITERATIONS:-3000} \
	-s $((FUZZ_SEED + 2))
check ivshmem-link-after-fuzz ivshmem-demo -n 100
check ivshmem-demo-destroy bulkhead cell destroy ivshmem-demo
check_eq ivshmem-kernel-not-tainted "$taint0" "$(cat /proc/sys/kernel/tainted)"
check hello-create-again bulkhead cell create $BH_CELLS/hello.cell
check hello-load-again bulkhead cell load hello $BH_INMATES/hello.bin -s "greeting=after-fuzz"
check hello-start-again bulkhead cell start hello
check_cell_state hello-running-again hello running
sleep 0.5
check hello-shutdown-again bulkhead cell shutdown hello
check hello-destroy-again bulkhead cell destroy hello
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
