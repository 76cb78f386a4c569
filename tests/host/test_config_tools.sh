#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host tests of the bulkhead CLI (tools/bulkhead-host): `config check`,
# `config dump`, `config create` and `config create-cell` on the example
# configs, on mutated copies and on device trees (QEMU's own, the QEMU
# harness's with reserved memory, and a hand-written one with the cases
# QEMU lacks); `hardware check` on device trees; --help, exit statuses,
# the man page and the bash completion. One "PASS tools/NAME" or
# "FAIL tools/NAME: why" line per check. Scratch files: build/test-host/.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/tools/bulkhead-host
C=$top/configs/cells
W=$top/build/test-host
CROSS=${CROSS_COMPILE:-aarch64-linux-gnu-}
SYS=$C/qemu-arm64.cell

rm -rf "$W"
mkdir -p "$W"

pass() {
	echo "PASS tools/$1"
}

fail() {
	local name=$1
	shift
	echo "FAIL tools/$name: $*"
}

# run NAME RC CMD...: CMD exits with RC; its stdout is in $W/NAME.out,
# its stderr in $W/NAME.err.
run() {
	local name=$1 want=$2 rc
	shift 2
	"$@" > "$W/$name.out" 2> "$W/$name.err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "'$*' exited $rc, not $want: $(cat "$W/$name.out" "$W/$name.err" | tail -n 4 | tr '\n' '|')"
	fi
}

# has NAME FILE TEXT: FILE holds the fixed string TEXT.
has() {
	if grep -qF -- "$3" "$2"; then
		pass "$1"
	else
		fail "$1" "'$3' not in $2: $(head -n 6 "$2" | tr '\n' '|')"
	fi
}

# lacks NAME FILE TEXT: FILE does not hold TEXT.
lacks() {
	if grep -qF -- "$3" "$2"; then
		fail "$1" "'$3' in $2: $(grep -F -- "$3" "$2" | head -n 2 | tr '\n' '|')"
	else
		pass "$1"
	fi
}

# same NAME A B: the files are byte for byte the same.
same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "$2 and $3 differ: $(cmp "$2" "$3" 2>&1)"
	fi
}

# patch_le FILE OFFSET BYTES VALUE: VALUE as a little-endian integer.
patch_le() {
	local file=$1 off=$2 n=$3 v=$4 i esc=""
	for ((i = 0; i < n; i++)); do
		esc="$esc\\x$(printf '%02x' $(((v >> (8 * i)) & 0xff)))"
	done
	printf "$esc" | dd of="$file" bs=1 seek="$off" conv=notrunc status=none
}

# mutant NAME: a copy of the QEMU system config to change.
mutant() {
	cp "$SYS" "$W/$1.cell"
	echo "$W/$1.cell"
}

# compile_c IN.c OUT.cell: as configs/Makefile builds configs/cells/*.c.
compile_c() {
	"${CROSS}gcc" -std=gnu11 -O2 -ffreestanding -Wall -Wextra -Werror \
		-I"$top/include" -c "$1" -o "${2%.cell}.o" &&
		"${CROSS}objcopy" -O binary -j .rodata "${2%.cell}.o" "$2"
}

# Offsets in qemu-arm64.cell (include/bulkhead/cell-config.h, revision 3):
# bh_system is 240 bytes, root_cell at 144; 8 bytes of CPUs, 12 regions,
# 2 irqchips, then one bh_pci_device (56 bytes: bdf 2, shmem_phys 16,
# shmem_virt 24, rw_size 32).
OFF_ROOT_RESET=208	# root_cell.cpu_reset_address
OFF_MEM=248		# mem_regions[0]
OFF_PCI=696		# pci_devices[0]
SYS_SIZE=752

# --- config check ---

