# SPDX-License-Identifier: GPL-2.0
# timeout: 120
# Nothing the root cell still uses can be given to a cell (the driver's
# check before create, driver/root-use.c): RAM Linux counts as System RAM,
# an interrupt with a Linux handler, MMIO a Linux driver holds. Each
# refusal says on the terminal what, whose and what to do; nothing
# changes: no cell, Linux keeps its CPUs, a block of its memory keeps its
# checksum, the kernel log stays clean. After the driver is unbound as
# the message says, the same cell is created; starting it with nothing
# loaded, or loading more than it holds, is refused with the reason.
. /tests/lib.sh

check module-loads insmod $BH_KO
check enable-succeeds bh_enable
dd if=/dev/urandom of=/tmp/block bs=64k count=16 2>/dev/null
REF=$(md5sum < /tmp/block)

# make_cell NAME ARGS...: a cell on CPU 3 made by `config create-cell`.
make_cell() {
	local name=$1
	shift
	check $name-config bulkhead config create-cell --name $name --cpus 3 \
		--system $BH_SYSTEM_CELL -o /tmp/$name.cell "$@"
}

# says NAME TEXT: the create's terminal output has TEXT (fixed string).
says() {
	if grep -qF -- "$2" /tmp/$1.out; then
		pass $1-says-$3
	else
		fail $1-says-$3 "'$2' not in: $(tr '\n' '|' < /tmp/$1.out)"
	fi
}

# refused NAME: creating /tmp/NAME.cell fails and changes nothing.
refused() {
	local name=$1 online list
	online=$(cpus_online)
	list=$(bulkhead cell list 2>&1)
	dmesg_mark
	if bulkhead cell create /tmp/$name.cell > /tmp/$name.out 2>&1; then
		fail $name-refused "created: $(cat /tmp/$name.out)"
		bulkhead cell destroy $name
		return
	fi
	pass $name-refused
	echo "$name: $(tr '\n' '|' < /tmp/$name.out)"
	check_eq $name-cpus-unchanged "$online" "$(cpus_online)"
	check_eq $name-no-cell-made "$list" "$(bulkhead cell list 2>&1)"
	check_eq $name-root-memory-intact "$REF" "$(md5sum < /tmp/block)"
	dmesg_since_mark > /tmp/$name.dmesg
	check_fails $name-kernel-quiet grep -qE 'Oops|BUG:|WARNING:|Unable to handle' /tmp/$name.dmesg
}

# RAM inside Linux's own (0x4000_0000-0x7b7f_ffff on this board).
make_cell ram-in-linux --mem 16M@0x50000000
refused ram-in-linux
says ram-in-linux "mem_regions[0] [0x50000000-0x50ffffff] is System RAM of the running kernel" what
says ram-in-linux "reserve it in the device tree (/reserved-memory, no-map)" fix
says ram-in-linux "cell create: Device or resource busy" errno

# UART1's MMIO (free) with INTID 33, the root console's interrupt.
make_cell irq-in-use --mem 16M@0x7b800000 --device 0x9040000,0x1000,33
refused irq-in-use
says irq-in-use "irqchips[0] INTID 33 is Linux IRQ" what
says irq-in-use "which 'uart-pl011' uses" user

# The PL061 GPIO while pl061_gpio drives it.
make_cell gpio-bound --mem 16M@0x7b800000 --device 0x9030000,0x1000,39
refused gpio-bound
says gpio-bound "is MMIO of device 9030000.pl061, which Linux driver pl061_gpio holds" user
says gpio-bound "echo 9030000.pl061 > /sys/bus/amba/drivers/pl061_gpio/unbind" fix

# Unbound as the message says, the GPIO can go to a cell, and back.
echo 9030000.pl061 > /sys/bus/amba/drivers/pl061_gpio/unbind
check gpio-unbound-create bulkhead cell create /tmp/gpio-bound.cell

# Mistakes with the new cell, told on the terminal: starting it with
# nothing loaded, loading more than its RAM holds.
check_fails start-unloaded-refused bulkhead cell start gpio-bound
cp /tmp/check.out /tmp/start-unloaded.out
says start-unloaded "cell 'gpio-bound': nothing loaded: load an image first (bulkhead cell load gpio-bound IMAGE)" why
check_eq start-unloaded-not-running "created" "$(cell_state gpio-bound)"
dd if=/dev/zero of=/tmp/big.bin bs=1M count=17 2>/dev/null
check_fails load-too-big-refused bulkhead cell load gpio-bound /tmp/big.bin
cp /tmp/check.out /tmp/load-too-big.out
says load-too-big "17825792 bytes at 0x40000000 (the default: the first loadable region) do not fit" where
says load-too-big "loadable: mem_regions[0] 0x40000000-0x40ffffff (16777216 bytes)" regions
check_fails start-after-failed-load-refused bulkhead cell start gpio-bound
check gpio-unbound-destroy bulkhead cell destroy gpio-bound
echo 9030000.pl061 > /sys/bus/amba/drivers/pl061_gpio/bind
check_eq gpio-rebound 1 "$([ -e /sys/bus/amba/drivers/pl061_gpio/9030000.pl061 ] && echo 1)"
check_eq all-cpus-back 0-3 "$(cpus_online)"

check disable-succeeds bh_disable
check module-unloads rmmod bulkhead
