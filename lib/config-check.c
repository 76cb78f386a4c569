// SPDX-License-Identifier: GPL-2.0
/*
 * The config validator: decides whether a system or cell config is sound and
 * names every field that is not. The hypervisor, the driver and the tools
 * compile this same file (and config-place.c, which checks a cell against
 * the system), so it includes nothing but bulkhead/ and bhlib/ headers and
 * its own internal one, and calls no library function but bh_vformat().
 * Architecture rules are asked of config-arm64.c.
 *
 * Order of work: the fixed-size header first, then whether the arrays fit
 * the file (with 64-bit arithmetic that cannot overflow), and only then the
 * arrays themselves.
 */
#include <bhlib/format.h>
#include "config-check-internal.h"

#define CHECK_HV_MEM_MIN  0x100000ULL /* 1 MiB */
#define CHECK_CPU_SET_MAX 1024	      /* bytes: 8192 CPUs */

/* One cell's descriptor and arrays while they are checked. */
struct cell_check {
	struct bh_check_ctx *ctx;
	const char *path; /* field path prefix: "root_cell." or "" */
	const struct bh_cell_desc *desc;
	const void *arrays; /* NULL until the arrays are known to fit */
	const struct bh_memory *mem;
	const struct bh_irqchip *irqchips;
	const struct bh_platform *platform; /* NULL = unknown */
	unsigned int num_cpus;		    /* 0 = unknown */
	bool root;
};

struct msg {
	char s[BH_CHECK_MSG_MAX];
	unsigned int len;
};

static void msg_emit(char c, void *arg)
{
	struct msg *m = arg;

	if (m->len < sizeof(m->s) - 1)
		m->s[m->len++] = c;
}

void bh_check_note(struct bh_check_ctx *ctx, int severity, const char *fmt, ...)
{
	const char *s;
	struct msg m;
	va_list ap;

	if (severity == BH_CHECK_ERROR)
		ctx->errors++;
	else
		ctx->warnings++;
	if (!ctx->report)
		return;

	m.len = 0;
	if (ctx->file) {
		for (s = ctx->file; *s; s++)
			msg_emit(*s, &m);
		msg_emit(':', &m);
		msg_emit(' ', &m);
	}
	va_start(ap, fmt);
	bh_vformat(msg_emit, &m, fmt, ap);
	va_end(ap);
	m.s[m.len] = '\0';
	ctx->report(ctx->arg, severity, m.s);
}

unsigned int bh_check_find_region(const struct bh_memory *mem, unsigned int num,
				  uint64_t start, uint64_t size, bool physical,
				  uint64_t mask, uint64_t want)
{
	const struct bh_memory *m;
	uint64_t base;
	unsigned int i;

	for (i = 0; i < num; i++) {
		m = &mem[i];
		base = physical ? m->phys_start : m->virt_start;
		if ((m->flags & mask) == want && range_ok(base, m->size) &&
		    start >= base &&
		    range_last(start, size) <= range_last(base, m->size))
			return i;
	}
	return num;
}

static bool sig_equal(const char *sig, const char *expected)
{
	unsigned int n;

	for (n = 0; n < BH_SIGNATURE_SIZE; n++)
		if (sig[n] != expected[n])
			return false;
	return true;
}

/* Signature bytes as text for a message: trailing NULs cut, others escaped. */
static const char *sig_text(char *buf, const char *sig)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int len = BH_SIGNATURE_SIZE, n, pos = 0;

	while (len && !sig[len - 1])
		len--;
	for (n = 0; n < len; n++) {
		unsigned char c = sig[n];

		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
			buf[pos++] = c;
		} else {
			buf[pos++] = '\\';
			buf[pos++] = 'x';
			buf[pos++] = hex[c >> 4];
			buf[pos++] = hex[c & 0xf];
		}
	}
	buf[pos] = '\0';
	return buf;
}

