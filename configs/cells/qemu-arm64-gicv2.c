// SPDX-License-Identifier: GPL-2.0
/*
 * System config for QEMU's arm64 `virt` board with a GICv2 (ci/qemu.sh
 * with BH_GIC=2: -machine virt,gic-version=2): the same root cell as
 * qemu-arm64.c (qemu-root.h), and its name, so that every test runs on
 * either. The hypervisor keeps the CPU interface and the virtual
 * interface control, and shows each cell the virtual CPU interface at the
 * CPU interface's address. The GICv2m MSI frame (0x08020000) is in no
 * cell: the harness's device tree disables it, as GICv3's ITS is off.
 */
#define QEMU_ROOT_GIC {						\
	.gic_version = BH_GIC_V2,				\
	.gicd_base = QEMU_GICD_BASE,				\
	.gicc_base = QEMU_GICC_BASE,				\
	.gich_base = QEMU_GICH_BASE,				\
	.gicv_base = QEMU_GICV_BASE,				\
	.maintenance_irq = QEMU_GIC_MAINT_IRQ,			\
}

#include "qemu-root.h"
