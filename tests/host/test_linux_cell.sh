#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host tests of `bulkhead cell linux --dry-run` (tools/bulkhead-host): the
# arm64 Image header checks, the layout of kernel, device tree and initrd
# in a cell's loadable RAM with its errors, and the device tree made from a
# cell config, read back with dtc. One "PASS tools/linux-NAME" or
# "FAIL tools/linux-NAME: why" line per check. Scratch: build/test-host-linux/.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/tools/bulkhead-host
C=$top/configs/cells
W=$top/build/test-host-linux
SYS=$C/qemu-arm64.cell

rm -rf "$W"
mkdir -p "$W"

pass() { echo "PASS tools/linux-$1"; }
fail() { local n=$1; shift; echo "FAIL tools/linux-$n: $*"; }

# run NAME RC CMD...: CMD exits with RC (output in $W/NAME.out, .err).
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

# image FILE TEXT_OFFSET IMAGE_SIZE FLAGS [MAGIC] [FILE_SIZE]: a made-up
# arm64 Image: the 64-byte header of booting.rst, then zeroes.
image() {
	python3 - "$@" <<'PY'
import struct, sys
path, toff, isize, flags = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3], 0), int(sys.argv[4], 0)
magic = int(sys.argv[5], 0) if len(sys.argv) > 5 else 0x644d5241
fsize = int(sys.argv[6], 0) if len(sys.argv) > 6 else 0x10000
hdr = struct.pack('<IIQQQQQQII', 0x14000010, 0, toff, isize, flags, 0, 0, 0, magic, 0)
open(path, 'wb').write(hdr + bytes(fsize - len(hdr)))
PY
}

# The harness's device tree (UART1 disabled for root, as on the target).
BH_QEMU_DIR=$W/qemu "$top/ci/qemu.sh" dtb || fail qemu-dtb "ci/qemu.sh dtb failed"
SDTB=$W/qemu/bulkhead-virt.dtb
# A 128 MiB cell on CPUs 2-3 with UART1, and the kernel of the test image.
$B config create-cell --name lx --cpus 2-3 --mem 128M@0x70000000 \
	--device 0x9040000,0x1000,40 --console 0x9040000 --gicd 0x8000000 \
	-o "$W/lx.cell" > /dev/null || fail create-cell "config create-cell failed"
CELL=$W/lx.cell
image "$W/Image" 0 0x2010000 0xa
printf 'initramfs' > "$W/initrd"
L=(cell linux --system-dtb "$SDTB" -n)

run help 0 $B cell linux --help
has help-text "$W/help.out" "Usage: bulkhead cell linux CELL.cell Image"
run no-args 2 $B cell linux
run bad-psci 2 $B "${L[@]}" --psci xyz "$CELL" "$W/Image"

# --- the layout ---
run layout 0 $B "${L[@]}" "$CELL" "$W/Image" -i "$W/initrd" -c "console=ttyAMA0 quiet" -w "$W/lx.dtb"
has layout-kernel "$W/layout.out" "kernel       0x040000000-0x04200ffff"
has layout-dtb "$W/layout.out" "device tree  0x042010000-"
has layout-initrd "$W/layout.out" "initrd       0x042011000-0x042011008"
# The pristine copy for reboot at the top (stub page, kernel file, tree,
# initrd, each page aligned), its stub the entry, reserved in the tree.
has layout-pristine "$W/layout.out" "pristine     0x047fed000-0x047ffffff"
has layout-entry "$W/layout.out" "entry        0x047fed000"
run no-pristine 0 $B "${L[@]}" "$CELL" "$W/Image" -i "$W/initrd" --no-pristine-copy
has no-pristine-entry "$W/no-pristine.out" "entry        0x040000000"
if grep -q pristine "$W/no-pristine.out"; then
	fail no-pristine-none "a pristine copy despite --no-pristine-copy"
else
	pass no-pristine-none
fi
image "$W/Image-toff" 0x80000 0x1000000 0xa
run text-offset 0 $B "${L[@]}" "$CELL" "$W/Image-toff" --no-pristine-copy
has text-offset-entry "$W/text-offset.out" "entry        0x040080000"
run kernel-at 0 $B "${L[@]}" "$CELL" "$W/Image" --kernel-at 0x44000000 --no-pristine-copy
has kernel-at-entry "$W/kernel-at.out" "entry        0x044000000"
has kernel-at-dtb-first "$W/kernel-at.out" "device tree  0x040000000-"