run check-system-and-cells 0 $B config check $SYS $C/hello.cell $C/rt-control.cell
has check-system-and-cells-summary "$W/check-system-and-cells.out" "0 errors, 0 warnings"
for cell in $C/*.cell; do
	# System configs (qemu-arm64*.cell) are not cells to check against one.
	case "$(basename "$cell")" in qemu-arm64*) continue ;; esac
	run "check-with-$(basename "$cell" .cell)" 0 $B config check $SYS "$cell"
done
run check-cell-alone 0 $B config check $C/hello.cell

run check-cpu-conflict 1 $B config check $SYS $C/hello.cell $C/violate.cell
has check-cpu-conflict-named "$W/check-cpu-conflict.out" \
	"error: $C/violate.cell: cpu_set: CPU 3 already belongs to cell 'hello'"
has check-memory-conflict-named "$W/check-cpu-conflict.out" \
	"error: $C/violate.cell: mem_regions[0] [0x7b800000-0x7c7fffff] overlaps cell 'hello' mem_regions[0] [0x7b800000-0x7c7fffff]"
has check-irq-conflict-named "$W/check-cpu-conflict.out" \
	"error: $C/violate.cell: irqchips[0]: INTID 40 already belongs to cell 'hello'"
has check-conflict-summary "$W/check-cpu-conflict.out" "5 errors, 0 warnings"
# The same pair the other way round: the rules hold both ways.
run check-conflict-reversed 1 $B config check $SYS $C/violate.cell $C/hello.cell
has check-conflict-reversed-named "$W/check-conflict-reversed.out" \
	"error: $C/hello.cell: cpu_set: CPU 3 already belongs to cell 'violate'"
has check-conflict-reversed-summary "$W/check-conflict-reversed.out" "5 errors, 0 warnings"

# ivshmem link 1: both ends agree; a third end that disagrees is named
# with the field and the cell it disagrees with, in either order.
run check-link-ends-agree 0 $B config check $SYS $C/ivshmem-peer-a.cell $C/ivshmem-peer-b.cell
has check-link-ends-agree-summary "$W/check-link-ends-agree.out" "0 errors, 0 warnings"
run check-link-mismatch 1 $B config check $SYS $C/ivshmem-peer-a.cell $C/ivshmem-mismatch.cell
has check-link-mismatch-named "$W/check-link-mismatch.out" \
	"error: $C/ivshmem-mismatch.cell: pci_devices[0]: link 1 rw_size 0xe000, but cell 'ivshmem-peer-a' pci_devices[0] has 0xf000"
run check-link-mismatch-reversed 1 $B config check $SYS $C/ivshmem-mismatch.cell $C/ivshmem-peer-a.cell
has check-link-mismatch-reversed-named "$W/check-link-mismatch-reversed.out" \
	"error: $C/ivshmem-peer-a.cell: pci_devices[0]: link 1 rw_size 0xf000, but cell"
# A cell that maps link 0's memory as plain RAM is refused.
$B config create-cell --name thief --cpus 3 --mem 16M@0x7b800000 --mem 2M@0x7dc00000 -o "$W/thief.cell" 2>/dev/null
run check-link-memory-taken 1 $B config check $SYS "$W/thief.cell"
has check-link-memory-taken-named "$W/check-link-memory-taken.out" "overlaps the memory of link 0"

# Two cells that together take every CPU.
$B config create-cell --name low --cpus 0-1 --mem 16M@0x7b800000 -o "$W/low.cell"
$B config create-cell --name high --cpus 2-3 --mem 16M@0x7ca00000 -o "$W/high.cell"
run check-root-keeps-cpu 1 $B config check $SYS "$W/low.cell" "$W/high.cell"
has check-root-keeps-cpu-named "$W/check-root-keeps-cpu.out" \
	"error: $W/high.cell: cpu_set: the root cell would keep no CPU"
run check-each-alone-fits 0 $B config check $SYS "$W/high.cell"

f=$(mutant misaligned)
patch_le "$f" $((OFF_MEM + 2 * 32)) 8 0x09000100
run check-misaligned-region 1 $B config check "$f"
has check-misaligned-region-named "$W/check-misaligned-region.out" \
	"error: $f: root_cell.mem_regions[2]: phys_start 0x9000100 not page aligned"
has check-misaligned-region-summary "$W/check-misaligned-region.out" "1 error, 1 warning"

f=$(mutant hv-overlap)
patch_le "$f" 16 8 0x40000000
run check-hv-overlap 1 $B config check "$f"
has check-hv-overlap-named "$W/check-hv-overlap.out" \
	"error: $f: hypervisor_memory [0x40000000-0x407fffff] overlaps root_cell.mem_regions[0] [0x40000000-0x7b7fffff]"

f=$(mutant reset-warning)
patch_le "$f" $OFF_ROOT_RESET 8 0x40000000
run check-warning-only 0 $B config check "$f"
has check-warning-only-named "$W/check-warning-only.out" \
	"warning: $f: root_cell.cpu_reset_address 0x40000000 ignored"
has check-warning-only-summary "$W/check-warning-only.out" "0 errors, 1 warning"

head -c 100 "$SYS" > "$W/short.cell"
run check-truncated 1 $B config check "$W/short.cell"
has check-truncated-named "$W/check-truncated.out" \
	"error: $W/short.cell: file is 100 bytes, smaller than the system header (240 bytes)"

run check-system-not-first 1 $B config check $C/hello.cell $SYS
has check-system-not-first-named "$W/check-system-not-first.out" \
	"error: $SYS: a system config: give it first"
f=$(mutant broken-system)
patch_le "$f" 8 2 1	# revision 1
run check-broken-system-skips-set 1 $B config check "$f" $C/hello.cell
has check-broken-system-note "$W/check-broken-system-skips-set.out" \
	"the cells were checked alone only"
# The root cell's ivshmem device broken.
f=$(mutant pci-virt)
patch_le "$f" $((OFF_PCI + 24)) 8 0x60000000
run check-pci-virt 1 $B config check "$f"
has check-pci-virt-named "$W/check-pci-virt.out" \
	"error: $f: root_cell.pci_devices[0]: shmem_virt 0x60000000 differs from shmem_phys 0x7dc00000"
f=$(mutant pci-bdf)
patch_le "$f" $((OFF_PCI + 2)) 2 0x9
run check-pci-bdf 1 $B config check "$f"
has check-pci-bdf-named "$W/check-pci-bdf.out" \
	"error: $f: root_cell.pci_devices[0]: bdf 0x9 not bus 0, function 0 (device << 3)"
has check-pci-bdf-summary "$W/check-pci-bdf.out" "1 error, 0 warnings"
run dump-pci-bdf 1 $B config dump "$f"
has dump-pci-bdf-shown "$W/dump-pci-bdf.out" "[0] ivshmem 00:01.1, link 0"
f=$(mutant pci-huge)
patch_le "$f" $((OFF_PCI + 32)) 8 0xfffffffffffff000
run check-pci-huge 1 $B config check "$f"
has check-pci-huge-named "$W/check-pci-huge.out" \
	"root_cell.pci_devices[0]: rw_size 0xfffffffffffff000 not a multiple of 4 KiB up to 1 GiB"
run dump-pci-huge 1 $B config dump "$f"
has dump-pci-huge-total "$W/dump-pci-huge.out" "per peer, total beyond 2^64 bytes"

run check-cpus-option 1 $B config check --cpus 2 $SYS
has check-cpus-option-named "$W/check-cpus-option.out" "unknown CPU 2"
run check-missing-file 1 $B config check "$W/nonexistent.cell"
run check-no-args 2 $B config check
run check-bad-cpus 2 $B config check --cpus many $SYS

# --- config dump ---

run dump-system 0 $B config dump $SYS
for text in "$SYS: $SYS_SIZE bytes, valid" "system config" 'name               "qemu-arm64"' \
	    "CPUs               0-3" "debug_console      PL011 at 0x9000000, size 0x1000" \
	    "gicr_base        0x80a0000" "maintenance_irq  25" \
	    "[2] phys 0x9000000-0x9000fff at virt 0x9000000, size 0x1000 (4 KiB)" \
	    "flags 0xf READ|WRITE|EXECUTE|DMA" "flags 0x13 READ|WRITE|IO" \
	    "[0] GIC at 0x8000000, pins 32-159: INTIDs 32-159" \
	    "[1] GIC at 0x8000000, pins 160-287: INTIDs 160-287" \
	    "pci_mmconfig     0xf000000, size 0x100000" \
	    "pci_mem_base     0xf100000, 32 register BARs of 0x1000" \
	    "num_pci_devices    1" "pci_devices (1):" \
	    "[0] ivshmem 00:00.0, link 0, peer 0 of max 2, irq 240" \
	    "shmem phys 0x7dc00000 at virt 0x7dc00000" \
	    "rw_size 0xf000 (60 KiB), out_size 0xf8000 (992 KiB) per peer, total 0x200000 (2 MiB)"; do
	has "dump-system-shows-${text%% *}" "$W/dump-system.out" "$text"
done
run dump-cell 0 $B config dump $C/hello.cell
for text in "cell config" "cpu_reset_address  0x40000000" "CPUs               3" \
	    "flags 0x23 READ|WRITE|COMM_REGION" "flags 0x47 READ|WRITE|EXECUTE|LOADABLE" \
	    "console            PL011 at 0x9040000" "INTIDs 40" "pci_devices (0):"; do
	has "dump-cell-shows-${text%% *}" "$W/dump-cell.out" "$text"
done
run dump-virtual-console 0 $B config dump $C/rt-control.cell
has dump-virtual-console-named "$W/dump-virtual-console.out" \
	"none, flags 0x1 (VIRTUAL: prints through the hypervisor)"
head -c 400 "$SYS" > "$W/short-arrays.cell"
run dump-invalid 1 $B config dump "$W/short-arrays.cell"
has dump-invalid-finding "$W/dump-invalid.out" "error: $W/short-arrays.cell: file is 400 bytes"
has dump-invalid-marked "$W/dump-invalid.out" "400 bytes, INVALID"
has dump-invalid-header-shown "$W/dump-invalid.out" 'name               "qemu-arm64"'
has dump-invalid-arrays-hidden "$W/dump-invalid.out" "arrays: not shown: they need 512 bytes, the file has 160"
head -c 64 /dev/urandom > "$W/garbage.cell"
run dump-garbage 1 $B config dump "$W/garbage.cell"
has dump-garbage-named "$W/dump-garbage.out" "neither a system nor a cell config"
run dump-no-args 2 $B config dump

# --- config create: device trees ---

qemu_dtb() {
	qemu-system-aarch64 -machine "virt,gic-version=$2,virtualization=on,its=off,dumpdtb=$1" \
		-cpu cortex-a57 -smp 4 -m 1G -nodefaults -display none \
		-serial null -serial null > /dev/null 2>&1
}
qemu_dtb "$W/virt.dtb" 3
qemu_dtb "$W/virt-gicv2.dtb" 2
BH_QEMU_DIR=$W/qemu "$top/ci/qemu.sh" dtb
HARNESS=$W/qemu/bulkhead-virt.dtb

# The harness's device tree: the end-to-end path of the QEMU test.
run create-harness-generates 0 "$top/tests/host/generated-config.sh" \
	"$HARNESS" "$W/gen/qemu-generated.cell"
run create-harness-check 0 $B config check "$W/gen/qemu-generated.cell"
has create-harness-check-clean "$W/create-harness-check.out" "0 errors, 0 warnings"
run create-harness-binary 0 $B config create --dtb "$HARNESS" --name qemu-generated \
	-o "$W/gen/direct.cell"
same create-binary-equals-compiled-c "$W/gen/direct.cell" "$W/gen/qemu-generated.cell"
run create-harness-stdout 0 $B config create --dtb "$HARNESS"
has create-harness-stdout-c "$W/create-harness-stdout.out" "} config = {"
has create-harness-names-hv "$W/gen/qemu-generated.c" "hypervisor memory /reserved-memory/bulkhead-hypervisor@7f800000."
has create-harness-names-disabled "$W/gen/qemu-generated.c" \
	"/* pl011@9040000 (arm,pl011), SPI 40; disabled in the DT */"
