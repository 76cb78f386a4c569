# SPDX-License-Identifier: GPL-2.0
# timeout: 90
# Bad cell configs are refused, each with the message that names what is
# wrong, and change nothing: no cell appears (in `bulkhead cell list` or
# /sys/devices/bulkhead/cells), no CPU leaves Linux. Some configs are bad
# only beside an existing cell (hello): overlapping memory, an interrupt or
# a CPU it owns, its name. An image too big for the loadable memory is
# refused too. The good configs still work afterwards.
#
# Mutated copies of the cell configs; offsets from include/bulkhead/
# cell-config.h, revision 2 (checked with offsetof on the host):
#   struct bh_cell_desc        0  (96 bytes)
#     signature 0, name 16, cpu_set_size 48, num_memory_regions 52,
#     num_irqchips 56, num_pci_devices 60
#   cpu set                   96  (8 bytes)
#   mem_regions[]            104  (32 bytes each: phys 0, virt 8, size 16,
#                                  flags 24)
#   irqchips[]   after the regions (32 bytes each: address 0, pin_base 8,
#                                  pin_bitmap 12)
#   pci_devices[] after the irqchips (56 bytes each: type 0, bdf 2,
#                                  link_id 4, peer_id 8, max_peers 10,
#                                  irq 12, shmem_phys 16, shmem_virt 24,
#                                  rw_size 32, out_size 40)
# hello.cell: 3 regions (RAM, comm, UART1), irqchips[0] at 200, 232 bytes.
# rt-control.cell: 2 regions (RAM, comm), no irqchip, 168 bytes.
. /tests/lib.sh

OFF_NAME=16
OFF_NUM_IRQCHIPS=56
OFF_NUM_PCI=60
OFF_CPUS=96
OFF_MEM=104
HELLO_IRQCHIP=200
BH_MEM_READ_WRITE=3
# In pci_cell's configs: rt-control's 168 bytes, an irqchip, a device.
PCI_IRQCHIP=168
PCI_DEV=200

# mutant BASE NAME: a fresh copy of BASE's config to change, /tmp/NAME.cell.
mutant() {
	cp $BH_CELLS/$1.cell /tmp/$2.cell
	echo /tmp/$2.cell
}

# set_name FILE NAME: the cell's name (NUL-padded to 32 bytes).
set_name() {
	local hex
	hex=$(printf '%s' "$2" | od -A n -t x1)
	patch_bytes "$1" $OFF_NAME $hex 00
}

# pci_cell NAME: rt-control as peer 1 of the root cell's ivshmem link 0
# (qemu-virt.h: 2 MiB at 0x7dc00000, 60 KiB read-write, 992 KiB output
# sections), seen at 0x60000000, interrupted by INTID 241 (an irqchip at
# pin_base 224 with bit 17), /tmp/NAME.cell; sound as it is.
pci_cell() {
	local f
	f=$(mutant rt-control $1)
	head -c 88 /dev/zero >> $f
	patch_le $f $OFF_NUM_IRQCHIPS 4 1
	patch_le $f $OFF_NUM_PCI 4 1
	patch_le $f $PCI_IRQCHIP 8 0x8000000
	patch_le $f $((PCI_IRQCHIP + 8)) 4 224
	patch_le $f $((PCI_IRQCHIP + 12)) 4 0x20000
	patch_le $f $PCI_DEV 1 1			# BH_PCI_TYPE_IVSHMEM
	patch_le $f $((PCI_DEV + 8)) 2 1		# peer_id
	patch_le $f $((PCI_DEV + 10)) 2 2		# max_peers
	patch_le $f $((PCI_DEV + 12)) 4 241		# irq
	patch_le $f $((PCI_DEV + 16)) 8 0x7dc00000	# shmem_phys
	patch_le $f $((PCI_DEV + 24)) 8 0x60000000	# shmem_virt
	patch_le $f $((PCI_DEV + 32)) 8 0xf000		# rw_size
	patch_le $f $((PCI_DEV + 40)) 8 0xf8000	# out_size
	echo $f
}

# state: what must not change, as one line.
state() {
	echo "cells=[$(bulkhead cell list 2>&1 | awk 'NR > 1 { print $2 }' | tr '\n' ' ')] sysfs=[$(cells_sysfs)] online=$(cpus_online)"
}

