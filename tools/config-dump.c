// SPDX-License-Identifier: GPL-2.0
/*
 * `bulkhead config dump`'s printer: every field of a system or cell config
 * in words. It prints invalid configs too, as far as the bytes go, so it
 * reads nothing it has not bounds-checked and no array in place (a bad
 * cpu_set_size leaves them unaligned): the fuzzer runs it on its inputs.
 */
#include <stdint.h>
#include <string.h>

#include <bulkhead/ivshmem.h>

#include "config.h"
#include "util.h"

/* Up to len bytes of s, stopping at a NUL, with the unprintable escaped. */
static void print_text(FILE *out, const char *s, size_t len)
{
	size_t i;

	fputc('"', out);
	for (i = 0; i < len && s[i]; i++) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			fputc(c, out);
		else
			fprintf(out, "\\x%02x", c);
	}
	fputc('"', out);
	if (i == len && len == BH_CELL_NAME_LEN)
		fprintf(out, " (not NUL-terminated)");
}

/* The set bits of an LSB-first byte bitmap as runs, numbered from base. */
static void print_bit_runs(FILE *out, const uint8_t *bits, uint64_t nbits,
			   uint64_t base)
{
	uint64_t n = 0, first;
	const char *sep = "";

#define BIT(k) (bits[(k) / 8] & (1U << ((k) % 8)))
	while (n < nbits) {
		if (!BIT(n)) {
			n++;
			continue;
		}
		first = n;
		while (n + 1 < nbits && BIT(n + 1))
			n++;
		if (first == n)
			fprintf(out, "%s%llu", sep,
				(unsigned long long)(base + n));
		else
			fprintf(out, "%s%llu-%llu", sep,
				(unsigned long long)(base + first),
				(unsigned long long)(base + n));
		sep = ",";
		n++;
	}
#undef BIT
	if (!*sep)
		fprintf(out, "none");
}

static void print_mem_flags(FILE *out, uint64_t flags)
{
	static const char *const names[] = {
		"READ",	       "WRITE",	   "EXECUTE",	 "DMA",	   "IO",
		"COMM_REGION", "LOADABLE", "ROOTSHARED", "SHARED",
	};
	const char *sep = "";
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(flags & (1ULL << i)))
			continue;
		fprintf(out, "%s%s", sep, names[i]);
		sep = "|";
	}
	if (flags & ~BH_MEM_VALID_FLAGS)
		fprintf(out, "%sunknown 0x%llx", sep,
			(unsigned long long)(flags & ~BH_MEM_VALID_FLAGS));
	else if (!flags)
		fprintf(out, "none");
}

static void print_range(FILE *out, uint64_t start, uint64_t size)
{
	if (size && start + (size - 1) >= start)
		fprintf(out, "0x%llx-0x%llx", (unsigned long long)start,
			(unsigned long long)(start + size - 1));
	else
		fprintf(out, "0x%llx+0x%llx", (unsigned long long)start,
			(unsigned long long)size);
}

static void print_size(FILE *out, uint64_t size)
{
	char text[32];

	format_size(text, sizeof(text), size);
	fprintf(out, "0x%llx (%s)", (unsigned long long)size, text);
}

static void dump_console(FILE *out, const char *indent, const char *label,
			 const struct bh_console *c)
{
	fprintf(out, "%s%-19s", indent, label);
	if (c->type == BH_CON_PL011)
		fprintf(out, "PL011 at 0x%llx, size 0x%x",
			(unsigned long long)c->address, c->size);
	else if (c->type == BH_CON_NONE)
		fprintf(out, "none");
	else
		fprintf(out, "type %u (unknown) at 0x%llx, size 0x%x", c->type,
			(unsigned long long)c->address, c->size);
	if (c->type == BH_CON_NONE && (c->address || c->size))
		fprintf(out, " (address 0x%llx, size 0x%x)",
			(unsigned long long)c->address, c->size);
	fprintf(out, ", flags 0x%x%s\n", c->flags,
		c->flags & BH_CON_FLAG_VIRTUAL ?
			" (VIRTUAL: prints through the hypervisor)" :
			"");
}

static void dump_region(FILE *out, unsigned int i, const struct bh_memory *m)
{
	fprintf(out, "    [%u] phys ", i);
	print_range(out, m->phys_start, m->size);
	fprintf(out, " at virt 0x%llx, size ",
		(unsigned long long)m->virt_start);
	print_size(out, m->size);
	fprintf(out, "\n        flags 0x%llx ", (unsigned long long)m->flags);
	print_mem_flags(out, m->flags);
	fputc('\n', out);
}

