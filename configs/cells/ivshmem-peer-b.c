// SPDX-License-Identifier: GPL-2.0
/*
 * Cell "ivshmem-peer-b" on QEMU virt: peer 1 of ivshmem link 1, beside
 * ivshmem-peer-a (peer 0) on CPU 3. CPU 2, cell slot B, the hypervisor's
 * console: see ivshmem-peer-b.h.
 */
#define CELL_NAME "ivshmem-peer-b"
#define LINK_RW_SIZE IVSHMEM_RW_SIZE
#include "ivshmem-peer-b.h"