has create-harness-merges-virtio "$W/gen/qemu-generated.c" \
	"virtio_mmio@a000000..virtio_mmio@a003e00: 32 x virtio,mmio, SPI 48-79"
run create-harness-cells-fit 0 $B config check "$W/gen/qemu-generated.cell" \
	$C/hello.cell $C/rt-control.cell
run create-harness-rtc-fits 0 $B config check "$W/gen/qemu-generated.cell" $C/rtc.cell

# What the generated config shares with the hand-written one.
$B config dump $SYS > "$W/hand.dump"
$B config dump "$W/gen/qemu-generated.cell" > "$W/generated.dump"
# SPIs of the UARTs, RTC, GPIO and PCIe INTx (interrupt-map), and virtio.
has create-harness-spis "$W/generated.dump" "INTIDs 33-40,48-79"
for field in hypervisor_memory debug_console gic_version gicd_base gicr_base \
	     maintenance_irq "CPUs "; do
	a=$(grep -F -- "$field" "$W/hand.dump")
	b=$(grep -F -- "$field" "$W/generated.dump")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		pass "create-matches-hand-config-${field% }"
	else
		fail "create-matches-hand-config-${field% }" "hand '$a', generated '$b'"
	fi
done
missing=""
while read -r region; do
	grep -qF -- "$region" "$W/generated.dump" || missing="$missing|$region"
