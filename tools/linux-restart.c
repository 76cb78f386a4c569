// SPDX-License-Identifier: GPL-2.0
/*
 * The pristine copy that lets a Linux cell reboot itself: kernel, device
 * tree and initrd kept, untouched, at the top of the cell's RAM where the
 * device tree reserves them from Linux (/memreserve/), behind a stub that
 * copies them to their run addresses and enters the kernel. The cell's
 * entry is the stub, so its first start and every PSCI SYSTEM_RESET
 * (which restarts the boot CPU at the same entry) run the same path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linux-restart.h"

#define PAGE 0x1000ULL

static const unsigned char stub[] = {
#include "linux-restart-stub.inc"
};

_Static_assert(sizeof(stub) % 16 == 0, "the stub ends 16-byte aligned");

static uint64_t page_up(uint64_t v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

static uint64_t head_size(void)
{
	return page_up(sizeof(stub) + sizeof(struct linux_restart_table));
}

uint64_t linux_restart_size(const struct linux_image *img, uint64_t dtb_size,
			    uint64_t initrd_size)
{
	return head_size() + page_up(img->file_size) + page_up(dtb_size) +
	       page_up(initrd_size);
}

int linux_restart_reserve(struct linux_ram *ram, unsigned int num_ram,
			  uint64_t size, uint64_t *addr, char *why, size_t len)
{
	struct linux_ram *best = NULL;
	unsigned int i;

	for (i = 0; i < num_ram; i++)
		if (ram[i].exec && ram[i].size >= size &&
		    (!best || ram[i].start > best->start))
			best = &ram[i];
	if (!best) {
		snprintf(why, len,
			 "no executable loadable RAM region holds the pristine copy for reboot (%llu KiB); --no-pristine-copy boots without it",
			 (unsigned long long)(size >> 10));
		return -ENOSPC;
	}
	*addr = (best->start + best->size - size) & ~(PAGE - 1);
	best->size = *addr - best->start;
	return 0;
}

void *linux_restart_build(const struct linux_restart_in *in)
{
	struct linux_restart_table t = { 0 };
	uint64_t at = head_size();
	unsigned char *buf = calloc(1, in->size);
	const struct {
		const void *data;
		uint64_t size, run_at;
	} part[LINUX_NUM_BLOBS] = {
		[LINUX_KERNEL] = { in->image, in->image_size, in->kernel_at },
		[LINUX_DTB] = { in->dtb, in->dtb_size, in->dtb_at },
		[LINUX_INITRD] = { in->initrd, in->initrd_size, in->initrd_at },
	};
	unsigned int i;

	if (!buf)
		return NULL;
	t.entry = in->kernel_at;
	t.dtb = in->dtb_at;
	for (i = 0; i < LINUX_NUM_BLOBS; i++) {
		if (!part[i].size)
			continue;
		memcpy(buf + at, part[i].data, part[i].size);
		t.copy[t.num_copies].dst = part[i].run_at;
		t.copy[t.num_copies].src = in->addr + at;
		/*
		 * Rounded up to the stub's 16-byte steps: the bytes after
		 * stay inside the run address's page (every part starts page
		 * aligned, and the copy's padding is zero).
		 */
		t.copy[t.num_copies].size = (part[i].size + 15) & ~15ULL;
		t.num_copies++;
		at += page_up(part[i].size);
	}
	/* The build machine and the cell are both little-endian. */
	memcpy(buf, stub, sizeof(stub));
	memcpy(buf + sizeof(stub), &t, sizeof(t));
	return buf;
}
