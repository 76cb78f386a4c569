# SPDX-License-Identifier: GPL-2.0
# timeout: 90
# A device given to a cell, as Documentation/give-a-device.md walks
# through it: QEMU's PL061 GPIO, kept from Linux by this test's own
# device-tree line (the shared tree leaves it to Linux), goes to the
# gpio-demo cell with its interrupt; the inmate identifies it, drives its
# lines and takes its interrupt when QEMU's power button (line 3) is
# pushed from the host (UART1); the root cell does not see the device or
# the interrupt; after destroy both are the root's again.
# dt: &{/pl061@9030000} { status = "disabled"; };
# expect-uart1: identified gpio-demo: PL061 at 0x9030000: peripheral id 0x00041061, cell id 0xb105f00d
# expect-uart1: lines-read-back gpio-demo: wrote 0xa5 to the output lines \(mask 0xf7\), read 0xa5
# expect-uart1: armed gpio-demo: line 3 armed: INTID 39 on a rising edge
# expect-uart1: interrupt-taken gpio-demo: line 3: INTID 39 taken \(press 2\)
. /tests/lib.sh

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
check_eq linux-has-no-gpio-driver 0 "$(ls /sys/bus/amba/drivers/pl061_gpio/ 2>/dev/null | grep -c 9030000)"
check config-check bulkhead config check $BH_SYSTEM_CELL $BH_CELLS/gpio-demo.cell
check create bulkhead cell create $BH_CELLS/gpio-demo.cell
check load bulkhead cell load gpio-demo $BH_INMATES/gpio-demo.bin -s "presses=2"
check start bulkhead cell start gpio-demo
check_cell_state running-armed gpio-demo running
# The power button, twice (QEMU's monitor, forwarded by ci/qemu.sh): the
# inmate takes two interrupts and, every step right, powers its cell off.
sleep 0.5
host_command system_powerdown
sleep 0.5
host_command system_powerdown
check_cell_state two-presses-taken gpio-demo "shut down" 8000
check_eq root-sees-no-gpio-interrupt 0 "$(grep -c 'GICv3  *39 ' /proc/interrupts)"
# Idling this time, answering the shutdown request.
check load-again bulkhead cell load gpio-demo $BH_INMATES/gpio-demo.bin
check start-again bulkhead cell start gpio-demo
check_cell_state running gpio-demo running
check shutdown bulkhead cell shutdown gpio-demo
check destroy bulkhead cell destroy gpio-demo
check_eq cpus-back 0-3 "$(cpus_online)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
