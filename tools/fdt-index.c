// SPDX-License-Identifier: GPL-2.0
/*
 * An index of a device tree built in one pass, so that a scan does bounded
 * work per node: libfdt finds a node's parent and a phandle's node by
 * walking the tree from the start, which made a 40,000-node tree take
 * minutes. Here a parent is a binary search in the node list, a phandle
 * one in the sorted phandle list, and every node's interrupt parent (its
 * own `interrupt-parent` or its nearest ancestor's, Devicetree spec 2.4.1)
 * is worked out once on the way down.
 */
#include <stdlib.h>
#include <string.h>

#include "fdt-internal.h"

#define INDEX_DEPTH 64 /* deeper nodes get no parent: not scanned */

struct dt_node {
	int offset;
	int parent;	     /* offset, -1 for the root or unknown */
	uint32_t irq_parent; /* phandle in force, 0 if none */
};

struct dt_phandle {
	uint32_t phandle;
	int offset;
};

static int grow(void **array, unsigned int *cap, unsigned int num, size_t size)
{
	void *bigger;

	if (num < *cap)
		return 0;
	bigger = realloc(*array, (*cap ? *cap * 2 : 256) * size);
	if (!bigger)
		return -1;
	*array = bigger;
	*cap = *cap ? *cap * 2 : 256;
	return 0;
}

static int cmp_phandle(const void *a, const void *b)
{
	const struct dt_phandle *x = a, *y = b;

	return x->phandle < y->phandle ? -1 : x->phandle > y->phandle;
}

static uint32_t own_irq_parent(const void *fdt, int node, uint32_t inherited)
{
	const fdt32_t *ph;
	int len;

	ph = fdt_getprop(fdt, node, "interrupt-parent", &len);
	return ph && len == sizeof(*ph) ? fdt32_to_cpu(*ph) : inherited;
}

/* 0, or -1 if out of memory (the index is then empty). */
int dt_index_build(const void *fdt, struct dt_index *ix)
{
	unsigned int stack[INDEX_DEPTH], cap = 0, ph_cap = 0;
	int node, depth = 0;
	struct dt_node *n;
	uint32_t ph;

	memset(ix, 0, sizeof(*ix));
	for (node = 0; node >= 0 && depth >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (grow((void **)&ix->nodes, &cap, ix->num, sizeof(*n)))
			goto oom;
		n = &ix->nodes[ix->num];
		n->offset = node;
		n->parent = -1;
		n->irq_parent = 0;
		if (depth > 0 && depth < INDEX_DEPTH) {
			n->parent = ix->nodes[stack[depth - 1]].offset;
			n->irq_parent = ix->nodes[stack[depth - 1]].irq_parent;
		}
		n->irq_parent = own_irq_parent(fdt, node, n->irq_parent);
		if (depth < INDEX_DEPTH)
			stack[depth] = ix->num;
		ix->num++;
		ph = fdt_get_phandle(fdt, node);
		if (!ph || ph == ~0U)
			continue;
		if (grow((void **)&ix->ph, &ph_cap, ix->num_ph,
			 sizeof(*ix->ph)))
			goto oom;
		ix->ph[ix->num_ph].phandle = ph;
		ix->ph[ix->num_ph++].offset = node;
	}
	/* No phandle at all: nothing allocated, nothing to sort. */
	if (ix->num_ph)
		qsort(ix->ph, ix->num_ph, sizeof(*ix->ph), cmp_phandle);
	return 0;
oom:
	dt_index_free(ix);
	return -1;
}

void dt_index_free(struct dt_index *ix)
{
	free(ix->nodes);
	free(ix->ph);
	memset(ix, 0, sizeof(*ix));
}

/* Nodes are listed in offset order: fdt_next_node() only moves forward. */
static const struct dt_node *find(const struct dt_index *ix, int node)
{
	unsigned int lo = 0, hi = ix->num, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ix->nodes[mid].offset == node)
			return &ix->nodes[mid];
		if (ix->nodes[mid].offset < node)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int dt_parent(const void *fdt, const struct dt_index *ix, int node)
{
	const struct dt_node *n;

	if (!ix)
		return fdt_parent_offset(fdt, node);
	n = find(ix, node);
	return n && n->parent >= 0 ? n->parent : -FDT_ERR_NOTFOUND;
}

int dt_by_phandle(const void *fdt, const struct dt_index *ix, uint32_t ph)
{
	const struct dt_phandle key = { .phandle = ph }, *hit;

	if (!ix)
		return fdt_node_offset_by_phandle(fdt, ph);
	if (!ix->num_ph)
		return -FDT_ERR_NOTFOUND;
	hit = bsearch(&key, ix->ph, ix->num_ph, sizeof(*ix->ph), cmp_phandle);
	return hit ? hit->offset : -FDT_ERR_NOTFOUND;
}

int dt_irq_parent(const void *fdt, const struct dt_index *ix, int node)
{
	const struct dt_node *n = find(ix, node);

	return n && n->irq_parent ? dt_by_phandle(fdt, ix, n->irq_parent) :
				    -FDT_ERR_NOTFOUND;
}
