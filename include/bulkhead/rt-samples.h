/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The rt-control sample stream: the inmate (inmates/demos/rt-control, on
 * the real-time kernel) writes every control step's sample into a ring at
 * offset 0 of its own ivshmem output section; the root cell's rt-samples
 * tool (tools/rt-samples.c) reads it while the cell runs. Both sides
 * include this header; it is the whole contract between them.
 *
 * Writer: fills magic, entries and freq once, then for step n writes
 * samples[n % entries] with seq = n, a write barrier, then head = n + 1.
 * Every BH_RT_RING_EVERY samples it rings peer 0's doorbell (vector 0).
 * Its ivshmem state is BH_RT_STATE_STREAMING while it writes.
 *
 * Reader: reads head, a read barrier, then the samples it has not seen
 * up to head; a sample whose seq is not the one expected was overwritten
 * meanwhile (the reader fell more than entries behind) and counts as
 * lost.
 */
#ifndef _BULKHEAD_RT_SAMPLES_H
#define _BULKHEAD_RT_SAMPLES_H

#include "types.h"

#define BH_RT_MAGIC	      "BHRTSMP1"
#define BH_RT_STATE_STREAMING 1
#define BH_RT_RING_EVERY      100
#define BH_RT_INMATE_PEER     1U

struct bh_rt_sample {
	uint32_t seq;	    /* control step, from 0 */
	int32_t setpoint;   /* thousandths of the plant's unit */
	int32_t output;	    /* the plant's output, likewise */
	int32_t u;	    /* the controller's actuation, likewise */
	uint32_t jitter_ns; /* release -> control task running */
	uint32_t missed;    /* deadline misses so far */
};

struct bh_rt_ring {
	char magic[8];
	uint32_t entries; /* capacity of samples[] */
	uint32_t freq;	  /* control steps per second */
	uint64_t head;	  /* samples written; after the sample itself */
	uint64_t reserved[5];
	struct bh_rt_sample samples[];
};

BH_STATIC_ASSERT(sizeof(struct bh_rt_sample) == 24, "rt sample size");
BH_STATIC_ASSERT(sizeof(struct bh_rt_ring) == 64, "rt ring header size");

#endif /* _BULKHEAD_RT_SAMPLES_H */
