// SPDX-License-Identifier: GPL-2.0
/*
 * The validation library shared with the hypervisor and the tools, built
 * into the driver: one source, so the three can never disagree.
 */
#include "../hypervisor/config-check.c"
