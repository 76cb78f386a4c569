// SPDX-License-Identifier: GPL-2.0
/* The shared check of virtual PCI devices, built into the driver. */
#include "../hypervisor/config-pci.c"
