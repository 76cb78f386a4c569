// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the config validator (lib/config-check.c,
 * config-place.c) and the tool's config printer (tools/config-dump.c):
 * whatever the bytes, they must not read outside them, crash, or break
 * their own promises. Each input is checked as a system config and as a
 * cell config; a sound cell is placed into the QEMU system config, alone
 * and beside itself; a sound system gets the "hello" cell placed into it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bhlib/config-check.h>

#include "config.h"

/* The example configs, compiled natively under names of their own. */
#define config qemu_config
#include "../../configs/cells/qemu-arm64.c"
#undef config
#define config hello_config
#include "../../configs/cells/hello.c"
#undef config

const char *progname = "fuzz_config";

static FILE *devnull;

/* Every message is a complete, bounded line. */
static void check_message(void *arg, int severity, const char *msg)
{
	size_t len = strnlen(msg, BH_CHECK_MSG_MAX);

	(void)arg;
	if (len == BH_CHECK_MSG_MAX || memchr(msg, '\n', len) ||
	    (severity != BH_CHECK_ERROR && severity != BH_CHECK_WARNING))
		__builtin_trap();
}

/* A check returns an error exactly when it counted one. */
static void check_verdict(const struct bh_check_ctx *ctx, unsigned int before,
			  int ret)
{
	if ((ret != 0) != (ctx->errors != before) ||
	    (ret && ret != -BH_CHECK_EINVAL))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bh_check_ctx ctx = { .report = check_message, .file = "fuzz" };
	const struct bh_cell_desc *others[2];
	unsigned int before;
	int sys_ret, cell_ret;
	void *buf;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	/* Exactly size bytes on the heap: AddressSanitizer sees any overread. */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);

	before = ctx.errors;
	sys_ret = bh_check_system(&ctx, buf, size, 4);
	check_verdict(&ctx, before, sys_ret);
	before = ctx.errors;
	check_verdict(&ctx, before, bh_check_system(&ctx, buf, size, 0));
	before = ctx.errors;
	cell_ret = bh_check_cell(&ctx, buf, size, 4);
	check_verdict(&ctx, before, cell_ret);

	if (!cell_ret) {
		bh_check_cell_in_system(&ctx, &qemu_config.header, buf, NULL,
					0);
		others[0] = &hello_config.cell;
		others[1] = buf;
		bh_check_cell_in_system(&ctx, &qemu_config.header, buf, others,
					2);
	}
	if (!sys_ret)
		bh_check_cell_in_system(&ctx, buf, &hello_config.cell, NULL, 0);
	if (devnull)
		config_dump(devnull, buf, size);
	free(buf);
	return 0;
}
