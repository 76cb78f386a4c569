/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The inmate's side of the communication region
 * (include/bulkhead/comm-region.h) and of its boot arguments.
 */
#ifndef _INMATE_COMM_H
#define _INMATE_COMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <bulkhead/comm-region.h>

/* The region, or NULL bare metal or if its signature is wrong. */
struct bh_comm_region *comm_region(void);

/* Promises the hypervisor to answer messages (BH_COMM_FLAG_MESSAGES). */
void comm_set_accepts_messages(void);

/* True while a shutdown request waits for this inmate's answer. */
bool comm_poll_shutdown_request(void);

/* Answers the pending message: BH_REPLY_SHUTDOWN_OK or _DENIED. */
void comm_reply(uint32_t reply);

/*
 * Answers a pending shutdown request, printing "WHO: shutdown requested,
 * OK" (or ", DENIED" if the args hold deny-shutdown=1) first, since the
 * cell may stop as soon as it said OK. Returns true if it said OK.
 */
bool comm_handle_shutdown(const char *who);

/*
 * In a cell: accepts messages and idles until a shutdown request is
 * answered OK, then halts. Bare metal: halts at once.
 */
void __attribute__((noreturn)) comm_idle(const char *who);

/*
 * Boot arguments: the comm region's args in a cell; bare metal, the
 * program's INMATE_DEFAULT_ARGS followed by the kernel command line QEMU
 * puts in the device tree (-append), so the latter overrides.
 */
const char *inmate_args(void);

/*
 * The value of the last "name=value" word of the args. Integers take a
 * sign and a 0x prefix; booleans take 1/0, y/n, yes/no, on/off,
 * true/false, and a bare "name" means true. Malformed values give def.
 */
long cmdline_parse_int(const char *name, long def);
bool cmdline_parse_bool(const char *name, bool def);
/* Copies the value (truncated, NUL-terminated) into buf, or returns def. */
const char *cmdline_parse_str(const char *name, char *buf, size_t size,
			      const char *def);

/* Built-in args used bare metal, e.g. INMATE_DEFAULT_ARGS("freq=1000"). */
#define INMATE_DEFAULT_ARGS(str) const char inmate_default_args[] = str

#endif
