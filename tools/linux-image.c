// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 Image header (the kernel's Documentation/arm64/booting.rst,
 * section 4) and the layout of a Linux cell's loadable memory: the kernel
 * at a 2 MiB aligned base plus text_offset with image_size bytes of room,
 * the device tree (at most 2 MiB, 8-byte aligned) and the initrd beside
 * it, all checked before anything is loaded.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "linux-image.h"

#define IMAGE_HEADER_SIZE   64
#define IMAGE_MAGIC	    0x644d5241U /* "ARM\x64", at offset 56 */
#define IMAGE_FLAG_BE	    (1ULL << 0)
#define IMAGE_FLAG_ANYWHERE (1ULL << 3)
/* Far more than any kernel needs; a larger image_size is a broken header. */
#define IMAGE_SIZE_MAX	    (1ULL << 30)
#define PAGE_ALIGN_BYTES    0x1000ULL

const char *const linux_blob_names[LINUX_NUM_BLOBS] = {
	"kernel",
	"device tree",
	"initrd",
};

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)le64(p) & 0xffffffffU;
}

int linux_image_parse(const void *data, size_t size, struct linux_image *img,
		      char *why, size_t len)
{
	const uint8_t *h = data;
	uint64_t flags;

	memset(img, 0, sizeof(*img));
	if (size >= 2 && h[0] == 0x1f && h[1] == 0x8b) {
		snprintf(why, len,
			 "gzip-compressed, not an Image: decompress it first (zcat FILE > Image)");
		return -EINVAL;
	}
	if (size < IMAGE_HEADER_SIZE) {
		snprintf(why, len,
			 "%zu bytes, shorter than the 64-byte arm64 Image header",
			 size);
		return -EINVAL;
	}
	if (!memcmp(h, "MZ", 2) && !memcmp(h + 4, "zimg", 4)) {
		snprintf(why, len,
			 "an EFI zboot (compressed) kernel, not an Image: use the vmlinux.bin/Image the build made");
		return -EINVAL;
	}
	if (le32(h + 56) != IMAGE_MAGIC) {
		snprintf(why, len,
			 "not an arm64 Image: no \"ARM\\x64\" magic at offset 56");
		return -EINVAL;
	}
	img->text_offset = le64(h + 8);
	img->image_size = le64(h + 16);
	img->file_size = size;
	flags = le64(h + 24);
	/* Before 3.17 image_size was 0 and the bss size unknown (booting.rst). */
	if (!img->image_size) {
		snprintf(why, len,
			 "image_size is 0 (a kernel older than 3.17): how much memory it needs is unknown");
		return -EINVAL;
	}
	if (flags & IMAGE_FLAG_BE) {
		snprintf(why, len,
			 "a big-endian kernel (flags bit 0): cells start little-endian");
		return -EINVAL;
	}
	if (img->image_size > IMAGE_SIZE_MAX ||
	    img->text_offset >= LINUX_KERNEL_ALIGN ||
	    img->text_offset % PAGE_ALIGN_BYTES) {
		snprintf(why, len,
			 "implausible header: text_offset 0x%llx, image_size 0x%llx",
			 (unsigned long long)img->text_offset,
			 (unsigned long long)img->image_size);
		return -EINVAL;
	}
	if (img->image_size < size) {
		snprintf(why, len,
			 "header's image_size 0x%llx is smaller than the file (0x%zx bytes)",
			 (unsigned long long)img->image_size, size);
		return -EINVAL;
	}
	img->anywhere = flags & IMAGE_FLAG_ANYWHERE;
	return 0;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static bool overlap(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
	return asize && bsize && a < b + bsize && b < a + asize;
}

static const uint64_t blob_align[LINUX_NUM_BLOBS] = {
	[LINUX_KERNEL] = LINUX_KERNEL_ALIGN,
	[LINUX_DTB] = PAGE_ALIGN_BYTES, /* 8 bytes needed, a page is tidy */
	[LINUX_INITRD] = PAGE_ALIGN_BYTES,
};

/* The region holding all of [addr, addr + size), or NULL. */
static const struct linux_ram *region_of(const struct linux_ram *ram,
					 unsigned int n, uint64_t addr,
					 uint64_t size)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (addr >= ram[i].start && size <= ram[i].size &&
		    addr - ram[i].start <= ram[i].size - size)
			return &ram[i];
	return NULL;
}

static int blob_clashes(const struct linux_blob *blob, const bool *placed,
			unsigned int self, uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < LINUX_NUM_BLOBS; i++)
		if (i != self && placed[i] &&
		    overlap(addr, blob[self].size, blob[i].addr, blob[i].size))
			return i;
	return -1;
}

