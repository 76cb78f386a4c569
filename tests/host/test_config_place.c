// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the check of a cell against the system
 * (lib/config-place.c): a system modelled on qemu-arm64, a cell "rt"
 * that fits it, cells "other" and "third" that already run beside it, and
 * one broken fact per case. Every config is first approved on its own by
 * bh_check_system() or bh_check_cell(), as the placement check requires,
 * and checked from a malloc'd copy of exactly its bytes, so that
 * AddressSanitizer catches any read beyond them.
 */
#include <errno.h>
#include <stdlib.h>
#include "../../lib/format.c"
#include "../../lib/config-check.c"
#include "../../lib/config-arm64.c"
#include "../../lib/config-pci.c"
#include "../../lib/config-place.c"
#include "../../configs/cells/qemu-arm64.c"
#include "unit.h"
#include "check-capture.h"

#define MAX_CPU_BYTES 16
#define MAX_REGIONS   8
#define MAX_CHIPS     4
#define MAX_OTHERS    2
#define MAX_PCI	      4

#define GICD	  0x8000000ULL
#define RW	  (BH_MEM_READ | BH_MEM_WRITE)
#define RW_IO	  (RW | BH_MEM_IO)
#define RW_COMM	  (RW | BH_MEM_COMM_REGION)
#define RAM_FLAGS (BH_MEM_RWX | BH_MEM_LOADABLE)

/* Virtual PCI and ivshmem links: qemu-virt.h's addresses and sizes. */
#define ECAM_BASE  0x0f000000ULL
#define BAR_BASE   0x0f100000ULL
#define LINK0_PHYS 0x7dc00000ULL /* root <-> rt */
#define LINK1_PHYS 0x7de00000ULL /* rt <-> other */
#define LINK_IPA   0x60000000ULL
#define LINK_SIZE  0x200000ULL

/* One cell config as C objects; run() lays each out as a file. */
struct model {
	struct bh_cell_desc desc;
	uint8_t cpus[MAX_CPU_BYTES];
	struct bh_memory mem[MAX_REGIONS];
	struct bh_irqchip chips[MAX_CHIPS];
	struct bh_pci_device pci[MAX_PCI];
};

static struct {
	struct bh_system sys; /* root_cell is copied from root.desc */
	struct model root;
	struct model cell;		/* "rt", the cell to place */
	struct model other[MAX_OTHERS]; /* "other", "third" */
	unsigned int num_others;
} m;

/* Findings of the standalone checks: shown, as they break the test. */
static void show_precondition(void *arg, int severity, const char *msg)
{
	(void)arg;
	if (severity == BH_CHECK_ERROR)
		printf("# precondition failed: %s\n", msg);
}

static void reset_ctx(void)
{
	reset_capture("rt.cell");
}

static void set_region(struct model *md, unsigned int i, uint64_t phys,
		       uint64_t virt, uint64_t size, uint64_t flags)
{
	md->mem[i] = (struct bh_memory){ phys, virt, size, flags };
}

static void set_chip(struct model *md, unsigned int i, uint32_t pin_base,
		     uint32_t bits0)
{
	md->chips[i] = (struct bh_irqchip){
		.address = GICD,
		.pin_base = pin_base,
		.pin_bitmap = { bits0 },
	};
}

static void init_desc(struct model *md, const char *name, uint8_t cpus,
		      unsigned int regions, unsigned int chips)
{
	struct bh_cell_desc *d = &md->desc;

	memcpy(d->signature, BH_CELL_SIGNATURE, BH_SIGNATURE_SIZE);
	d->revision = BH_CONFIG_REVISION;
	d->architecture = BH_ARCH_ARM64;
	strcpy(d->name, name);
	d->cpu_set_size = 8;
	d->num_memory_regions = regions;
	d->num_irqchips = chips;
	md->cpus[0] = cpus;
}

/*
 * Device n of the model: one end of link link_id (two peers, qemu-virt.h's
 * sections) at phys, seen at virt, interrupting with irq, which is added
 * to the cell's irqchips[0] if that has the pin.
 */
static void set_link(struct model *md, unsigned int n, uint32_t link_id,
		     uint16_t peer_id, uint32_t irq, uint64_t phys,
		     uint64_t virt)
{
	struct bh_irqchip *chip = &md->chips[0];
	unsigned int pin = irq - chip->pin_base;

	md->desc.num_pci_devices = n + 1;
	md->pci[n] = (struct bh_pci_device){
		.type = BH_PCI_TYPE_IVSHMEM,
		.bdf = n << 3,
		.link_id = link_id,
		.peer_id = peer_id,
		.max_peers = 2,
		.irq = irq,
		.shmem_phys = phys,
		.shmem_virt = virt,
		.rw_size = 0xf000,
		.out_size = 0xf8000,
	};
	if (irq >= chip->pin_base && pin < BH_IRQCHIP_PINS)
		chip->pin_bitmap[pin / 32] |= 1U << (pin % 32);
}

/*
 * qemu-arm64's layout: CPUs 0-3, Linux RAM, RAM for cells, 4 IO regions,
 * the virtual PCI windows, and peer 0 of link 0 (INTID 240).
 */
