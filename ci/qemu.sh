#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# QEMU harness: boots Debian's stock arm64 kernel on QEMU's `virt` board with
# an initramfs holding the artefacts built here, and runs a guest script.
#
#   ci/qemu.sh test NAME [TIMEOUT]  run ci/tests/NAME.sh, log to build/test/,
#                                   print "PASS/FAIL" lines from its markers;
#                                   packs the image first if it is missing
#                                   or older than what `make` built
#   ci/qemu.sh bench NAME [TIMEOUT] run ci/bench/NAME.sh with -icount, log to
#                                   build/bench/ or BH_BENCH_DIR (ci/bench.sh)
#   ci/qemu.sh demo                 run ci/demo.sh with the console on stdout
#   ci/qemu.sh run                  interactive shell (leave: poweroff -f)
#   ci/qemu.sh image                only build the initramfs and device tree
#   ci/qemu.sh dtb                  only build the device tree
#   ci/qemu.sh variant              exit 0 if this harness and the hypervisor
#                                   run the variant the environment asks
#                                   for (BH_GIC, ...), else say why, exit 3
#
# Environment: BH_GIC=2 boots QEMU with a GICv2 (gic-version=2) and the
# GICv2 system config, images in build/qemu-gicv2, logs in
# build/test-gicv2; BH_ICOUNT=1 runs with deterministic virtual time
# (-icount shift=0,sleep=off), as the benchmarks do; BH_QEMU_DIR puts the
# image elsewhere than build/qemu, BH_TEST_DIR the logs elsewhere than
# build/test; BH_CPU=max another CPU model (a test asks for one with a
# "# cpu: MODEL" line, which wins), with Linux kept out of VHE by
# id_aa64mmfr1.vh=0 unless BH_VHE=1 ("# vhe: yes"); BH_CMDLINE adds to the
# kernel command line ("# cmdline: TEXT" in a test adds more);
# BH_MACHINE_OPTS to the -machine options ("# machine: OPTS", e.g.
# mte=on); BH_GIC the GIC version (3 or 2); BH_ROW names the row of
# ci/rows the run belongs to, and prefixes the result lines with it
# ("PASS max/enable/..."). A test's "# dt: TEXT" lines
# are device-tree source added to the shared tree for it alone
# (Documentation/testing.md). A test with a line "# linux-cell: yes" gets
# a Linux cell's kernel and initramfs too (/usr/share/bulkhead/linux/),
# and its "BHUART1: TEXT" lines (lib.sh uart1_type) are typed into UART1,
# each once the cell's shell shows its next prompt.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
cache=$build/cache
# BH_GIC=2: QEMU's GICv2 (with virtualisation extensions) instead of the
# GICv3, for every test (logs in build/test-gicv2); a test with a line
# "# gic: 2" always runs on it. Each GIC has its own image directory (the
# device trees differ), and the guest is told by "bhgic=N" which system
# config to use (ci/init).
case ${BH_GIC:=3} in
2) tdir=${BH_TEST_DIR:-$build/test-gicv2} ;;
3) tdir=${BH_TEST_DIR:-$build/test} ;;
*) echo "qemu.sh: BH_GIC=$BH_GIC: 2 or 3" >&2; exit 2 ;;
esac

# use_gic N: the board, image directory and command line for GIC version N.
use_gic() {
	GIC=$1
	if [ "$GIC" = 2 ]; then
		qdir=${BH_QEMU_DIR:-$build/qemu-gicv2}
		MACHINE="virt,gic-version=2,virtualization=on"
	else
		qdir=${BH_QEMU_DIR:-$build/qemu}
		# its=off: the GICv3 ITS is not handled yet (PLATFORM.md).
		MACHINE="virt,gic-version=3,virtualization=on,its=off"
	fi
	QEMU_BASE=(qemu-system-aarch64 -machine "$MACHINE" -cpu cortex-a57
		   -smp 4 -m 1G -nodefaults -display none -no-reboot)
	CMDLINE="console=ttyAMA0 kvm-arm.mode=none rdinit=/init panic=-1 loglevel=6 bhgic=$GIC"
}
use_gic "$BH_GIC"

# Memory kept from Linux for Bulkhead (see Documentation/memory-layout.md);
# configs/cells/qemu-virt.h must agree.
HV_MEM="0x7f800000 0x00800000"
CELLS_MEM="0x7b800000 0x04000000"

die() { echo "qemu.sh: $*" >&2; exit 1; }

