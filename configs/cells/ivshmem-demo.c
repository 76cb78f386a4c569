// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "ivshmem-demo" on QEMU virt, for inmates/demos/ivshmem-demo.bin:
 * the responder of the root cell <-> inmate ping-pong over ivshmem link 0.
 * CPU 3, cell slot A, UART1 console, link 0 peer 1: see qemu-cell-a-link0.h.
 */
#define CELL_NAME "ivshmem-demo"
#include "qemu-cell-a-link0.h"