static void valid_system(void)
{
	struct bh_system *s = &m.sys;
	struct model *r = &m.root;

	memcpy(s->signature, BH_SYSTEM_SIGNATURE, BH_SIGNATURE_SIZE);
	s->revision = BH_CONFIG_REVISION;
	s->architecture = BH_ARCH_ARM64;
	s->hypervisor_memory.phys_start = 0x7f800000;
	s->hypervisor_memory.size = 0x800000;
	s->debug_console =
		(struct bh_console){ 0x9000000, 0x1000, BH_CON_PL011, 0 };
	s->platform.arm64.gicd_base = GICD;
	s->platform.arm64.gicr_base = 0x80a0000;
	s->platform.arm64.maintenance_irq = 25;
	s->platform.arm64.gic_version = BH_GIC_V3;
	s->platform.pci_mmconfig_base = ECAM_BASE;
	s->platform.pci_mmconfig_size = BH_PCI_ECAM_BUS_SIZE;
	s->platform.pci_mem_base = BAR_BASE;

	init_desc(r, "qemu-arm64", 0x0f, 6, 2);
	set_region(r, 0, 0x40000000, 0x40000000, 0x3b800000,
		   BH_MEM_RWX | BH_MEM_DMA);
	set_region(r, 1, 0x7b800000, 0x7b800000, 0x4000000,
		   BH_MEM_RWX | BH_MEM_DMA);
	set_region(r, 2, 0x9000000, 0x9000000, 0x1000, RW_IO); /* UART0 */
	set_region(r, 3, 0x9010000, 0x9010000, 0x1000, RW_IO); /* RTC */
	set_region(r, 4, 0x9040000, 0x9040000, 0x1000, RW_IO); /* UART1 */
	set_region(r, 5, 0xa000000, 0xa000000, 0x4000, RW_IO); /* virtio */
	set_chip(r, 0, 32, ~0U); /* SPIs 32..287 */
	set_chip(r, 1, 160, ~0U);
	memset(r->chips[0].pin_bitmap, 0xff, sizeof(r->chips[0].pin_bitmap));
	memset(r->chips[1].pin_bitmap, 0xff, sizeof(r->chips[1].pin_bitmap));
	set_link(r, 0, 0, 0, 240, LINK0_PHYS, LINK0_PHYS);
}

/*
 * The system, "rt" on CPU 3 with UART1 and its SPI (INTID 40), and
 * "other" on CPU 2 with the RTC (INTID 34) running; "third" (CPU 1, RAM
 * only) is there for cases with two running cells.
 */
static void valid(void)
{
	struct model *c = &m.cell, *o = &m.other[0], *t = &m.other[1];

	memset(&m, 0, sizeof(m));
	valid_system();

	init_desc(c, "rt", 0x08, 3, 1);
	c->desc.cpu_reset_address = 0x40000000;
	c->desc.console =
		(struct bh_console){ 0x9040000, 0x1000, BH_CON_PL011, 0 };
	set_region(c, 0, 0x7b800000, 0x40000000, 0x1000000, RAM_FLAGS);
	set_region(c, 1, 0x7c800000, 0x80000000, 0x1000, RW_COMM);
	set_region(c, 2, 0x9040000, 0x9040000, 0x1000, RW_IO);
	set_chip(c, 0, 32, 1U << 8);

	init_desc(o, "other", 0x04, 3, 1);
	o->desc.cpu_reset_address = 0x40000000;
	set_region(o, 0, 0x7c900000, 0x40000000, 0x1000000, RAM_FLAGS);
	set_region(o, 1, 0x7d900000, 0x80000000, 0x1000, RW_COMM);
	set_region(o, 2, 0x9010000, 0x9010000, 0x1000, RW_IO);
	set_chip(o, 0, 32, 1U << 2);

	init_desc(t, "third", 0x02, 2, 0);
	t->desc.cpu_reset_address = 0x40000000;
	set_region(t, 0, 0x7da00000, 0x40000000, 0x100000, RAM_FLAGS);
	set_region(t, 1, 0x7db00000, 0x80000000, 0x1000, RW_COMM);

	m.num_others = 1;
}

/* valid(), "rt" peer 1 of link 0 (INTID 41), seeing it at LINK_IPA. */
static void valid_link(void)
{
	valid();
	set_link(&m.cell, 0, 0, 1, 41, LINK0_PHYS, LINK_IPA);
}

/* ... and "rt" peer 0, "other" peer 1 of link 1 (INTIDs 42 and 35). */
static void valid_links(void)
{
	valid_link();
	set_link(&m.cell, 1, 1, 0, 42, LINK1_PHYS, LINK_IPA + LINK_SIZE);
	set_link(&m.other[0], 0, 1, 1, 35, LINK1_PHYS, LINK_IPA);
}

/* hdr, then the model's arrays as d counts them, in exactly len bytes. */
static void *pack(const void *hdr, size_t hdr_size,
		  const struct bh_cell_desc *d, const struct model *md,
		  size_t *len)
{
	size_t cpus = d->cpu_set_size;
	size_t mem = d->num_memory_regions * sizeof(struct bh_memory);
	size_t chips = d->num_irqchips * sizeof(struct bh_irqchip);
	size_t pci = d->num_pci_devices * sizeof(struct bh_pci_device);
	uint8_t *buf, *p;

	if (cpus > MAX_CPU_BYTES || d->num_memory_regions > MAX_REGIONS ||
	    d->num_irqchips > MAX_CHIPS || d->num_pci_devices > MAX_PCI)
		abort();
	*len = hdr_size + cpus + mem + chips + pci;
	buf = malloc(*len);
	p = buf;
	memcpy(p, hdr, hdr_size);
	p += hdr_size;
	memcpy(p, md->cpus, cpus);
	p += cpus;
	memcpy(p, md->mem, mem);
	p += mem;
	memcpy(p, md->chips, chips);
	p += chips;
	memcpy(p, md->pci, pci);
	return buf;
}

static void *pack_cell(const struct model *md, size_t *len)
{
	return pack(&md->desc, sizeof(md->desc), &md->desc, md, len);
}

/* Place "rt" beside m.num_others cells; each config sound on its own. */
static int run_with(const struct bh_system *sys, size_t sys_len)
{
	struct bh_check_ctx pre = { .report = show_precondition };
	const struct bh_cell_desc *others[MAX_OTHERS];
	void *cell;
	size_t len;
	unsigned int k;
	int rc;

	CHECK(bh_check_system(&pre, sys, sys_len, 0) == 0);
	cell = pack_cell(&m.cell, &len);
	CHECK(bh_check_cell(&pre, cell, len, 0) == 0);
	for (k = 0; k < m.num_others; k++) {
		others[k] = pack_cell(&m.other[k], &len);
		CHECK(bh_check_cell(&pre, others[k], len, 0) == 0);
	}

	reset_ctx();
	rc = bh_check_cell_in_system(&ctx, sys, cell,
				     m.num_others ? others : NULL,
				     m.num_others);
	for (k = 0; k < m.num_others; k++)
		free((void *)others[k]);
	free(cell);
	return rc;
}

static int run(void)
{
	void *sys;
	size_t len;
	int rc;

	m.sys.root_cell = m.root.desc;
	sys = pack(&m.sys, sizeof(m.sys), &m.sys.root_cell, &m.root, &len);
	rc = run_with(sys, len);
	free(sys);
	return rc;
}

