/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * ioctl interface of /dev/bulkhead, used by the bulkhead tool.
 */
#ifndef _BULKHEAD_IOCTL_H
#define _BULKHEAD_IOCTL_H

#include "types.h"
#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define BULKHEAD_DEVICE	  "/dev/bulkhead"
#define BULKHEAD_SYSFS	  "/sys/devices/bulkhead"
#define BULKHEAD_FIRMWARE "bulkhead.bin"

/* Largest config files the driver accepts. */
#define BULKHEAD_MAX_CONFIG_SIZE      (1U << 20)
#define BULKHEAD_MAX_CELL_CONFIG_SIZE (64U << 10)

/* A config file in user memory. */
struct bulkhead_config_arg {
	uint64_t address;
	uint64_t size;
};

/* A cell, by the id the hypervisor gave it. */
struct bulkhead_cell_id {
	uint32_t id;
	uint32_t flags;
};

/* bulkhead_cell_id.flags for BULKHEAD_IOCTL_CELL_SHUTDOWN */
#define BULKHEAD_SHUTDOWN_FORCE (1U << 0)

/* Load address meaning "the start of the cell's first loadable region". */
#define BULKHEAD_LOAD_DEFAULT_ADDRESS (~0ULL)

/* Bytes to copy into a cell's loadable memory, at a guest-physical address. */
struct bulkhead_load_segment {
	uint64_t address;
	uint64_t size;
	uint64_t data; /* user pointer */
};

struct bulkhead_cell_load {
	uint32_t id;
	uint32_t num_segments;
	uint64_t segments; /* user pointer to struct bulkhead_load_segment[] */
};

#define BULKHEAD_MAX_LOAD_SEGMENTS 16

/*
 * How a cell's boot CPU starts (Linux's Documentation/arm64/booting.rst):
 * at entry with x0 = dtb and x1-x3 = 0. Allowed while the cell is not
 * running (after create, after shutdown, before start); it holds for the
 * next start and for every restart the cell makes itself (PSCI
 * SYSTEM_RESET) until the root cell shuts the cell down. A cell never
 * given one starts at its config's cpu_reset_address with x0 = 0.
 * Validated by bh_check_cell_boot() (config-check.h), which names the
 * field at fault.
 */
struct bulkhead_cell_boot {
	uint32_t id;
	uint32_t flags; /* 0 */
	uint64_t entry; /* IPA the boot CPU starts at; must be in the
				   cell's executable memory */
	uint64_t dtb;	/* IPA passed in x0 (booting.rst), 0 = none */
};

struct bulkhead_messages {
	uint64_t address; /* user pointer to the buffer */
	uint64_t size;	  /* its size in bytes */
};

#define BULKHEAD_IOCTL_ENABLE	     _IOW(0xbb, 0, struct bulkhead_config_arg)
#define BULKHEAD_IOCTL_DISABLE	     _IO(0xbb, 1)
/* Returns the new cell's id. */
#define BULKHEAD_IOCTL_CELL_CREATE   _IOW(0xbb, 2, struct bulkhead_config_arg)
#define BULKHEAD_IOCTL_CELL_LOAD     _IOW(0xbb, 3, struct bulkhead_cell_load)
#define BULKHEAD_IOCTL_CELL_START    _IOW(0xbb, 4, struct bulkhead_cell_id)
#define BULKHEAD_IOCTL_CELL_SHUTDOWN _IOW(0xbb, 5, struct bulkhead_cell_id)
#define BULKHEAD_IOCTL_CELL_DESTROY  _IOW(0xbb, 6, struct bulkhead_cell_id)
/*
 * The messages of the last other ioctl on this file descriptor (why it
 * failed, one per line), NUL-terminated into the buffer; returns their
 * length. The kernel log has them too.
 */
#define BULKHEAD_IOCTL_MESSAGES	     _IOW(0xbb, 7, struct bulkhead_messages)
#define BULKHEAD_IOCTL_CELL_SET_BOOT _IOW(0xbb, 8, struct bulkhead_cell_boot)

BH_STATIC_ASSERT(sizeof(struct bulkhead_load_segment) == 24,
		 "load segment ABI");
BH_STATIC_ASSERT(sizeof(struct bulkhead_cell_load) == 16, "cell load ABI");
BH_STATIC_ASSERT(sizeof(struct bulkhead_cell_boot) == 24, "cell boot ABI");

#endif /* _BULKHEAD_IOCTL_H */