# --- errors, each before anything changes ---
run too-small 1 $B "${L[@]}" "$C/ivshmem-demo.cell" "$W/Image" -s "$SYS" --no-pristine-copy
has too-small-why "$W/too-small.err" "no room for the kernel (32832 KiB, image_size from a 2 MiB aligned base) in the cell's loadable RAM (0x40000000-0x40ffffff)"
run overlap 1 $B "${L[@]}" "$CELL" "$W/Image" -i "$W/initrd" --kernel-at 0x40000000 --initrd-at 0x41000000
has overlap-why "$W/overlap.err" "initrd [0x41000000-0x41000008] overlaps the kernel [0x40000000-0x4200ffff]"
run unaligned 1 $B "${L[@]}" "$CELL" "$W/Image" --kernel-at 0x40100000
has unaligned-why "$W/unaligned.err" "kernel address 0x40100000 is not 2097152-byte aligned"
run outside 1 $B "${L[@]}" "$CELL" "$W/Image" --dtb-at 0x80000000 --no-pristine-copy
has outside-why "$W/outside.err" "device tree [0x80000000-"
has outside-why2 "$W/outside.err" "does not fit the cell's loadable RAM (0x40000000-0x47ffffff)"
# A 32 MiB kernel file in 48 MiB: it fits alone, not beside its copy.
$B config create-cell --name lx48 --cpus 3 --mem 48M@0x70000000 --gicd 0x8000000 \
	-o "$W/lx48.cell" > /dev/null
image "$W/Image-big" 0 0x2010000 0xa 0x644d5241 0x2000000
run pristine-no-room 1 $B "${L[@]}" "$W/lx48.cell" "$W/Image-big"
has pristine-no-room-why "$W/pristine-no-room.err" "the pristine copy for reboot takes 32776 KiB at the top of the RAM: --no-pristine-copy boots without it"
run pristine-off-fits 0 $B "${L[@]}" "$W/lx48.cell" "$W/Image-big" --no-pristine-copy
gzip -c "$W/Image" > "$W/Image.gz"
run gzip 1 $B "${L[@]}" "$CELL" "$W/Image.gz"
has gzip-why "$W/gzip.err" "gzip-compressed, not an Image"
run not-image 1 $B "${L[@]}" "$CELL" "$SYS"
has not-image-why "$W/not-image.err" "not an arm64 Image: no \"ARM\\x64\" magic at offset 56"
head -c 40 "$W/Image" > "$W/Image-short"
run short 1 $B "${L[@]}" "$CELL" "$W/Image-short"
has short-why "$W/short.err" "40 bytes, shorter than the 64-byte arm64 Image header"
image "$W/Image-be" 0 0x2010000 0xb
run big-endian 1 $B "${L[@]}" "$CELL" "$W/Image-be"
has big-endian-why "$W/big-endian.err" "a big-endian kernel"
image "$W/Image-old" 0x80000 0 0
run pre-3.17 1 $B "${L[@]}" "$CELL" "$W/Image-old"
has pre-3.17-why "$W/pre-3.17.err" "image_size is 0 (a kernel older than 3.17)"
image "$W/Image-lies" 0 0x1000 0xa 0x644d5241 0x10000
run size-lies 1 $B "${L[@]}" "$CELL" "$W/Image-lies"
has size-lies-why "$W/size-lies.err" "image_size 0x1000 is smaller than the file (0x10000 bytes)"
run ivshmem-needs-system 1 $B "${L[@]}" "$C/ivshmem-demo.cell" "$W/Image-toff"
has ivshmem-needs-system-why "$W/ivshmem-needs-system.err" "the system config is needed for the PCI windows (-s SYSTEM.cell)"
run not-a-cell 1 $B "${L[@]}" "$SYS" "$W/Image"
run missing-image 1 $B "${L[@]}" "$CELL" "$W/nonexistent"

# --- the device tree made from the config ---
if dtc -q -I dtb -O dts -o "$W/lx.dts" "$W/lx.dtb"; then
	pass dtb-valid
else
	fail dtb-valid "dtc cannot read $W/lx.dtb"
