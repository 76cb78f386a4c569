# SPDX-License-Identifier: GPL-2.0
# arm64 part of the hypervisor.
arch-objs := entry.o exception.o cache.o setup.o traps.o mmu.o pt-formats.o psci.o control.o \
	     irqchip.o vgic-lrs.o gic-v3.o vgic-dist.o vgic-redist.o gic-its.o its-cmd.o gic-v2.o \
	     vgic-v2-dist.o pmu.o feature-traps.o timer.o
arch-cflags := -mgeneral-regs-only -mstrict-align -mcmodel=small
