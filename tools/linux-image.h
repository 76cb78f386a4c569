/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An arm64 Linux Image's header and where the kernel, its device tree and
 * its initrd go in a cell's loadable memory (linux-image.c).
 */
#ifndef _BULKHEAD_TOOLS_LINUX_IMAGE_H
#define _BULKHEAD_TOOLS_LINUX_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINUX_KERNEL_ALIGN 0x200000ULL /* 2 MiB: booting.rst, 4 */
#define LINUX_DTB_MAX	   0x200000ULL /* booting.rst, 2 */

struct linux_image {
	uint64_t text_offset; /* from the 2 MiB aligned base */
	uint64_t image_size; /* bytes the kernel uses from there, bss included */
	uint64_t file_size;
	bool anywhere; /* flags bit 3: any 2 MiB aligned base will do */
};

/* Fills img from an Image file's header; -EINVAL with why otherwise. */
int linux_image_parse(const void *data, size_t size, struct linux_image *img,
		      char *why, size_t len);

/* A loadable RAM region of the cell, guest-physical. */
struct linux_ram {
	uint64_t start, size;
	bool exec;
};

enum { LINUX_KERNEL, LINUX_DTB, LINUX_INITRD, LINUX_NUM_BLOBS };

/* One thing to place: its size, and its address if the user gave one. */
struct linux_blob {
	uint64_t size;
	uint64_t addr; /* in: wanted (if fixed); out: placed */
	bool fixed;
};

/*
 * Places the kernel (blob[LINUX_KERNEL].size is image_size, its address
 * the 2 MiB aligned base; the file goes text_offset above it), the device
 * tree and the initrd (size 0: none) in the cell's loadable RAM: every
 * blob wholly inside one region, none overlapping another, the kernel in
 * executable memory. 0, or -ENOSPC/-EINVAL with why.
 */
int linux_layout(const struct linux_ram *ram, unsigned int num_ram,
		 const struct linux_image *img,
		 struct linux_blob blob[LINUX_NUM_BLOBS], char *why,
		 size_t len);

extern const char *const linux_blob_names[LINUX_NUM_BLOBS];

#endif
