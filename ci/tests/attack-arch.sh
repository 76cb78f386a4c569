# SPDX-License-Identifier: GPL-2.0
# timeout: 200
# Isolation suite, part 4: the architectural surface a cell's CPU reaches
# (Documentation/attack-surface.md): the LPI controls and the wake state
# of its own redistributor, an SPI it leaves active, counting the
# hypervisor with the PMU, the debug and IMPLEMENTATION DEFINED
# registers; and, from the root cell, perf counting EL2. The attacker,
# bystander and root workload are those of the other attack-*.sh (see
# lib-attack.sh).
# expect-uart1: gicr-lpi-answers attack: gicr-lpi: [0-9]+ checks, 0 mismatches
# expect-uart1: spi-active-answers attack: spi-active: [0-9]+ checks, 0 mismatches
# expect-uart1: ack-hold-answers attack: ack-hold: [0-9]+ checks, 0 mismatches
# expect-uart1: gic-reserved-answers attack: gic-reserved: [0-9]+ checks, 0 mismatches
# expect-uart1: native-ops-answers attack: native-ops: [0-9]+ checks, 0 mismatches
# expect-uart1: pmu-el2-answers attack: pmu-el2: [0-9]+ checks, 0 mismatches
# expect-uart1: debug-regs-answers attack: debug-regs: [0-9]+ checks, 0 mismatches
# expect-uart1: impdef-answers attack: impdef: [0-9]+ checks, 0 mismatches
# expect-uart1: regs-fill-answers attack: regs-fill: [0-9]+ checks, 0 mismatches
# expect-uart1: regs-clean-answers attack: regs-clean: [0-9]+ checks, 0 mismatches
. /tests/lib-attack.sh

# pmu_counts EL: the root cell's two cycle counts at EL (el0, el1, el2)
# from /tmp/pmu.out (the cycle counter's, an event counter's).
pmu_counts() {
	awk -v el=$1 '$1 == el { print $3, $4 }' /tmp/pmu.out
}

# The root cell's own PMU before the hypervisor: every level counts
# (EL2 is where the kernel would have been had it used VHE: nothing).
pmu-count > /tmp/pmu.out 2>&1
echo "root PMU, no hypervisor: $(tr '\n' '|' < /tmp/pmu.out)"

attack_setup

# --- the root cell's PMU: its own counting works, the hypervisor's EL2
# is invisible (Linux at EL1 includes EL2 unless exclude_hv) ---
ATK=root-pmu
ATK_BAD=0
ATTACKS_TRIED=$((ATTACKS_TRIED + 1))
ATK_T0=$(now_ms)
stat_marker attack_tried root-pmu
taskset -c 0 pmu-count > /tmp/pmu.out 2>&1
echo "root PMU under the hypervisor: $(tr '\n' '|' < /tmp/pmu.out)"
for el in el0 el1; do
	set -- $(pmu_counts $el)
	check_eq root-pmu-$el-cycles-count 1 "$([ "${1:-0}" -gt 0 ] && [ "${2:-0}" -gt 0 ] && echo 1)"
done
set -- $(pmu_counts el2)
check_eq root-pmu-el2-cycle-counter-zero "0" "${1:-missing}"
check_eq root-pmu-el2-event-counter-zero "0" "${2:-missing}"
attack_verdict

# next_owner_receives NAME: after the attack NAME, the attacker's next
# run on CPU 3 (storm-uart, UART1's interrupt never cleared) takes its
# interrupts: at least 100 in a second.
next_owner_receives() {
	holdout $1-next-owner storm-uart || return 0
	count_exits irq
	echo "$1-next-owner: $EXITS irq exits in $EXIT_MS ms"
	check_eq $1-next-owner-receives 1 "$([ $EXITS -ge 100 ] && echo 1)"
	timed_shutdown $1-next-owner-shutdown $FORCE_MS --force
	attack_end
}

# --- its own redistributor: LPIs, wake state ---

# LPI tables in its own RAM, LPIs enabled, LPI 8192 at priority 0 made
# pending, its redistributor put to sleep: the registers ignore it, and
# a forced shutdown still stops it (a priority-0 LPI held without EOI, or
# a sleeping redistributor, would keep the management SGI out).
if holdout gicr-lpi gicr-lpi; then
	log_fetch
	log_lacks gicr-lpi-not-failed 'cell attack failed'
	timed_shutdown gicr-lpi-force-shutdown $FORCE_MS --force
	attack_end