static void check_signature(struct bh_check_ctx *ctx, const char *path,
			    const char *sig, const char *expected)
{
	char got[BH_SIGNATURE_SIZE * 4 + 1], want[BH_SIGNATURE_SIZE * 4 + 1];

	if (sig_equal(sig, expected))
		return;
	note_error(ctx, "%ssignature: expected \"%s\", got \"%s\"", path,
		   sig_text(want, expected), sig_text(got, sig));
}

/* Signature, revision, architecture: false if the format is not ours. */
static bool check_ident(struct bh_check_ctx *ctx, const char *path,
			const char *sig, const char *expected_sig,
			unsigned int revision, unsigned int architecture)
{
	bool ok = sig_equal(sig, expected_sig);

	check_signature(ctx, path, sig, expected_sig);
	if (revision != BH_CONFIG_REVISION) {
		note_error(ctx, "%srevision %u not supported (expected %u)",
			   path, revision, BH_CONFIG_REVISION);
		ok = false;
	}
	if (architecture != BH_ARCH_ARM64) {
		note_error(ctx,
			   "%sarchitecture %u not supported (expected %u = arm64)",
			   path, architecture, BH_ARCH_ARM64);
		ok = false;
	}
	return ok;
}

static void check_flags(struct bh_check_ctx *ctx, const char *path,
			uint64_t flags, uint64_t valid)
{
	if (flags & ~valid)
		note_error(ctx, "%sflags 0x%llx: unknown bits 0x%llx", path,
			   ull(flags), ull(flags & ~valid));
}

/* Before anything else is read: is a whole header there, aligned? */
static bool check_header_fits(struct bh_check_ctx *ctx, const void *data,
			      uint64_t size, uint64_t header_size,
			      const char *what, const char *expected_sig)
{
	if ((uintptr_t)data % 8) {
		note_error(ctx, "config data not 8-byte aligned");
		return false;
	}
	if (size >= header_size)
		return true;
	note_error(ctx, "file is %llu bytes, smaller than %s (%llu bytes)",
		   ull(size), what, ull(header_size));
	/* Tell a wrong file type from a truncated one where possible. */
	if (size >= BH_SIGNATURE_SIZE)
		check_signature(ctx, "", data, expected_sig);
	return false;
}

/* Console of the system (debug_console) or of a cell; true if usable PL011. */
static bool check_console(struct bh_check_ctx *ctx, const char *path,
			  const char *name, const struct bh_console *con)
{
	bool ok = true;

	if (con->flags & ~BH_CON_FLAG_VIRTUAL)
		note_error(ctx, "%s%s.flags 0x%x: unknown bits 0x%x", path,
			   name, con->flags, con->flags & ~BH_CON_FLAG_VIRTUAL);
	if (con->type == BH_CON_NONE)
		return false;
	if (con->type != BH_CON_PL011) {
		note_error(ctx,
			   "%s%s.type %u unknown (expected %u = none or %u = PL011)",
			   path, name, con->type, BH_CON_NONE, BH_CON_PL011);
		return false;
	}
	if (!con->address) {
		note_error(ctx, "%s%s.address 0 for a PL011", path, name);
		ok = false;
	} else if (con->address % CHECK_PAGE_SIZE) {
		note_error(ctx, "%s%s.address 0x%llx not page aligned", path,
			   name, ull(con->address));
		ok = false;
	}
	if (!con->size) {
		note_error(ctx, "%s%s.size 0 for a PL011", path, name);
		ok = false;
	} else if (!range_ok(con->address, con->size)) {
		note_error(ctx, "%s%s: address 0x%llx + size 0x%x wraps around",
			   path, name, ull(con->address), con->size);
		ok = false;
	}
	return ok;
}

static void check_name(struct cell_check *c)
{
	const char *name = c->desc->name;
	unsigned int len, n;

	for (len = 0; len < BH_CELL_NAME_LEN && name[len]; len++)
		;
	if (len == BH_CELL_NAME_LEN) {
		note_error(c->ctx, "%sname: not NUL-terminated within %u bytes",
			   c->path, BH_CELL_NAME_LEN);
		return;
	}
	if (!len) {
		note_error(c->ctx, "%sname: empty", c->path);
		return;
	}
	for (n = 0; n < len; n++) {
		unsigned char ch = name[n];

		if (ch < 0x20 || ch >= 0x7f) {
			note_error(c->ctx,
				   "%sname: character 0x%02x at offset %u not printable",
				   c->path, ch, n);
			return;
		}
	}
}

