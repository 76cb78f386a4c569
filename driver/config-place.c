// SPDX-License-Identifier: GPL-2.0
/* The shared check of a cell against the system, built into the driver. */
#include "../hypervisor/config-place.c"
