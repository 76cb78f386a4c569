/* SPDX-License-Identifier: GPL-2.0 */
/* What the `bulkhead config` subcommands share. */
#ifndef _BULKHEAD_TOOLS_CONFIG_H
#define _BULKHEAD_TOOLS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <bhlib/config-check.h>

/* A validator context that prints "error: ..." / "warning: ..." to out. */
void check_ctx_init(struct bh_check_ctx *ctx, FILE *out, const char *file);
void print_check_summary(FILE *out, const struct bh_check_ctx *ctx);

bool is_system_config(const void *data, size_t size);
/* The config checked before an ioctl, findings on stderr; its errors. */
unsigned int precheck_config(const char *what, const char *path,
			     const void *data, size_t size, bool system);
int check_one(struct bh_check_ctx *ctx, const void *data, size_t size,
	      unsigned int num_cpus);
int config_dump(FILE *out, const void *data, size_t size);

/* Checks a created config beyond check_one(); reports through ctx. */
typedef void extra_check_fn(struct bh_check_ctx *ctx, const void *data,
			    size_t size, void *arg);

struct model;
struct fdt_platform;
int create_system_model(struct model *m, struct fdt_platform *p,
			const void *fdt, const char *dtb, const char *name,
			FILE *diag);
bool writes_binary(const char *out);
int write_model(struct model *m, const char *out, const char *what,
		unsigned int num_cpus, extra_check_fn *extra_check, void *arg);

int cmd_config_check(int argc, char **argv);
int cmd_config_dump(int argc, char **argv);
int cmd_config_create(int argc, char **argv);
int cmd_config_create_cell(int argc, char **argv);

#endif
