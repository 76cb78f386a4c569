/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The ivshmem-demo protocol: root Linux (tools/ivshmem-demo) <-> an
 * inmate (inmates/demos/ivshmem-demo) over one ivshmem link. Both sides
 * include this header; it is the whole contract between them.
 *
 * Peers: the root cell is peer 0 (the requester), the inmate peer 1 (the
 * responder). Each side writes only its own output section, at offset 0 of
 * which lives its current message (struct bh_demo_msg).
 *
 * Start-up: each side clears the seq of its own message to 0, sets its
 * ivshmem STATE register to BH_DEMO_STATE_READY and waits until the other
 * side's entry in the state table reads BH_DEMO_STATE_READY. The root
 * program sets its state back to 0 when it exits.
 *
 * Sending (either side): write payload, len, checksum and flags, then a
 * write barrier, then seq, then ring the peer's doorbell with
 * BH_DEMO_VECTOR. A receiver reads seq first, then a read barrier, then the
 * rest. Interrupts may be merged or spurious (state changes interrupt too):
 * a receiver always looks at seq rather than counting interrupts.
 *
 * Requests (root): seq 1, 2, 3, ... (it starts at 1 again in each run of
 * the root program); payload byte i of request seq is bh_demo_byte(seq, i),
 * len <= out_size - BH_DEMO_PAYLOAD_OFFSET, checksum = bh_demo_fnv1a() of
 * the payload. The responder handles a request when its seq is non-zero
 * and differs from the last seq it answered.
 *
 * Replies (inmate), in its own output section with the request's seq:
 *   - request flags & BH_DEMO_ECHO: len = request len, payload = request
 *     payload XOR 0xff, checksum over that payload;
 *   - otherwise len 0 and checksum bh_demo_fnv1a() of nothing (an ack,
 *     for bulk throughput);
 *   - reply flags: BH_DEMO_BAD if the request's checksum or content was
 *     wrong (its len too large counts as wrong), else 0.
 *
 * seq BH_DEMO_SEQ_DONE (len 0, flags 0) ends a run: the responder prints
 * its totals for the run on its console in the BH_DEMO_TOTALS_FMT format,
 * resets them, and replies (len 0) as to any other request.
 */
#ifndef _BULKHEAD_IVSHMEM_DEMO_H
#define _BULKHEAD_IVSHMEM_DEMO_H

#include "types.h"

#define BH_DEMO_ROOT_PEER   0
#define BH_DEMO_INMATE_PEER 1

#define BH_DEMO_STATE_READY 1
#define BH_DEMO_VECTOR	    0

/* bh_demo_msg.flags */
#define BH_DEMO_ECHO (1U << 0) /* request: echo the payload */
#define BH_DEMO_BAD  (1U << 1) /* reply: the request was corrupt */

#define BH_DEMO_SEQ_DONE 0xffffffffU

#define BH_DEMO_PAYLOAD_OFFSET 64

struct bh_demo_msg {
	uint32_t seq;	   /* written last by the sender */
	uint32_t len;	   /* payload bytes */
	uint32_t checksum; /* bh_demo_fnv1a(payload, len) */
	uint32_t flags;
	uint8_t pad[48];
	uint8_t payload[]; /* at BH_DEMO_PAYLOAD_OFFSET */
};

BH_STATIC_ASSERT(sizeof(struct bh_demo_msg) == BH_DEMO_PAYLOAD_OFFSET,
		 "demo message header size");

/*
 * Responder's totals line (printf format), for the tests: requests
 * answered in the run (the done request not counted), the sum of their
 * len, and how many of them were answered with BH_DEMO_BAD.
 */
#define BH_DEMO_TOTALS_FMT \
	"ivshmem-demo: inmate totals: %u requests, %llu bytes, %u errors\n"

#define BH_DEMO_FNV_BASIS 0x811c9dc5U
#define BH_DEMO_FNV_PRIME 0x01000193U

/* 32-bit FNV-1a. */
static inline uint32_t bh_demo_fnv1a(const volatile uint8_t *p, uint32_t len)
{
	uint32_t h = BH_DEMO_FNV_BASIS;
	uint32_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= BH_DEMO_FNV_PRIME;
	}
	return h;
}

/* Byte i of the payload of request seq. */
static inline uint8_t bh_demo_byte(uint32_t seq, uint32_t i)
{
	return (uint8_t)(seq * 131U + i * 7U);
}

#endif /* _BULKHEAD_IVSHMEM_DEMO_H */
