// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for `bulkhead config create`'s reading of device trees
 * (tools/fdt-*.c) and what it builds from them (tools/config-create.c,
 * config-model.c): any blob that libfdt accepts as well-formed must be
 * scanned without reading outside it, and a config made of it must lay
 * out, validate and print without crashing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "config.h"
#include "config-model.h"
#include "fdt-scan.h"

const char *progname = "fuzz_fdt";

static FILE *devnull;
static struct fdt_platform platform;
static struct model model;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bh_check_ctx ctx;
	size_t cfg_size;
	void *buf, *cfg;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	/* Exactly size bytes on the heap: AddressSanitizer sees any overread. */
	buf = malloc(size ? size : 1);
	if (!buf || !devnull)
		goto out;
	memcpy(buf, data, size);
	/* What fdt_load() requires of a blob before it is scanned. */
	if (fdt_check_blob(buf, size))
		goto out;
	if (create_system_model(&model, &platform, buf, "fuzz", NULL, devnull))
		goto out;
	cfg = model_layout(&model, &cfg_size);
	if (cfg) {
		check_ctx_init(&ctx, devnull, "fuzz");
		check_one(&ctx, cfg, cfg_size, platform.num_cpus);
		model_write_c(&model, devnull);
		free(cfg);
	}
out:
	free(buf);
	return 0;
}
