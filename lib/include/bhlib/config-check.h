/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Validation of system and cell configs (cell-config.h): one library that
 * the hypervisor, the driver and the tools all compile, so that every
 * consumer accepts exactly the same configs and explains a rejection the
 * same way. Implemented in lib/config-check.c (Documentation/architecture.md, "Shared code").
 */
#ifndef _BHLIB_CONFIG_CHECK_H
#define _BHLIB_CONFIG_CHECK_H

#include <bulkhead/cell-config.h>

/*
 * EINVAL of every Linux architecture (asm-generic/errno-base.h), spelled out
 * because the hypervisor has no errno.h of its own to share with the others.
 */
#define BH_CHECK_EINVAL 22

/* Severity of a finding: errors reject the config, warnings do not. */
#define BH_CHECK_ERROR	 0
#define BH_CHECK_WARNING 1

/* Longest message handed to report(), including the NUL; longer ones are cut. */
#define BH_CHECK_MSG_MAX 256

/*
 * CONFIG_MAX_CPUS of a default build (Kconfig) and the most it can be: the
 * CPU limit assumed when bh_check_ctx.max_cpus is 0.
 */
#define BH_CHECK_DEFAULT_MAX_CPUS 8
#define BH_CHECK_KCONFIG_MAX_CPUS 64

/*
 * Where findings go. report may be NULL (then only the counters move); msg
 * is a complete line without newline, valid during the call only. file, if
 * set, starts every message ("qemu-arm64.cell: ..."). errors and warnings
 * count across calls: set them to 0 once. max_cpus is the CONFIG_MAX_CPUS
 * of the hypervisor the config is for: a root cell with CPUs beyond it is
 * an error; 0 means unknown (the tools): beyond the Kconfig default is a
 * warning then, beyond what Kconfig allows an error.
 */
struct bh_check_ctx {
	void (*report)(void *arg, int severity, const char *msg);
	void *arg;
	unsigned int errors;
	unsigned int warnings;
	const char *file;
	unsigned int max_cpus;
};

/*
 * Check a complete system config of size bytes at data (8-byte aligned).
 * num_cpus is the number of CPUs that exist, 0 if unknown. Reports every
 * finding; returns 0, or -BH_CHECK_EINVAL if this call found an error.
 * Never reads outside data[0..size).
 */
int bh_check_system(struct bh_check_ctx *ctx, const void *data, uint64_t size,
		    unsigned int num_cpus);

/* The same for a cell config (struct bh_cell_desc and its arrays). */
int bh_check_cell(struct bh_check_ctx *ctx, const void *data, uint64_t size,
		  unsigned int num_cpus);

/*
 * Check a non-root cell against the system it is to join (implemented in
 * lib/config-place.c): its CPUs, memory and interrupts must be the
 * root cell's to give and no other cell's (memory both sides mark
 * BH_MEM_SHARED excepted), it must keep clear of hypervisor_memory and the
 * GIC, bring one well-formed communication region, be able to start at
 * cpu_reset_address, and have a name of its own. The root cell must keep
 * a CPU. sys passed bh_check_system(); cell and the num_others running
 * non-root cells (others may be NULL if there are none) passed
 * bh_check_cell(), each with its arrays behind it. Returns 0, or
 * -BH_CHECK_EINVAL if this call found an error.
 */
int bh_check_cell_in_system(struct bh_check_ctx *ctx,
			    const struct bh_system *sys,
			    const struct bh_cell_desc *cell,
			    const struct bh_cell_desc *const *others,
			    unsigned int num_others);

/* Bytes of a flattened device tree's header (Devicetree spec 5.2). */
#define BH_BOOT_DTB_HEADER_SIZE 40

/*
 * Check a boot CPU's start (struct bulkhead_cell_boot in ioctl.h) against
 * a cell config that passed bh_check_cell(): flags 0, entry a 4-byte
 * aligned address in one of its executable memory regions, dtb 0 or an
 * 8-byte aligned address whose header lies in one of its readable RAM
 * regions (guest-physical; IO and the communication region excluded).
 * Implemented in lib/config-place.c. Returns 0, or
 * -BH_CHECK_EINVAL if this call found an error.
 */
int bh_check_cell_boot(struct bh_check_ctx *ctx,
		       const struct bh_cell_desc *cell, uint32_t flags,
		       uint64_t entry, uint64_t dtb);

#endif /* _BHLIB_CONFIG_CHECK_H */