/* One fact broken: exactly one error, naming it. */
#define EXPECT_ERROR(needle)        \
	do {                        \
		int rc__ = run();   \
                                    \
		EXPECT(rc__, 1, 0); \
		EXPECT_MSG(needle); \
	} while (0)

#define EXPECT_PASS()               \
	do {                        \
		int rc__ = run();   \
                                    \
		EXPECT(rc__, 0, 0); \
	} while (0)

/* --- fitting cells --- */

TEST(valid_cell_fits)
{
	unsigned int n;

	for (n = 0; n <= MAX_OTHERS; n++) {
		valid();
		m.num_others = n;
		EXPECT_PASS();
		CHECK(msgs.len == 0);
	}
}

TEST(valid_cell_fits_qemu_arm64_config)
{
	void *sys = malloc(sizeof(config));

	valid();
	memcpy(sys, &config, sizeof(config));
	EXPECT(run_with(sys, sizeof(config)), 0, 0);
	free(sys);
}

TEST(messages_name_file)
{
	valid();
	strcpy(m.cell.desc.name, "other");
	run();
	CHECK(!strcmp(msgs.text,
		      "E: rt.cell: name: a cell named 'other' exists already\n"));
	dump_messages();
}

/* --- name --- */

TEST(name_must_be_new)
{
	valid();
	strcpy(m.cell.desc.name, "qemu-arm64");
	EXPECT_ERROR(
		"name: a cell named 'qemu-arm64' exists already (the root cell)");

	valid();
	m.num_others = 2;
	strcpy(m.cell.desc.name, "third");
	EXPECT_ERROR("name: a cell named 'third' exists already");

	/* Names differing after a common prefix are different names. */
	valid();
	strcpy(m.cell.desc.name, "othe");
	EXPECT_PASS();
	strcpy(m.cell.desc.name, "other2");
	EXPECT_PASS();
}

/* --- CPUs --- */

TEST(cpus_must_be_root_cpus)
{
	valid();
	m.cell.cpus[0] = 0x20;
	EXPECT_ERROR("cpu_set: CPU 5 is not a root cell CPU");

	valid();
	m.cell.cpus[0] = 0xf0;
	EXPECT_ERROR("cpu_set: CPUs 4-7 are not root cell CPUs");

	/* Beyond the end of the root cell's (smaller) CPU set. */
	valid();
	m.cell.desc.cpu_set_size = 16;
	m.cell.cpus[8] = 0x01;
	EXPECT_ERROR("cpu_set: CPU 64 is not a root cell CPU");
}

TEST(cpus_must_be_free)
{
	valid();
	m.other[0].cpus[0] = 0x08;
	EXPECT_ERROR("cpu_set: CPU 3 already belongs to cell 'other'");

	valid();
	m.cell.cpus[0] = 0x0c;
	m.other[0].cpus[0] = 0x0c;
	EXPECT_ERROR("cpu_set: CPUs 2-3 already belong to cell 'other'");

	valid();
	m.num_others = 2;
	m.other[1].cpus[0] = 0x08;
	EXPECT_ERROR("cpu_set: CPU 3 already belongs to cell 'third'");

	/* Runs break where the owner changes. */
	valid();
	m.num_others = 2;
	m.cell.cpus[0] = 0x06;
	m.other[0].cpus[0] = 0x02;
	m.other[1].cpus[0] = 0x04;
	run();
	EXPECT(-EINVAL, 2, 0);
	EXPECT_MSG("cpu_set: CPU 1 already belongs to cell 'other'");
	EXPECT_MSG("cpu_set: CPU 2 already belongs to cell 'third'");
}

TEST(root_keeps_a_cpu)
{
	valid();
	m.cell.cpus[0] = 0x0b;
	EXPECT_ERROR("cpu_set: the root cell would keep no CPU");

	valid();
	m.num_others = 0;
	m.cell.cpus[0] = 0x0f;
	EXPECT_ERROR("cpu_set: the root cell would keep no CPU");

	valid();
	m.num_others = 2;
	m.cell.cpus[0] = 0x09;
	EXPECT_ERROR("cpu_set: the root cell would keep no CPU");
}

TEST(root_keeps_ram)
{
	/* "rt" takes all of the cells' RAM, and Linux's RAM is no more. */
	valid();
	m.num_others = 0;
	m.root.desc.num_memory_regions = 5;
	memmove(&m.root.mem[0], &m.root.mem[1], 5 * sizeof(m.root.mem[0]));
	set_region(&m.root, 0, 0x7b800000, 0x7b800000, 0x1000000,
		   BH_MEM_RWX | BH_MEM_DMA);
	set_region(&m.cell, 1, 0x70000000, 0x80000000, 0x1000, RW_COMM);
	m.root.desc.num_pci_devices = 0;
	m.root.desc.num_memory_regions = 6;
	set_region(&m.root, 5, 0x70000000, 0x70000000, 0x1000,
		   BH_MEM_RWX | BH_MEM_DMA);
	m.sys.platform.pci_mmconfig_base = 0;
	m.sys.platform.pci_mmconfig_size = 0;
	m.sys.platform.pci_mem_base = 0;
	EXPECT_ERROR(
		"mem_regions: the root cell would keep no RAM: every root_cell.mem_regions[] RAM region is given to this or another cell");

	/* The same with a running cell holding one of them. */
	m.num_others = 1;
	m.root.desc.num_memory_regions = 7;
	set_region(&m.root, 6, 0x70001000, 0x70001000, 0x1000,
		   BH_MEM_RWX | BH_MEM_DMA);
	set_region(&m.cell, 1, 0x70001000, 0x80000000, 0x1000, RW_COMM);
	set_region(&m.other[0], 0, 0x70000000, 0x40000000, 0x1000, RAM_FLAGS);
	set_region(&m.other[0], 1, 0x7d900000, 0x80000000, 0x1000, RW_COMM);
	EXPECT_ERROR("mem_regions: the root cell would keep no RAM");

	/* A piece left over is Linux's. */
	m.root.mem[0].size = 0x1100000;
	EXPECT_PASS();
}

