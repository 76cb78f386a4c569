#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every board device tree of the fetched Debian kernel package through
# `bulkhead config create` and `bulkhead hardware check`, as a user would
# run them after adding a hypervisor /reserved-memory node (dtb-add-hv.c;
# it also gives 1 GiB to a memory node the boot loader would fill in).
# The tool is built here with AddressSanitizer and UBSan: no tree may
# crash it (exit status other than 0 or 1) or hang it (10 s per command).
# For named boards, the GIC, the SPI count and the outcome of create are
# asserted. One "PASS boards/NAME" or "FAIL boards/NAME: why" line per
# check. Scratch files: build/test-boards/.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
W=$top/build/test-boards
dtbs=$(ls -d "$top"/build/cache/arm64/usr/lib/linux-image-*-arm64 2>/dev/null | head -n 1)

pass() {
	echo "PASS boards/$1"
}

fail() {
	local name=$1
	shift
	echo "FAIL boards/$name: $*"
}

if [ -z "$dtbs" ] || [ ! -d "$dtbs" ]; then
	fail setup "no kernel package DTBs in build/cache (run ci/setup.sh)"
	exit 0
fi
rm -rf "$W"
mkdir -p "$W"

# The tool with sanitizers: tools/Makefile's sources, built once.
srcs=$(make -s --no-print-directory -C "$top/tools" -f Makefile -f - print-srcs <<'EOF'
print-srcs:
	@echo $(srcs)
EOF
)
if ! (cd "$top/tools" && gcc -std=gnu11 -O1 -g -I../include -I../lib/include \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-o "$W/bulkhead" $srcs -lfdt) > "$W/build.log" 2>&1; then
	fail build "$(tail -n 3 "$W/build.log" | tr '\n' '|')"
	exit 0
fi
if ! gcc -O1 -Wall -Wextra -Werror -o "$W/dtb-add-hv" \
	"$top/tests/host/dtb-add-hv.c" -lfdt > "$W/helper.log" 2>&1; then
	fail build-helper "$(tail -n 3 "$W/helper.log" | tr '\n' '|')"
	exit 0
fi
B=$W/bulkhead
export ASAN_OPTIONS=detect_leaks=0