# variant_unsupported: why this harness or the hypervisor cannot run the
# variant the environment asks for (a row of ci/rows); nothing if they can.
variant_unsupported() {
	case ${BH_GIC:-3} in
	2|3) ;;
	*) echo "BH_GIC=$BH_GIC: no such GIC version in this harness" ;;
	esac
}

# QEMU's own device tree, plus /reserved-memory for the hypervisor and the
# cells, and the second UART and the RTC disabled so Linux leaves them to
# cells.
# build_dtb [its]: with "its", the board with the GIC ITS ('# its: on'),
# as bulkhead-virt-its.dt{s,b}.
build_dtb() {
	local sfx=${1:+-$1} machine=$MACHINE
	local dtb=$qdir/virt$sfx.dtb out=$qdir/bulkhead-virt$sfx.dtb
	[ -n "$sfx" ] && machine=${MACHINE/its=off/its=on}
	mkdir -p "$qdir"
	"${QEMU_BASE[@]}" -machine "$machine,dumpdtb=$dtb" \
		-serial null -serial null >/dev/null 2>&1
	{
		dtc -q -I dtb -O dts "$dtb"
		set -- $HV_MEM
		local hv_base=$1 hv_size=$2
		set -- $CELLS_MEM
		cat <<EOF
/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		bulkhead-hypervisor@${hv_base#0x} {
			reg = <0x0 $hv_base 0x0 $hv_size>;
			no-map;
		};
		bulkhead-cells@${1#0x} {
			reg = <0x0 $1 0x0 $2>;
			no-map;
		};
	};
};
&{/pl011@9040000} {
	status = "disabled";
};
&{/pl031@9010000} {
	status = "disabled";
};
EOF
		# GICv2m turns PCIe MSI writes into SPIs of any number: like
		# the GICv3 ITS, not given to the root cell (Linux uses INTx).
		if [ "$GIC" = 2 ]; then
			cat <<EOF
&{/intc@8000000/v2m@8020000} {
	status = "disabled";
};
EOF
		fi
	} > "$qdir/bulkhead-virt$sfx.dts"
	dtc -q -I dts -O dtb -o "$out" "$qdir/bulkhead-virt$sfx.dts"
}

# What a Linux cell boots (Documentation/linux-cells.md): Debian's kernel
# as an Image (its vmlinuz is one, or a gzip of one: decompressed here)
# and a small busybox initramfs, packed as a second cpio archive that the
# tests with "# linux-cell: yes" get behind the shared one (the kernel
# unpacks concatenated archives), so the others do not carry 30 MiB more.
build_linux_cell() {
	local root=$qdir/linux-root cell=$qdir/linux-cell kver
	rm -rf "$root" "$cell"
	mkdir -p "$root"/{bin,proc,sys,dev,tmp,lib/modules} "$cell/usr/share/bulkhead/linux"
	cp "$cache/busybox" "$root/bin/busybox"
	cp "$top/ci/linux-cell-init" "$root/init"
	chmod +x "$root/init"
	kver=$(cat "$cache/abi")-arm64
	# uio_pci_generic for the ivshmem device: stock drivers, no Bulkhead code.
	cp "$cache/arm64/lib/modules/$kver/kernel/drivers/uio/uio.ko" \
	   "$cache/arm64/lib/modules/$kver/kernel/drivers/uio/uio_pci_generic.ko" \
	   "$root/lib/modules/" 2>/dev/null || true
	# The cell's side of the ivshmem demo, on those stock drivers.
	mkdir -p "$root/usr/bin"
	cp "$top/tools/ivshmem-demo-uio" "$root/usr/bin/"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) \
		> "$cell/usr/share/bulkhead/linux/initramfs.cpio.gz"
	if [ "$(head -c 2 "$cache/vmlinuz" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
		zcat "$cache/vmlinuz" > "$cell/usr/share/bulkhead/linux/Image"
	else
		cp "$cache/vmlinuz" "$cell/usr/share/bulkhead/linux/Image"
	fi
	(cd "$cell" && find . | cpio -o -H newc --quiet | gzip -1) > "$qdir/linux-cell.cpio.gz"
	cat "$qdir/initramfs.cpio.gz" "$qdir/linux-cell.cpio.gz" > "$qdir/initramfs-linux.cpio.gz"
}