/* The descriptor alone: everything that does not need the arrays. */
static void check_desc(struct cell_check *c)
{
	const struct bh_cell_desc *d = c->desc;

	/* bh_check_cell() checked a cell config's identity before all else. */
	if (c->root)
		check_ident(c->ctx, c->path, d->signature, BH_CELL_SIGNATURE,
			    d->revision, d->architecture);
	check_flags(c->ctx, c->path, d->flags, BH_CELL_VALID_FLAGS);
	check_name(c);

	if (!d->cpu_set_size)
		note_error(c->ctx, "%scpu_set_size 0: a cell needs CPUs",
			   c->path);
	else if (d->cpu_set_size % 8)
		note_error(c->ctx, "%scpu_set_size %u not a multiple of 8",
			   c->path, d->cpu_set_size);
	else if (d->cpu_set_size > CHECK_CPU_SET_MAX)
		note_error(c->ctx, "%scpu_set_size %u above the limit of %u",
			   c->path, d->cpu_set_size, CHECK_CPU_SET_MAX);

	if (c->root && (d->flags & BH_CELL_FLAG_INJECT_ABORTS))
		note_warning(c->ctx,
			     "%sflags: BH_CELL_FLAG_INJECT_ABORTS ignored: the root cell always gets aborts",
			     c->path);
	if (c->root && d->cpu_reset_address)
		note_warning(c->ctx,
			     "%scpu_reset_address 0x%llx ignored: the root cell keeps running Linux",
			     c->path, ull(d->cpu_reset_address));
	check_console(c->ctx, c->path, "console", &d->console);
	if (d->reserved)
		note_error(c->ctx, "%sreserved 0x%llx must be 0", c->path,
			   ull(d->reserved));
}

/* Whether the arrays fit the file exactly; c->arrays set if readable. */
static void check_layout(struct cell_check *c, const void *arrays,
			 uint64_t header_size, uint64_t size, const char *what)
{
	/* At most 2^32 + 3 * 2^32 * 56 bytes: no overflow in 64 bits. */
	uint64_t need = header_size + bh_cell_arrays_size(c->desc);

	if (size < need) {
		note_error(c->ctx,
			   "file is %llu bytes, but header and %s need %llu",
			   ull(size), what, ull(need));
		return;
	}
	if (size > need)
		note_error(c->ctx,
			   "file is %llu bytes, but header and %s need only %llu: trailing bytes",
			   ull(size), what, ull(need));
	/* Regions behind a cpu set of odd size are misaligned (reported). */
	if (c->desc->cpu_set_size % 8)
		return;
	c->arrays = arrays;
	c->mem = bh_cell_mem_regions(c->desc, arrays);
	c->irqchips = bh_cell_irqchips(c->desc, arrays);
}

/* The interrupt controller's limit, where the platform is known. */
static void check_cpu_limit(struct cell_check *c)
{
	unsigned int cpu, max;

	max = c->platform ? bh_check_arch_max_cpus(c->platform) : 0;
	if (!max)
		return;
	for (cpu = c->desc->cpu_set_size * 8; cpu-- > max;)
		if (bh_cell_cpu_is_set(c->desc, c->arrays, cpu)) {
			note_error(c->ctx,
				   "%scpu_set: CPU %u, but the platform's interrupt controller serves at most %u CPUs",
				   c->path, cpu, max);
			return;
		}
}