done < <(sed -n 's/^ *\[[0-9]*\] \(phys .*\)/\1/p' "$W/hand.dump")
if [ -z "$missing" ]; then
	pass create-has-every-hand-config-region
else
	fail create-has-every-hand-config-region "not generated:$missing"
fi

run create-plain-qemu-dtb 1 $B config create --dtb "$W/virt.dtb"
has create-plain-qemu-dtb-why "$W/create-plain-qemu-dtb.err" \
	"no /reserved-memory/bulkhead-hypervisor@ADDR node"
# A GICv2 is described (test_boards.sh); this tree lacks the hypervisor's node.
run create-gicv2 1 $B config create --dtb "$W/virt-gicv2.dtb"
has create-gicv2-why "$W/create-gicv2.err" "no /reserved-memory/bulkhead-hypervisor@ADDR node"
run create-not-a-dtb 1 $B config create --dtb "$SYS"
has create-not-a-dtb-why "$W/create-not-a-dtb.err" "not a valid flattened device tree"
run create-missing-dtb 1 $B config create --dtb "$W/nonexistent.dtb"
# A version 15 blob on which libfdt 1.6.1's fdt_check_full() crashes
# (found by tests/fuzz/fuzz_fdt.c): refused before libfdt sees it.
for t in "config create" "hardware check"; do
	run "${t% *}-old-dtb-version" 1 $B $t --dtb "$top/tests/fuzz/regress/fdt-v15-check-full-null.fdt"
	has "${t% *}-old-dtb-version-why" "$W/${t% *}-old-dtb-version.err" \
		"not a valid flattened device tree: version 15, older than 17"
done
run create-extra-arg 2 $B config create --dtb "$HARNESS" extra
run create-bad-option 2 $B config create --bogus

# An alias naming itself (serial0 = "serial0") once recursed in libfdt
# until the stack was gone; now no console, and both commands finish.
sed -e 's|serial0 = "[^"]*"|serial0 = "serial0"|' \
	"$top/tests/host/board.dts" > "$W/alias-loop.dts"