# refused NAME FILE MESSAGE: `bulkhead cell create FILE` fails, its
# terminal output says MESSAGE (a fixed string: what follows "bulkhead:
# cell config: ", as the driver logs it; the tool's own check or the
# driver's message, both printed by the tool), and nothing changed: the
# state is still $EXPECT.
refused() {
	local name=$1 file=$2 msg=$3
	dmesg_mark
	if bulkhead cell create "$file" > /tmp/$name.out 2>&1; then
		fail $name-refused "bulkhead cell create $file succeeded: $(cat /tmp/$name.out)"
		dmesg_since_mark > /tmp/$name.dmesg
		bulkhead cell destroy "$(sed -n 's/^Created cell //p' /tmp/$name.out)"
	else
		dmesg_since_mark > /tmp/$name.dmesg
		if grep -qE 'Internal error|Oops|BUG:|Unable to handle' /tmp/$name.dmesg; then
			fail $name-refused "the kernel oopsed: $(grep -E 'Internal error|Oops|BUG:|Unable to handle' /tmp/$name.dmesg | head -n 2 | tr '\n' '|')"
		else
			pass $name-refused
		fi
	fi
	if grep -qF -- "${msg#bulkhead: cell config: }" /tmp/$name.out; then
		pass $name-message
	else
		fail $name-message "'${msg#bulkhead: cell config: }' not on the terminal: $(tail -n 3 /tmp/$name.out | tr '\n' '|')"
	fi
	check_eq $name-nothing-changed "$EXPECT" "$(state)"
}

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
EXPECT="cells=[] sysfs=[] online=0-3"
check_eq nothing-at-start "$EXPECT" "$(state)"
check_eq hello-config-size 232 "$(stat -c %s $BH_CELLS/hello.cell)"
check_eq rt-control-config-size 168 "$(stat -c %s $BH_CELLS/rt-control.cell)"

# --- bad on their own ---

f=$(mutant hello signature)
patch_bytes $f 0 58				# "XHCELL"
refused signature $f 'bulkhead: cell config: signature: expected "BHCELL", got "XHCELL"'

refused system-config-as-cell $BH_SYSTEM_CELL \
	'bulkhead: cell config: signature: expected "BHCELL", got "BHSYSTEM"'

# CPU 5 of a 4-CPU machine: no such CPU, let alone a root cell one.
f=$(mutant hello unknown-cpu)
patch_bytes $f $OFF_CPUS 20
refused unknown-cpu $f 'bulkhead: cell config: cpu_set: unknown CPU 5: the system has 4'

# All four CPUs: Linux would keep none.
f=$(mutant rt-control all-cpus)
patch_bytes $f $OFF_CPUS 0f
refused last-root-cpu $f 'bulkhead: cell config: cpu_set: the root cell would keep no CPU'

f=$(mutant rt-control no-cpu)
patch_bytes $f $OFF_CPUS 00
refused no-cpu $f 'bulkhead: cell config: cpu_set: no CPU'

# RAM beyond the board's 1 GiB: not the root cell's to give.
f=$(mutant rt-control ram-outside-root)
patch_le $f $OFF_MEM 8 0x90000000
refused ram-outside-root $f \
	"bulkhead: cell config: mem_regions[0] [0x90000000-0x90ffffff] is not inside the root cell's memory (no root_cell.mem_regions[] entry holds it whole)"

# RAM on the hypervisor's memory.
f=$(mutant rt-control ram-on-hypervisor)
patch_le $f $OFF_MEM 8 0x7f800000
patch_le $f $((OFF_MEM + 16)) 8 0x00800000
refused ram-on-hypervisor $f \
	'bulkhead: cell config: mem_regions[0] [0x7f800000-0x7fffffff] overlaps hypervisor_memory [0x7f800000-0x7fffffff] in physical space'

# The UART1 region marked as RAM (not IO): root has it as IO.
f=$(mutant hello uart-as-ram)
patch_le $f $((OFF_MEM + 2 * 32 + 24)) 8 $BH_MEM_READ_WRITE
refused device-as-ram $f \
	'bulkhead: cell config: mem_regions[2] [0x9040000-0x9040fff] is IO in the root cell but RAM here (root_cell.mem_regions[6])'

# INTID 296 (pin_base 288 + bit 8): the root cell owns SPIs 32..287 only.
f=$(mutant hello irq-not-root)
patch_le $f $((HELLO_IRQCHIP + 8)) 4 288
refused irq-not-root $f 'bulkhead: cell config: irqchips[0]: INTID 296 is not a root cell interrupt'

