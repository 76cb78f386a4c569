// SPDX-License-Identifier: GPL-2.0
/*
 * A config under construction (config-model.h): laid out as the binary the
 * validator checks, and printed as C source in the style of
 * configs/cells/qemu-arm64.c that compiles to the same bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config-model.h"
#include "util.h"

void model_init(struct model *m, bool system, const char *name)
{
	struct bh_cell_desc *desc;
	size_t len;

	memset(m, 0, sizeof(*m));
	m->system = system;
	if (system) {
		memcpy(m->sys.signature, BH_SYSTEM_SIGNATURE,
		       BH_SIGNATURE_SIZE);
		m->sys.revision = BH_CONFIG_REVISION;
		m->sys.architecture = BH_ARCH_ARM64;
	}
	desc = model_desc(m);
	memcpy(desc->signature, BH_CELL_SIGNATURE, BH_SIGNATURE_SIZE);
	desc->revision = BH_CONFIG_REVISION;
	desc->architecture = BH_ARCH_ARM64;
	/* A name too long stays unterminated: the validator names it. */
	len = strlen(name);
	memcpy(desc->name, name,
	       len < BH_CELL_NAME_LEN ? len : BH_CELL_NAME_LEN);
}

struct bh_cell_desc *model_desc(struct model *m)
{
	return m->system ? &m->sys.root_cell : &m->cell;
}

void model_set_cpu(struct model *m, unsigned int cpu)
{
	if (cpu < MODEL_CPU_BYTES * 8)
		m->cpus[cpu / 8] |= 1U << (cpu % 8);
}

/* Comments go between C comment delimiters: keep them printable and closed. */
void sanitize_comment(char *s)
{
	for (; *s; s++) {
		if (*s < 0x20 || *s > 0x7e)
			*s = '?';
		if (s[0] == '*' && s[1] == '/')
			s[1] = '|';
	}
}

int model_add_region(struct model *m, uint64_t phys, uint64_t virt,
		     uint64_t size, uint64_t flags, const char *fmt, ...)
{
	struct model_region *r;
	va_list ap;

	if (m->num_regions == MODEL_MAX_REGIONS)
		return -ENOSPC;
	r = &m->regions[m->num_regions];
	memset(r, 0, sizeof(*r));
	r->mem.phys_start = phys;
	r->mem.virt_start = virt;
	r->mem.size = size;
	r->mem.flags = flags;
	va_start(ap, fmt);
	vsnprintf(r->comment, sizeof(r->comment), fmt, ap);
	va_end(ap);
	sanitize_comment(r->comment);
	return m->num_regions++;
}

/*
 * Chips cover 128 INTIDs each from 32 on; the validator keeps a chip's pins
 * below INTID 1020 (MODEL_LAST_INTID is the last SPI).
 */
int model_add_irq(struct model *m, uint64_t gicd, unsigned int intid)
{
	unsigned int base, i, n;

	if (intid < 32 || intid > MODEL_LAST_INTID)
		return -ERANGE;
	base = 32 + (intid - 32) / BH_IRQCHIP_PINS * BH_IRQCHIP_PINS;
	for (i = 0; i < m->num_chips; i++)
		if (m->chips[i].address == gicd && m->chips[i].pin_base == base)
			break;
	if (i == m->num_chips) {
		if (i == MODEL_MAX_CHIPS)
			return -ENOSPC;
		/* Keep the chips sorted by pin_base. */
		while (i > 0 && m->chips[i - 1].pin_base > base) {
			m->chips[i] = m->chips[i - 1];
			i--;
		}
		memset(&m->chips[i], 0, sizeof(m->chips[i]));
		m->chips[i].address = gicd;
		m->chips[i].pin_base = base;
		m->num_chips++;
	}
	n = intid - base;
	m->chips[i].pin_bitmap[n / 32] |= 1U << (n % 32);
	return 0;
}

