// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The inmate's side of the communication region. The protocol, from
 * include/bulkhead/comm-region.h and the hypervisor's shutdown path: to
 * ask, the hypervisor clears reply_from_cell, then sets msg_to_cell; the
 * inmate answers by writing reply_from_cell only. msg_to_cell stays set
 * until the hypervisor has read the answer (it asks again whenever
 * msg_to_cell is not the request), so a request is pending exactly while
 * the message is set and the reply still empty.
 */
#include "lib.h"

#define IDLE_POLL_NS (10 * NSEC_PER_MSEC)

struct bh_comm_region *comm_region(void)
{
	struct bh_comm_region *comm =
		(struct bh_comm_region *)(uintptr_t)BH_COMM_REGION_IPA;

	/* Bare metal there is nothing at that address (or RAM, or a fault). */
	if (inmate_bare_metal())
		return NULL;
	if (memcmp(comm->signature, BH_COMM_SIGNATURE, sizeof(comm->signature)))
		return NULL;
	return comm;
}

void comm_set_accepts_messages(void)
{
	struct bh_comm_region *comm = comm_region();

	if (comm)
		comm->flags |= BH_COMM_FLAG_MESSAGES;
}

bool comm_poll_shutdown_request(void)
{
	struct bh_comm_region *comm = comm_region();

	if (!comm || comm->msg_to_cell != BH_MSG_SHUTDOWN_REQUEST)
		return false;
	/* Read the reply after the message the hypervisor set after it. */
	dmb(ish);
	return comm->reply_from_cell == BH_REPLY_NONE;
}

void comm_reply(uint32_t reply)
{
	struct bh_comm_region *comm = comm_region();

	if (!comm)
		return;
	/* Whatever the inmate did before answering is visible first. */
	dsb(ish);
	comm->reply_from_cell = reply;
	dsb(ish);
}

bool comm_handle_shutdown(const char *who)
{
	bool deny;

	if (!comm_poll_shutdown_request())
		return false;
	deny = cmdline_parse_bool("deny-shutdown", false);
	printk("%s: shutdown requested, %s\n", who, deny ? "DENIED" : "OK");
	comm_reply(deny ? BH_REPLY_SHUTDOWN_DENIED : BH_REPLY_SHUTDOWN_OK);
	return !deny;
}

void comm_idle(const char *who)
{
	if (!inmate_bare_metal() && comm_region()) {
		comm_set_accepts_messages();
		while (!comm_handle_shutdown(who))
			timer_sleep_ns(IDLE_POLL_NS);
	}
	inmate_halt();
}
