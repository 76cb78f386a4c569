# SPDX-License-Identifier: GPL-2.0
# timeout: 240
# cpu: max
# Isolation suite on QEMU's newest CPU model (-cpu max: SVE, SME, pointer
# authentication, RAS, a newer PMU), whose state must not pass from one
# occupant of a CPU to the next (Documentation/attack-surface.md): the
# pointer authentication keys of the last Linux task, streaming mode left
# on by a cell that resets itself (the hypervisor clears the FP registers
# of a restarting CPU), and the PMU and debug attacks of attack-arch.sh.
# expect-uart1: keys-answers attack: keys: [0-9]+ checks, 0 mismatches
# expect-uart1: sme-reset-streaming-off-at-start attack: sme-reset: SVCR 0x0 at start
# expect-uart1: sme-reset-streaming-on attack: sme-reset: SVCR 0x3, resetting
# expect-uart1: pmu-el2-answers attack: pmu-el2: [0-9]+ checks, 0 mismatches
# expect-uart1: debug-regs-answers attack: debug-regs: [0-9]+ checks, 0 mismatches
. /tests/lib-attack.sh

attack_setup

# CPU 3 ran Linux (its tasks sign pointers) before the attacker got it.
checked keys keys

# Streaming mode on, then SYSTEM_RESET, over and over: the cell restarts
# each time (the hypervisor did not trap on its own FP instructions) until
# the root cell stops it.
if holdout sme-reset sme-reset; then
	log_fetch
	log_has sme-reset-restarts 'cell attack: PSCI system reset: restarting the cell only'
	log_lacks sme-reset-not-failed 'cell attack failed'
	timed_shutdown sme-reset-shutdown $FORCE_MS --force
	attack_end
fi

checked pmu-el2 pmu-el2
checked debug-regs debug-regs

attack_finish