# The communication region flag taken off: no way to talk to the inmate.
f=$(mutant rt-control no-comm)
patch_le $f $((OFF_MEM + 32 + 24)) 8 $BH_MEM_READ_WRITE
refused no-comm-region $f \
	'bulkhead: cell config: mem_regions: needs exactly one communication region (BH_MEM_COMM_REGION), has 0'

f=$(mutant rt-control root-name)
set_name $f qemu-arm64
refused root-name $f "bulkhead: cell config: name: a cell named 'qemu-arm64' exists already (the root cell)"

# --- virtual PCI: ends of the root cell's link 0 ---

f=$(pci_cell pci-peer-taken)
patch_le $f $((PCI_DEV + 8)) 2 0
refused pci-peer-taken $f \
	"bulkhead: cell config: pci_devices[0]: link 0 peer_id 0 already taken by cell 'qemu-arm64' pci_devices[0]"

f=$(pci_cell pci-rw-size)
patch_le $f $((PCI_DEV + 32)) 8 0x1f000
refused pci-link-mismatch $f \
	"bulkhead: cell config: pci_devices[0]: link 0 rw_size 0x1f000, but cell 'qemu-arm64' pci_devices[0] has 0xf000"

f=$(pci_cell pci-irq-not-own)
patch_le $f $((PCI_IRQCHIP + 12)) 4 0
refused pci-irq-not-own $f \
	"bulkhead: cell config: pci_devices[0]: irq 241 is not in the cell's irqchips"

# INTID 240 as well: the interrupt of the root cell's end of link 0.
f=$(pci_cell pci-root-irq)
patch_le $f $((PCI_IRQCHIP + 12)) 4 0x30000
refused pci-root-irq $f \
	"bulkhead: cell config: irqchips: INTID 240 is the interrupt of the root cell's pci_devices[0] (link 0)"

# A link of its own, on memory beyond the board's 1 GiB.
f=$(pci_cell pci-outside-root)
patch_le $f $((PCI_DEV + 4)) 4 5
patch_le $f $((PCI_DEV + 16)) 8 0x90000000
refused pci-outside-root $f \
	'bulkhead: cell config: pci_devices[0]: link memory [0x90000000-0x901fffff] is not inside one RAM region of the root cell'

# rt-control's RAM on the memory of link 0.
f=$(mutant rt-control ram-on-link)
patch_le $f $OFF_MEM 8 0x7dc00000
refused ram-on-link $f \
	"bulkhead: cell config: mem_regions[0] [0x7dc00000-0x7ebfffff] overlaps the memory of link 0 (cell 'qemu-arm64' pci_devices[0])"

head -c 100 $BH_CELLS/hello.cell > /tmp/truncated.cell
refused truncated /tmp/truncated.cell \
	'bulkhead: cell config: file is 100 bytes, but header and cell arrays need 232'

# --- bad beside an existing cell: hello on CPU 3, cell slot A, INTID 40 ---

check hello-create bulkhead cell create $BH_CELLS/hello.cell
EXPECT="cells=[hello ] sysfs=[1 ] online=0-2"
check_eq hello-created "$EXPECT" "$(state)"

# rt-control's RAM moved onto hello's.
f=$(mutant rt-control ram-on-hello)
patch_le $f $OFF_MEM 8 0x7b800000
refused ram-on-other-cell $f \
	"bulkhead: cell config: mem_regions[0] [0x7b800000-0x7c7fffff] overlaps cell 'hello' mem_regions[0] [0x7b800000-0x7c7fffff]; mark both BH_MEM_SHARED to share"

# A link of rt-control's own on hello's RAM.
f=$(pci_cell pci-on-hello)
patch_le $f $((PCI_DEV + 4)) 4 5
patch_le $f $((PCI_DEV + 16)) 8 0x7b800000
refused pci-on-other-cell $f \
	"bulkhead: cell config: pci_devices[0]: link 5 memory at 0x7b800000 overlaps cell 'hello' mem_regions[0] [0x7b800000-0x7c7fffff]"

