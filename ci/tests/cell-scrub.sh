# SPDX-License-Identifier: GPL-2.0
# timeout: 90
# A cell's memory is its own while it exists and is scrubbed when it is
# destroyed. The violate inmate (cell slot A, CPU 3) fills 4 MiB of its RAM
# with 0x5a5a5a5a. While the cell exists (running, then shut down) the
# root cell cannot read that memory: devmem is killed by SIGBUS and the
# hypervisor logs the stage-2 fault. Loading into the cell (which maps its
# loadable memory into the root cell, by design) shows the pattern is
# really there. After destroy the memory is the root cell's again and
# readable, and it reads zero everywhere: no 0x5a5a5a5a, no image left.
#
# violate runs from a copy of its config that prints through the
# hypervisor's console, so that its "pattern written" line is seen here.
. /tests/lib.sh

# configs/cells/qemu-virt.h: CELL_A_RAM, CELL_RAM_SIZE, CELL_A_COMM.
RAM=0x7b800000
RAM_SIZE=0x1000000
COMM=0x7c800000
RAM_IPA=0x40000000
FILL=0x400000			# ram=: the pattern ends 4 MiB into the RAM
PATTERN=0x5A5A5A5A
# The pattern starts at the image end: image_size of the arm64 Image header.
IMG=$(read_le $BH_INMATES/violate.bin 16 8)
P_START=$((RAM + IMG))
P_END=$((RAM + FILL))		# exclusive
hex() { printf '0x%x' "$1"; }

# Words to look at: the pattern's first and last, one per 128 KiB of it
# (at an odd offset too), one per MiB of the rest of the RAM, the image's
# first word and the communication region's.
SAMPLES="$(hex $RAM) $(hex $((RAM + 0x40))) $(hex $P_START) $(hex $((P_END - 4))) $(hex $COMM) $(hex $((COMM + 0x100)))"
a=$P_START
while [ $a -lt $P_END ]; do
	SAMPLES="$SAMPLES $(hex $((a + 0x1ffc)))"
	a=$((a + 0x20000))
done
a=$P_END
while [ $a -lt $((RAM + RAM_SIZE)) ]; do
	SAMPLES="$SAMPLES $(hex $a)"
	a=$((a + 0x100000))
done
PATTERN_SAMPLES="$(hex $P_START) $(hex $(( (P_START + P_END) / 2 & ~3 ))) $(hex $((P_END - 4)))"

# read_words ADDR...: "ADDR=VALUE" per word read with devmem on CPU 0,
# VALUE "rc=N" if devmem failed.
read_words() {
	local a v
	for a in "$@"; do
		if v=$(taskset -c 0 devmem $a 32 2>/dev/null); then
			echo "$a=$(echo $v | tr a-f A-F | sed 's/^0X/0x/')"
		else
			echo "$a=rc=$?"
		fi
	done
}

# stopped NAME ADDR...: every read is killed by SIGBUS (rc 135) and logged
# by the hypervisor as a fault of the root cell at that address.
stopped() {
	local name=$1 a bad="" unlogged=""
	shift
	hv_mark
	dmesg_mark
	read_words "$@" > /tmp/$name.words
	for a in "$@"; do
		grep -qx "$a=rc=135" /tmp/$name.words || bad="$bad $(grep "^$a=" /tmp/$name.words)"
	done
	if [ -z "$bad" ]; then pass $name-read-stopped
	else fail $name-read-stopped "expected rc=135 (SIGBUS), got:$bad"; fi
	hv_since_mark > /tmp/$name.hv
	for a in "$@"; do
		grep -q "cell qemu-arm64: [a-z]* read at IPA $a (4 bytes) .* CPU 0" /tmp/$name.hv ||
			unlogged="$unlogged $a"
	done
	if [ -z "$unlogged" ]; then pass $name-fault-logged
	else fail $name-fault-logged "no stage-2 fault logged for:$unlogged: $(tail -n 3 /tmp/$name.hv | tr '\n' '|')"; fi
	if dmesg_since_mark | grep -qE 'Internal error|Oops|BUG:|Unable to handle|SError'; then
		fail $name-kernel-survives "$(dmesg_since_mark | grep -E 'Internal error|Oops|BUG:|Unable to handle|SError' | head -n 2 | tr '\n' '|')"
	else
		pass $name-kernel-survives
	fi
}

check module-loads insmod $BH_KO
echo "image_size $IMG: pattern $(hex $P_START)-$(hex $((P_END - 1)))"
if [ "$IMG" -gt 0 ] && [ "$P_START" -lt "$P_END" ]; then
	pass image-size-plausible
else
	fail image-size-plausible "image_size '$IMG' of violate.bin"
fi
check enable-succeeds bh_enable

vcon_copy violate /tmp/violate.cell
check create bulkhead cell create /tmp/violate.cell
check load bulkhead cell load violate $BH_INMATES/violate.bin -s "action=pattern ram=$FILL"
hv_mark
check start bulkhead cell start violate
end=$(( $(now_ms) + 5000 ))
while hv_since_mark > /tmp/hv.out && ! grep -q 'violate: survived pattern' /tmp/hv.out &&
      [ "$(now_ms)" -lt "$end" ]; do
	sleep 0.2
done
check_grep pattern-written \
	"violate: pattern written $(hex $((RAM_IPA + IMG)))-$(hex $((RAM_IPA + FILL - 1)))" /tmp/hv.out
check_eq state-running running "$(cell_state violate)"

# --- while the cell runs: its memory is not the root cell's ---
stopped while-running $PATTERN_SAMPLES $(hex $RAM) $(hex $COMM)
check_eq cell-unharmed-by-root-faults running "$(cell_state violate)"

check shutdown bulkhead cell shutdown violate
check_eq state-shut-down "shut down" "$(cell_state violate)"
stopped while-shut-down $PATTERN_SAMPLES

# --- loading maps the loadable memory into the root cell: the pattern ---
check load-args-only bulkhead cell load violate -s "action=none"
read_words $PATTERN_SAMPLES > /tmp/loadable.words
if [ "$(grep -c "=$PATTERN\$" /tmp/loadable.words)" = 3 ]; then
	pass pattern-in-memory-before-destroy
else
	fail pattern-in-memory-before-destroy "expected $PATTERN at $PATTERN_SAMPLES: $(tr '\n' ' ' < /tmp/loadable.words)"
fi

# --- destroy: scrubbed, and readable by the root cell again ---
dmesg_mark
check destroy bulkhead cell destroy violate
check_eq no-cells-left 0 "$(cell_count_listed)"
check_eq cpus-back 0-3 "$(cpus_online)"
read_words $SAMPLES > /tmp/after.words
n=$(echo $SAMPLES | wc -w)
unreadable=$(grep '=rc=' /tmp/after.words | tr '\n' ' ')
if [ -z "$unreadable" ]; then pass readable-after-destroy
else fail readable-after-destroy "devmem failed after destroy: $unreadable"; fi
found=$(grep -c "=$PATTERN\$" /tmp/after.words)
check_eq pattern-gone-after-destroy "0 of $n words" "$found of $n words"
nonzero=$(grep -v '=0x00000000$' /tmp/after.words | grep -v '=rc=' | tr '\n' ' ')
if [ -z "$nonzero" ] && [ -z "$unreadable" ]; then
	pass memory-zero-after-destroy
else
	fail memory-zero-after-destroy "not zero: $nonzero$unreadable"
fi

# The memory goes to the next cell clean, too: it can be created again.
check recreate bulkhead cell create /tmp/violate.cell
check recreate-destroy bulkhead cell destroy violate
check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