void model_define(struct model *m, const char *name, uint64_t value,
		  const char *expr, const char *comment)
{
	struct model_define *d;

	if (m->num_defines == MODEL_MAX_DEFINES)
		return;
	d = &m->defines[m->num_defines++];
	d->name = name;
	d->value = value;
	d->expr = expr;
	snprintf(d->comment, sizeof(d->comment), "%s", comment ? comment : "");
	sanitize_comment(d->comment);
}

/* Adds a line to the opening comment of the C source. */
void model_describe(struct model *m, const char *fmt, ...)
{
	size_t len = strlen(m->description);
	va_list ap;

	if (len + 2 >= sizeof(m->description))
		return;
	va_start(ap, fmt);
	vsnprintf(m->description + len, sizeof(m->description) - len - 1, fmt,
		  ap);
	va_end(ap);
	strcat(m->description, "\n");
}

static unsigned int cpu_bytes(const struct model *m)
{
	unsigned int n = MODEL_CPU_BYTES;

	while (n > 0 && !m->cpus[n - 1])
		n--;
	/* A multiple of 8 keeps the arrays after it 8-byte aligned. */
	return n ? (n + 7) / 8 * 8 : 8;
}

/* Fills in the counts and lays the config out as a .cell file (malloc'd). */
void *model_layout(struct model *m, size_t *size)
{
	struct bh_cell_desc *desc = model_desc(m);
	size_t head = m->system ? sizeof(m->sys) : sizeof(m->cell);
	uint8_t *buf, *p;
	unsigned int i;

	desc->cpu_set_size = cpu_bytes(m);
	desc->num_memory_regions = m->num_regions;
	desc->num_irqchips = m->num_chips;
	*size = head + bh_cell_arrays_size(desc);
	buf = calloc(1, *size);
	if (!buf)
		return NULL;
	memcpy(buf, m->system ? (void *)&m->sys : (void *)&m->cell, head);
	p = buf + head;
	memcpy(p, m->cpus, desc->cpu_set_size);
	p += desc->cpu_set_size;
	for (i = 0; i < m->num_regions; i++, p += sizeof(struct bh_memory))
		memcpy(p, &m->regions[i].mem, sizeof(struct bh_memory));
	memcpy(p, m->chips, m->num_chips * sizeof(struct bh_irqchip));
	return buf;
}

/* --- C source --- */

struct flag_name {
	uint64_t flag;
	const char *name;
};

static const struct flag_name mem_flags[] = {
	{ BH_MEM_RWX, "BH_MEM_RWX" },
	{ BH_MEM_READ, "BH_MEM_READ" },
	{ BH_MEM_WRITE, "BH_MEM_WRITE" },
	{ BH_MEM_EXECUTE, "BH_MEM_EXECUTE" },
	{ BH_MEM_DMA, "BH_MEM_DMA" },
	{ BH_MEM_IO, "BH_MEM_IO" },
	{ BH_MEM_COMM_REGION, "BH_MEM_COMM_REGION" },
	{ BH_MEM_LOADABLE, "BH_MEM_LOADABLE" },
	{ BH_MEM_ROOTSHARED, "BH_MEM_ROOTSHARED" },
	{ BH_MEM_SHARED, "BH_MEM_SHARED" },
};

static void print_mem_flags(FILE *out, uint64_t flags)
{
	const char *sep = "";
	unsigned int i;

	for (i = 0; i < sizeof(mem_flags) / sizeof(mem_flags[0]); i++) {
		if ((flags & mem_flags[i].flag) != mem_flags[i].flag)
			continue;
		fprintf(out, "%s%s", sep, mem_flags[i].name);
		flags &= ~mem_flags[i].flag;
		sep = " | ";
	}
	if (flags || !*sep)
		fprintf(out, "%s0x%llx", sep, (unsigned long long)flags);
}