# One initramfs for every test: the script to run is chosen at boot.
build_initramfs() {
	local root=$qdir/rootfs
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib/firmware,lib/bulkhead} \
		"$root"/{etc/bulkhead,usr/share/bulkhead/inmates,tests,proc,sys,dev,tmp}
	cp "$cache/busybox" "$root/bin/busybox"
	cp "$top/ci/init" "$root/init"
	chmod +x "$root/init"
	cp "$top/driver/bulkhead.ko" "$root/lib/bulkhead/"
	# For '# its: on' tests: the stock virtio-rng over PCI (MSI-X).
	local kmod=$cache/arm64/lib/modules/$(cat "$cache/abi")-arm64/kernel/drivers
	cp "$kmod"/virtio/virtio_pci_legacy_dev.ko "$kmod"/virtio/virtio_pci_modern_dev.ko \
	   "$kmod"/virtio/virtio_pci.ko "$kmod"/char/hw_random/virtio-rng.ko \
	   "$root/lib/bulkhead/"
	cp "$top/hypervisor/bulkhead.bin" "$root/lib/firmware/"
	cp "$top/tools/bulkhead" "$root/usr/sbin/"
	cp "$top/tools/ivshmem-demo" "$top/tools/rt-samples" "$root/usr/sbin/"
	cp "$top/tests/guest/ioctl-fuzz" "$top/tests/guest/pmu-count" \
	   "$top/tests/guest/root-features" "$root/usr/bin/"
	cp "$top"/configs/cells/*.cell "$root/etc/bulkhead/"
	cp "$qdir"/generated/*.cell "$root/etc/bulkhead/" 2>/dev/null || true
	cp "$top"/inmates/demos/*.bin "$root/usr/share/bulkhead/inmates/"
	cp "$top"/inmates/tests/*.bin "$root/usr/share/bulkhead/inmates/"
	cp "$top"/ci/tests/*.sh "$top/ci/demo.sh" "$root/tests/"
	mkdir -p "$root/tests/bench"
	cp "$top"/ci/bench/*.sh "$root/tests/bench/"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$qdir/initramfs.cpio.gz"
}

build_image() {
	local f
	for f in driver/bulkhead.ko hypervisor/bulkhead.bin tools/bulkhead \
		 configs/cells/qemu-arm64.cell; do
		[ -e "$top/$f" ] || die "$f missing: run 'make' first"
	done
	build_dtb
	build_dtb its
	# What `bulkhead config create` makes of it (ci/tests/config-tools.sh).
	rm -rf "$qdir/generated"
	"$top/tests/host/generated-config.sh" "$qdir/bulkhead-virt.dtb" \
		"$qdir/generated/qemu-generated.cell" ||
		echo "qemu.sh: no config generated from the device tree" >&2
	build_initramfs
	build_linux_cell
}

# image_stale: the image is missing, or older than something it holds
# (`make` first builds the artefacts; this only packs them).
image_stale() {
	local img=$qdir/initramfs.cpio.gz f
	[ -e "$img" ] && [ -e "$qdir/bulkhead-virt-its.dtb" ] &&
		[ -e "$qdir/initramfs-linux.cpio.gz" ] || return 0
	for f in driver/bulkhead.ko hypervisor/bulkhead.bin tools/bulkhead \
		 tools/ivshmem-demo tools/ivshmem-demo-uio tools/rt-samples \
		 tests/guest/ioctl-fuzz tests/guest/pmu-count \
		 tests/guest/root-features \
		 ci/init ci/qemu.sh ci/linux-cell-init; do
		[ "$top/$f" -nt "$img" ] && return 0
	done
	for f in "$top"/configs/cells/*.cell "$top"/inmates/demos/*.bin \
		 "$top"/inmates/tests/*.bin "$top"/ci/tests/*.sh "$top"/ci/bench/*.sh; do
		[ "$f" -nt "$img" ] && return 0
	done
	return 1
}

# test_dtb NAME [SCRIPT [BASE [DIR]]]: the device tree of test NAME (or
# of SCRIPT, a benchmark or the demo): the shared one (BASE, its source),
# plus the script's own "# dt: TEXT" lines (device-tree source appended
# to it, e.g. "# dt: &{/pl061@9030000} { status = \"disabled\"; };"),
# compiled into DIR.
test_dtb() {
	local name=$1 script=${2:-$top/ci/tests/$1.sh}
	local base=${3:-} dir=${4:-$tdir}
	# '# its: on' tests start from the board with the ITS.
	if [ -z "$base" ]; then
		base=$qdir/bulkhead-virt.dts
		test_has_its "$name" && base=$qdir/bulkhead-virt-its.dts
	fi
	local frag=$dir/$name.dt.dts
	if ! grep -q '^# dt: ' "$script" 2>/dev/null; then
		echo "${base%.dts}.dtb"
		return
	fi
	mkdir -p "$dir"
	{
		cat "$base"
		sed -n 's/^# dt: //p' "$script"
	} > "$frag"
	dtc -q -I dts -O dtb -o "$dir/$name.dtb" "$frag" ||
		die "$script: its '# dt:' lines do not compile (see $frag)"
	echo "$dir/$name.dtb"
}

# linux_initrd SCRIPT: the initramfs for SCRIPT: with the Linux cell's
# kernel and initramfs if it says "# linux-cell: yes".
linux_initrd() {
	if grep -q '^# linux-cell: *yes' "$1"; then
		echo "$qdir/initramfs-linux.cpio.gz"
	else
		echo "$qdir/initramfs.cpio.gz"
	fi
}

# "# its: on": the board has the GIC ITS, and a virtio-rng-pci device
# whose MSI-X interrupts Linux routes through it.
test_has_its() {
	grep -q '^# its: *on' "$top/ci/tests/$1.sh" 2>/dev/null
}

qemu_args() {
	local what=$1
	local args=("${QEMU_BASE[@]}" -kernel "$cache/vmlinuz"
		    -initrd "${BH_INITRD:-$qdir/initramfs.cpio.gz}"
		    -dtb "${BH_DTB:-$qdir/bulkhead-virt.dtb}")
	# BH_CPU=max: QEMU's newest CPU (SVE, SME, pointer authentication,
	# MTE with BH_MACHINE_OPTS=mte=on, RAS). With VHE the kernel would run
	# at EL2 and leave no room for Bulkhead (PLATFORM.md): keep it at EL1
	# unless BH_VHE=1 asks for exactly that (vhe-refused.sh).
	local cmdline="$CMDLINE${BH_CMDLINE:+ $BH_CMDLINE}"
	if [ -n "${BH_CPU:-}" ]; then
		args=("${args[@]/#cortex-a57/$BH_CPU}")
		[ "${BH_VHE:-0}" = 1 ] || cmdline+=" id_aa64mmfr1.vh=0"
	fi
	[ -n "${BH_MACHINE_OPTS:-}" ] &&
		args=("${args[@]/#$MACHINE/$MACHINE,$BH_MACHINE_OPTS}")
	args+=(-append "$cmdline bhtest=$what")
	[ "${BH_ICOUNT:-0}" = 1 ] && args+=(-icount shift=0,sleep=off)
	if [ "${BH_ITS:-0}" = 1 ]; then
		args=("${args[@]/%its=off/its=on}")
		args+=(-device virtio-rng-pci)
	fi
	# Extra QEMU options for debugging, e.g. BH_QEMU_EXTRA="-d int -D log".
	[ -n "${BH_QEMU_EXTRA:-}" ] && args+=($BH_QEMU_EXTRA)
	printf '%s\n' "${args[@]}"
}

# record_of LOG: the markers of ci/init's record in LOG, then its END line
# ("BHTEST: END NAME rc=N"); fails unless the record is there and whole.
record_of() {
	tr -d '\r' < "$1" | awk '
		$0 == "BHTEST: RECORD BEGIN" { on = 1; n = 0; next }
		on && $1 == "BHTEST:" && $2 == "RECORD" && $3 == "END" {
			on = 0
			if (n == $4) { done = 1; end = "BHTEST: END " $5 " " $6 }
			next
		}
		on { line[++n] = $0 }
		END {
			if (!done)
				exit 1
			for (i = 1; i <= n; i++)
				print line[i]
			print end
		}'
}

# uart1_type SOCKET LOG N TEXT: types TEXT and a return into UART1 once
# LOG shows the Linux cell's shell prompt N times (or after 300 s).
uart1_type() {
	python3 - "$@" <<'PY' || true
import socket, sys, time
sock, log, n, text = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
end = time.time() + 300
while time.time() < end:
    try:
        if open(log, 'rb').read().count(b'bhcell$ ') >= n:
            break
    except OSError:
        pass
    time.sleep(0.2)
def logged():
    try:
        return len(open(log, 'rb').read())
    except OSError:
        return 0
# Open until the cell has echoed as many bytes as were typed: QEMU takes
# from the socket only what the PL011's 16-byte FIFO has room for, and
# drops the rest when the socket closes (a busy host slows the cell).
before = logged()
s = socket.socket(socket.AF_UNIX)
s.connect(sock)
s.sendall(text.encode() + b'\r')
end = time.time() + 120
while logged() - before <= len(text) and time.time() < end:
    time.sleep(0.2)
time.sleep(0.2)
s.close()
PY
}

# test_header NAME KEY: the value of test NAME's first "# KEY: VALUE" line.
test_header() {
	sed -n "s/^# $2: *//p" "$top/ci/tests/$1.sh" | head -n 1
}

