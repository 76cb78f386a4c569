#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# generated-config.sh DTB OUT.cell [NAME]: writes the system config that
# `bulkhead config create` makes of DTB as OUT.c, and compiles it to
# OUT.cell the way configs/Makefile compiles configs/cells/*.c. The QEMU
# harness (ci/qemu.sh) puts the result into the guest; the host tests
# (test_config_tools.sh) check it.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
dtb=$1 out=$2 name=${3:-qemu-generated}
base=${out%.cell}

mkdir -p "$(dirname "$out")"
"$top/tools/bulkhead-host" config create --dtb "$dtb" --name "$name" \
	-o "$base.c"
"${cross}gcc" -std=gnu11 -O2 -ffreestanding -Wall -Wextra -Werror \
	-I"$top/include" -c "$base.c" -o "$base.o"
"${cross}objcopy" -O binary -j .rodata "$base.o" "$out"
