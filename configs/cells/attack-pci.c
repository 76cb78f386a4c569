// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "attack" with an ivshmem device, for the virtual PCI attacks of
 * inmates/tests/attack.bin (ci/tests/attack-pci.sh).
 * CPU 3, cell slot A, UART1 console, link 0 peer 1: see qemu-cell-a-link0.h.
 */
#define CELL_NAME "attack"
#include "qemu-cell-a-link0.h"