/* The lowest aligned address in ram that holds blob self beside the others. */
static bool place(const struct linux_ram *ram, unsigned int n,
		  struct linux_blob *blob, const bool *placed,
		  unsigned int self)
{
	uint64_t best = 0, cand[1 + LINUX_NUM_BLOBS];
	bool found = false;
	unsigned int r, c, k;

	for (r = 0; r < n; r++) {
		if (self == LINUX_KERNEL && !ram[r].exec)
			continue;
		k = 0;
		cand[k++] = ram[r].start;
		for (c = 0; c < LINUX_NUM_BLOBS; c++)
			if (placed[c])
				cand[k++] = blob[c].addr + blob[c].size;
		for (c = 0; c < k; c++) {
			uint64_t a = align_up(cand[c], blob_align[self]);

			if (a < cand[c] ||
			    !region_of(&ram[r], 1, a, blob[self].size) ||
			    blob_clashes(blob, placed, self, a) >= 0)
				continue;
			if (!found || a < best)
				best = a, found = true;
		}
	}
	if (found)
		blob[self].addr = best;
	return found;
}

static void list_ram(char *buf, size_t len, const struct linux_ram *ram,
		     unsigned int n)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = 0;
	for (i = 0; i < n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s0x%llx-0x%llx%s",
				 i ? ", " : "",
				 (unsigned long long)ram[i].start,
				 (unsigned long long)(ram[i].start +
						      ram[i].size - 1),
				 ram[i].exec ? "" : " (not executable)");
	if (!n)
		snprintf(buf, len, "none");
}

static int check_fixed(const struct linux_ram *ram, unsigned int n,
		       struct linux_blob *blob, unsigned int b, char *why,
		       size_t len, const char *regions)
{
	const struct linux_ram *r =
		region_of(ram, n, blob[b].addr, blob[b].size);

	if (blob[b].addr % blob_align[b]) {
		snprintf(why, len, "%s address 0x%llx is not %llu-byte aligned",
			 linux_blob_names[b], (unsigned long long)blob[b].addr,
			 (unsigned long long)blob_align[b]);
		return -EINVAL;
	}
	if (!r) {
		snprintf(why, len,
			 "%s [0x%llx-0x%llx] does not fit the cell's loadable RAM (%s)",
			 linux_blob_names[b], (unsigned long long)blob[b].addr,
			 (unsigned long long)(blob[b].addr + blob[b].size - 1),
			 regions);
		return -ENOSPC;
	}
	if (b == LINUX_KERNEL && !r->exec) {
		snprintf(why, len,
			 "kernel at 0x%llx: that region is not executable",
			 (unsigned long long)blob[b].addr);
		return -EINVAL;
	}
	return 0;
}

int linux_layout(const struct linux_ram *ram, unsigned int num_ram,
		 const struct linux_image *img,
		 struct linux_blob blob[LINUX_NUM_BLOBS], char *why, size_t len)
{
	bool placed[LINUX_NUM_BLOBS] = { false };
	char regions[256];
	unsigned int b;
	int ret, other;

	list_ram(regions, sizeof(regions), ram, num_ram);
	blob[LINUX_KERNEL].size = img->text_offset + img->image_size;
	if (blob[LINUX_DTB].size > LINUX_DTB_MAX) {
		snprintf(why, len,
			 "device tree of %llu bytes: at most 2 MiB (booting.rst)",
			 (unsigned long long)blob[LINUX_DTB].size);
		return -EINVAL;
	}
	/* The user's addresses first: they are not moved. */
	for (b = 0; b < LINUX_NUM_BLOBS; b++) {
		if (!blob[b].fixed || !blob[b].size)
			continue;
		ret = check_fixed(ram, num_ram, blob, b, why, len, regions);
		if (ret)
			return ret;
		other = blob_clashes(blob, placed, b, blob[b].addr);
		if (other >= 0) {
			snprintf(why, len,
				 "%s [0x%llx-0x%llx] overlaps the %s [0x%llx-0x%llx]",
				 linux_blob_names[b],
				 (unsigned long long)blob[b].addr,
				 (unsigned long long)(blob[b].addr +
						      blob[b].size - 1),
				 linux_blob_names[other],
				 (unsigned long long)blob[other].addr,
				 (unsigned long long)(blob[other].addr +
						      blob[other].size - 1));
			return -EINVAL;
		}
		placed[b] = true;
	}
	for (b = 0; b < LINUX_NUM_BLOBS; b++) {
		if (placed[b] || !blob[b].size)
			continue;
		if (!place(ram, num_ram, blob, placed, b)) {
			snprintf(why, len,
				 "no room for the %s (%llu KiB%s) in the cell's loadable RAM (%s) beside the rest",
				 linux_blob_names[b],
				 (unsigned long long)(blob[b].size >> 10),
				 b == LINUX_KERNEL ?
					 ", image_size from a 2 MiB aligned base" :
					 "",
				 regions);
			return -ENOSPC;
		}
		placed[b] = true;
	}
	return 0;
}
