// SPDX-License-Identifier: GPL-2.0
/*
 * System config for QEMU's arm64 `virt` board as the test harness runs it
 * by default: GICv3 without ITS (-machine virt,gic-version=3,its=off).
 * Everything else is the root cell of qemu-root.h, which the GICv2 config
 * (qemu-arm64-gicv2.c) shares.
 */
#define QEMU_ROOT_GIC {						\
	.gic_version = BH_GIC_V3,				\
	.gicd_base = QEMU_GICD_BASE,				\
	.gicr_base = QEMU_GICR_BASE,				\
	.maintenance_irq = QEMU_GIC_MAINT_IRQ,			\
}

#include "qemu-root.h"