dtc -q -I dts -O dtb -o "$W/alias-loop.dtb" "$W/alias-loop.dts"
run alias-loop-create 0 timeout 20 $B config create --dtb "$W/alias-loop.dtb" -o "$W/alias-loop.cell"
has alias-loop-create-no-console "$W/alias-loop-create.err" "/chosen has no stdout-path"
run alias-loop-check 1 timeout 20 $B hardware check --dtb "$W/alias-loop.dtb"

# 40,000 nodes under one bus: one pass, not a parent lookup per node;
# the walk stops at the device limit and create refuses (no partial config).
awk 'BEGIN {
	print "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;";
	print "cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = \"cpu\"; reg = <0>; }; };";
	print "memory@40000000 { device_type = \"memory\"; reg = <0 0x40000000 0 0x40000000>; };";
	print "reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;";
	print "bulkhead-hypervisor@7f800000 { reg = <0 0x7f800000 0 0x800000>; no-map; }; };";
	print "gic: intc@8000000 { compatible = \"arm,gic-v3\"; interrupt-controller; #interrupt-cells = <3>;";
	print "reg = <0 0x8000000 0 0x10000>, <0 0x80a0000 0 0xf60000>; };";
	for (b = 0; b < 40; b++) {
		printf "bus%d { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>;\n", b;
		printf "interrupt-parent = <&gic>; ranges = <0 0 0x%x 0x1000000>;\n", 268435456 + b * 16777216;
		for (i = 0; i < 1000; i++)
			printf "d@%x { reg = <0x%x 0x100>; interrupts = <0 %d 4>; };\n", i * 4096, i * 4096, (b * 1000 + i) % 900;
		print "};";
	}
	print "};" }' > "$W/many.dts"
dtc -q -I dts -O dtb -o "$W/many.dtb" "$W/many.dts"
run many-nodes-create 1 timeout 20 $B config create --dtb "$W/many.dtb" -o "$W/many.cell"
has many-nodes-create-why "$W/many-nodes-create.err" "more than 512 device regions, this tool's limit"
run many-nodes-check 1 timeout 20 $B hardware check --dtb "$W/many.dtb"

# A board with what QEMU's lacks (tests/host/board.dts).
dtc -q -I dts -O dtb -o "$W/board.dtb" "$top/tests/host/board.dts"
run create-board 0 $B config create --dtb "$W/board.dtb" -o "$W/board.c"
has create-board-next-steps "$W/create-board.err" "2. add kvm-arm.mode=none to the kernel command line"
# Its ITS enabled: described, and refused while the validator refuses it.
cp "$W/board.dtb" "$W/board-its.dtb"
fdtput -t s "$W/board-its.dtb" /interrupt-controller@2f000000/its@2f020000 status okay
$B config create --dtb "$W/board-its.dtb" -o "$W/board-its.cell" \
	> /dev/null 2> "$W/create-board-its.err"
if grep -qF "platform.arm64.gits_base 0x2f020000 must be 0" "$W/create-board-its.err" ||
   [ -s "$W/board-its.cell" ]; then
	pass create-board-its
else
	fail create-board-its "$(tail -n 2 "$W/create-board-its.err" | tr '\n' '|')"
fi
has create-board-its-named "$W/create-board-its.err" \
	"its@2f020000 is a GICv3 ITS (Linux's PCIe MSIs go through it): platform.arm64.gits_base 0x2f020000"
run create-board-compiles 0 compile_c "$W/board.c" "$W/board.cell"
run create-board-check 0 $B config check "$W/board.cell"
$B config dump "$W/board.cell" > "$W/board.dump"
has create-board-name "$W/board.dump" 'name               "Test-board--rev--2"'
has create-board-cpus "$W/board.dump" "CPUs               0-1"
has create-board-ram-without-firmware-and-hv "$W/board.dump" \
	"phys 0x80200000-0xbf7fffff at virt 0x80200000"
has create-board-second-memory-node "$W/board.dump" \
	"phys 0x880000000-0x88fffffff at virt 0x880000000"
has create-board-bus-translated "$W/board.dump" "phys 0x1c0a0000-0x1c0a0fff"
has create-board-i2c-controller "$W/board.dump" "phys 0x1c0c0000-0x1c0c0fff"
lacks create-board-no-its "$W/board.dump" "phys 0x2f020000"
lacks create-board-no-i2c-device "$W/board.dump" "phys 0x68-"
has create-board-spis "$W/board.dump" "INTIDs 37-39,132"
has create-board-maintenance-irq "$W/board.dump" "maintenance_irq  25"
has create-board-gicr "$W/board.dump" "gicr_base        0x2f100000"
has create-board-no-console "$W/board.dump" "debug_console      none"
has create-board-console-warning "$W/create-board.err" \
	"warning: the console /soc/serial@90000 (ns16550a) is not a PL011"
