# SPDX-License-Identifier: GPL-2.0
# timeout: 120
# cpu: max
# cmdline: arm64.nosme arm64.nosve
# A CPU with SVE and SME whose kernel was told not to use them: Linux's
# hyp stub then leaves CPTR_EL2 trapping SVE and SME at EL2 too, and the
# hypervisor's clearing of a starting CPU's FP state (arch_clear_fpsimd)
# must not trap on itself (it did: a panic at EL2 on the first CPU
# online). CPUs go off and on in the root cell, and a cell starts and
# stops on one of them.
. /tests/lib.sh

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
check cpu1-offline sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
check cpu1-online sh -c 'echo 1 > /sys/devices/system/cpu/cpu1/online'
check_eq all-cpus-online 0-3 "$(cpus_online)"
check create bulkhead cell create $BH_CELLS/hello.cell
check load bulkhead cell load hello $BH_INMATES/hello.bin
check start bulkhead cell start hello
check_cell_state running hello running
check shutdown bulkhead cell shutdown hello
check destroy bulkhead cell destroy hello
check_eq cpus-back 0-3 "$(cpus_online)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