static void print_num(FILE *out, const char *indent, const char *field,
		      uint64_t v, const char *sym)
{
	char size[32];

	if (sym) {
		fprintf(out, "%s.%s = %s,\n", indent, field, sym);
		return;
	}
	fprintf(out, "%s.%s = 0x%llx,", indent, field, (unsigned long long)v);
	if (!strcmp(field, "size") && v >= 0x1000) {
		format_size(size, sizeof(size), v);
		fprintf(out, "\t/* %s */", size);
	}
	fputc('\n', out);
}

/* Names are printable ASCII without quotes (validated): no escapes needed. */
static void print_console(FILE *out, const char *indent, const char *field,
			  const struct bh_console *con)
{
	if (!con->address && !con->size && !con->type && !con->flags)
		return;
	fprintf(out, "%s.%s = {\n", indent, field);
	if (con->address)
		fprintf(out, "%s\t.address = 0x%llx,\n", indent,
			(unsigned long long)con->address);
	if (con->size)
		fprintf(out, "%s\t.size = 0x%x,\n", indent, con->size);
	if (con->type == BH_CON_PL011)
		fprintf(out, "%s\t.type = BH_CON_PL011,\n", indent);
	else if (con->type)
		fprintf(out, "%s\t.type = %u,\n", indent, con->type);
	if (con->flags == BH_CON_FLAG_VIRTUAL)
		fprintf(out, "%s\t.flags = BH_CON_FLAG_VIRTUAL,\n", indent);
	else if (con->flags)
		fprintf(out, "%s\t.flags = 0x%x,\n", indent, con->flags);
	fprintf(out, "%s},\n", indent);
}

static void print_desc(const struct model *m, FILE *out, const char *indent,
		       const struct bh_cell_desc *d)
{
	fprintf(out, "%s.signature = BH_CELL_SIGNATURE,\n", indent);
	fprintf(out, "%s.revision = BH_CONFIG_REVISION,\n", indent);
	fprintf(out, "%s.architecture = BH_ARCH_ARM64,\n", indent);
	if (d->flags)
		fprintf(out, "%s.flags = 0x%x,\n", indent, d->flags);
	fprintf(out, "%s.name = \"%s\",\n", indent, d->name);
	fprintf(out, "%s.cpu_set_size = sizeof(config.cpus),\n", indent);
	fprintf(out, "%s.num_memory_regions = %s,\n", indent,
		d->num_memory_regions ? "NUM_MEM_REGIONS" : "0");
	fprintf(out, "%s.num_irqchips = %s,\n", indent,
		d->num_irqchips ? "NUM_IRQCHIPS" : "0");
	if (d->num_pci_devices)
		fprintf(out, "%s.num_pci_devices = %u,\n", indent,
			d->num_pci_devices);
	if (d->cpu_reset_address || m->reset_sym)
		print_num(out, indent, "cpu_reset_address",
			  d->cpu_reset_address, m->reset_sym);
	print_console(out, indent, "console", &d->console);
	if (d->reserved)
		fprintf(out, "%s.reserved = 0x%llx,\n", indent,
			(unsigned long long)d->reserved);
}

/* A GIC address of the platform, written only where the GIC has it. */
static void print_nonzero(FILE *out, const char *field, uint64_t v)
{
	if (v)
		fprintf(out, "\t\t\t\t.%s = 0x%llx,\n", field,
			(unsigned long long)v);
}