# sweep: every tree; crashes and hangs collected, one line for all.
total=0 crashed="" hung="" created=0
for f in $(find "$dtbs" -name '*.dtb' | sort); do
	name=${f#"$dtbs"/}
	name=${name%.dtb}
	total=$((total + 1))
	if ! "$W/dtb-add-hv" "$f" "$W/in.dtb" > /dev/null 2>&1; then
		crashed="$crashed $name(helper)"
		continue
	fi
	timeout 10 "$B" config create --dtb "$W/in.dtb" -o "$W/out.cell" \
		> /dev/null 2> "$W/create.err"
	rc=$?
	[ $rc = 0 ] && created=$((created + 1))
	[ $rc = 124 ] && hung="$hung $name(create)"
	[ $rc -gt 1 ] && [ $rc != 124 ] && crashed="$crashed $name(create:$rc)"
	timeout 10 "$B" hardware check --dtb "$W/in.dtb" > "$W/check.out" 2>&1
	rc=$?
	[ $rc = 124 ] && hung="$hung $name(check)"
	[ $rc -gt 1 ] && [ $rc != 124 ] && crashed="$crashed $name(check:$rc)"
	rm -f "$W/out.cell"
done
if [ "$total" -lt 500 ]; then
	fail sweep-count "only $total DTBs under $dtbs"
else
	pass sweep-count
fi
[ -z "$crashed" ] && pass sweep-no-crash || fail sweep-no-crash "$crashed"
[ -z "$hung" ] && pass sweep-no-hang || fail sweep-no-hang "$hung"
# Some GICv3 boards without an ITS must come out whole.
[ "$created" -ge 50 ] && pass sweep-configs-created ||
	fail sweep-configs-created "only $created of $total trees gave a config"
echo "# boards: $total trees, $created configs created"

# board NAME DTB GIC SPIS VIA CREATE: hardware check names the GIC
# ("GICv3 ... (arm,gic-v3)"), SPIS SPIs with VIA through intermediate
# controllers; create exits 0 (CREATE "ok"), or 1 with CREATE in its
# messages, or either ("either:TEXT": what lands with later work).
board() {
	local name=$1 dtb=$dtbs/$2.dtb gic=$3 spis=$4 via=$5 create=$6 rc

	"$W/dtb-add-hv" "$dtb" "$W/$name.dtb" > /dev/null
	"$B" hardware check --dtb "$W/$name.dtb" > "$W/$name.check" 2>&1
	if grep -qF -- "$gic" "$W/$name.check"; then
		pass "$name-gic"
	else
		fail "$name-gic" "'$gic' not in: $(grep GIC "$W/$name.check")"
	fi
	if grep -qF "interrupts: $spis SPIs named by the device tree, $via of them through intermediate controllers" "$W/$name.check"; then
		pass "$name-spis"
	else
		fail "$name-spis" "not $spis/$via: $(grep interrupts: "$W/$name.check" | head -n 2)"
	fi
	"$B" config create --dtb "$W/$name.dtb" -o "$W/$name.c" \
		> /dev/null 2> "$W/$name.err"
	rc=$?
	local text=${create#either:}

	if [ "$create" != ok ] && [ $rc = 1 ] &&
	   grep -qF -- "$text" "$W/$name.err"; then
		pass "$name-create"
	elif [ "$create" != "$text" ] || [ "$create" = ok ] && [ $rc = 0 ] &&
	     grep -qF "next steps:" "$W/$name.err"; then
		pass "$name-create"
	else
		fail "$name-create" "exit $rc, wanted $create: $(tail -n 3 "$W/$name.err" | tr '\n' '|')"
	fi
}

# The i.MX8MQ's interrupts go through its GPC (71 through `interrupts`,
# 6 more of its PCIe hosts' INTx maps; the issue saw 10 before).
board imx8mq-evk freescale/imx8mq-evk "GICv3 interrupt-controller@38800000 (arm,gic-v3)" 77 69 ok
board imx8mp-evk freescale/imx8mp-evk "GICv3 interrupt-controller@38800000 (arm,gic-v3)" 68 0 ok
board rk3568-evb1 rockchip/rk3568-evb1-v10 "GICv3 interrupt-controller@fd400000 (arm,gic-v3)" 112 0 ok
# An ITS and 16 CPUs: the ITS refused until the hypervisor handles it,
# the CPUs beyond a default build warned about.
board lx2160a-rdb freescale/fsl-lx2160a-rdb "GICv3 interrupt-controller@6000000 (arm,gic-v3)" 155 0 \
	"either:platform.arm64.gits_base 0x6020000 must be 0: the GIC ITS is not supported yet"
if grep -qF "root_cell.cpu_set: 16 CPUs (up to CPU 15), more than the 8 of a default build: build the hypervisor with CONFIG_MAX_CPUS=16" "$W/lx2160a-rdb.err"; then
	pass lx2160a-rdb-cpu-limit
else
	fail lx2160a-rdb-cpu-limit "$(grep cpu_set "$W/lx2160a-rdb.err")"
fi
# thunder-88xx: devices beyond the 40-bit IPA space, named.
board thunder-88xx cavium/thunder-88xx "GICv3 interrupt-controller@8010,00000000 (arm,gic-v3)" 0 0 \
	"root_cell.mem_regions[1] [0x87e024000000-0x87e024000fff] (guest-physical) ends beyond the 40-bit IPA space of stage 2"
# Qualcomm's PDC forwards 4 wake-up interrupts to the GIC.
board sc7180-idp qcom/sc7180-idp "GICv3 interrupt-controller@17a00000 (arm,gic-v3)" 162 4 ok
# GICv2 boards: recognised and described; a validator without GICv2
# support refuses them for that, and for nothing else.
gicv2="either:platform.arm64.gic_version 2 not supported"
board rpi4 broadcom/bcm2711-rpi-4-b "GICv2 interrupt-controller@40041000 (arm,gic-400)" 49 0 "$gicv2"
board zcu102 xilinx/zynqmp-zcu102-rev1.0 "GICv2 interrupt-controller@f9010000 (arm,gic-400)" 70 0 "$gicv2"
board apq8016-sbc qcom/apq8016-sbc "GICv2 interrupt-controller@b000000 (qcom,msm-qgic2)" 55 0 "$gicv2"
# Four redistributor regions apart: refused, naming the property.
board hip07-d05 hisilicon/hip07-d05 "GICv3 interrupt-controller@4d000000 (arm,gic-v3)" 0 0 "4 redistributor regions apart from each other (#redistributor-regions)"