static void check_cpu_set(struct cell_check *c)
{
	unsigned int size = c->desc->cpu_set_size;
	unsigned int cpu, count = 0, unknown = 0, first_unknown = 0;

	/* Other sizes were reported by check_desc(). */
	if (!size || size % 8 || size > CHECK_CPU_SET_MAX)
		return;
	for (cpu = 0; cpu < size * 8; cpu++) {
		if (!bh_cell_cpu_is_set(c->desc, c->arrays, cpu))
			continue;
		count++;
		if (c->num_cpus && cpu >= c->num_cpus && !unknown++)
			first_unknown = cpu;
	}
	if (!count)
		note_error(c->ctx, "%scpu_set: no CPU", c->path);
	check_cpu_limit(c);
	if (unknown == 1)
		note_error(c->ctx,
			   "%scpu_set: unknown CPU %u: the system has %u",
			   c->path, first_unknown, c->num_cpus);
	else if (unknown)
		note_error(c->ctx,
			   "%scpu_set: unknown CPU %u and %u more: the system has %u",
			   c->path, first_unknown, unknown - 1, c->num_cpus);
}

static void check_mem_region(struct cell_check *c, unsigned int i)
{
	const struct bh_memory *m = &c->mem[i];

	if (m->phys_start % CHECK_PAGE_SIZE)
		note_error(c->ctx,
			   "%smem_regions[%u]: phys_start 0x%llx not page aligned",
			   c->path, i, ull(m->phys_start));
	if (m->virt_start % CHECK_PAGE_SIZE)
		note_error(c->ctx,
			   "%smem_regions[%u]: virt_start 0x%llx not page aligned",
			   c->path, i, ull(m->virt_start));
	if (!m->size) {
		note_error(c->ctx, "%smem_regions[%u]: size 0", c->path, i);
	} else {
		if (m->size % CHECK_PAGE_SIZE)
			note_error(c->ctx,
				   "%smem_regions[%u]: size 0x%llx not page aligned",
				   c->path, i, ull(m->size));
		if (!range_ok(m->phys_start, m->size))
			note_error(c->ctx,
				   "%smem_regions[%u]: phys_start 0x%llx + size 0x%llx wraps around",
				   c->path, i, ull(m->phys_start),
				   ull(m->size));
		if (!range_ok(m->virt_start, m->size))
			note_error(c->ctx,
				   "%smem_regions[%u]: virt_start 0x%llx + size 0x%llx wraps around",
				   c->path, i, ull(m->virt_start),
				   ull(m->size));
	}
	if (m->flags & ~BH_MEM_VALID_FLAGS)
		note_error(c->ctx,
			   "%smem_regions[%u]: flags 0x%llx: unknown bits 0x%llx",
			   c->path, i, ull(m->flags),
			   ull(m->flags & ~BH_MEM_VALID_FLAGS));
	if (!(m->flags & BH_MEM_RWX))
		note_warning(c->ctx,
			     "%smem_regions[%u]: flags 0x%llx grant no access (READ, WRITE or EXECUTE)",
			     c->path, i, ull(m->flags));
}

/* Stage 2 cannot map what lies beyond its input address space. */
static void check_mem_ipa(struct cell_check *c, unsigned int i)
{
	const struct bh_memory *m = &c->mem[i];
	unsigned int bits = bh_check_arch_ipa_bits();
	uint64_t limit = 1ULL << bits;

	if (!range_ok(m->virt_start, m->size) ||
	    range_last(m->virt_start, m->size) < limit)
		return;
	note_error(c->ctx,
		   "%smem_regions[%u] [0x%llx-0x%llx] (guest-physical) ends beyond the %u-bit IPA space of stage 2 (0x%llx)",
		   c->path, i, ull(m->virt_start),
		   ull(range_last(m->virt_start, m->size)), bits, ull(limit));
}

static void check_mem_overlap(struct cell_check *c, unsigned int i,
			      unsigned int j, bool physical)
{
	const struct bh_memory *a = &c->mem[i], *b = &c->mem[j];
	uint64_t a_start = physical ? a->phys_start : a->virt_start;
	uint64_t b_start = physical ? b->phys_start : b->virt_start;

	/* Empty and wrapping regions were reported by check_mem_region(). */
	if (!range_ok(a_start, a->size) || !range_ok(b_start, b->size) ||
	    !ranges_overlap(a_start, a->size, b_start, b->size))
		return;
	note_error(c->ctx,
		   "%smem_regions[%u] [0x%llx-0x%llx] overlaps mem_regions[%u] [0x%llx-0x%llx] in %s space",
		   c->path, i, ull(a_start), ull(range_last(a_start, a->size)),
		   j, ull(b_start), ull(range_last(b_start, b->size)),
		   physical ? "physical" : "guest-physical");
}

