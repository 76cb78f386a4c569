# SPDX-License-Identifier: GPL-2.0
# timeout: 60
# Bad system configs are rejected, each with the message that names what
# is wrong, and leave the system as it was: not enabled, and the good
# config still enables and disables afterwards.
#
# Mutated copies of qemu-arm64.cell; offsets from include/bulkhead/
# cell-config.h, revision 3 (checked with offsetof on the host):
#   struct bh_system          0  (240 bytes)
#     revision                8
#     hypervisor_memory      16  (phys_start 16, size 32)
#     platform               64  (pci_mem_base 80)
#     root_cell             144  (num_memory_regions 196)
#   cpu set                 240  (8 bytes)
#   mem_regions[12]         248  (32 bytes each: phys, virt, size, flags)
#   irqchips[2]             632  (32 bytes each)
#   pci_devices[1]          696  (56 bytes: bdf 2, shmem_phys 16,
#                                 shmem_virt 24)
#   end                     752
. /tests/lib.sh

GOOD=$BH_SYSTEM_CELL
SIZE=752
HDR=240
OFF_REVISION=8
OFF_HV_PHYS=16
OFF_PCI_MEM_BASE=80
OFF_NUM_MEM=196
OFF_CPUS=240
OFF_MEM=248
OFF_PCI=696

# mutant NAME: a fresh copy of the good config to change, /tmp/NAME.cell.
mutant() {
	cp $GOOD /tmp/$1.cell
	echo /tmp/$1.cell
}