# The last irqchip (pin_base 928) reaches the last SPIs.
has create-board-late-spi "$W/board.dump" "pins 928-1055: INTIDs 982"
lacks create-board-late-spi-no-warning "$W/create-board.err" "INTID 982"
has create-board-names-firmware "$W/board.c" \
	"Left out of the root cell: /reserved-memory/firmware@80000000 [0x80000000-0x801fffff] (no-map)."

# --- config check --dtb: what Linux will use, offline ---

# The harness's tree keeps UART1 and the RTC from Linux, not the PL061.
run check-dtb-clean 0 $B config check --dtb "$HARNESS" $SYS $C/rt-control.cell
has check-dtb-clean-summary "$W/check-dtb-clean.out" "0 errors, 0 warnings"
run check-dtb-rtc 0 $B config check --dtb "$HARNESS" $SYS $C/rtc.cell
run check-dtb-gpio 1 $B config check --dtb "$HARNESS" $SYS $C/gpio-demo.cell
has check-dtb-gpio-mmio "$W/check-dtb-gpio.out" \
	"error: $C/gpio-demo.cell: mem_regions[2] [0x9030000-0x9030fff] is MMIO of device tree node pl061@9030000 (arm,pl061), which is enabled"
has check-dtb-gpio-irq "$W/check-dtb-gpio.out" \
	"error: $C/gpio-demo.cell: irqchips[0] INTID 39 is the interrupt of device tree node pl061@9030000, which is enabled"
run check-dtb-ram-cell 0 $B config create-cell --name ram --cpus 3 \
	--mem 16M@0x50000000 --device 0x9000000,0x1000,33 --gicd 0x8000000 \
	-o "$W/ram.cell"
run check-dtb-ram 1 $B config check --dtb "$HARNESS" $SYS "$W/ram.cell"
has check-dtb-ram-named "$W/check-dtb-ram.out" \
	"error: $W/ram.cell: mem_regions[0] [0x50000000-0x50ffffff] is RAM Linux uses (device tree memory@40000000, not reserved no-map)"
has check-dtb-console-named "$W/check-dtb-ram.out" \
	"is MMIO of device tree node pl011@9000000 (arm,pl011), which is enabled"
has check-dtb-console-irq "$W/check-dtb-ram.out" \
	"irqchips[0] INTID 33 is the interrupt of device tree node pl011@9000000, which is enabled"
run check-dtb-unreadable 1 $B config check --dtb "$W/nonexistent.dtb" $SYS

# --- config create-cell ---

# The options that describe the example cells give the same bytes.
run create-cell-hello 0 $B config create-cell --name hello --cpus 3 \
	--mem 16M@0x7b800000 --device 0x9040000,0x1000,40 --console 0x9040000 \
	--system $SYS -o "$W/hello.cell"
same create-cell-reproduces-hello "$W/hello.cell" $C/hello.cell
run create-cell-rt-control 0 $B config create-cell --name rt-control --cpus 2 \
	--mem 16M@0x7ca00000 --console virtual -o "$W/rt-control.c"
run create-cell-rt-control-compiles 0 compile_c "$W/rt-control.c" "$W/rt-control.cell"
same create-cell-reproduces-rt-control "$W/rt-control.cell" $C/rt-control.cell
run create-cell-fits-generated 0 $B config create-cell --name gen --cpus 1 \
	--mem 1M@0x7e000000 --device 0x9010000,4K,34 \
	--system "$W/gen/qemu-generated.cell" -o "$W/gen-cell.cell"
run create-cell-template 0 $B config create-cell --name tmpl --cpus 3 --mem 16M \
	-o "$W/tmpl.c"
has create-cell-template-asks "$W/tmpl.c" '#error "set CELL_RAM_PHYS'
run create-cell-template-stops-build 1 compile_c "$W/tmpl.c" "$W/tmpl.cell"
run create-cell-binary-needs-phys 2 $B config create-cell --name t --cpus 3 \
	--mem 16M -o "$W/t.cell"
run create-cell-irq-needs-gic 2 $B config create-cell --name t --cpus 3 \
	--mem 16M@0x7b800000 --device 0x9040000,0x1000,40
run create-cell-takes-root-cpus 1 $B config create-cell --name t --cpus 0-3 \
	--mem 16M@0x7b800000 --system $SYS -o "$W/t.cell"
has create-cell-takes-root-cpus-why "$W/create-cell-takes-root-cpus.err" \
	"error: $W/t.cell: cpu_set: the root cell would keep no CPU"
if [ -e "$W/t.cell" ]; then
	fail create-cell-error-writes-nothing "$W/t.cell exists"
else
	pass create-cell-error-writes-nothing
fi
run create-cell-long-name 1 $B config create-cell --name abcdefghijklmnopqrstuvwxyz0123456789 \
	--cpus 3 --mem 16M@0x7b800000