static void print_system(const struct model *m, FILE *out)
{
	const struct bh_system *s = &m->sys;
	const struct bh_platform *p = &s->platform;

	fprintf(out, "\t.header = {\n"
		     "\t\t.signature = BH_SYSTEM_SIGNATURE,\n"
		     "\t\t.revision = BH_CONFIG_REVISION,\n"
		     "\t\t.architecture = BH_ARCH_ARM64,\n");
	if (s->flags)
		fprintf(out, "\t\t.flags = 0x%x,\n", s->flags);
	fprintf(out, "\t\t.hypervisor_memory = {\n");
	print_num(out, "\t\t\t", "phys_start", s->hypervisor_memory.phys_start,
		  NULL);
	print_num(out, "\t\t\t", "size", s->hypervisor_memory.size, NULL);
	fprintf(out, "\t\t},\n");
	print_console(out, "\t\t", "debug_console", &s->debug_console);
	fprintf(out, "\t\t.platform = {\n");
	if (p->pci_mmconfig_base || p->pci_mmconfig_size)
		fprintf(out,
			"\t\t\t.pci_mmconfig_base = 0x%llx,\n"
			"\t\t\t.pci_mmconfig_size = 0x%x,\n",
			(unsigned long long)p->pci_mmconfig_base,
			p->pci_mmconfig_size);
	if (p->pci_mem_base)
		fprintf(out, "\t\t\t.pci_mem_base = 0x%llx,\n",
			(unsigned long long)p->pci_mem_base);
	fprintf(out, "\t\t\t.arm64 = {\n");
	if (p->arm64.gic_version == BH_GIC_V3)
		fprintf(out, "\t\t\t\t.gic_version = BH_GIC_V3,\n");
	else
		fprintf(out, "\t\t\t\t.gic_version = %u,\n",
			p->arm64.gic_version);
	fprintf(out, "\t\t\t\t.gicd_base = 0x%llx,\n",
		(unsigned long long)p->arm64.gicd_base);
	print_nonzero(out, "gicr_base", p->arm64.gicr_base);
	print_nonzero(out, "gicc_base", p->arm64.gicc_base);
	print_nonzero(out, "gich_base", p->arm64.gich_base);
	print_nonzero(out, "gicv_base", p->arm64.gicv_base);
	print_nonzero(out, "gits_base", p->arm64.gits_base);
	fprintf(out,
		"\t\t\t\t.maintenance_irq = %u,\n"
		"\t\t\t},\n\t\t},\n",
		p->arm64.maintenance_irq);
	fprintf(out, "\t\t.root_cell = {\n");
	print_desc(m, out, "\t\t\t", &s->root_cell);
	fprintf(out, "\t\t},\n\t},\n");
}

static void print_cpus(const struct model *m, FILE *out, unsigned int bytes)
{
	unsigned int cpus[MODEL_CPU_BYTES * 8] = { 0 }, n = 0, i;
	char list[512];

	for (i = 0; i < bytes * 8; i++)
		if (m->cpus[i / 8] & (1U << (i % 8)))
			cpus[n++] = i;
	if (format_list(list, sizeof(list), cpus, n) < 0)
		snprintf(list, sizeof(list), "%u CPUs", n);
	fprintf(out, "\n\t/* CPU%s %s */\n\t.cpus = {", n == 1 ? "" : "s",
		list);
	for (i = 0; i < bytes; i++) {
		if (i % 8 == 0)
			fprintf(out, "\n\t\t");
		fprintf(out, "0x%02x,%s", m->cpus[i],
			i % 8 == 7 || i + 1 == bytes ? "" : " ");
	}
	fprintf(out, "\n\t},\n");
}

static void print_regions(const struct model *m, FILE *out)
{
	const struct model_region *r;
	unsigned int i;

	fprintf(out, "\n\t.mem_regions = {\n");
	for (i = 0; i < m->num_regions; i++) {
		r = &m->regions[i];
		fprintf(out, "\t\t/* %s */ {\n", r->comment);
		print_num(out, "\t\t\t", "phys_start", r->mem.phys_start,
			  r->phys_sym);
		print_num(out, "\t\t\t", "virt_start", r->mem.virt_start,
			  r->virt_sym);
		print_num(out, "\t\t\t", "size", r->mem.size, r->size_sym);
		fprintf(out, "\t\t\t.flags = ");
		print_mem_flags(out, r->mem.flags);
		fprintf(out, ",\n\t\t},\n");
	}
	fprintf(out, "\t},\n");
}