/* --- memory from the root cell --- */

TEST(region_inside_root_memory)
{
	valid();
	m.cell.mem[0].phys_start = 0x80000000;
	EXPECT_ERROR(
		"mem_regions[0] [0x80000000-0x80ffffff] is not inside the root cell's memory");

	/* Across two root regions, though both are RAM. */
	valid();
	m.cell.mem[0].phys_start = 0x7b000000;
	EXPECT_ERROR(
		"mem_regions[0] [0x7b000000-0x7bffffff] is not inside the root cell's memory");
}

TEST(region_kind_matches_root)
{
	valid();
	m.cell.mem[0].flags |= BH_MEM_IO;
	EXPECT_ERROR(
		"mem_regions[0] [0x7b800000-0x7c7fffff] is RAM in the root cell but IO here (root_cell.mem_regions[1])");

	valid();
	m.cell.mem[2].flags = RW;
	m.cell.desc.console.type = BH_CON_NONE;
	EXPECT_ERROR(
		"mem_regions[2] [0x9040000-0x9040fff] is IO in the root cell but RAM here (root_cell.mem_regions[4])");
}

TEST(region_clear_of_hypervisor)
{
	/* Never root memory either: two findings. */
	valid();
	m.cell.mem[0].phys_start = 0x7f800000;
	m.cell.mem[0].size = 0x100000;
	run();
	EXPECT(-EINVAL, 2, 0);
	EXPECT_MSG(
		"mem_regions[0] [0x7f800000-0x7f8fffff] overlaps hypervisor_memory [0x7f800000-0x7fffffff] in physical space");
	EXPECT_MSG(
		"mem_regions[0] [0x7f800000-0x7f8fffff] is not inside the root cell's memory");
}

TEST(region_clear_of_gic)
{
	/* The virtio page mapped where the cell's emulated GIC is. */
	valid();
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, 0xa000000, 0x800f000, 0x1000, RW_IO);
	EXPECT_ERROR(
		"mem_regions[3] [0x800f000-0x800ffff] overlaps the GIC distributor (platform.arm64.gicd_base) [0x8000000-0x800ffff] in guest-physical space");

	/* Redistributors: 128 KiB for each of root CPUs 0-3. */
	m.cell.mem[3].virt_start = 0x811f000;
	EXPECT_ERROR(
		"mem_regions[3] [0x811f000-0x811ffff] overlaps the GIC redistributors (platform.arm64.gicr_base) [0x80a0000-0x811ffff] in guest-physical space");
	m.cell.mem[3].virt_start = 0x8120000;
	EXPECT_PASS();

	/* ... up to the highest root CPU: 8 makes 9 of them. */
	m.root.cpus[1] = 0x01;
	m.cell.mem[3].virt_start = 0x81bf000;
	EXPECT_ERROR("[0x80a0000-0x81bffff] in guest-physical space");

	/* Physically the GIC is no root memory either: two findings. */
	valid();
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, 0x8000000, 0x20000000, 0x1000, RW_IO);
	run();
	EXPECT(-EINVAL, 2, 0);
	EXPECT_MSG(
		"mem_regions[3] [0x8000000-0x8000fff] overlaps the GIC distributor (platform.arm64.gicd_base) [0x8000000-0x800ffff] in physical space");
	EXPECT_MSG(
		"mem_regions[3] [0x8000000-0x8000fff] is not inside the root cell's memory");
}

TEST(region_clear_of_its)
{
	/* A cell's page where the ITS's translation frame is. */
	valid();
	m.sys.platform.arm64.gits_base = 0x8080000;
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, 0xa000000, 0x8090000, 0x1000, RW_IO);
	EXPECT_ERROR(
		"mem_regions[3] [0x8090000-0x8090fff] overlaps the GIC ITS (platform.arm64.gits_base) [0x8080000-0x809ffff] in guest-physical space");
	m.sys.platform.arm64.gits_base = 0;
	EXPECT_PASS();
}

/* --- memory of other cells --- */

TEST(region_not_taken_by_other)
{
	valid();
	m.other[0].mem[0].phys_start = 0x7c7ff000;
	m.other[0].mem[0].size = 0x1000;
	EXPECT_ERROR(
		"mem_regions[0] [0x7b800000-0x7c7fffff] overlaps cell 'other' mem_regions[0] [0x7c7ff000-0x7c7fffff]; mark both BH_MEM_SHARED to share");

	valid();
	m.other[0].mem[2].phys_start = 0x9040000;
	m.other[0].mem[2].virt_start = 0x9040000;
	EXPECT_ERROR(
		"mem_regions[2] [0x9040000-0x9040fff] overlaps cell 'other' mem_regions[2] [0x9040000-0x9040fff]; mark both");

	valid();
	m.num_others = 2;
	m.other[1].mem[1].phys_start = 0x7c800000;
	EXPECT_ERROR(
		"mem_regions[1] [0x7c800000-0x7c800fff] overlaps cell 'third' mem_regions[1] [0x7c800000-0x7c800fff]; a communication region cannot be shared");
}

TEST(shared_memory_may_overlap)
{
	valid();
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, 0x7e000000, 0x50000000, 0x100000,
		   RW | BH_MEM_SHARED);
	m.other[0].desc.num_memory_regions = 4;
	set_region(&m.other[0], 3, 0x7e000000, 0x60000000, 0x100000,
		   RW | BH_MEM_SHARED);
	EXPECT_PASS();

	m.other[0].mem[3].flags = RW;
	EXPECT_ERROR(
		"mem_regions[3] [0x7e000000-0x7e0fffff] overlaps cell 'other' mem_regions[3] [0x7e000000-0x7e0fffff]; mark both BH_MEM_SHARED to share");

	m.other[0].mem[3].flags = RW | BH_MEM_SHARED;
	m.cell.mem[3].flags = RW;
	EXPECT_ERROR("mark both BH_MEM_SHARED to share");

	/* Device registers too (the interrupt stays with one cell). */
	valid();
	m.cell.mem[2].flags |= BH_MEM_SHARED;
	m.other[0].mem[2] = m.cell.mem[2];
	EXPECT_PASS();
}

/* --- communication region --- */