static void check_irqchip(struct cell_check *c, unsigned int i)
{
	const struct bh_irqchip *chip = &c->irqchips[i];

	bh_check_arch_irqchip(c->ctx, c->path, i, chip, c->platform);
	if (chip->padding)
		note_error(c->ctx, "%sirqchips[%u]: padding 0x%x must be 0",
			   c->path, i, chip->padding);
}

static void check_irqchip_overlap(struct cell_check *c, unsigned int i,
				  unsigned int j)
{
	const struct bh_irqchip *a = &c->irqchips[i], *b = &c->irqchips[j];

	if (a->address != b->address ||
	    !ranges_overlap(a->pin_base, BH_IRQCHIP_PINS, b->pin_base,
			    BH_IRQCHIP_PINS))
		return;
	note_error(c->ctx,
		   "%sirqchips[%u] pins %u-%u overlap irqchips[%u] pins %u-%u",
		   c->path, i, a->pin_base, a->pin_base + BH_IRQCHIP_PINS - 1,
		   j, b->pin_base, b->pin_base + BH_IRQCHIP_PINS - 1);
}

static void check_arrays(struct cell_check *c)
{
	const struct bh_cell_desc *d = c->desc;
	unsigned int i, j;

	check_cpu_set(c);
	for (i = 0; i < d->num_memory_regions; i++) {
		check_mem_region(c, i);
		check_mem_ipa(c, i);
		for (j = 0; j < i; j++) {
			check_mem_overlap(c, i, j, true);
			check_mem_overlap(c, i, j, false);
		}
	}
	for (i = 0; i < d->num_irqchips; i++) {
		check_irqchip(c, i);
		/* Bad pin ranges were just reported: no overlap noise. */
		if (!bh_check_arch_irqchip_pins_ok(&c->irqchips[i]))
			continue;
		for (j = 0; j < i; j++)
			if (bh_check_arch_irqchip_pins_ok(&c->irqchips[j]))
				check_irqchip_overlap(c, i, j);
	}
	bh_check_pci_devices(c->ctx, c->path, d, c->arrays, c->root);
}

/* The hypervisor's own memory; true if fit for the overlap check. */
static bool check_hv_memory(struct bh_check_ctx *ctx,
			    const struct bh_memory *hv)
{
	bool ok = true;

	if (hv->phys_start % CHECK_PAGE_SIZE) {
		note_error(ctx,
			   "hypervisor_memory.phys_start 0x%llx not page aligned",
			   ull(hv->phys_start));
		ok = false;
	}
	if (hv->size % CHECK_PAGE_SIZE)
		note_error(ctx,
			   "hypervisor_memory.size 0x%llx not page aligned",
			   ull(hv->size));
	if (hv->size < CHECK_HV_MEM_MIN) {
		note_error(ctx,
			   "hypervisor_memory.size 0x%llx below the minimum 0x%llx (1 MiB)",
			   ull(hv->size), CHECK_HV_MEM_MIN);
		ok = false;
	} else if (!range_ok(hv->phys_start, hv->size)) {
		note_error(ctx,
			   "hypervisor_memory: phys_start 0x%llx + size 0x%llx wraps around",
			   ull(hv->phys_start), ull(hv->size));
		ok = false;
	}
	if (hv->virt_start)
		note_error(ctx,
			   "hypervisor_memory.virt_start 0x%llx must be 0 (unused)",
			   ull(hv->virt_start));
	if (hv->flags)
		note_error(ctx, "hypervisor_memory.flags 0x%llx must be 0",
			   ull(hv->flags));
	return ok;
}