fi

# Its own SPI (UART1's INTID 40) set active and never deactivated, then
# the cell is stopped, destroyed and created again (attack_end): its next
# owner, the storm-uart attack, must receive the interrupt again (an
# active SPI is never signalled).
if holdout spi-active spi-active; then
	timed_shutdown spi-active-force-shutdown $FORCE_MS --force
	attack_end
	next_owner_receives spi-active
fi

# An SGI acknowledged and never ended leaves its priority active in the
# CPU's virtual interface (ICH_AP1R0_EL2): the next occupant of the CPU,
# storm-uart again, must still receive its interrupts.
if holdout ack-hold ack-hold; then
	timed_shutdown ack-hold-force-shutdown $FORCE_MS --force
	attack_end
	next_owner_receives ack-hold
fi

# Reserved, Secure-only, message-based (SETSPI, SPENDSGIR), extended and
# IMPLEMENTATION DEFINED offsets of the distributor and of its own
# redistributor, and an absent CPU's frame: read as zero, writes ignored.
checked gic-reserved gic-reserved

# Cache maintenance by VA (DC IVAC too), DC ZVA, I-cache and TLB
# invalidation, address translation: native, on its own memory and
# translations; its own data survives DC IVAC, nobody else's changes.
checked native-ops native-ops

# --- system registers ---

# EL1/EL0 state the next occupant of the CPU must not find: the attacker
# fills registers and powers off, then runs again on the same CPU, once
# restarted in the same cell, once after a round through Linux (destroy
# and create).
if ! attack_skip regs-clean-after-restart; then
	attack_start regs-clean-after-restart regs-fill
	check_cell_state regs-fill-all-answers-right attack "shut down"
	check regs-clean-load bulkhead cell load attack $ATTACK_BIN -s "mode=regs-clean"
	check regs-clean-start bulkhead cell start attack
	check_cell_state regs-clean-after-restart-all-answers-right attack "shut down"
	attack_end
fi
checked regs-fill-again regs-fill
checked regs-clean-after-linux regs-clean

# PMU event filters asking for EL2 only count nothing while the cell
# traps into the hypervisor 500 times; its own EL1/EL0 still count.
checked pmu-el2 pmu-el2
# Breakpoint, watchpoint and debug control registers read as zero.
checked debug-regs debug-regs
# ACTLR_EL1 and Cortex-A57's IMPLEMENTATION DEFINED registers read as
# zero and ignore writes.
checked impdef impdef
log_fetch
log_has impdef-logged 'IMPLEMENTATION DEFINED register S3_1_C11_C0_2 ignored'

# --- the log under a flood ---

# The attacker, printing through the hypervisor's console (a copy of its
# config), provokes warnings and prints lines that look like the
# hypervisor's without pause. Its text is limited (Documentation/
# isolation.md: 1 warning and 10 lines a second after a burst), marked
# "[attack] ", and never in the own ring, where the hypervisor's first
# messages (enable) are still found.
vcon_copy attack /tmp/attack-vcon.cell
check log-flood-destroy-uart-config bulkhead cell destroy attack
check log-flood-create-vcon-config bulkhead cell create /tmp/attack-vcon.cell
if holdout log-flood log-flood; then
	w0=$(hv_written)
	sleep 3
	w1=$(hv_written)
	echo "log-flood: $((w1 - w0)) bytes logged in 3 s"
	check_eq log-flood-rate-bounded 1 "$([ $((w1 - w0)) -le 6000 ] && echo 1)"
	log_fetch
	log_has log-flood-output-marked '^\[attack\] bulkhead-hv: error: cell rt-control failed'
	log_lacks log-flood-no-forged-line '^bulkhead-hv: error: cell rt-control failed'
	log_has log-flood-warnings-limited 'cell attack: [0-9]+ messages suppressed'
	log_has log-flood-lines-limited 'cell attack: [0-9]+ console lines suppressed'
	bulkhead console --own > /tmp/own.out
	check_grep log-flood-own-ring-keeps-enable 'bulkhead-hv: CPU 0 activated' /tmp/own.out
	check_fails log-flood-own-ring-has-no-cell-text grep -aq 'attack\]\|PSCI CPU_ON' /tmp/own.out
	timed_shutdown log-flood-force-shutdown $FORCE_MS --force
	attack_end
fi

attack_finish