run_test() {
	local name=$1 limit=${2:-120}
	local log=$tdir/$name.log uart1=$tdir/$name.uart1.log
	[ -f "$top/ci/tests/$name.sh" ] || die "no test ci/tests/$name.sh"
	mkdir -p "$tdir"
	rm -f "$log" "$uart1"
	local -a args
	# A test's own header lines win over (cpu) or add to (cmdline,
	# machine) the row's settings in the environment: "# cpu: MODEL"
	# runs it on another CPU model, "# vhe: yes" lets Linux use VHE on
	# it, "# cmdline: TEXT" adds to the kernel command line, "# machine:
	# OPTS" to -machine.
	local cpu vhe dtb extra mopts
	cpu=$(test_header "$name" cpu)
	cpu=${cpu:-${BH_CPU:-}}
	vhe=${BH_VHE:-0}
	[ "$(test_header "$name" vhe)" = yes ] && vhe=1
	extra=$(test_header "$name" cmdline)
	extra="${BH_CMDLINE:-}${BH_CMDLINE:+${extra:+ }}$extra"
	mopts=$(test_header "$name" machine)
	mopts="${BH_MACHINE_OPTS:-}${BH_MACHINE_OPTS:+${mopts:+,}}$mopts"
	# "# gic: 2": the test is about the GICv2 (ci/tests/attack-gicv2.sh).
	local gic
	gic=$(test_header "$name" gic)
	[ -n "$gic" ] && use_gic "$gic"
	# BH_NO_REPACK=1 (ci/run-tests.sh, which packs each row's image once
	# before its QEMUs start): never repack under a QEMU running from it.
	if [ "${BH_NO_REPACK:-0}" != 1 ] && image_stale; then
		echo "qemu.sh: building the image (ci/qemu.sh image)" >&2
		build_image
	fi
	dtb=$(test_dtb "$name")
	# "# linux-cell: yes": the Linux cell's kernel and initramfs too.
	local initrd
	initrd=$(linux_initrd "$top/ci/tests/$name.sh")
	local its=0
	test_has_its "$name" && its=1
	mapfile -t args < <(BH_CPU=$cpu BH_VHE=$vhe BH_DTB=$dtb BH_CMDLINE=$extra \
			    BH_MACHINE_OPTS=$mopts BH_INITRD=$initrd BH_ITS=$its \
			    qemu_args "$name")
	local rc=0 start=$SECONDS mon=$tdir/$name.monitor watcher
	# The guest's "BHHOST: CMD" lines (lib.sh host_command) go to QEMU's
	# monitor: what only the host can do. Only the commands the tests use:
	# anything may print on UART0 (a cell, interleaved with Linux), and
	# the monitor can run programs on the host.
	# UART1 is a socket (logged to its file) so that "BHUART1: TEXT"
	# lines can be typed into a Linux cell's console, each after the
	# cell's shell shows one more prompt than lines were typed so far.
	local u1sock=$tdir/$name.uart1.sock
	rm -f "$mon" "$u1sock"
	: > "$log"
	(typed=0
	tail -n +1 -F "$log" 2>/dev/null |
		grep --line-buffered -a '^BHHOST: \|^BHUART1: ' |
		while read -r kind cmd; do
			cmd=${cmd%$'\r'}
			if [ "$kind" = BHUART1: ]; then
				typed=$((typed + 1))
				uart1_type "$u1sock" "$uart1" "$typed" "$cmd"
				continue
			fi
			case $cmd in
			system_powerdown) ;;
			*) continue ;;
			esac
			python3 - "$mon" "$cmd" <<'PY' || true
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(2)
try:
    s.recv(4096)
    s.sendall(sys.argv[2].encode() + b"\n")
    time.sleep(0.2)
    s.recv(4096)