TEST(comm_region_exactly_one)
{
	valid();
	m.cell.mem[1].flags = RW;
	EXPECT_ERROR(
		"needs exactly one communication region (BH_MEM_COMM_REGION), has 0");

	/* Both cannot be at BH_COMM_REGION_IPA: two findings. */
	valid();
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, 0x7c801000, 0x80001000, 0x1000, RW_COMM);
	run();
	EXPECT(-EINVAL, 2, 0);
	EXPECT_MSG(
		"E: rt.cell: mem_regions: needs exactly one communication region (BH_MEM_COMM_REGION), has 2");
	EXPECT_MSG(
		"mem_regions[3]: communication region at 0x80001000, not at 0x80000000 (BH_COMM_REGION_IPA)");
}

TEST(comm_region_shape)
{
	valid();
	m.cell.mem[1].virt_start = 0x80001000;
	EXPECT_ERROR(
		"mem_regions[1]: communication region at 0x80001000, not at 0x80000000 (BH_COMM_REGION_IPA)");

	valid();
	m.cell.mem[1].size = 0x2000;
	EXPECT_ERROR(
		"mem_regions[1]: communication region size 0x2000, not 0x1000 (BH_COMM_REGION_SIZE)");

	valid();
	m.cell.mem[1].flags = BH_MEM_READ | BH_MEM_COMM_REGION;
	EXPECT_ERROR(
		"mem_regions[1]: communication region flags 0x21 lack READ or WRITE");

	valid();
	m.cell.mem[1].flags = RW_COMM | BH_MEM_EXECUTE;
	EXPECT_ERROR(
		"mem_regions[1]: communication region flags 0x27: it is RAM, neither IO nor EXECUTE");

	valid();
	m.cell.mem[1].flags = RW_COMM | BH_MEM_SHARED;
	EXPECT_ERROR(
		"mem_regions[1]: communication region flags 0x123: it is the cell's own, not BH_MEM_SHARED");

	/* IO: not what the root cell has there either. */
	valid();
	m.cell.mem[1].flags = RW_COMM | BH_MEM_IO;
	run();
	EXPECT(-EINVAL, 2, 0);
	EXPECT_MSG(
		"mem_regions[1]: communication region flags 0x33: it is RAM, neither IO nor EXECUTE");
	EXPECT_MSG(
		"mem_regions[1] [0x7c800000-0x7c800fff] is RAM in the root cell but IO here");

	/* The root cell may load boot arguments into it. */
	valid();
	m.cell.mem[1].flags = RW_COMM | BH_MEM_LOADABLE;
	EXPECT_PASS();
}

TEST(comm_region_from_root_ram)
{
	valid();
	m.cell.mem[1].phys_start = 0x80000000;
	EXPECT_ERROR(
		"mem_regions[1] [0x80000000-0x80000fff] is not inside the root cell's memory");
}

/* --- start --- */

TEST(reset_address_executable)
{
	valid();
	m.cell.desc.cpu_reset_address = 0x80000000; /* comm region */
	EXPECT_ERROR(
		"cpu_reset_address 0x80000000 not inside an executable memory region: the cell could not start");

	valid();
	m.cell.desc.cpu_reset_address = 0x41000000; /* just past RAM */
	EXPECT_ERROR("cpu_reset_address 0x41000000 not inside");

	valid();
	m.cell.desc.cpu_reset_address = 0x40fffffc;
	EXPECT_PASS();
}

TEST(loadable_region_warned)
{
	valid();
	m.cell.mem[0].flags = BH_MEM_RWX;
	EXPECT(run(), 0, 1);
	EXPECT_MSG(
		"W: rt.cell: no memory region is BH_MEM_LOADABLE: nothing can be loaded into the cell");
}

/* --- interrupts --- */

TEST(irqchip_at_gicd)
{
	valid();
	m.cell.chips[0].address = 0x8010000;
	EXPECT_ERROR(
		"irqchips[0]: address 0x8010000 is not the GIC distributor 0x8000000 (platform.arm64.gicd_base)");
}

TEST(interrupts_must_be_root_interrupts)
{
	valid();
	m.cell.chips[0].pin_base = 288;
	m.cell.chips[0].pin_bitmap[0] = 1;
	EXPECT_ERROR("irqchips[0]: INTID 288 is not a root cell interrupt");

	valid();
	m.root.chips[0].pin_bitmap[0] = ~(1U << 8);
	EXPECT_ERROR("irqchips[0]: INTID 40 is not a root cell interrupt");

	/* One finding for a run: 256..287 are the root cell's, the rest not. */
	valid();
	m.cell.chips[0].pin_base = 256;
	m.cell.chips[0].pin_bitmap[0] = ~0U;
	m.cell.chips[0].pin_bitmap[1] = ~0U;
	m.cell.chips[0].pin_bitmap[3] = 0x3;
	run();
	EXPECT(-EINVAL, 2, 0);
	EXPECT_MSG(
		"irqchips[0]: INTIDs 288-319 (32) are not root cell interrupts");
	EXPECT_MSG(
		"irqchips[0]: INTIDs 352-353 (2) are not root cell interrupts");
}

TEST(interrupts_must_be_free)
{
	valid();
	m.other[0].chips[0].pin_bitmap[0] |= 1U << 8;
	EXPECT_ERROR("irqchips[0]: INTID 40 already belongs to cell 'other'");

	valid();
	m.cell.chips[0].pin_bitmap[0] = 0xff00;
	m.other[0].chips[0].pin_bitmap[0] = 0xf004;
	EXPECT_ERROR(
		"irqchips[0]: INTIDs 44-47 (4) already belong to cell 'other'");

	/* Through differently based irqchips, and the third cell. */
	valid();
	m.num_others = 2;
	m.cell.desc.num_irqchips = 2;
	set_chip(&m.cell, 1, 160, 1U << 10);
	m.other[1].desc.num_irqchips = 1;
	set_chip(&m.other[1], 0, 64, 0);
	m.other[1].chips[0].pin_bitmap[3] = 1U << 10; /* INTID 170 */
	EXPECT_ERROR("irqchips[1]: INTID 170 already belongs to cell 'third'");
}

/* --- console --- */