static void check_platform(struct bh_check_ctx *ctx,
			   const struct bh_platform *p)
{
	bh_check_pci_platform(ctx, p);
	if (p->padding)
		note_error(ctx, "platform.padding 0x%x must be 0", p->padding);
	bh_check_arch_platform(ctx, p);
}

static void check_not_in_root(struct cell_check *root, unsigned int i,
			      uint64_t start, uint64_t size, const char *what)
{
	const struct bh_memory *m = &root->mem[i];

	if (!range_ok(start, size) || !range_ok(m->phys_start, m->size) ||
	    !ranges_overlap(start, size, m->phys_start, m->size))
		return;
	note_error(root->ctx,
		   "%s [0x%llx-0x%llx] overlaps root_cell.mem_regions[%u] [0x%llx-0x%llx]",
		   what, ull(start), ull(range_last(start, size)), i,
		   ull(m->phys_start), ull(range_last(m->phys_start, m->size)));
}

/*
 * What the root cell must leave to the hypervisor: its memory, and the
 * devices it emulates (the GIC's distributor and redistributors).
 */
static void check_root_leaves_hv(struct cell_check *root,
				 const struct bh_system *sys, bool hv_ok)
{
	const struct bh_memory *hv = &sys->hypervisor_memory;
	struct bh_check_range r[BH_CHECK_HV_RANGES_MAX];
	unsigned int i, k, n;

	n = bh_check_arch_hv_ranges(&sys->platform, root->num_cpus, r);
	for (i = 0; i < root->desc->num_memory_regions; i++) {
		if (hv_ok)
			check_not_in_root(root, i, hv->phys_start, hv->size,
					  "hypervisor_memory");
		for (k = 0; k < n; k++)
			check_not_in_root(root, i, r[k].start, r[k].size,
					  r[k].what);
	}
}

/*
 * The root cell's CPUs are Linux's CPU numbers, which the hypervisor
 * indexes its per-CPU state with: CPU n needs CONFIG_MAX_CPUS > n.
 */
static void check_root_cpu_limit(struct cell_check *root)
{
	const struct bh_cell_desc *d = root->desc;
	unsigned int cpu, span = 0, end = d->cpu_set_size * 8;
	unsigned int limit = root->ctx->max_cpus;
	unsigned int arch_max =
		root->platform ? bh_check_arch_max_cpus(root->platform) : 0;

	for (cpu = bh_cell_next_cpu(d, root->arrays, 0); cpu < end;
	     cpu = bh_cell_next_cpu(d, root->arrays, cpu + 1))
		span = cpu + 1;
	/* Beyond the interrupt controller's limit: check_cpu_limit said so. */
	if (arch_max && span > arch_max)
		return;
	if (limit && span > limit)
		note_error(root->ctx,
			   "root_cell.cpu_set: CPU %u, but the hypervisor was built for %u CPUs (CONFIG_MAX_CPUS): rebuild it with CONFIG_MAX_CPUS=%u",
			   span - 1, limit, span);
	else if (span > BH_CHECK_KCONFIG_MAX_CPUS)
		note_error(root->ctx,
			   "root_cell.cpu_set: CPU %u, but the hypervisor handles %u CPUs at most (CONFIG_MAX_CPUS range): leave CPUs %u and up out of the root cell and boot Linux with nr_cpus=%u",
			   span - 1, BH_CHECK_KCONFIG_MAX_CPUS,
			   BH_CHECK_KCONFIG_MAX_CPUS,
			   BH_CHECK_KCONFIG_MAX_CPUS);
	else if (!limit && span > BH_CHECK_DEFAULT_MAX_CPUS)
		note_warning(root->ctx,
			     "root_cell.cpu_set: %u CPUs (up to CPU %u), more than the %u of a default build: build the hypervisor with CONFIG_MAX_CPUS=%u or more",
			     span, span - 1, BH_CHECK_DEFAULT_MAX_CPUS, span);
}

