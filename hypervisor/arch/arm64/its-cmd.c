// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's ITS commands, one at a time, checked and rewritten
 * before the ITS sees them (GICv3 spec IHI 0069H, 5.3). The ITS reads and
 * writes memory the commands name and delivers LPIs to the redistributors
 * they name, so: an ITT is always the hypervisor's own (the root's
 * ITT_addr is replaced), a collection may only target a root CPU's
 * redistributor, and a command the hypervisor does not know (GICv4's
 * vLPI commands among them) never reaches the ITS.
 */
#include <hv/errno.h>
#include <hv/string.h>
#include "its.h"

#define MAPD_SIZE(c)  ((c)->dw[1] & 0x1f)     /* EventID bits - 1 */
#define MAPD_ITT_MASK (0xfffffffffffULL << 8) /* DW2[51:8] */
#define RDBASE_MASK   (0xfffffffffULL << 16)  /* [51:16] */

static void make_sync(struct its_cmd *out, u64 rdbase)
{
	memset(out, 0, sizeof(*out));
	out->dw[0] = ITS_SYNC;
	out->dw[2] = rdbase << 16;
}

static struct its_dev *find_dev(struct its_state *s, u32 devid)
{
	unsigned int i;

	for (i = 0; i < ITS_MAX_DEVICES; i++)
		if (s->dev[i].used && s->dev[i].devid == devid)
			return &s->dev[i];
	return NULL;
}

/*
 * MAPD: the device gets an ITT in hypervisor memory, of the size asked.
 * Every check comes before the old ITT is let go: a refused MAPD never
 * reaches the ITS, which keeps mapping the device to its old ITT, so
 * that ITT must stay allocated. The ITS ignores a MAPD whose Size exceeds
 * GITS_TYPER.ID_bits whatever V says (5.3.8, command error), so that is
 * refused here too.
 */
static int map_dev(struct its_state *s, struct its_cmd *out, const char **why)
{
	u32 devid = ITS_CMD_DEVID(out);
	u64 bytes = (2ULL << MAPD_SIZE(out)) * GITS_TYPER_ITT_ESZ(s->typer);
	struct its_dev *old = find_dev(s, devid), *d = old;
	paddr_t itt;
	u64 pages;
	unsigned int i;
	int err;

	if (devid >= s->dt_entries) {
		*why = "DeviceID beyond the device table";
		return -ENOSPC;
	}
	if (MAPD_SIZE(out) + 1 > GITS_TYPER_IDBITS(s->typer)) {
		*why = "more EventID bits than the ITS has";
		return -EINVAL;
	}
	if (!(out->dw[2] & ITS_CMD_VALID)) {
		if (old) {
			its_itt_free(old->itt, old->pages);
			old->used = false;
		}
		return 0;
	}
	for (i = 0; i < ITS_MAX_DEVICES && !d; i++)
		if (!s->dev[i].used)
			d = &s->dev[i];
	if (!d || bytes > ITS_ITT_MAX_PAGES * 4096ULL) {
		*why = d ? "ITT larger than the hypervisor gives" :
			   "too many devices with an ITT";
		return -ENOSPC;
	}
	err = its_itt_alloc(bytes, &itt, &pages);
	if (err) {
		*why = "no hypervisor memory for the ITT";
		return err;
	}
	/* Remapped: the ITS leaves the old ITT when it runs this MAPD. */
	if (old)
		its_itt_free(old->itt, old->pages);
	d->used = true;
	d->devid = devid;
	d->itt = itt;
	d->pages = pages;
	out->dw[2] =
		(out->dw[2] & ~MAPD_ITT_MASK) | (pa_addr(itt) & MAPD_ITT_MASK);
	return 0;
}

static struct its_coll *find_coll(struct its_state *s, u64 icid)
{
	if (icid >= ITS_MAX_COLLECTIONS || icid >= s->ct_limit)
		return NULL;
	return &s->coll[icid];
}

/* MAPC: only to a root CPU; the ITS gets the target the hypervisor keeps. */
static int map_coll(struct its_state *s, struct its_cmd *out, const char **why)
{
	struct its_coll *c = find_coll(s, ITS_CMD_ICID(out));
	u64 rdbase = ITS_CMD_RDBASE(out->dw[2]);

	if (!c) {
		*why = "ICID beyond the collections the hypervisor follows";
		return -ENOSPC;
	}
	if (!(out->dw[2] & ITS_CMD_VALID)) {
		c->mapped = false;
		return 0;
	}
	if (!its_rdbase_is_root(rdbase)) {
		*why = "target redistributor not a root cell CPU's";
		return -EPERM;
	}
	c->mapped = true;
	c->vtarget = rdbase;
	c->target = rdbase;
	return 0;
}

/* Commands that name an event of a device: it must have its ITT here. */
static int check_event(struct its_state *s, const struct its_cmd *in,
		       bool names_coll, const char **why)
{
	struct its_coll *c;

	if (!find_dev(s, ITS_CMD_DEVID(in))) {
		*why = "device not mapped";
		return -EINVAL;
	}
	if (!names_coll)
		return 0;
	c = find_coll(s, ITS_CMD_ICID(in));
	if (!c || !c->mapped) {
		*why = "collection not mapped";
		return -EINVAL;
	}
	return 0;
}

static int check_rdbase(u64 word, const char **why)
{
	if (its_rdbase_is_root(ITS_CMD_RDBASE(word)))
		return 0;
	*why = "redistributor not a root cell CPU's";
	return -EPERM;
}

static int translate(struct its_state *s, struct its_cmd *out, const char **why)
{
	switch (ITS_CMD_NUM(out)) {
	case ITS_MAPD:
		return map_dev(s, out, why);
	case ITS_MAPC:
		return map_coll(s, out, why);
	case ITS_MAPTI:
	case ITS_MAPI:
	case ITS_MOVI:
		return check_event(s, out, true, why);
	case ITS_INT:
	case ITS_CLEAR:
	case ITS_INV:
	case ITS_DISCARD:
		return check_event(s, out, false, why);
	case ITS_INVALL:
		if (find_coll(s, ITS_CMD_ICID(out)))
			return 0;
		*why = "ICID beyond the collections the hypervisor follows";
		return -ENOSPC;
	case ITS_SYNC:
		return check_rdbase(out->dw[2], why);
	case ITS_MOVALL:
		if (check_rdbase(out->dw[2], why))
			return -EPERM;
		return check_rdbase(out->dw[3], why);
	default:
		*why = "command not supported (GICv4 or unknown)";
		return -EPERM;
	}
}

int its_cmd_translate(struct its_state *s, const struct its_cmd *in,
		      struct its_cmd *out, const char **why)
{
	int err;

	*out = *in;
	*why = NULL;
	err = translate(s, out, why);
	if (err)
		make_sync(out, its_root_fallback_rdbase());
	return err;
}