except OSError:
    pass
PY
		done) 2>/dev/null &
	watcher=$!
	timeout --foreground -k 5 "$limit" "${args[@]}" \
		-monitor "unix:$mon,server=on,wait=off" \
		-serial "file:$log" \
		-chardev "socket,id=uart1,path=$u1sock,server=on,wait=off,logfile=$uart1" \
		-serial chardev:uart1 </dev/null || rc=$?
	rm -f "$u1sock"
	pkill -P $watcher 2>/dev/null || true
	{ kill $watcher && wait $watcher; } 2>/dev/null || true
	local took=$((SECONDS - start))
	# The guest's markers become the harness's result lines: from the
	# record ci/init prints at the end if it arrived whole (as many lines
	# as it says), else as they came, where the hypervisor's output may
	# have garbled one.
	# The result lines name the row (BH_ROW) unless it is the default one.
	local id=$name
	[ -n "${BH_ROW:-}" ] && [ "$BH_ROW" != default ] && id=$BH_ROW/$name
	local marks=$tdir/$name.marks
	if ! record_of "$log" > "$marks"; then
		tr -d '\r' < "$log" |
			grep -a '^BHTEST: \(PASS\|FAIL\)\|^BHSTAT: \|^BHTEST: END ' > "$marks"
	fi
	grep -a '^BHTEST: \(PASS\|FAIL\)' "$marks" | sed "s|^BHTEST: \([A-Z]*\) |\1 $id/|" || true
	# Counts for the suite's summary (ci/run-tests.sh): "STAT NAME KEY VALUE".
	grep -a '^BHSTAT: ' "$marks" | sed "s|^BHSTAT: |STAT $id |" || true
	# "# expect-uart1: NAME REGEX" lines: what a cell printed on the
	# second UART, which only the host sees.
	local ename eregex
	while read -r ename eregex; do
		if grep -aqE -- "$eregex" "$uart1"; then
			echo "PASS $id/uart1-$ename"
		else
			echo "FAIL $id/uart1-$ename: /$eregex/ not in ${uart1#"$top"/}: $(tail -n 3 "$uart1" | tr '\n' '|')"
		fi
	done < <(sed -n 's/^# expect-uart1: *//p' "$top/ci/tests/$name.sh")
	if ! grep -aq "^BHTEST: END $name" "$marks"; then
		if [ $rc = 124 ]; then
			echo "FAIL $id/complete: timed out after ${limit}s"
		else
			echo "FAIL $id/complete: guest stopped before the end (qemu rc=$rc)"
		fi
	else
		echo "PASS $id/complete (${took}s)"
	fi
}

