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
#                                   build/bench/ (ci/bench.sh, `make bench`)
#   ci/qemu.sh demo                 run ci/demo.sh with the console on stdout
#   ci/qemu.sh run                  interactive shell (leave: poweroff -f)
#   ci/qemu.sh image                only build the initramfs and device tree
#   ci/qemu.sh dtb                  only build the device tree
#
# Environment: BH_ICOUNT=1 runs with deterministic virtual time
# (-icount shift=0,sleep=off), as the benchmarks do; BH_QEMU_DIR puts the
# image elsewhere than build/qemu; BH_CPU=max another CPU model (a test
# asks for one with a "# cpu: MODEL" line); BH_CMDLINE adds to the kernel
# command line ("# cmdline: TEXT" in a test). A test's "# dt: TEXT" lines
# are device-tree source added to the shared tree for it alone
# (Documentation/testing.md). A test with a line "# linux-cell: yes" gets
# a Linux cell's kernel and initramfs too (/usr/share/bulkhead/linux/),
# and its "BHUART1: TEXT" lines (lib.sh uart1_type) are typed into UART1,
# each once the cell's shell shows its next prompt.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
cache=$build/cache
qdir=${BH_QEMU_DIR:-$build/qemu}
tdir=$build/test

MACHINE="virt,gic-version=3,virtualization=on,its=off"
QEMU_BASE=(qemu-system-aarch64 -machine "$MACHINE" -cpu cortex-a57 -smp 4
	   -m 1G -nodefaults -display none -no-reboot)
CMDLINE="console=ttyAMA0 kvm-arm.mode=none rdinit=/init panic=-1 loglevel=6"

# Memory kept from Linux for Bulkhead (see Documentation/memory-layout.md);
# configs/cells/qemu-virt.h must agree.
HV_MEM="0x7f800000 0x00800000"
CELLS_MEM="0x7b800000 0x04000000"

die() { echo "qemu.sh: $*" >&2; exit 1; }

# QEMU's own device tree, plus /reserved-memory for the hypervisor and the
# cells, and the second UART and the RTC disabled so Linux leaves them to
# cells.
build_dtb() {
	local dtb=$qdir/virt.dtb out=$qdir/bulkhead-virt.dtb
	mkdir -p "$qdir"
	"${QEMU_BASE[@]}" -machine "$MACHINE,dumpdtb=$dtb" \
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
	} > "$qdir/bulkhead-virt.dts"
	dtc -q -I dts -O dtb -o "$out" "$qdir/bulkhead-virt.dts"
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
	cp "$top/hypervisor/bulkhead.bin" "$root/lib/firmware/"
	cp "$top/tools/bulkhead" "$root/usr/sbin/"
	cp "$top/tools/ivshmem-demo" "$root/usr/sbin/"
	cp "$top/tests/guest/ioctl-fuzz" "$top/tests/guest/pmu-count" "$root/usr/bin/"
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
	[ -e "$img" ] && [ -e "$qdir/bulkhead-virt.dtb" ] &&
		[ -e "$qdir/initramfs-linux.cpio.gz" ] || return 0
	for f in driver/bulkhead.ko hypervisor/bulkhead.bin tools/bulkhead \
		 tools/ivshmem-demo tools/ivshmem-demo-uio tests/guest/ioctl-fuzz tests/guest/pmu-count \
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
	local base=${3:-$qdir/bulkhead-virt.dts} dir=${4:-$tdir}
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