# rejected NAME FILE MESSAGE: enabling FILE fails, the terminal says
# MESSAGE (a fixed string: what follows "bulkhead: config: " or
# "bulkhead: ", as the driver logs it; the tool's own check or the
# driver's message), and the hypervisor is not enabled.
rejected() {
	local name=$1 file=$2 msg=$3
	dmesg_mark
	if bh_enable "$file"; then
		fail $name-rejected "bulkhead enable $file succeeded"
		bh_disable
		dmesg_since_mark > /tmp/$name.dmesg
	else
		# A driver that crashes on the config did not reject it.
		dmesg_since_mark > /tmp/$name.dmesg
		if grep -qE 'Internal error|Oops|BUG:|Unable to handle' /tmp/$name.dmesg; then
			fail $name-rejected "the kernel oopsed: $(grep -E 'Internal error|Oops|BUG:|Unable to handle' /tmp/$name.dmesg | head -n 2 | tr '\n' '|')"
		else
			pass $name-rejected
		fi
	fi
	local core=${msg#bulkhead: }
	core=${core#config: }
	if grep -qF -- "$core" /tmp/enable.out; then
		pass $name-message
	else
		fail $name-message "'$core' not on the terminal: $(tail -n 3 /tmp/enable.out | tr '\n' '|')"
	fi
	if [ "$(cat $BH_SYSFS/enabled)" = 0 ] &&
	   ! grep -q 'hypervisor enabled' /tmp/$name.dmesg; then
		pass $name-not-enabled
	else
		fail $name-not-enabled "enabled reads '$(cat $BH_SYSFS/enabled)'"
	fi
}

check module-loads insmod $BH_KO
check_eq good-config-size $SIZE "$(stat -c %s $GOOD)"

f=$(mutant signature)
patch_bytes $f 0 58				# "XHSYSTEM"
rejected signature $f 'config: signature: expected "BHSYSTEM", got "XHSYSTEM"'

f=$(mutant revision)
patch_le $f $OFF_REVISION 2 1
rejected revision $f 'config: revision 1 not supported (expected 3)'

head -c 100 $GOOD > /tmp/short-header.cell
rejected truncated-header /tmp/short-header.cell \
	"file is 100 bytes, smaller than the system header ($HDR bytes)"

head -c 400 $GOOD > /tmp/short-arrays.cell
rejected truncated-arrays /tmp/short-arrays.cell \
	"config: file is 400 bytes, but header and root_cell arrays need $SIZE"

f=$(mutant count-beyond-file)
patch_le $f $OFF_NUM_MEM 4 0xffffffff
rejected count-beyond-file $f \
	"config: file is $SIZE bytes, but header and root_cell arrays need $((HDR + 8 + 0xffffffff * 32 + 2 * 32 + 56))"

# Hypervisor memory on top of the root cell's RAM region.
f=$(mutant hv-in-root-ram)
patch_le $f $OFF_HV_PHYS 8 0x40000000
rejected hv-in-root-ram $f \
	'config: hypervisor_memory [0x40000000-0x407fffff] overlaps root_cell.mem_regions[0] [0x40000000-0x7b7fffff]'

f=$(mutant misaligned-region)
patch_le $f $((OFF_MEM + 2 * 32)) 8 0x09000100	# mem_regions[2].phys_start
rejected misaligned-region $f \
	'config: root_cell.mem_regions[2]: phys_start 0x9000100 not page aligned'

# The root cell sees its link memory where it is (identity mapping).
f=$(mutant pci-shmem-virt)
patch_le $f $((OFF_PCI + 24)) 8 0x60000000	# pci_devices[0].shmem_virt
rejected pci-shmem-virt $f \
	'config: root_cell.pci_devices[0]: shmem_virt 0x60000000 differs from shmem_phys 0x7dc00000'

# Link memory outside the root cell's RAM: beyond the board's 1 GiB.
f=$(mutant pci-shmem-outside)
patch_le $f $((OFF_PCI + 16)) 8 0x90000000
patch_le $f $((OFF_PCI + 24)) 8 0x90000000
rejected pci-shmem-outside $f \
	'config: root_cell.pci_devices[0]: link memory [0x90000000-0x901fffff] is not inside one RAM region of the root cell'

# Function 1 of device 1: only function 0 exists.
f=$(mutant pci-bdf)
patch_le $f $((OFF_PCI + 2)) 2 0x9
rejected pci-bdf $f \
	'config: root_cell.pci_devices[0]: bdf 0x9 not bus 0, function 0 (device << 3)'

# Register BARs are 32-bit: their window must end below 4 GiB.
f=$(mutant pci-mem-base)
patch_le $f $OFF_PCI_MEM_BASE 8 0x100000000
rejected pci-mem-base $f \
	'config: platform.pci_mem_base 0x100000000 not a page aligned address with 128 KiB below 4 GiB'

f=$(mutant unknown-cpu)
patch_bytes $f $OFF_CPUS 1f			# CPUs 0-4 of 4
rejected unknown-cpu $f 'config: root_cell.cpu_set: unknown CPU 4: the system has 4'

# Hypervisor memory in Linux's RAM but outside every root cell region: the
# config is consistent in itself, only the driver knows Linux lives there.
# (Accepting it would let the driver overwrite the running kernel.)
f=$(mutant hv-in-linux-ram)
patch_le $f $OFF_HV_PHYS 8 0x40000000
patch_le $f $OFF_MEM 8 0x40800000		# mem_regions[0].phys_start
patch_le $f $((OFF_MEM + 8)) 8 0x40800000	# .virt_start
patch_le $f $((OFF_MEM + 16)) 8 0x3b000000	# .size: up to 0x7b800000
rejected hv-in-linux-ram $f \
	'hypervisor_memory [0x40000000-0x407fffff] overlaps Linux RAM'

# A good config on a system where one of its CPUs is offline: only the
# driver can tell.
echo 0 > /sys/devices/system/cpu/cpu3/online
rejected cpu-offline $GOOD \
	'config: root_cell.cpu_set: CPU 3 is not online; bring it online before enabling'
echo 1 > /sys/devices/system/cpu/cpu3/online
check_eq cpu3-back-online 1 "$(cat /sys/devices/system/cpu/cpu3/online)"

# Nothing was left half-done: the good config works.
check good-config-enables bh_enable $GOOD
check_eq good-config-enabled-1 1 "$(cat $BH_SYSFS/enabled)"
check good-config-disables bh_disable
check_eq good-config-enabled-0 0 "$(cat $BH_SYSFS/enabled)"
check module-unloads rmmod bulkhead
