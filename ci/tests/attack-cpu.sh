# SPDX-License-Identifier: GPL-2.0
# timeout: 240
# Isolation suite, part 2: calls into the hypervisor and the firmware,
# system registers, the communication region, cache maintenance, and
# cells that hold out (interrupt storms, spinning with interrupts
# masked, a CPU that switched itself off). While the attacker (CPU 3)
# runs, rt-control (CPU 2) keeps its heartbeat and Linux (CPUs 0-1) keeps
# checksumming its memory; see lib-attack.sh for what every attack must
# also show, and Documentation/isolation.md for the table.
#
# The checked attacks check every answer in the inmate and power the
# cell off only if all were right; their counts appear on UART1:
# expect-uart1: hvc-answers attack: hvc: [0-9]+ checks, 0 mismatches
# expect-uart1: smc-answers attack: smc: [0-9]+ checks, 0 mismatches
# expect-uart1: psci-hvc-answers attack: psci-hvc: [0-9]+ checks, 0 mismatches
# expect-uart1: smc64-system-off-answers attack: smc64-system-off: [0-9]+ checks, 0 mismatches
# expect-uart1: el2-regs-answers attack: el2-regs: [0-9]+ checks, 0 mismatches
# expect-uart1: gicd-ignored-answers attack: gicd-ignored: [0-9]+ checks, 0 mismatches
# expect-uart1: gicd-linux-init-answers attack: gicd-linux-init: [0-9]+ checks, 0 mismatches
# expect-uart1: comm-ro-answers attack: comm-ro: [0-9]+ checks, 0 mismatches
# expect-uart1: dc-sw-answers attack: dc-sw: [0-9]+ checks, 0 mismatches
# expect-uart1: gicr-own-answers attack: gicr-own: [0-9]+ checks, 0 mismatches
. /tests/lib-attack.sh

attack_setup

# --- checked: every answer right, the cell powers itself off ---

checked hvc hvc "rounds=8 seed=12345"
checked smc smc "rounds=8 seed=4242"
# The same PSCI over the HVC conduit (hvc #0, SMCCC fast calls), which
# the device trees of KVM and of QEMU without EL2 tell a guest to use.
checked psci-hvc psci-hvc "rounds=8 seed=4343"
# SYSTEM_OFF's SMC64 twin is no PSCI function: NOT_SUPPORTED, the cell
# runs on (it must neither stop nor restart).
CHECKED_MS=4000 checked smc64-system-off smc64-system-off
checked el2-regs el2-regs

# Read-only and RAZ/WI distributor registers, checked by the inmate. The
# root cell cannot read the distributor itself (its GIC driver holds it,
# so /dev/mem refuses: an earlier check here compared two failed reads);
# that GICD_CTLR kept its enables shows in storm-uart below, whose SPI
# must still be delivered.
checked gicd-ignored gicd-ignored

# The comm region's header is the hypervisor's: the inmate overwrote all
# of it (cell_state "failed" included) and still reads itself running.
# Read-modify-write of distributor words shared with the root cell's
# interrupts, which cells.md says is fine when what was read is written
# back.
checked gicd-rmw gicd-rmw

# Linux's GICv3 set-up, and worse, on every SPI: what belongs to other
# cells is masked, not a fault (attack-pci.sh shows the root's interrupt
# still arriving afterwards).
checked gicd-linux-init gicd-linux-init

checked comm-ro comm-ro
# Set/way maintenance of all caches, as clean and invalidate: the root's
# checksum (attack_end) shows no dirty line of it was thrown away.
CHECKED_MS=20000 checked dc-sw dc-sw

# --- hold-outs: the root cell stops them all the same ---


# An interrupt storm on its own CPU: UART1's TX interrupt, never cleared,
# and SGIs to itself (SGI 8, which Linux does not use), each sending the
# next. Its exits show the storm; a
# shutdown (the cell does not answer messages) stops it at once.
# storm NAME STAT [ARGS]: the attacker's STAT exits on CPU 3 reach 1000
# in a second; the shutdown stops it within the bound.
storm() {
	holdout $1 $1 $3 || return 0
	count_exits $2
	echo "$1: $EXITS $2 exits in $EXIT_MS ms"
	if [ $EXITS -ge 1000 ]; then
		pass $1-storms
	else
		fail $1-storms "$EXITS $2 exits of CPU 3 in $EXIT_MS ms"
	fi
	timed_shutdown $1-shutdown $FORCE_MS
	check_eq $1-shut-down "shut down" "$(cell_state attack)"
	attack_end
}
storm storm-uart irq
storm storm-sgi sgi sgi=8