static void print_chips(const struct model *m, FILE *out)
{
	unsigned int intids[BH_IRQCHIP_PINS], i, n, k;
	const struct bh_irqchip *c;
	char list[512];

	fprintf(out, "\n\t.irqchips = {\n");
	for (i = 0; i < m->num_chips; i++) {
		c = &m->chips[i];
		for (n = 0, k = 0; k < BH_IRQCHIP_PINS; k++)
			if (c->pin_bitmap[k / 32] & (1U << (k % 32)))
				intids[n++] = c->pin_base + k;
		format_list(list, sizeof(list), intids, n);
		fprintf(out,
			"\t\t/* INTIDs %s */ {\n"
			"\t\t\t.address = 0x%llx,\n"
			"\t\t\t.pin_base = %u,\n"
			"\t\t\t.pin_bitmap = { 0x%08x, 0x%08x, 0x%08x, 0x%08x },\n",
			list, (unsigned long long)c->address, c->pin_base,
			c->pin_bitmap[0], c->pin_bitmap[1], c->pin_bitmap[2],
			c->pin_bitmap[3]);
		if (c->padding)
			fprintf(out, "\t\t\t.padding = 0x%x,\n", c->padding);
		fprintf(out, "\t\t},\n");
	}
	fprintf(out, "\t},\n");
}

static void print_description(const struct model *m, FILE *out)
{
	const char *line = m->description, *end;

	fprintf(out, "// SPDX-License-Identifier: GPL-2.0\n/*\n");
	while (*line) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		fprintf(out, " *%s%.*s\n", end > line ? " " : "",
			(int)(end - line), line);
		line = *end ? end + 1 : end;
	}
	fprintf(out, " */\n");
}

static void print_define(FILE *out, const struct model_define *d)
{
	fprintf(out, "#define %-16s ", d->name);
	if (d->expr)
		fprintf(out, "(%s)", d->expr);
	else
		fprintf(out, "0x%llxULL", (unsigned long long)d->value);
	if (*d->comment)
		fprintf(out, "\t/* %s */", d->comment);
	fputc('\n', out);
}

/* Call model_layout() first: it fills in the counts printed here. */
int model_write_c(struct model *m, FILE *out)
{
	const struct bh_cell_desc *d = model_desc(m);
	unsigned int i;
	bool comm = false;

	for (i = 0; i < m->num_regions; i++)
		comm |= !!(m->regions[i].mem.flags & BH_MEM_COMM_REGION);
	print_description(m, out);
	fprintf(out, "#include <bulkhead/cell-config.h>\n");
	if (comm)
		fprintf(out, "#include <bulkhead/comm-region.h>\n");
	fputc('\n', out);
	if (m->todo)
		fprintf(out, "#error \"%s\"\n\n", m->todo);
	for (i = 0; i < m->num_defines; i++)
		print_define(out, &m->defines[i]);
	if (m->num_defines)
		fputc('\n', out);
	if (d->num_memory_regions)
		fprintf(out, "#define NUM_MEM_REGIONS\t%u\n",
			d->num_memory_regions);
	if (d->num_irqchips)
		fprintf(out, "#define NUM_IRQCHIPS\t%u\n", d->num_irqchips);
	fprintf(out, "\nconst struct {\n\t%s;\n\tuint8_t cpus[%u];\n",
		m->system ? "struct bh_system header" :
			    "struct bh_cell_desc cell",
		d->cpu_set_size);
	if (d->num_memory_regions)
		fprintf(out,
			"\tstruct bh_memory mem_regions[NUM_MEM_REGIONS];\n");
	if (d->num_irqchips)
		fprintf(out, "\tstruct bh_irqchip irqchips[NUM_IRQCHIPS];\n");
	fprintf(out, "} config = {\n");
	if (m->system) {
		print_system(m, out);
	} else {
		fprintf(out, "\t.cell = {\n");
		print_desc(m, out, "\t\t", d);
		fprintf(out, "\t},\n");
	}
	print_cpus(m, out, d->cpu_set_size);
	if (d->num_memory_regions)
		print_regions(m, out);
	if (d->num_irqchips)
		print_chips(m, out);
	fprintf(out, "};\n");
	return ferror(out) ? -EIO : 0;
}