has create-cell-long-name-why "$W/create-cell-long-name.err" "name: not NUL-terminated within 32 bytes"
run create-cell-missing-options 2 $B config create-cell --name t
run create-cell-bad-cpus 2 $B config create-cell --name t --cpus 3-1 --mem 1M@0
run create-cell-bad-mem 2 $B config create-cell --name t --cpus 3 --mem lots
run create-cell-bad-device 2 $B config create-cell --name t --cpus 3 --mem 1M@0 \
	--device 0x9040000
run create-cell-bad-console 2 $B config create-cell --name t --cpus 3 --mem 1M@0 \
	--console serial

# --- hardware check (device tree checks; the host itself is no target) ---

run hardware-check-harness-dtb 1 $B hardware check --dtb "$HARNESS"
has hardware-check-gicv3 "$W/hardware-check-harness-dtb.out" "OK       GIC: GICv3 intc@8000000"
has hardware-check-hv-memory "$W/hardware-check-harness-dtb.out" \
	"OK       hypervisor memory: /reserved-memory/bulkhead-hypervisor@7f800000, 8 MiB, no-map"
has hardware-check-cell-memory "$W/hardware-check-harness-dtb.out" \
	"OK       cell memory: /reserved-memory/bulkhead-cells@7b800000, 64 MiB, no-map"
run hardware-check-plain-dtb 1 $B hardware check --dtb "$W/virt.dtb"
has hardware-check-no-hv-memory "$W/hardware-check-plain-dtb.out" \
	"PROBLEM  hypervisor memory: no /reserved-memory/bulkhead-hypervisor@... node"
has hardware-check-fix-line "$W/hardware-check-plain-dtb.out" \
	"fix: add /reserved-memory/bulkhead-hypervisor@ADDR"
run hardware-check-gicv2 1 $B hardware check --dtb "$W/virt-gicv2.dtb"
has hardware-check-gicv2-named "$W/hardware-check-gicv2.out" \
	"OK       GIC: GICv2 intc@8000000 (arm,cortex-a15-gic), distributor at 0x8000000, CPU interface at 0x8010000, GICH at 0x8030000, GICV at 0x8040000"
run hardware-check-not-a-cell 1 $B hardware check --dtb "$HARNESS" "$W/nonexistent.cell"
has hardware-check-not-a-cell-named "$W/hardware-check-not-a-cell.out" \
	"PROBLEM  cell: $W/nonexistent.cell: not a valid cell config"
run hardware-check-cells 1 $B hardware check --dtb "$HARNESS" $C/rtc.cell $C/gpio-demo.cell
has hardware-check-cell-ok "$W/hardware-check-cells.out" \
	"OK       cell: $C/rtc.cell: nothing Linux uses by the device tree"
has hardware-check-cell-device "$W/hardware-check-cells.out" \
	"PROBLEM  cell: $C/gpio-demo.cell: mem_regions[2] [0x9030000-0x9030fff] is MMIO of device tree node pl061@9030000 (arm,pl061), which is enabled"

# --- the CLI: help, exit statuses ---

for cmd in "" enable disable console stats cell "cell create" "cell load" \
	   "cell start" "cell shutdown" "cell destroy" "cell linux" "cell list" "cell stats" \
	   config "config check" "config dump" "config create" \
	   "config create-cell" hardware "hardware check"; do
	name=help-$(echo "${cmd:-bulkhead}" | tr ' ' '-')
	# shellcheck disable=SC2086
	$B $cmd --help > "$W/$name.out" 2> "$W/$name.err"
	rc=$?
	if [ $rc = 0 ] && head -n 1 "$W/$name.out" | grep -q '^Usage: bulkhead' &&
	   [ ! -s "$W/$name.err" ]; then
		pass "$name"
	else
		fail "$name" "'bulkhead $cmd --help' exited $rc: $(head -n 2 "$W/$name.out" "$W/$name.err" | tr '\n' '|')"
	fi
done
run version 0 $B --version
has version-printed "$W/version.out" "bulkhead "

# Usage errors: status 2, the usage on stderr, nothing on stdout.
i=0
while read -r args; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	$B $args > "$W/usage-$i.out" 2> "$W/usage-$i.err"
	rc=$?
	if [ $rc = 2 ] && [ ! -s "$W/usage-$i.out" ] && [ -s "$W/usage-$i.err" ]; then
		pass "usage-error-$(echo "${args:-none}" | tr ' ' '-')"
	else
		fail "usage-error-$(echo "${args:-none}" | tr ' ' '-')" \
			"'bulkhead $args' exited $rc (stdout $(wc -c < "$W/usage-$i.out") bytes)"
	fi
done <<'EOF'

nope
enable
enable a b
disable now
console x
stats x
cell
cell nope
cell create
cell start
cell load x
cell shutdown
config
config nope
config check
config dump a b
config create-cell
hardware
hardware nope
ivshmem
ivshmem nope
ivshmem list x
ivshmem info
ivshmem state
ivshmem ring 0
ivshmem wait
ivshmem wait 0 --timeout
ivshmem read 0
ivshmem read 0 out
ivshmem write 0 rw 0
EOF
run failure-enable-missing-file 1 $B enable "$W/nonexistent.cell"
run failure-cell-list-no-hypervisor 1 $B cell list
run failure-ivshmem-info-no-device 1 $B ivshmem info 0
run usage-ivshmem-state-value 2 $B ivshmem state 0 nope
run usage-ivshmem-wait-timeout 2 $B ivshmem wait 0 --timeout -1