# A CPU spinning with every interrupt masked, after promising to answer
# messages: a shutdown that asks gives up after 2 s (ETIMEDOUT), other
# management waits for it at most that long, and --force stops it.
if holdout spin-masked spin-masked; then
	t0=$(now_ms)
	bulkhead cell shutdown attack > /tmp/ask.out 2>&1 &
	pid=$!
	sleep 0.3
	bulkhead cell list > /tmp/list.out 2>&1
	list_ms=$(( $(now_ms) - t0 ))
	wait $pid
	rc=$?
	ask_ms=$(( $(now_ms) - t0 ))
	echo "spin-masked: asking shutdown rc=$rc after $ask_ms ms, cell list after $list_ms ms"
	if [ $rc != 0 ] && [ $ask_ms -le $ASK_MS ] && grep -q 'timed out' /tmp/ask.out; then
		pass spin-masked-ask-times-out
	else
		fail spin-masked-ask-times-out "rc=$rc after $ask_ms ms: $(cat /tmp/ask.out)"
	fi
	if [ $list_ms -le $ASK_MS ] && grep -q rt-control /tmp/list.out; then
		pass spin-masked-management-waits-at-most-2s
	else
		fail spin-masked-management-waits-at-most-2s "cell list after $list_ms ms: $(cat /tmp/list.out | tr '\n' '|')"
	fi
	check_eq spin-masked-still-running running "$(cell_state attack)"
	timed_shutdown spin-masked-force-shutdown $FORCE_MS --force
	check_eq spin-masked-shut-down "shut down" "$(cell_state attack)"
	attack_end
fi

# The inmate keeps clearing the shutdown request it was sent: asking
# times out, --force stops it.
if holdout comm-flood comm-flood; then
	t0=$(now_ms)
	bulkhead cell shutdown attack > /tmp/ask.out 2>&1
	rc=$?
	ask_ms=$(( $(now_ms) - t0 ))
	if [ $rc != 0 ] && [ $ask_ms -le $ASK_MS ]; then
		pass comm-flood-ask-gives-up
	else
		fail comm-flood-ask-gives-up "rc=$rc after $ask_ms ms: $(cat /tmp/ask.out)"
	fi
	timed_shutdown comm-flood-force-shutdown $FORCE_MS --force
	attack_end
fi

# Its only CPU switched off (PSCI CPU_OFF): the cell stays "running" with
# no CPU running, and stops and goes like any other.
if holdout cpu-off cpu-off; then
	log_fetch
	log_lacks cpu-off-not-failed 'cell attack failed'
	timed_shutdown cpu-off-shutdown $FORCE_MS
	check_eq cpu-off-shut-down "shut down" "$(cell_state attack)"
	attack_end
fi

# PSCI SYSTEM_OFF and SYSTEM_RESET: the cell alone stops, or restarts
# (with the same args, so over and over) until the root cell stops it.
if ! attack_skip system-off; then
	attack_start system-off system-off
	check_cell_state system-off-shut-down attack "shut down"
	log_fetch
	log_has system-off-logged 'cell attack: PSCI system off: stopping the cell only'
	log_lacks system-off-not-forwarded 'root cell: PSCI system'
	attack_end
fi
if holdout system-reset system-reset; then
	log_fetch
	log_has system-reset-logged 'cell attack: PSCI system reset: restarting the cell only'
	log_lacks system-reset-not-forwarded 'root cell: PSCI system'
	check_eq system-reset-running running "$(cell_state attack)"
	timed_shutdown system-reset-shutdown $FORCE_MS
	check_eq system-reset-shut-down "shut down" "$(cell_state attack)"
	attack_end
fi

# Games with its own redistributor's SGI page (disable, clear, activate,
# re-prioritise, regroup the management SGI), then spinning masked.
if holdout gicr-own gicr-own; then
	log_fetch
	log_lacks gicr-own-not-failed 'cell attack failed'
	timed_shutdown gicr-own-force-shutdown $FORCE_MS --force
	attack_end
fi

# Its own redistributor (emulated, its wake state virtual) put to sleep
# (GICR_WAKER.ProcessorSleep), then spinning masked. Last: if the
# management SGI no longer reached the CPU, the shutdown would hang.
if holdout gicr-sleep gicr-sleep; then
	timed_shutdown gicr-sleep-force-shutdown $FORCE_MS --force
	attack_end
fi

attack_finish