TEST(console_in_cell_io_region)
{
	valid();
	m.cell.desc.console.address = 0x9050000;
	EXPECT_ERROR(
		"console: PL011 at 0x9050000 is not in one of the cell's IO regions (guest-physical)");

	valid();
	m.cell.desc.console.address = 0x40000000; /* RAM */
	EXPECT_ERROR(
		"console: PL011 at 0x40000000 is not in one of the cell's IO regions");

	/* The inmate sees UART1 at 0x9000000: that is where its console is. */
	valid();
	m.cell.mem[2].virt_start = 0x9000000;
	EXPECT_ERROR("console: PL011 at 0x9040000 is not in one of");
	m.cell.desc.console.address = 0x9000000;
	EXPECT_PASS();

	valid();
	m.cell.desc.console = (struct bh_console){ 0x123, 0, BH_CON_NONE, 0 };
	EXPECT_PASS();
}

/* --- virtual PCI: links between cells --- */

TEST(linked_cells_fit)
{
	unsigned int n;

	for (n = 0; n <= MAX_OTHERS; n++) {
		valid_link();
		m.num_others = n;
		EXPECT_PASS();
		CHECK(msgs.len == 0);
	}
	valid_links();
	EXPECT_PASS();
	CHECK(msgs.len == 0);

	/* The other end of a link need not exist yet. */
	valid_links();
	m.other[0].desc.num_pci_devices = 0;
	EXPECT_PASS();
	m.root.desc.num_pci_devices = 0;
	EXPECT_PASS();
}

TEST(link_ends_agree)
{
	/* With the root cell. */
	valid_link();
	m.cell.pci[0].rw_size = 0x1f000;
	EXPECT_ERROR(
		"rt.cell: pci_devices[0]: link 0 rw_size 0x1f000, but cell 'qemu-arm64' pci_devices[0] has 0xf000");

	valid_link();
	m.cell.pci[0].shmem_phys = LINK0_PHYS + LINK_SIZE;
	EXPECT_ERROR(
		"pci_devices[0]: link 0 shmem_phys 0x7de00000, but cell 'qemu-arm64' pci_devices[0] has 0x7dc00000");

	/* With another cell. */
	valid_links();
	m.cell.pci[1].out_size = 0x78000;
	EXPECT_ERROR(
		"rt.cell: pci_devices[1]: link 1 out_size 0x78000, but cell 'other' pci_devices[0] has 0xf8000");

	valid_links();
	m.cell.pci[1].max_peers = 3;
	EXPECT_ERROR(
		"pci_devices[1]: link 1 max_peers 3, but cell 'other' pci_devices[0] has 2");

	valid_links();
	m.other[0].pci[0].rw_size = 0x2f000;
	EXPECT_ERROR(
		"pci_devices[1]: link 1 rw_size 0xf000, but cell 'other' pci_devices[0] has 0x2f000");

	/* Each difference is a finding of its own. */
	valid_links();
	m.cell.pci[1].shmem_phys = LINK1_PHYS + 0x100000;
	m.cell.pci[1].rw_size = 0x1000;
	m.cell.pci[1].out_size = 0x1000;
	run();
	EXPECT(-EINVAL, 3, 0);
	EXPECT_MSG(
		"pci_devices[1]: link 1 shmem_phys 0x7df00000, but cell 'other' pci_devices[0] has 0x7de00000");
	EXPECT_MSG(
		"pci_devices[1]: link 1 rw_size 0x1000, but cell 'other' pci_devices[0] has 0xf000");
	EXPECT_MSG(
		"pci_devices[1]: link 1 out_size 0x1000, but cell 'other' pci_devices[0] has 0xf8000");

	/* Where each cell sees the memory is its own business. */
	valid_links();
	m.other[0].pci[0].shmem_virt = 0x70000000;
	EXPECT_PASS();
}

TEST(link_peer_ids_distinct)
{
	valid_link();
	m.cell.pci[0].peer_id = 0;
	EXPECT_ERROR(
		"rt.cell: pci_devices[0]: link 0 peer_id 0 already taken by cell 'qemu-arm64' pci_devices[0]");

	valid_links();
	m.cell.pci[1].peer_id = 1;
	EXPECT_ERROR(
		"pci_devices[1]: link 1 peer_id 1 already taken by cell 'other' pci_devices[0]");

	/* A third peer on a link of three. */
	valid_links();
	m.num_others = 2;
	m.cell.pci[1].max_peers = 3;
	m.other[0].pci[0].max_peers = 3;
	set_link(&m.other[1], 0, 1, 2, 0, LINK1_PHYS, LINK_IPA);
	m.other[1].desc.num_irqchips = 1;
	set_chip(&m.other[1], 0, 32, 1U << 4);
	m.other[1].pci[0].irq = 36;
	m.other[1].pci[0].max_peers = 3;
	EXPECT_PASS();
	m.other[1].pci[0].peer_id = 0;
	EXPECT_ERROR(
		"pci_devices[1]: link 1 peer_id 0 already taken by cell 'third' pci_devices[0]");
}

TEST(link_memory_of_one_link_only)
{
	/* rt's link 2 on the memory of other's link 1. */
	valid_links();
	m.cell.pci[1].link_id = 2;
	m.cell.pci[1].shmem_phys = LINK1_PHYS + 0x100000;
	EXPECT_ERROR(
		"pci_devices[1]: link 2 memory at 0x7df00000 overlaps link 1 of cell 'other' at 0x7de00000");

	/* ... and on the root cell's link 0. */
	valid_link();
	m.cell.pci[0].link_id = 2;
	m.cell.pci[0].shmem_phys = LINK0_PHYS - 0x1000;
	EXPECT_ERROR(
		"pci_devices[0]: link 2 memory at 0x7dbff000 overlaps link 0 of cell 'qemu-arm64' at 0x7dc00000");
}

