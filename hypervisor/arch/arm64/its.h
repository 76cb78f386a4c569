/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GICv3 ITS (GIC architecture spec IHI 0069H, chapters 5 and 6, and
 * 12.19 for the registers), kept by the hypervisor for the root cell:
 * gic-its.c owns the hardware and emulates the root's control frame,
 * its-cmd.c checks and rewrites each command the root queues.
 */
#ifndef _ITS_H
#define _ITS_H

#include <hv/types.h>

#define GITS_SIZE 0x10000 /* the control frame */

#define GITS_CTLR      0x0000
#define GITS_IIDR      0x0004
#define GITS_TYPER     0x0008
#define GITS_CBASER    0x0080
#define GITS_CWRITER   0x0088
#define GITS_CREADR    0x0090
#define GITS_BASER     0x0100 /* 8 of them, 8 bytes each */
#define GITS_BASER_END 0x0140
#define GITS_ID_START  0xffd0 /* PIDR4 .. CIDR3 */

#define GITS_CTLR_ENABLED   (1U << 0)
#define GITS_CTLR_QUIESCENT (1U << 31)

#define GITS_TYPER_VIRTUAL    (1ULL << 1)
#define GITS_TYPER_ITT_ESZ(t) ((((t) >> 4) & 0xf) + 1)
#define GITS_TYPER_IDBITS(t)  ((((t) >> 8) & 0x1f) + 1) /* EventID bits */
#define GITS_TYPER_DEVBITS(t) ((((t) >> 13) & 0x1f) + 1)
#define GITS_TYPER_PTA	      (1ULL << 19)
#define GITS_TYPER_HCC(t)     (((t) >> 24) & 0xff)
/* GICv4 and later: vLPIs, VMOVP, vSGIs, ... never shown to the root. */
#define GITS_TYPER_HIDDEN                                                  \
	(GITS_TYPER_VIRTUAL | (1ULL << 37) | (1ULL << 39) | (1ULL << 40) | \
	 (1ULL << 41))

/* GITS_CBASER and GITS_BASER<n> (12.19.2, 12.19.3). */
#define GITS_BASER_VALID       (1ULL << 63)
#define GITS_BASER_INDIRECT    (1ULL << 62)
#define GITS_BASER_TYPE(b)     (((b) >> 56) & 7)
#define GITS_BASER_TYPE_DEVICE 1
#define GITS_BASER_TYPE_COLL   4
#define GITS_BASER_ESZ(b)      ((((b) >> 48) & 0x1f) + 1)
#define GITS_BASER_RO	       ((7ULL << 56) | (0x1fULL << 48))
#define GITS_BASER_ADDR_MASK   0x0000fffffffff000ULL /* 4 KiB pages */
#define GITS_BASER_PSZ(b)      (((b) >> 8) & 3)
#define GITS_BASER_SIZE(b)     (((b)&0xff) + 1) /* pages */
/* Normal memory, inner write-back read/write-allocate, inner shareable. */
#define GITS_BASER_WB	       ((7ULL << 59) | (1ULL << 10))
#define GITS_BASER_SHARE_MASK  (3ULL << 10)
#define GITS_CBASER_ADDR_MASK  0x000ffffffffff000ULL

#define GITS_CMD_SIZE	    32
#define GITS_QUEUE_OFF_MASK 0xfffe0ULL /* CWRITER/CREADR[19:5] */
#define GITS_CREADR_STALLED (1ULL << 0)
/* The queue the hypervisor feeds the ITS: 64 KiB, as Linux's own. */
#define ITS_QUEUE_PAGES	    16
#define ITS_QUEUE_SIZE	    (ITS_QUEUE_PAGES * 4096ULL)

/* Commands (5.3), by the number in DW0[7:0]. */
#define ITS_MOVI    0x01
#define ITS_INT	    0x03
#define ITS_CLEAR   0x04
#define ITS_SYNC    0x05
#define ITS_MAPD    0x08
#define ITS_MAPC    0x09
#define ITS_MAPTI   0x0a
#define ITS_MAPI    0x0b
#define ITS_INV	    0x0c
#define ITS_INVALL  0x0d
#define ITS_MOVALL  0x0e
#define ITS_DISCARD 0x0f

/* Collections the hypervisor follows; Linux uses one per CPU. */
#define ITS_MAX_COLLECTIONS 64
/* Devices with an ITT at a time; each ITT at most ITS_ITT_MAX_PAGES. */
#define ITS_MAX_DEVICES	    64
#define ITS_ITT_MAX_PAGES   4
/* Flat device table: 16 pages of 8-byte entries cover 8192 DeviceIDs. */
#define ITS_DT_PAGES	    16
#define ITS_CT_PAGES	    1

struct its_cmd {
	u64 dw[4];
};

/* What the hypervisor keeps of the ITS's state (under its_lock). */
struct its_coll {
	bool mapped; /* by the root */
	u64 vtarget; /* the RDbase field the root gave */
	u64 target;  /* the RDbase field the ITS has now */
};

struct its_dev {
	bool used;
	u32 devid;
	paddr_t itt;
	u64 pages;
};

struct its_state {
	u64 typer;
	u64 ct_limit; /* collections the ITS can hold */
	u64 dt_entries;
	struct its_coll coll[ITS_MAX_COLLECTIONS];
	struct its_dev dev[ITS_MAX_DEVICES];
};

/*
 * Checks one command of the root cell and rewrites it for the ITS into
 * *out (ITT addresses become the hypervisor's, collection targets the
 * real ones). Returns 0, or -EPERM/-ENOSPC/-EINVAL with the command
 * replaced by a harmless SYNC; why is logged by the caller.
 */
int its_cmd_translate(struct its_state *s, const struct its_cmd *in,
		      struct its_cmd *out, const char **why);

/* For its-cmd.c, from gic-its.c: RDbase fields and the CPUs behind them. */
bool its_rdbase_is_root(u64 rdbase);
u64 its_root_fallback_rdbase(void);
int its_itt_alloc(u64 bytes, paddr_t *pa, u64 *pages);
void its_itt_free(paddr_t pa, u64 pages);

#define ITS_CMD_NUM(c)	  ((c)->dw[0] & 0xff)
#define ITS_CMD_DEVID(c)  ((u32)((c)->dw[0] >> 32))
#define ITS_CMD_ICID(c)	  ((c)->dw[2] & 0xffff)
#define ITS_CMD_RDBASE(w) (((w) >> 16) & 0xfffffffffULL) /* [51:16] */
#define ITS_CMD_VALID	  (1ULL << 63)

#endif
