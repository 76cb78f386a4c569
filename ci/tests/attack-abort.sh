# SPDX-License-Identifier: GPL-2.0
# timeout: 150
# The per-cell abort option (BH_CELL_FLAG_INJECT_ABORTS,
# configs/cells/attack-abort.c): the attacker's accesses outside its cell
# come back to it as synchronous external aborts, as a bus error would on
# hardware, and it runs on to power itself off; the accesses are still
# logged, and the bystanders are unharmed. What is no access outside the
# cell still stops it: an SGI to a foreign CPU.
#
# expect-uart1: abort-injected-answers attack: abort-injected: [0-9]+ checks, 0 mismatches
ATTACK_CELL=/etc/bulkhead/attack-abort.cell
. /tests/lib-attack.sh

attack_setup

checked abort-injected abort-injected
log_has abort-injected-logged 'cell attack: unhandled read at IPA 0x48000000 \(4 bytes\)'
log_has abort-injected-delivered 'cell attack: abort delivered to the cell, CPU 3'

fault sgi-foreign sgi-foreign "SGI 0x1000004 to CPUs it does not own, CPU 3"

attack_finish