TEST(link_memory_clear_of_other_cells)
{
	/* In other's RAM. */
	valid_link();
	m.cell.pci[0].link_id = 5;
	m.cell.pci[0].shmem_phys = 0x7c900000;
	m.root.desc.num_pci_devices = 0;
	EXPECT_ERROR(
		"rt.cell: pci_devices[0]: link 5 memory at 0x7c900000 overlaps cell 'other' mem_regions[0] [0x7c900000-0x7d8fffff]");

	/* Over third's communication region. */
	valid_link();
	m.num_others = 2;
	m.cell.pci[0].shmem_phys = 0x7db00000;
	m.root.pci[0].shmem_phys = 0x7db00000;
	m.root.pci[0].shmem_virt = 0x7db00000;
	EXPECT_ERROR(
		"pci_devices[0]: link 0 memory at 0x7db00000 overlaps cell 'third' mem_regions[1] [0x7db00000-0x7db00fff]");

	/* The root cell's RAM holds link memory: no overlap with it. */
	valid_link();
	EXPECT_PASS();
}

TEST(regions_clear_of_link_memory)
{
	/* rt maps the root cell's link 0 memory as plain RAM. */
	valid();
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, LINK0_PHYS + 0x100000, 0x50000000, 0x1000, RW);
	EXPECT_ERROR(
		"rt.cell: mem_regions[3] [0x7dd00000-0x7dd00fff] overlaps the memory of link 0 (cell 'qemu-arm64' pci_devices[0])");

	/* ... or other's link 1 memory, even marked shared. */
	valid_links();
	m.cell.desc.num_pci_devices = 1;
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, LINK1_PHYS, 0x50000000, 0x200000,
		   RW | BH_MEM_SHARED);
	EXPECT_ERROR(
		"mem_regions[3] [0x7de00000-0x7dffffff] overlaps the memory of link 1 (cell 'other' pci_devices[0])");

	/* Right after the link's 2 MiB. */
	m.cell.mem[3].phys_start = LINK1_PHYS + LINK_SIZE;
	EXPECT_PASS();
}

TEST(link_memory_from_root_ram)
{
	/* Beyond the root cell's memory. */
	valid_link();
	m.cell.pci[0].link_id = 3;
	m.cell.pci[0].shmem_phys = 0x80000000;
	EXPECT_ERROR(
		"rt.cell: pci_devices[0]: link memory [0x80000000-0x801fffff] is not inside one RAM region of the root cell");

	/* Across two root cell RAM regions. */
	valid_link();
	m.root.desc.num_memory_regions = 7;
	m.root.mem[1].size = 0x2800000;
	set_region(&m.root, 6, 0x7e000000, 0x7e000000, 0x1800000,
		   BH_MEM_RWX | BH_MEM_DMA);
	EXPECT_PASS();
	m.cell.pci[0].link_id = 3;
	m.cell.pci[0].shmem_phys = 0x7df00000;
	EXPECT_ERROR(
		"pci_devices[0]: link memory [0x7df00000-0x7e0fffff] is not inside one RAM region of the root cell");

	/* In a root cell IO region. */
	valid_link();
	m.root.desc.num_memory_regions = 7;
	set_region(&m.root, 6, 0x10000000, 0x10000000, 0x200000, RW_IO);
	m.cell.pci[0].link_id = 3;
	m.cell.pci[0].shmem_phys = 0x10000000;
	EXPECT_ERROR(
		"pci_devices[0]: link memory [0x10000000-0x101fffff] is not inside one RAM region of the root cell");
}

TEST(root_device_irqs_stay)
{
	/* rt takes INTID 240, the interrupt of the root cell's link 0. */
	valid();
	m.cell.chips[0].pin_base = 224;
	m.cell.chips[0].pin_bitmap[0] = 1U << 16;
	m.cell.desc.console.type = BH_CON_NONE;
	EXPECT_ERROR(
		"rt.cell: irqchips: INTID 240 is the interrupt of the root cell's pci_devices[0] (link 0)");

	/* ... as its own device's interrupt. */
	valid_link();
	m.cell.pci[0].irq = 240;
	m.cell.desc.num_irqchips = 2;
	set_chip(&m.cell, 1, 224, 1U << 16);
	EXPECT_ERROR(
		"irqchips: INTID 240 is the interrupt of the root cell's pci_devices[0] (link 0)");

	/* The SPIs around it are free to take. */
	valid();
	m.cell.desc.num_irqchips = 2;
	set_chip(&m.cell, 1, 224, ~(1U << 16));
	EXPECT_PASS();
}

TEST(pci_devices_need_bus)
{
	valid_link();
	m.root.desc.num_pci_devices = 0;
	m.sys.platform = (struct bh_platform){ .arm64 = m.sys.platform.arm64 };
	EXPECT_ERROR(
		"rt.cell: num_pci_devices 1, but the system has no virtual PCI bus (platform.pci_mmconfig_base 0)");
}

TEST(cell_clear_of_pci_windows)
{
	/* The virtio page mapped where the cell's emulated ECAM is. */
	valid();
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, 0xa000000, ECAM_BASE + 0xff000, 0x1000, RW_IO);
	EXPECT_ERROR(
		"rt.cell: mem_regions[3] [0xf0ff000-0xf0fffff] overlaps the virtual PCI ECAM window at 0xf000000");

	m.cell.mem[3].virt_start = BAR_BASE + 0x1f000;
	EXPECT_ERROR(
		"mem_regions[3] [0xf11f000-0xf11ffff] overlaps the virtual PCI register window at 0xf100000");
	m.cell.mem[3].virt_start = BAR_BASE + 0x20000;
	EXPECT_PASS();

	/* Link memory seen there. */
	valid_link();
	m.cell.pci[0].shmem_virt = ECAM_BASE - 0x100000;
	EXPECT_ERROR(
		"pci_devices[0]: link memory at 0xef00000 overlaps a virtual PCI window");
	m.cell.pci[0].shmem_virt = BAR_BASE + 0x1f000;
	EXPECT_ERROR(
		"pci_devices[0]: link memory at 0xf11f000 overlaps a virtual PCI window");
	m.cell.pci[0].shmem_virt = ECAM_BASE - LINK_SIZE;
	EXPECT_PASS();

	/* No virtual PCI bus: nothing is emulated there. */
	valid();
	m.root.desc.num_pci_devices = 0;
	m.sys.platform = (struct bh_platform){ .arm64 = m.sys.platform.arm64 };
	m.cell.desc.num_memory_regions = 4;
	set_region(&m.cell, 3, 0xa000000, ECAM_BASE, 0x1000, RW_IO);
	EXPECT_PASS();
}

