// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the pristine copy behind a Linux cell's entry stub
 * (tools/linux-restart.c): its size, where it goes, and its contents. The
 * stub's table is run here as the stub runs it (each copy in turn, into a
 * fake cell RAM), and the kernel, tree and initrd must come out at their
 * run addresses, byte for byte, with nothing else touched.
 */
#include <stdlib.h>
#include "../../tools/linux-restart.c"
#include "unit.h"

#define RAM_BASE  0x40000000ULL
#define RAM_SIZE  0x800000ULL /* 8 MiB of fake cell RAM */
#define UNTOUCHED 0x5a

static uint8_t *fill(size_t n, uint8_t seed)
{
	uint8_t *p = malloc(n);
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7);
	return p;
}

TEST(size_pages)
{
	struct linux_image img = { .file_size = 0x1001 };

	/* A page of stub, two of kernel, one of tree, none of initrd. */
	CHECK(linux_restart_size(&img, 0x600, 0) == 4 * PAGE);
	CHECK(linux_restart_size(&img, 0x1000, 1) == 5 * PAGE);
}

TEST(reserve_top_of_highest_exec)
{
	struct linux_ram ram[3] = {
		{ 0x40000000, 0x4000000, true },
		{ 0x50000000, 0x4000000, false }, /* not executable */
		{ 0x48000000, 0x2000000, true },
	};
	char why[256];
	uint64_t at;

	CHECK(linux_restart_reserve(ram, 3, 0x1000000, &at, why, sizeof(why)) ==
	      0);
	CHECK(at == 0x49000000);
	CHECK(ram[2].size == 0x1000000); /* the run layout stays below */
	CHECK(ram[0].size == 0x4000000 && ram[1].size == 0x4000000);
	/* Too big for the high one: the low one. */
	CHECK(linux_restart_reserve(ram, 3, 0x3000000, &at, why, sizeof(why)) ==
	      0);
	CHECK(at == 0x41000000 && ram[0].size == 0x1000000);
	CHECK(linux_restart_reserve(ram, 3, 0x8000000, &at, why, sizeof(why)) ==
	      -ENOSPC);
	CHECK(strstr(why, "--no-pristine-copy"));
}

/* Runs the table as the stub does, in a fake RAM at RAM_BASE. */
static int run_table(uint8_t *ram, const uint8_t *copy, uint64_t at)
{
	struct linux_restart_table t;
	uint64_t i;

	memcpy(&t, copy + sizeof(stub), sizeof(t));
	if (t.num_copies > LINUX_NUM_BLOBS)
		return -1;
	for (i = 0; i < t.num_copies; i++) {
		uint64_t dst = t.copy[i].dst, src = t.copy[i].src;
		uint64_t n = t.copy[i].size;

		if (n % 16 || dst % 16 || src % 16 || dst < RAM_BASE ||
		    dst + n > RAM_BASE + RAM_SIZE || src < at ||
		    src + n > RAM_BASE + RAM_SIZE)
			return -1;
		memmove(ram + (dst - RAM_BASE), ram + (src - RAM_BASE), n);
	}
	return 0;
}

TEST(build_copies_into_place)
{
	const uint64_t kernel_at = RAM_BASE + 0x80000,
		       dtb_at = RAM_BASE + 0x300000,
		       initrd_at = RAM_BASE + 0x302000;
	const size_t ksize = 0x12345, dsize = 0x777, isize = 0x1003;
	uint8_t *kernel = fill(ksize, 1), *dtb = fill(dsize, 2),
		*initrd = fill(isize, 3), *ram = malloc(RAM_SIZE), *copy;
	struct linux_image img = { .file_size = ksize };
	struct linux_restart_in in = {
		.image = kernel,
		.image_size = ksize,
		.dtb = dtb,
		.dtb_size = dsize,
		.initrd = initrd,
		.initrd_size = isize,
		.kernel_at = kernel_at,
		.dtb_at = dtb_at,
		.initrd_at = initrd_at,
		.size = linux_restart_size(&img, dsize, isize),
	};
	struct linux_restart_table t;

	in.addr = RAM_BASE + RAM_SIZE - in.size;
	copy = linux_restart_build(&in);
	CHECK(copy);
	if (!copy)
		return;
	CHECK(!memcmp(copy, stub, sizeof(stub)));
	memcpy(&t, copy + sizeof(stub), sizeof(t));
	CHECK(t.entry == kernel_at && t.dtb == dtb_at && t.num_copies == 3);
	CHECK(t.copy[0].src == in.addr + PAGE); /* after the stub */
	CHECK(t.copy[0].size == 0x12350);	/* 16-byte steps */

	memset(ram, UNTOUCHED, RAM_SIZE);
	memcpy(ram + (in.addr - RAM_BASE), copy, in.size);
	CHECK(run_table(ram, copy, in.addr) == 0);
	CHECK(!memcmp(ram + (kernel_at - RAM_BASE), kernel, ksize));
	CHECK(!memcmp(ram + (dtb_at - RAM_BASE), dtb, dsize));
	CHECK(!memcmp(ram + (initrd_at - RAM_BASE), initrd, isize));
	/* Below the kernel nothing, past each file only zero padding. */
	CHECK(ram[kernel_at - RAM_BASE - 1] == UNTOUCHED);
	CHECK(ram[kernel_at - RAM_BASE + ksize] == 0);
	CHECK(ram[dtb_at - RAM_BASE + 0x780] == UNTOUCHED);
	/* The copy itself is intact: the next reboot copies it again. */
	CHECK(!memcmp(ram + (in.addr - RAM_BASE), copy, in.size));
	free(copy);
	free(kernel);
	free(dtb);
	free(initrd);
	free(ram);
}

TEST(build_without_initrd)
{
	uint8_t *kernel = fill(0x2000, 4), *dtb = fill(0x100, 5), *copy;
	struct linux_image img = { .file_size = 0x2000 };
	struct linux_restart_in in = {
		.image = kernel,
		.image_size = 0x2000,
		.dtb = dtb,
		.dtb_size = 0x100,
		.kernel_at = RAM_BASE,
		.dtb_at = RAM_BASE + 0x200000,
		.size = linux_restart_size(&img, 0x100, 0),
		.addr = RAM_BASE + 0x700000,
	};
	struct linux_restart_table t;

	copy = linux_restart_build(&in);
	CHECK(copy);
	if (!copy)
		return;
	memcpy(&t, copy + sizeof(stub), sizeof(t));
	CHECK(t.num_copies == 2);
	CHECK(t.copy[1].dst == RAM_BASE + 0x200000);
	CHECK(t.copy[1].src == in.addr + 3 * PAGE);
	free(copy);
	free(kernel);
	free(dtb);
}

int main(void)
{
	unit_suite = "unit/linux-restart";
	RUN(size_pages);
	RUN(reserve_top_of_highest_exec);
	RUN(build_copies_into_place);
	RUN(build_without_initrd);
	return 0;
}