static void dump_irqchip(FILE *out, unsigned int i, const struct bh_irqchip *c)
{
	uint8_t bits[BH_IRQCHIP_PINS / 8];
	unsigned int k;

	for (k = 0; k < sizeof(bits); k++)
		bits[k] = c->pin_bitmap[k / 4] >> (8 * (k % 4));
	fprintf(out, "    [%u] GIC at 0x%llx, pins %u-%llu: INTIDs ", i,
		(unsigned long long)c->address, c->pin_base,
		(unsigned long long)c->pin_base + BH_IRQCHIP_PINS - 1);
	print_bit_runs(out, bits, BH_IRQCHIP_PINS, c->pin_base);
	if (c->padding)
		fprintf(out, " (padding 0x%x)", c->padding);
	fputc('\n', out);
}

/*
 * One virtual PCI device: "00:DD.F" (bus:device.function) from its bdf,
 * the link it is an end of, and the link memory as this cell sees it: a
 * 4 KiB state table, the read-write section and max_peers output sections.
 * The total is bh_ivshmem_size(), unless the sizes are too big to add up
 * (only an invalid config has those).
 */
static void dump_pci_device(FILE *out, unsigned int i,
			    const struct bh_pci_device *d)
{
	uint64_t outs, total;

	fprintf(out, "    [%u] ", i);
	if (d->type == BH_PCI_TYPE_IVSHMEM)
		fprintf(out, "ivshmem");
	else
		fprintf(out, "type %u (unknown)", d->type);
	fprintf(out, " %02x:%02x.%x, link %u, peer %u of max %u, irq %u\n",
		d->bdf >> 8, (d->bdf >> 3) & 0x1f, d->bdf & 7, d->link_id,
		d->peer_id, d->max_peers, d->irq);
	fprintf(out, "        shmem phys 0x%llx at virt 0x%llx\n",
		(unsigned long long)d->shmem_phys,
		(unsigned long long)d->shmem_virt);
	fprintf(out, "        rw_size ");
	print_size(out, d->rw_size);
	fprintf(out, ", out_size ");
	print_size(out, d->out_size);
	fprintf(out, " per peer, total ");
	if (__builtin_mul_overflow(d->out_size, (uint64_t)d->max_peers,
				   &outs) ||
	    __builtin_add_overflow(outs, d->rw_size, &total) ||
	    __builtin_add_overflow(total, BH_IVSHMEM_STATE_TABLE_SIZE, &total))
		fprintf(out, "beyond 2^64 bytes");
	else
		print_size(out, total);
	if (d->padding)
		fprintf(out, " (padding 0x%x)", d->padding);
	if (d->reserved)
		fprintf(out, " (reserved 0x%llx)",
			(unsigned long long)d->reserved);
	fputc('\n', out);
}

/* A cell descriptor and, if they fit the avail bytes at arrays, its arrays. */
static void dump_cell(FILE *out, const char *indent,
		      const struct bh_cell_desc *d, const uint8_t *arrays,
		      uint64_t avail)
{
	uint64_t need = bh_cell_arrays_size(d), off;
	struct bh_pci_device dev;
	struct bh_irqchip chip;
	struct bh_memory mem;
	unsigned int i;

	fprintf(out, "%s%-19s", indent, "signature");
	print_text(out, d->signature, BH_SIGNATURE_SIZE);
	fprintf(out, "\n%s%-19s%u\n%s%-19s%u%s\n%s%-19s0x%x\n%s%-19s", indent,
		"revision", d->revision, indent, "architecture",
		d->architecture,
		d->architecture == BH_ARCH_ARM64 ? " (arm64)" : "", indent,
		"flags", d->flags, indent, "name");
	print_text(out, d->name, BH_CELL_NAME_LEN);
	fprintf(out,
		"\n%s%-19s%u bytes\n%s%-19s%u\n%s%-19s%u\n%s%-19s%u\n"
		"%s%-19s0x%llx\n",
		indent, "cpu_set_size", d->cpu_set_size, indent,
		"num_memory_regions", d->num_memory_regions, indent,
		"num_irqchips", d->num_irqchips, indent, "num_pci_devices",
		d->num_pci_devices, indent, "cpu_reset_address",
		(unsigned long long)d->cpu_reset_address);
	dump_console(out, indent, "console", &d->console);
	fprintf(out, "%s%-19s0x%llx\n", indent, "reserved",
		(unsigned long long)d->reserved);

	if (need > avail) {
		fprintf(out,
			"%sarrays: not shown: they need %llu bytes, the file has %llu\n",
			indent, (unsigned long long)need,
			(unsigned long long)avail);
		return;
	}
	fprintf(out, "%s%-19s", indent, "CPUs");
	print_bit_runs(out, arrays, (uint64_t)d->cpu_set_size * 8, 0);
	fprintf(out, "\n%smem_regions (%u):\n", indent, d->num_memory_regions);
	off = d->cpu_set_size;
	for (i = 0; i < d->num_memory_regions; i++, off += sizeof(mem)) {
		memcpy(&mem, arrays + off, sizeof(mem));
		dump_region(out, i, &mem);
	}
	fprintf(out, "%sirqchips (%u):\n", indent, d->num_irqchips);
	for (i = 0; i < d->num_irqchips; i++, off += sizeof(chip)) {
		memcpy(&chip, arrays + off, sizeof(chip));
		dump_irqchip(out, i, &chip);
	}
	fprintf(out, "%spci_devices (%u):\n", indent, d->num_pci_devices);
	for (i = 0; i < d->num_pci_devices; i++, off += sizeof(dev)) {
		memcpy(&dev, arrays + off, sizeof(dev));
		dump_pci_device(out, i, &dev);
	}
	if (need < avail)
		fprintf(out, "%s%llu trailing bytes after the arrays\n", indent,
			(unsigned long long)(avail - need));
}