qemu_args() {
	local what=$1
	local args=("${QEMU_BASE[@]}" -kernel "$cache/vmlinuz"
		    -initrd "${BH_INITRD:-$qdir/initramfs.cpio.gz}"
		    -dtb "${BH_DTB:-$qdir/bulkhead-virt.dtb}")
	# BH_CPU=max: QEMU's newest CPU (SVE, SME, pointer authentication,
	# RAS); the kernel must stay at EL1 (no VHE: PLATFORM.md).
	local cmdline="$CMDLINE${BH_CMDLINE:+ $BH_CMDLINE}"
	if [ -n "${BH_CPU:-}" ]; then
		args=("${args[@]/#cortex-a57/$BH_CPU}")
		args+=(-append "$cmdline id_aa64mmfr1.vh=0 bhtest=$what")
	else
		args+=(-append "$cmdline bhtest=$what")
	fi
	[ "${BH_ICOUNT:-0}" = 1 ] && args+=(-icount shift=0,sleep=off)
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

run_test() {
	local name=$1 limit=${2:-120}
	local log=$tdir/$name.log uart1=$tdir/$name.uart1.log
	[ -f "$top/ci/tests/$name.sh" ] || die "no test ci/tests/$name.sh"
	mkdir -p "$tdir"
	rm -f "$log" "$uart1"
	local -a args
	# "# cpu: MODEL" in a test runs it on another CPU model.
	local cpu dtb extra
	cpu=$(sed -n 's/^# cpu: *//p' "$top/ci/tests/$name.sh" | head -n 1)
	# "# cmdline: TEXT" adds to the kernel command line.
	extra=$(sed -n 's/^# cmdline: *//p' "$top/ci/tests/$name.sh" | head -n 1)
	if image_stale; then
		echo "qemu.sh: building the image (ci/qemu.sh image)" >&2
		build_image
	fi
	dtb=$(test_dtb "$name")
	# "# linux-cell: yes": the Linux cell's kernel and initramfs too.
	local initrd
	initrd=$(linux_initrd "$top/ci/tests/$name.sh")
	mapfile -t args < <(BH_CPU=$cpu BH_DTB=$dtb BH_CMDLINE=$extra \
			    BH_INITRD=$initrd qemu_args "$name")
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
	local marks=$tdir/$name.marks
	if ! record_of "$log" > "$marks"; then
		tr -d '\r' < "$log" |
			grep -a '^BHTEST: \(PASS\|FAIL\)\|^BHSTAT: \|^BHTEST: END ' > "$marks"
	fi
	grep -a '^BHTEST: \(PASS\|FAIL\)' "$marks" | sed "s/^BHTEST: \([A-Z]*\) /\1 $name\//" || true
	# Counts for the suite's summary (ci/run-tests.sh): "STAT NAME KEY VALUE".
	grep -a '^BHSTAT: ' "$marks" | sed "s/^BHSTAT: /STAT $name /" || true
	# "# expect-uart1: NAME REGEX" lines: what a cell printed on the
	# second UART, which only the host sees.
	local ename eregex
	while read -r ename eregex; do
		if grep -aqE -- "$eregex" "$uart1"; then
			echo "PASS $name/uart1-$ename"
		else
			echo "FAIL $name/uart1-$ename: /$eregex/ not in build/test/$name.uart1.log: $(tail -n 3 "$uart1" | tr '\n' '|')"
		fi
	done < <(sed -n 's/^# expect-uart1: *//p' "$top/ci/tests/$name.sh")
	if ! grep -aq "^BHTEST: END $name" "$marks"; then
		if [ $rc = 124 ]; then
			echo "FAIL $name/complete: timed out after ${limit}s"
		else
			echo "FAIL $name/complete: guest stopped before the end (qemu rc=$rc)"
		fi
	else
		echo "PASS $name/complete (${took}s)"
	fi
}

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
	mkdir -p "$build/bench"
	# The benchmarks' own tree: bench.sh fixed its seeds (bench.dts).
	base=$qdir/bulkhead-virt.dts
	[ -f "$qdir/bench.dts" ] && base=$qdir/bench.dts
	dtb=$(test_dtb "bench-$2" "$top/ci/bench/$2.sh" "$base" "$build/bench")
	mapfile -t args < <(BH_ICOUNT=1 BH_DTB=$dtb \
			    BH_INITRD=$(linux_initrd "$top/ci/bench/$2.sh") \
			    qemu_args "bench/$2")
	exec timeout --foreground -k 5 "${3:-600}" "${args[@]}" </dev/null \
		-serial "file:$build/bench/$2.log" -serial "file:$build/bench/$2.uart1.log"
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
	sed -n '4,25s/^# \{0,1\}//p' "$0"
	exit 2
	;;
esac
