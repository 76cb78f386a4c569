/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pristine copy of a Linux cell's kernel, device tree and initrd, and
 * the stub that copies it into place at every start (linux-restart.c,
 * linux-restart-stub.S), so that a reboot inside the cell boots the same
 * kernel again.
 */
#ifndef _BULKHEAD_TOOLS_LINUX_RESTART_H
#define _BULKHEAD_TOOLS_LINUX_RESTART_H

#include <stddef.h>
#include <stdint.h>

#include "linux-image.h"

/* What the stub reads after its code: little-endian, as the cell runs. */
struct linux_restart_table {
	uint64_t entry; /* the kernel's entry (x0 = dtb there) */
	uint64_t dtb;
	uint64_t num_copies;
	struct {
		uint64_t dst, src, size; /* 16-byte aligned, size too */
	} copy[LINUX_NUM_BLOBS];
};

_Static_assert(sizeof(struct linux_restart_table) == 24 + 24 * LINUX_NUM_BLOBS,
	       "the stub's table layout (linux-restart-stub.S)");

/* Bytes the pristine copy takes for these sizes (page aligned parts). */
uint64_t linux_restart_size(const struct linux_image *img, uint64_t dtb_size,
			    uint64_t initrd_size);

/*
 * Takes size bytes from the top of the highest executable region of ram
 * that holds them, shrinking that region so the run layout stays clear
 * of it: *addr is where the copy goes. -ENOSPC with why otherwise.
 */
int linux_restart_reserve(struct linux_ram *ram, unsigned int num_ram,
			  uint64_t size, uint64_t *addr, char *why, size_t len);

/* The files to copy at start, and where the kernel runs them from. */
struct linux_restart_in {
	const void *image, *dtb, *initrd;
	uint64_t image_size, dtb_size, initrd_size;
	uint64_t kernel_at, dtb_at, initrd_at; /* run addresses (IPA) */
	uint64_t addr, size; /* the pristine copy (IPA, bytes) */
};

/*
 * The pristine copy's contents: the stub with its table, then each file
 * page aligned. Its first byte is the cell's entry. NULL: no memory.
 */
void *linux_restart_build(const struct linux_restart_in *in);

#endif