/* Linux runs in the root cell: it needs RAM of its own. */
static void check_root_has_ram(struct cell_check *root)
{
	const uint64_t mask =
		BH_MEM_IO | BH_MEM_COMM_REGION | BH_MEM_READ | BH_MEM_WRITE;
	unsigned int i;

	for (i = 0; i < root->desc->num_memory_regions; i++)
		if ((root->mem[i].flags & mask) == (BH_MEM_READ | BH_MEM_WRITE))
			return;
	note_error(root->ctx,
		   "root_cell.mem_regions: no RAM (a READ|WRITE region without BH_MEM_IO): Linux would have no memory to run in");
}

/*
 * The hypervisor maps its debug UART itself; a root cell without it is
 * legal but unusual, as Linux normally shares that console.
 */
static void check_debug_console_mapped(struct cell_check *root,
				       const struct bh_console *con)
{
	unsigned int num = root->desc->num_memory_regions;

	if (bh_check_find_region(root->mem, num, con->address, con->size, true,
				 BH_MEM_IO, BH_MEM_IO) < num)
		return;
	note_warning(root->ctx,
		     "debug_console: PL011 at 0x%llx not inside an IO memory region of the root cell",
		     ull(con->address));
}

int bh_check_system(struct bh_check_ctx *ctx, const void *data, uint64_t size,
		    unsigned int num_cpus)
{
	const struct bh_system *sys = data;
	unsigned int errors = ctx->errors;
	struct cell_check root;
	bool hv_ok, con_ok;

	if (!check_header_fits(ctx, data, size, sizeof(*sys),
			       "the system header", BH_SYSTEM_SIGNATURE))
		return -BH_CHECK_EINVAL;
	/* Wrong format: the other bytes mean nothing we could check. */
	if (!check_ident(ctx, "", sys->signature, BH_SYSTEM_SIGNATURE,
			 sys->revision, sys->architecture))
		return -BH_CHECK_EINVAL;
	check_flags(ctx, "", sys->flags, BH_SYS_VALID_FLAGS);
	hv_ok = check_hv_memory(ctx, &sys->hypervisor_memory);
	con_ok = check_console(ctx, "", "debug_console", &sys->debug_console);
	check_platform(ctx, &sys->platform);

	root.ctx = ctx;
	root.path = "root_cell.";
	root.desc = &sys->root_cell;
	root.arrays = NULL;
	root.platform = &sys->platform;
	root.num_cpus = num_cpus;
	root.root = true;
	check_desc(&root);
	check_layout(&root, sys + 1, sizeof(*sys), size, "root_cell arrays");
	if (root.arrays) {
		check_arrays(&root);
		check_root_cpu_limit(&root);
		check_root_has_ram(&root);
		check_root_leaves_hv(&root, sys, hv_ok);
		if (con_ok)
			check_debug_console_mapped(&root, &sys->debug_console);
		bh_check_pci_root(ctx, sys);
	}
	return ctx->errors != errors ? -BH_CHECK_EINVAL : 0;
}

int bh_check_cell(struct bh_check_ctx *ctx, const void *data, uint64_t size,
		  unsigned int num_cpus)
{
	const struct bh_cell_desc *desc = data;
	unsigned int errors = ctx->errors;
	struct cell_check cell;

	if (!check_header_fits(ctx, data, size, sizeof(*desc),
			       "a cell descriptor", BH_CELL_SIGNATURE))
		return -BH_CHECK_EINVAL;
	if (!check_ident(ctx, "", desc->signature, BH_CELL_SIGNATURE,
			 desc->revision, desc->architecture))
		return -BH_CHECK_EINVAL;

	cell.ctx = ctx;
	cell.path = "";
	cell.desc = desc;
	cell.arrays = NULL;
	/* Only the system config knows the platform: placing compares. */
	cell.platform = NULL;
	cell.num_cpus = num_cpus;
	cell.root = false;
	check_desc(&cell);
	check_layout(&cell, desc + 1, sizeof(*desc), size, "cell arrays");
	if (cell.arrays)
		check_arrays(&cell);
	return ctx->errors != errors ? -BH_CHECK_EINVAL : 0;
}