# --- man page ---

groff -man -ww -z "$top/Documentation/bulkhead.1" > "$W/man.lint" 2>&1
if [ -s "$W/man.lint" ]; then
	fail man-page-lints "$(head -n 3 "$W/man.lint" | tr '\n' '|')"
else
	pass man-page-lints
fi
groff -man -Tascii -P-cbou "$top/Documentation/bulkhead.1" > "$W/man.txt" 2>/dev/null
missing=""
for cmd in enable disable console stats "cell create" "cell load" "cell start" \
	   "cell shutdown" "cell destroy" "cell linux" "cell list" "cell stats" "config check" \
	   "config dump" "config create" "config create-cell" "hardware check" \
	   "ivshmem list" "ivshmem info" "ivshmem state" "ivshmem ring" \
	   "ivshmem wait" "ivshmem read" "ivshmem write" "EXIT STATUS"; do
	grep -qF -- "$cmd" "$W/man.txt" || missing="$missing '$cmd'"
done
for cmd in $($B --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	grep -qF -- "$cmd" "$W/man.txt" || missing="$missing '$cmd'"
done
if [ -z "$missing" ]; then
	pass man-page-covers-every-command
else
	fail man-page-covers-every-command "missing:$missing"
fi

# --- bash completion ---

mkdir -p "$W/comp/sub"
touch "$W/comp/a.cell" "$W/comp/b.dtb" "$W/comp/c.txt"
# comp WORD...: what completing the last word offers, one per line.
comp() {
	(cd "$W/comp" && bash -c '
		source "$1"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_bulkhead
		[ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort' \
		comp "$top/tools/bulkhead-completion.bash" "$@")
}
# offers NAME EXPECTED WORD...: completion gives exactly EXPECTED.
offers() {
	local name=$1 want=$2 got
	shift 2
	got=$(comp "$@" | tr '\n' ' ')
	if [ "$got" = "$want" ]; then
		pass "completion-$name"
	else
		fail "completion-$name" "'$*' offers '$got', not '$want'"
	fi
}
reg=$(bash -c 'source "$1"; complete -p bulkhead' comp "$top/tools/bulkhead-completion.bash")
if [ "$reg" = "complete -F _bulkhead bulkhead" ]; then
	pass completion-registered
else
	fail completion-registered "complete -p bulkhead: '$reg'"
fi
offers commands "--help --version cell config console disable enable hardware ivshmem stats " bulkhead ""
offers command-prefix "cell config console " bulkhead c
offers config "--help check create create-cell dump " bulkhead config ""
offers cell "--help create destroy linux list load shutdown start stats " bulkhead cell ""
offers linux-cell-file "a.cell sub " bulkhead cell linux ""
offers linux-options "--dry-run --dtb-at " bulkhead cell linux a.cell Image --d
offers linux-dtb "b.dtb sub " bulkhead cell linux a.cell Image -d ""
offers linux-psci "hvc smc " bulkhead cell linux a.cell Image --psci ""
offers linux-no-pristine "--no-pristine-copy " bulkhead cell linux a.cell Image --no
offers hardware "--help check " bulkhead hardware ""
offers ivshmem "--help info list read ring state wait write " bulkhead ivshmem ""
offers ivshmem-section "out rw " bulkhead ivshmem read 0 ""
offers ivshmem-wait-timeout "--timeout " bulkhead ivshmem wait 0 --t
offers check-files "--cpus --dtb a.cell sub " bulkhead config check ""
offers check-more-files "--cpus --dtb a.cell sub " bulkhead config check a.cell ""
offers check-dtb-file "b.dtb sub " bulkhead config check --dtb ""
offers check-cpus-value "" bulkhead config check --cpus ""
offers dump-file "a.cell sub " bulkhead config dump ""
offers enable-file "a.cell sub " bulkhead enable ""
offers create-options "--dtb " bulkhead config create --d
offers create-dtb "b.dtb sub " bulkhead config create --dtb ""
offers create-output "a.cell b.dtb c.txt sub " bulkhead config create -o ""
offers create-cell-console "none virtual " bulkhead config create-cell --console ""
offers create-cell-options "--console --cpus " bulkhead config create-cell --c
offers create-cell-system "a.cell sub " bulkhead config create-cell --system ""
offers hardware-dtb "b.dtb sub " bulkhead hardware check --dtb ""
offers hardware-check-args "--dtb a.cell sub " bulkhead hardware check ""
offers cell-create-file "a.cell sub " bulkhead cell create ""
offers shutdown-force "--force " bulkhead cell shutdown --f
