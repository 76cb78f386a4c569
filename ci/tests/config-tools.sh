# SPDX-License-Identifier: GPL-2.0
# timeout: 150
# The config tools on the target. `bulkhead hardware check` finds nothing
# wrong with the harness's machine and names an offline CPU as a problem.
# The system config the host made of the harness's device tree with
# `bulkhead config create` and compiled (ci/qemu.sh: qemu-generated.cell)
# passes `config check`, alone and with the demo cells, reads back with
# `config dump`, and is exactly what `config create` makes here of
# /sys/firmware/fdt. It enables the hypervisor: Linux keeps ticking on
# every CPU and a cell takes CPU 3, RAM and UART1 from that root cell.
#
# expect-uart1: generated-root-cell-runs hello: args "who=config-tools"
. /tests/lib.sh

GEN=$BH_CELLS/qemu-generated.cell

# --- hardware check ---

check hardware-check-passes bulkhead hardware check
bulkhead hardware check > /tmp/hw.out 2>&1
check_grep hardware-check-el2 '^OK  *EL2' /tmp/hw.out
check_grep hardware-check-kvm '^OK  *KVM: kvm-arm.mode=none' /tmp/hw.out
check_grep hardware-check-gicv3 '^OK  *GIC: GICv3' /tmp/hw.out
check_grep hardware-check-hv-memory \
	'^OK  *hypervisor memory: /reserved-memory/bulkhead-hypervisor@7f800000, 8 MiB, no-map' /tmp/hw.out
check_grep hardware-check-cpus '^OK  *CPUs: 4 of 4 online' /tmp/hw.out
echo 0 > /sys/devices/system/cpu/cpu3/online
check_fails hardware-check-cpu-offline bulkhead hardware check
check_grep hardware-check-cpu-offline-named '^PROBLEM  *CPUs: 3 of 4 online' /tmp/check.out
check_grep hardware-check-cpu-offline-fix 'fix: echo 1 > /sys/devices/system/cpu/cpuN/online' /tmp/check.out
echo 1 > /sys/devices/system/cpu/cpu3/online

# --- the generated config, checked and read back ---

if [ -f $GEN ]; then
	pass generated-config-in-image
else
	fail generated-config-in-image "$GEN missing: see the image build's output"
fi
bulkhead config check $GEN > /tmp/gen.check 2>&1
check_eq generated-config-check-rc 0 $?
check_grep generated-config-check-clean '^0 errors, 0 warnings$' /tmp/gen.check
check generated-config-check-with-cells \
	bulkhead config check $GEN $BH_CELLS/hello.cell $BH_CELLS/rt-control.cell
bulkhead config dump $GEN > /tmp/gen.dump 2>&1
check_eq generated-config-dump-rc 0 $?
check_grep generated-config-dump-valid ': 696 bytes, valid$' /tmp/gen.dump
check_grep generated-config-dump-name 'name  *"qemu-generated"' /tmp/gen.dump
check_grep generated-config-dump-cpus 'CPUs  *0-3$' /tmp/gen.dump
check_grep generated-config-dump-uart1 \
	'phys 0x9040000-0x9040fff at virt 0x9040000' /tmp/gen.dump
check_grep generated-config-dump-spis 'INTIDs 33-40,48-79$' /tmp/gen.dump

# The same device tree, read here: the same bytes.
check target-create-binary \
	bulkhead config create --name qemu-generated -o /tmp/target.cell
check target-create-same-as-host cmp /tmp/target.cell $GEN
check target-create-c-source bulkhead config create -o /tmp/target.c
check_grep target-create-c-source-struct '^} config = {$' /tmp/target.c

# Checking a set on the target, as on the host: two cells on CPU 3.
check_fails target-check-conflict \
	bulkhead config check $BH_SYSTEM_CELL $BH_CELLS/hello.cell $BH_CELLS/violate.cell
check_grep target-check-conflict-named \
	"error: $BH_CELLS/violate.cell: cpu_set: CPU 3 already belongs to cell 'hello'" /tmp/check.out

# --- the generated config enables the hypervisor ---

check module-loads insmod $BH_KO
check generated-config-enables bh_enable $GEN
check_eq generated-config-enabled 1 "$(cat $BH_SYSFS/enabled)"
check_timer_ticks generated-config-linux-ticks generated-config-hv-ticks
bulkhead hardware check > /tmp/hw.enabled 2>&1
check_grep hardware-check-while-enabled 'Bulkhead is enabled now' /tmp/hw.enabled

check generated-root-cell-create bulkhead cell create $BH_CELLS/hello.cell
check generated-root-cell-load \
	bulkhead cell load hello $BH_INMATES/hello.bin -s "who=config-tools"
check generated-root-cell-start bulkhead cell start hello
sleep 1
check generated-root-cell-stop bulkhead cell shutdown --force hello
check generated-root-cell-destroy bulkhead cell destroy hello

check generated-config-disables bh_disable
check_eq generated-config-disabled 0 "$(cat $BH_SYSFS/enabled)"
check module-unloads rmmod bulkhead