/* --- reporting --- */

TEST(every_finding_reported)
{
	valid();
	strcpy(m.cell.desc.name, "other");
	m.cell.cpus[0] = 0x28;
	m.cell.mem[0].flags = BH_MEM_RWX;
	m.cell.chips[0].address = 0x8010000;
	m.cell.desc.console.address = 0x9050000;
	run();
	EXPECT(-EINVAL, 4, 1);
	EXPECT_MSG("name: a cell named 'other'");
	EXPECT_MSG("cpu_set: CPU 5 is not a root cell CPU");
	EXPECT_MSG("no memory region is BH_MEM_LOADABLE");
	EXPECT_MSG("irqchips[0]: address 0x8010000");
	EXPECT_MSG("console: PL011 at 0x9050000");
}

/* The boot of "rt" (its RAM at 0x40000000, 16 MiB) checked alone. */
static int run_boot(uint32_t flags, uint64_t entry, uint64_t dtb)
{
	void *cell;
	size_t len;
	int rc;

	cell = pack_cell(&m.cell, &len);
	reset_ctx();
	rc = bh_check_cell_boot(&ctx, cell, flags, entry, dtb);
	free(cell);
	return rc;
}

#define EXPECT_BOOT_ERROR(flags, entry, dtb, needle)       \
	do {                                               \
		EXPECT(run_boot(flags, entry, dtb), 1, 0); \
		EXPECT_MSG(needle);                        \
	} while (0)

TEST(boot_entry_and_dtb)
{
	valid();
	/* A kernel 2 MiB in, its device tree near the end of RAM. */
	EXPECT(run_boot(0, 0x40200000, 0x40ff0000), 0, 0);
	EXPECT(run_boot(0, 0x40fffffc, 0), 0, 0);
	EXPECT_BOOT_ERROR(1, 0x40200000, 0,
			  "boot: flags 0x1: no flags are defined, must be 0");
	EXPECT_BOOT_ERROR(0, 0x40200002, 0,
			  "boot: entry 0x40200002 is not 4-byte aligned");
	EXPECT_BOOT_ERROR(
		0, 0x41000000, 0,
		"boot: entry 0x41000000 is not inside an executable memory region of cell 'rt'");
	/* The communication region and IO are no place to start. */
	EXPECT_BOOT_ERROR(0, 0x80000000, 0,
			  "boot: entry 0x80000000 is not inside");
	EXPECT_BOOT_ERROR(0, 0x9040000, 0,
			  "boot: entry 0x9040000 is not inside");
	EXPECT_BOOT_ERROR(0, 0x40200000, 0x40ff0004,
			  "boot: dtb 0x40ff0004 is not 8-byte aligned");
	/* The header (40 bytes) must fit before the end of RAM. */
	EXPECT_BOOT_ERROR(
		0, 0x40200000, 0x40fffff0,
		"boot: dtb 0x40fffff0 is not inside a readable RAM region of cell 'rt'");
	EXPECT(run_boot(0, 0x40200000, 0x40ffffd8), 0, 0);
	EXPECT_BOOT_ERROR(0, 0x40200000, 0x80000000,
			  "boot: dtb 0x80000000 is not inside");
	EXPECT_BOOT_ERROR(0, 0x40200000, 0x9040000,
			  "boot: dtb 0x9040000 is not inside");
	EXPECT_BOOT_ERROR(0, 0x40200000, 0xfffffffffffffff8ULL,
			  "boot: dtb 0xfffffffffffffff8 is not inside");
	/* Every bad field is named. */
	EXPECT(run_boot(2, 0x41000000, 0x3ffffff8), 3, 0);
}

TEST(counts_accumulate_without_report)
{
	void *sys, *bad, *good;
	size_t len;

	valid();
	m.cell.cpus[0] = 0x20;
	m.sys.root_cell = m.root.desc;
	sys = pack(&m.sys, sizeof(m.sys), &m.sys.root_cell, &m.root, &len);
	bad = pack_cell(&m.cell, &len);
	m.cell.cpus[0] = 0x08;
	good = pack_cell(&m.cell, &len);

	ctx = (struct bh_check_ctx){ 0 };
	CHECK(bh_check_cell_in_system(&ctx, sys, bad, NULL, 0) == -EINVAL);
	CHECK(ctx.errors == 1);
	/* A later clean check returns 0 but keeps the count. */
	CHECK(bh_check_cell_in_system(&ctx, sys, good, NULL, 0) == 0);
	CHECK(ctx.errors == 1);
	free(good);
	free(bad);
	free(sys);
}

int main(void)
{
	unit_suite = "unit/config-place";
	RUN(valid_cell_fits);
	RUN(valid_cell_fits_qemu_arm64_config);
	RUN(messages_name_file);
	RUN(name_must_be_new);
	RUN(cpus_must_be_root_cpus);
	RUN(cpus_must_be_free);
	RUN(root_keeps_a_cpu);
	RUN(root_keeps_ram);
	RUN(region_inside_root_memory);
	RUN(region_kind_matches_root);
	RUN(region_clear_of_hypervisor);
	RUN(region_clear_of_gic);
	RUN(region_clear_of_its);
	RUN(region_not_taken_by_other);
	RUN(shared_memory_may_overlap);
	RUN(comm_region_exactly_one);
	RUN(comm_region_shape);
	RUN(comm_region_from_root_ram);
	RUN(reset_address_executable);
	RUN(loadable_region_warned);
	RUN(irqchip_at_gicd);
	RUN(interrupts_must_be_root_interrupts);
	RUN(interrupts_must_be_free);
	RUN(console_in_cell_io_region);
	RUN(linked_cells_fit);
	RUN(link_ends_agree);
	RUN(link_peer_ids_distinct);
	RUN(link_memory_of_one_link_only);
	RUN(link_memory_clear_of_other_cells);
	RUN(regions_clear_of_link_memory);
	RUN(link_memory_from_root_ram);
	RUN(root_device_irqs_stay);
	RUN(pci_devices_need_bus);
	RUN(cell_clear_of_pci_windows);
	RUN(every_finding_reported);
	RUN(boot_entry_and_dtb);
	RUN(counts_accumulate_without_report);
	return 0;
}