static void dump_system(FILE *out, const struct bh_system *s,
			const uint8_t *arrays, uint64_t avail)
{
	const struct bh_memory *hv = &s->hypervisor_memory;
	const struct bh_platform *p = &s->platform;

	fprintf(out, "system config\n  %-19s", "signature");
	print_text(out, s->signature, BH_SIGNATURE_SIZE);
	fprintf(out, "\n  %-19s%u\n  %-19s%u%s\n  %-19s0x%x\n", "revision",
		s->revision, "architecture", s->architecture,
		s->architecture == BH_ARCH_ARM64 ? " (arm64)" : "", "flags",
		s->flags);
	fprintf(out, "  %-19sphys ", "hypervisor_memory");
	print_range(out, hv->phys_start, hv->size);
	fprintf(out, ", size ");
	print_size(out, hv->size);
	fprintf(out, ", virt_start 0x%llx, flags 0x%llx\n",
		(unsigned long long)hv->virt_start,
		(unsigned long long)hv->flags);
	dump_console(out, "  ", "debug_console", &s->debug_console);
	fprintf(out, "  platform\n    %-17s", "pci_mmconfig");
	if (p->pci_mmconfig_base || p->pci_mmconfig_size)
		fprintf(out, "0x%llx, size 0x%x\n",
			(unsigned long long)p->pci_mmconfig_base,
			p->pci_mmconfig_size);
	else
		fprintf(out, "none\n");
	fprintf(out, "    %-17s", "pci_mem_base");
	if (p->pci_mem_base)
		fprintf(out, "0x%llx, %d register BARs of 0x%llx\n",
			(unsigned long long)p->pci_mem_base, BH_PCI_MAX_DEVICES,
			(unsigned long long)BH_PCI_BAR_SIZE);
	else
		fprintf(out, "none\n");
	fprintf(out,
		"    %-17s%u\n    %-17s0x%llx\n    %-17s0x%llx\n"
		"    %-17s%u\n    %-17s0x%x, 0x%02x%02x%02x\n",
		"gic_version", p->arm64.gic_version, "gicd_base",
		(unsigned long long)p->arm64.gicd_base, "gicr_base",
		(unsigned long long)p->arm64.gicr_base, "maintenance_irq",
		p->arm64.maintenance_irq, "padding", p->padding,
		p->arm64.padding[0], p->arm64.padding[1], p->arm64.padding[2]);
	fprintf(out,
		"    %-17s0x%llx\n    %-17s0x%llx\n    %-17s0x%llx\n"
		"    %-17s0x%llx\n",
		"gicc_base", (unsigned long long)p->arm64.gicc_base,
		"gich_base", (unsigned long long)p->arm64.gich_base,
		"gicv_base", (unsigned long long)p->arm64.gicv_base,
		"gits_base", (unsigned long long)p->arm64.gits_base);
	fprintf(out, "root cell\n");
	dump_cell(out, "  ", &s->root_cell, arrays, avail);
}

bool is_system_config(const void *data, size_t size)
{
	return size >= BH_SIGNATURE_SIZE &&
	       !memcmp(data, BH_SYSTEM_SIGNATURE, BH_SIGNATURE_SIZE);
}

/* Prints the config; -1 if it is neither kind or too short to show. */
int config_dump(FILE *out, const void *data, size_t size)
{
	const uint8_t *bytes = data;
	struct bh_cell_desc cell;
	struct bh_system sys;

	if (is_system_config(data, size) && size >= sizeof(sys)) {
		memcpy(&sys, data, sizeof(sys));
		dump_system(out, &sys, bytes + sizeof(sys), size - sizeof(sys));
		return 0;
	}
	if (size >= sizeof(cell) &&
	    !memcmp(data, BH_CELL_SIGNATURE, BH_SIGNATURE_SIZE)) {
		memcpy(&cell, data, sizeof(cell));
		fprintf(out, "cell config\n");
		dump_cell(out, "  ", &cell, bytes + sizeof(cell),
			  size - sizeof(cell));
		return 0;
	}
	return -1;
}