# rt-control's communication region moved onto hello's.
f=$(mutant rt-control comm-on-hello)
patch_le $f $((OFF_MEM + 32)) 8 0x7c800000
refused comm-on-other-cell $f \
	"bulkhead: cell config: mem_regions[1] [0x7c800000-0x7c800fff] overlaps cell 'hello' mem_regions[1] [0x7c800000-0x7c800fff]; a communication region cannot be shared"

# rt-control plus hello's interrupt (INTID 40, UART1's), as irqchips[0].
f=$(mutant rt-control irq-of-hello)
dd if=$BH_CELLS/hello.cell bs=1 skip=$HELLO_IRQCHIP count=32 2>/dev/null >> $f
patch_le $f $OFF_NUM_IRQCHIPS 4 1
refused irq-of-other-cell $f \
	"bulkhead: cell config: irqchips[0]: INTID 40 already belongs to cell 'hello'"

# rt-control on hello's CPU.
f=$(mutant rt-control cpu-of-hello)
patch_bytes $f $OFF_CPUS 08
refused cpu-of-other-cell $f "bulkhead: cell config: cpu_set: CPU 3 already belongs to cell 'hello'"

# rt-control named hello.
f=$(mutant rt-control name-of-hello)
set_name $f hello
refused name-clash $f "bulkhead: cell config: name: a cell named 'hello' exists already"

# hello itself, again.
refused same-config-twice $BH_CELLS/hello.cell \
	"bulkhead: cell config: name: a cell named 'hello' exists already"

# --- images that do not fit the loadable memory (16 MiB of RAM at IPA
# 0x40000000); the cell stays as it was ---

# load_refused NAME MESSAGE ARGS...: `bulkhead cell load hello ARGS` fails
# with MESSAGE (without "bulkhead: ") on the terminal and in the kernel
# log, and hello is still "created".
load_refused() {
	local name=$1 msg=$2
	shift 2
	dmesg_mark
	if bulkhead cell load hello "$@" > /tmp/$name.out 2>&1; then
		fail $name-refused "bulkhead cell load hello $* succeeded"
	else
		pass $name-refused
	fi
	dmesg_since_mark > /tmp/$name.dmesg
	if grep -qF -- "$msg" /tmp/$name.dmesg &&
	   grep -qF -- "${msg#bulkhead: }" /tmp/$name.out; then
		pass $name-message
	else
		fail $name-message "'$msg' not in dmesg and on the terminal: $(grep bulkhead /tmp/$name.dmesg | tail -n 3 | tr '\n' '|') / $(tail -n 3 /tmp/$name.out | tr '\n' '|')"
	fi
	check_eq $name-cell-unchanged "hello created 3" "$(cell_field hello name) $(cell_state hello) $(cell_field hello cpus)"
}

dd if=/dev/zero of=/tmp/big.bin bs=1M count=17 2>/dev/null
load_refused image-too-big \
	"bulkhead: cell 'hello': 17825792 bytes at 0x40000000 (the default: the first loadable region) do not fit in a loadable region" \
	/tmp/big.bin
size=$(stat -c %s $BH_INMATES/hello.bin)
load_refused image-past-region-end \
	"bulkhead: cell 'hello': $size bytes at 0x40fff000 do not fit in a loadable region" \
	$BH_INMATES/hello.bin -a 0x40fff000
load_refused image-outside-ram \
	"bulkhead: cell 'hello': $size bytes at 0x50000000 do not fit in a loadable region" \
	$BH_INMATES/hello.bin -a 0x50000000
# Exactly up to the end of the region fits.
head -c 4096 /tmp/big.bin > /tmp/page.bin
check image-fits-at-region-end bulkhead cell load hello /tmp/page.bin -a 0x40fff000
check_eq hello-state-after-loads created "$(cell_state hello)"

# --- nothing was left half-done: the good configs work ---
check hello-destroy bulkhead cell destroy hello
check_eq nothing-left "cells=[] sysfs=[] online=0-3" "$(state)"
check rt-control-create bulkhead cell create $BH_CELLS/rt-control.cell
check hello-create-again bulkhead cell create $BH_CELLS/hello.cell
check_eq both-created "cells=[rt-control hello ] online=0-1" \
	"$(state | sed 's/ sysfs=\[[^]]*\]//')"
check hello-destroy-again bulkhead cell destroy hello
check rt-control-destroy bulkhead cell destroy rt-control
check_eq nothing-left-at-end "cells=[] sysfs=[] online=0-3" "$(state)"
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
