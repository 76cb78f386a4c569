// SPDX-License-Identifier: GPL-2.0
/*
 * System config for QEMU's `virt` booted with its=on ('# its: on' tests):
 * qemu-arm64.c with the GIC ITS, which the hypervisor keeps for Linux's
 * PCIe MSIs (Documentation/architecture.md, "The GIC ITS").
 */
#define SYSTEM_GITS_BASE	QEMU_GITS_BASE
#include "qemu-arm64.c"