fi
has dtb-memory "$W/lx.dts" "reg = <0x00 0x40000000 0x00 0x8000000>;"
has dtb-cpu2 "$W/lx.dts" "cpu@2 {"
has dtb-cpu3 "$W/lx.dts" "cpu@3 {"
has dtb-psci "$W/lx.dts" 'method = "smc";'
has dtb-enable-method "$W/lx.dts" 'enable-method = "psci";'
# GICD, then CPUs 2 and 3's redistributors only (0x80a0000 + 2 * 128 KiB).
has dtb-gic "$W/lx.dts" "reg = <0x00 0x8000000 0x00 0x10000 0x00 0x80e0000 0x00 0x40000>;"
has dtb-timer "$W/lx.dts" 'compatible = "arm,armv8-timer";'
has dtb-uart "$W/lx.dts" "pl011@9040000 {"
has dtb-uart-okay "$W/lx.dts" 'status = "okay";'
has dtb-uart-clock "$W/lx.dts" 'compatible = "fixed-clock";'
has dtb-stdout "$W/lx.dts" 'stdout-path = "/pl011@9040000";'
has dtb-bootargs "$W/lx.dts" 'bootargs = "console=ttyAMA0 quiet";'
has dtb-initrd "$W/lx.dts" "linux,initrd-start = <0x00 0x42011000>;"
has dtb-initrd-end "$W/lx.dts" "linux,initrd-end = <0x00 0x42011009>;"
has dtb-memreserve "$W/lx.dts" "/memreserve/	0x0000000047fed000 0x0000000000013000;"
if grep -q "pl011@9000000\|pl031\|virtio\|fw-cfg\|0x7b800000" "$W/lx.dts"; then
	fail dtb-only-its-own "devices or memory not the cell's in $W/lx.dts"
else
	pass dtb-only-its-own
fi
# One CPU apart from another: two redistributor regions.
$B config create-cell --name lx13 --cpus 1,3 --mem 128M@0x70000000 --gicd 0x8000000 \
	-o "$W/lx13.cell" > /dev/null
run split-cpus 0 $B "${L[@]}" --psci hvc "$W/lx13.cell" "$W/Image" -w "$W/lx13.dtb"
dtc -q -I dtb -O dts -o "$W/lx13.dts" "$W/lx13.dtb"
has split-cpus-gic "$W/lx13.dts" "#redistributor-regions = <0x02>;"
has split-cpus-frames "$W/lx13.dts" "0x00 0x80c0000 0x00 0x20000 0x00 0x8100000 0x00 0x20000>;"
has split-cpus-hvc "$W/lx13.dts" 'method = "hvc";'
# ivshmem: the virtual PCI host bridge with the device's INTA on its SPI.
image "$W/Image-small" 0 0x400000 0xa
run ivshmem 0 $B "${L[@]}" "$C/ivshmem-demo.cell" "$W/Image-small" -s "$SYS" -w "$W/iv.dtb"
dtc -q -I dtb -O dts -o "$W/iv.dts" "$W/iv.dtb"
has ivshmem-host "$W/iv.dts" "pci@f000000 {"
has ivshmem-ecam "$W/iv.dts" 'compatible = "pci-host-ecam-generic";'
has ivshmem-intx "$W/iv.dts" "interrupt-map = <0x00 0x00 0x00 0x01 0x01 0x00 0x00 0x00 0xd1 0x01>;"
has ivshmem-window "$W/iv.dts" "ranges = <0x2000000 0x00 0xf100000 0x00 0xf100000 0x00 0x20000>;"
has ivshmem-probe-only "$W/iv.dts" "linux,pci-probe-only = <0x01>;"
# A user's tree: used as it is, /chosen filled in.
dtc -q -I dts -O dtb -o "$W/user.dtb" - <<'DTS'
/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>; model = "users-own"; };
DTS
run user-dtb 0 $B "${L[@]}" "$CELL" "$W/Image" -d "$W/user.dtb" -c "root=/dev/ram" -i "$W/initrd" -w "$W/user-out.dtb"
dtc -q -I dtb -O dts -o "$W/user-out.dts" "$W/user-out.dtb"
has user-dtb-kept "$W/user-out.dts" 'model = "users-own";'
has user-dtb-bootargs "$W/user-out.dts" 'bootargs = "root=/dev/ram";'
has user-dtb-initrd "$W/user-out.dts" "linux,initrd-start"
has user-dtb-memreserve "$W/user-out.dts" "/memreserve/"
run user-dtb-bad 1 $B "${L[@]}" "$CELL" "$W/Image" -d "$W/initrd"
has user-dtb-bad-why "$W/user-dtb-bad.err" "not a valid flattened device tree"
# The stock kernel of the test image, if the cache has it.
if [ -e "$top/build/cache/vmlinuz" ]; then
	run stock-kernel 0 $B "${L[@]}" "$CELL" "$top/build/cache/vmlinuz"
fi