case "${1:-}" in
variant)
	why=$(variant_unsupported)
	[ -z "$why" ] || { echo "$why"; exit 3; }
	exit 0
	;;
esac
why=$(variant_unsupported)
[ -z "$why" ] || die "$why"

case "${1:-}" in
image)
	build_image
	;;
dtb)
	build_dtb
	;;
test)
	[ $# -ge 2 ] || die "usage: qemu.sh test NAME [TIMEOUT]"
	run_test "$2" "${3:-120}"
	;;
bench)
	[ -f "$top/ci/bench/${2:-}.sh" ] || die "usage: qemu.sh bench NAME [TIMEOUT]"
	bdir=${BH_BENCH_DIR:-$build/bench}
	mkdir -p "$bdir"
	# The benchmarks' own tree: bench.sh fixed its seeds (bench.dts).
	base=$qdir/bulkhead-virt.dts
	[ -f "$qdir/bench.dts" ] && base=$qdir/bench.dts
	dtb=$(test_dtb "bench-$2" "$top/ci/bench/$2.sh" "$base" "$bdir")
	mapfile -t args < <(BH_ICOUNT=1 BH_DTB=$dtb \
			    BH_INITRD=$(linux_initrd "$top/ci/bench/$2.sh") \
			    qemu_args "bench/$2")
	exec timeout --foreground -k 5 "${3:-600}" "${args[@]}" </dev/null \
		-serial "file:$bdir/$2.log" -serial "file:$bdir/$2.uart1.log"
	;;
demo)
	build_image
	mapfile -t args < <(BH_DTB=$(test_dtb demo "$top/ci/demo.sh") \
			    BH_INITRD=$(linux_initrd "$top/ci/demo.sh") \
			    qemu_args demo)
	# Both UARTs on the terminal: the cells' output shows beside Linux's.
	exec timeout --foreground 600 "${args[@]}" -chardev stdio,id=con,mux=on \
		-serial chardev:con -serial chardev:con
	;;
run)
	build_image
	mapfile -t args < <(qemu_args shell)
	echo "QEMU: Ctrl-A X quits; the second UART goes to $qdir/run.uart1.log"
	exec "${args[@]}" -serial mon:stdio -serial "file:$qdir/run.uart1.log"
	;;
*)
	sed -n '4,40s/^# \{0,1\}//p' "$0"
	exit 2
	;;
esac
