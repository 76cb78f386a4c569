// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the config validator (lib/config-check.c): a valid
 * system and cell config modelled on qemu-arm64, and one broken field per
 * test. Every check runs on a malloc'd copy of exactly the config's bytes,
 * so AddressSanitizer catches any read beyond the end.
 */
#include <errno.h>
#include <stdlib.h>
#include "../../lib/format.c"
#include "../../lib/config-check.c"
#include "../../lib/config-arm64.c"
#include "../../lib/config-pci.c"
#include "../../configs/cells/qemu-arm64.c"
#include "unit.h"
#include "check-capture.h"

#define QEMU_CELL_FILE "../../configs/cells/qemu-arm64.cell"
#define MAX_CPU_BYTES  2048
#define MAX_REGIONS    8
#define MAX_CHIPS      4
#define MAX_PCI	       (BH_PCI_MAX_DEVICES + 1)

/* Virtual PCI of the model system: qemu-virt.h's addresses. */
#define ECAM_BASE  0x0f000000ULL
#define BAR_BASE   0x0f100000ULL
#define LINK0_PHYS 0x7dc00000ULL
#define LINK1_PHYS 0x7de00000ULL
#define LINK_IPA   0x60000000ULL
#define RW_SIZE	   0xf000ULL
#define OUT_SIZE   0xf8000ULL

/* The config under test as C objects; pack() lays them out as a file. */
static struct {
	struct bh_system sys;
	struct bh_cell_desc cell;
	uint8_t cpus[MAX_CPU_BYTES];
	struct bh_memory mem[MAX_REGIONS];
	struct bh_irqchip chips[MAX_CHIPS];
	struct bh_pci_device pci[MAX_PCI];
	unsigned int num_cpus;
} m;

static uint64_t image[(sizeof(struct bh_system) + MAX_CPU_BYTES +
		       MAX_REGIONS * sizeof(struct bh_memory) +
		       MAX_CHIPS * sizeof(struct bh_irqchip) +
		       MAX_PCI * sizeof(struct bh_pci_device)) /
			      8 +
		      1];
static size_t image_len;

static void reset_ctx(void)
{
	reset_capture("test.cell");
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Header, then as much of each array as the counts ask and the model has. */
static void pack(const void *hdr, size_t hdr_size, const struct bh_cell_desc *d)
{
	uint8_t *p = (uint8_t *)image;
	size_t n;

	memcpy(p, hdr, hdr_size);
	p += hdr_size;
	n = min_size(d->cpu_set_size, sizeof(m.cpus));
	memcpy(p, m.cpus, n);
	p += n;
	n = min_size(d->num_memory_regions, MAX_REGIONS) * sizeof(m.mem[0]);
	memcpy(p, m.mem, n);
	p += n;
	n = min_size(d->num_irqchips, MAX_CHIPS) * sizeof(m.chips[0]);
	memcpy(p, m.chips, n);
	p += n;
	n = min_size(d->num_pci_devices, MAX_PCI) * sizeof(m.pci[0]);
	memcpy(p, m.pci, n);
	p += n;
	image_len = p - (uint8_t *)image;
}

typedef int check_fn(struct bh_check_ctx *ctx, const void *data, uint64_t size,
		     unsigned int num_cpus);

/* Check a copy of exactly len bytes of data. */
static int check_copy(check_fn *fn, const void *data, size_t len)
{
	void *copy = malloc(len);
	int rc;

	if (len)
		memcpy(copy, data, len);
	reset_ctx();
	rc = fn(&ctx, copy, len, m.num_cpus);
	free(copy);
	return rc;
}

static void pack_system(void)
{
	pack(&m.sys, sizeof(m.sys), &m.sys.root_cell);
}

static void pack_cell(void)
{
	pack(&m.cell, sizeof(m.cell), &m.cell);
}

static int run_system(void)
{
	pack_system();
	return check_copy(bh_check_system, image, image_len);
}

static int run_cell(void)
{
	pack_cell();
	return check_copy(bh_check_cell, image, image_len);
}

static void set_region(unsigned int i, uint64_t phys, uint64_t virt,
		       uint64_t size, uint64_t flags)
{
	m.mem[i] = (struct bh_memory){ phys, virt, size, flags };
}

static void set_chip(unsigned int i, uint64_t address, uint32_t pin_base,
		     uint32_t bits)
{
	m.chips[i] = (struct bh_irqchip){
		.address = address,
		.pin_base = pin_base,
		.pin_bitmap = { bits, bits, bits, bits },
	};
}

/* One end of an ivshmem link of two peers with qemu-virt.h's sizes. */
static void set_link(unsigned int i, uint8_t dev, uint32_t link_id,
		     uint16_t peer_id, uint32_t irq, uint64_t phys,
		     uint64_t virt)
{
	m.pci[i] = (struct bh_pci_device){
		.type = BH_PCI_TYPE_IVSHMEM,
		.bdf = dev << 3,
		.link_id = link_id,
		.peer_id = peer_id,
		.max_peers = 2,
		.irq = irq,
		.shmem_phys = phys,
		.shmem_virt = virt,
		.rw_size = RW_SIZE,
		.out_size = OUT_SIZE,
	};
}

/*
 * Like qemu-arm64: 4 CPUs, RAM, reserved RAM, 3 IO regions, 2 irqchips,
 * the virtual PCI windows and peer 0 of link 0 in the reserved RAM, its
 * interrupt INTID 100.
 */
static void valid_system(void)
{
	struct bh_system *s = &m.sys;
	struct bh_cell_desc *root = &s->root_cell;

	memset(&m, 0, sizeof(m));
	m.num_cpus = 4;
	memcpy(s->signature, BH_SYSTEM_SIGNATURE, BH_SIGNATURE_SIZE);
	s->revision = BH_CONFIG_REVISION;
	s->architecture = BH_ARCH_ARM64;
	s->hypervisor_memory.phys_start = 0x7f800000;
	s->hypervisor_memory.size = 0x800000;
	s->debug_console =
		(struct bh_console){ 0x9000000, 0x1000, BH_CON_PL011, 0 };
	s->platform.arm64.gicd_base = 0x8000000;
	s->platform.arm64.gicr_base = 0x80a0000;
	s->platform.arm64.maintenance_irq = 25;
	s->platform.arm64.gic_version = BH_GIC_V3;
	s->platform.pci_mmconfig_base = ECAM_BASE;
	s->platform.pci_mmconfig_size = BH_PCI_ECAM_BUS_SIZE;
	s->platform.pci_mem_base = BAR_BASE;

	memcpy(root->signature, BH_CELL_SIGNATURE, BH_SIGNATURE_SIZE);
	root->revision = BH_CONFIG_REVISION;
	root->architecture = BH_ARCH_ARM64;
	strcpy(root->name, "qemu-arm64");
	root->cpu_set_size = 8;
	root->num_memory_regions = 5;
	root->num_irqchips = 2;
	root->num_pci_devices = 1;

	m.cpus[0] = 0x0f;
	set_region(0, 0x40000000, 0x40000000, 0x3b800000,
		   BH_MEM_RWX | BH_MEM_DMA);
	set_region(1, 0x7b800000, 0x7b800000, 0x4000000,
		   BH_MEM_RWX | BH_MEM_DMA);
	set_region(2, 0x9000000, 0x9000000, 0x1000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	set_region(3, 0x9010000, 0x9010000, 0x1000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	set_region(4, 0xa000000, 0xa000000, 0x4000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	set_chip(0, 0x8000000, 32, ~0U);
	set_chip(1, 0x8000000, 160, ~0U);
	set_link(0, 0, 0, 0, 100, LINK0_PHYS, LINK0_PHYS);
}

/* A bare-metal cell on CPU 3: RAM at 0, a comm region, UART1, its SPI. */
static void valid_cell(void)
{
	struct bh_cell_desc *c = &m.cell;

	memset(&m, 0, sizeof(m));
	m.num_cpus = 4;
	memcpy(c->signature, BH_CELL_SIGNATURE, BH_SIGNATURE_SIZE);
	c->revision = BH_CONFIG_REVISION;
	c->architecture = BH_ARCH_ARM64;
	strcpy(c->name, "uart-demo");
	c->cpu_set_size = 8;
	c->num_memory_regions = 3;
	c->num_irqchips = 1;
	c->console = (struct bh_console){ 0x9000000, 0x1000, BH_CON_PL011,
					  BH_CON_FLAG_VIRTUAL };

	m.cpus[0] = 0x08;
	set_region(0, 0x7b800000, 0, 0x100000, BH_MEM_RWX | BH_MEM_LOADABLE);
	set_region(1, 0x7b900000, 0x80000000, 0x1000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_COMM_REGION);
	set_region(2, 0x9040000, 0x9000000, 0x1000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	set_chip(0, 0x8000000, 32, 0);
	m.chips[0].pin_bitmap[0] = 1U << 8; /* SPI 8: INTID 40 */
}

/* valid_cell() as peer 1 of link 0 at LINK_IPA, interrupted by INTID 41. */
static void valid_cell_with_link(void)
{
	valid_cell();
	m.cell.num_pci_devices = 1;
	m.chips[0].pin_bitmap[0] |= 1U << 9;
	set_link(0, 0, 0, 1, 41, LINK0_PHYS, LINK_IPA);
}

/* ... and peer 0 of link 1 as device 1, interrupted by INTID 42. */
static void valid_cell_with_links(void)
{
	valid_cell_with_link();
	m.cell.num_pci_devices = 2;
	m.chips[0].pin_bitmap[0] |= 1U << 10;
	set_link(1, 1, 1, 0, 42, LINK1_PHYS, LINK_IPA + 0x200000);
}

/* One system config field broken: exactly one error naming it. */
#define EXPECT_SYS_ERROR(needle)         \
	do {                             \
		int rc__ = run_system(); \
                                         \
		EXPECT(rc__, 1, 0);      \
		EXPECT_MSG(needle);      \
	} while (0)

#define EXPECT_CELL_ERROR(needle)      \
	do {                           \
		int rc__ = run_cell(); \
                                       \
		EXPECT(rc__, 1, 0);    \
		EXPECT_MSG(needle);    \
	} while (0)

/* --- valid configs --- */

TEST(valid_system_passes)
{
	valid_system();
	EXPECT(run_system(), 0, 0);
	CHECK(msgs.len == 0);
	CHECK(BH_CHECK_EINVAL == EINVAL);
}

TEST(valid_cell_passes)
{
	valid_cell();
	EXPECT(run_cell(), 0, 0);
	CHECK(msgs.len == 0);

	valid_cell_with_links();
	EXPECT(run_cell(), 0, 0);
	CHECK(msgs.len == 0);
}

TEST(system_without_pci_passes)
{
	valid_system();
	m.sys.platform.pci_mmconfig_base = 0;
	m.sys.platform.pci_mmconfig_size = 0;
	m.sys.platform.pci_mem_base = 0;
	m.sys.root_cell.num_pci_devices = 0;
	EXPECT(run_system(), 0, 0);
	CHECK(msgs.len == 0);
}

TEST(qemu_arm64_source_passes)
{
	m.num_cpus = 4;
	EXPECT(check_copy(bh_check_system, &config, sizeof(config)), 0, 0);
}

TEST(qemu_arm64_cell_file_passes)
{
	static uint64_t buf[4096];
	FILE *f = fopen(QEMU_CELL_FILE, "rb");
	size_t len;

	if (!f) {
		printf("SKIP unit/qemu_arm64_cell_file_passes: %s not built\n",
		       QEMU_CELL_FILE);
		return;
	}
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	m.num_cpus = 4;
	EXPECT(check_copy(bh_check_system, buf, len), 0, 0);
	unit_report("qemu_arm64_cell_file_passes");
}

/* --- sizes and layout --- */

TEST(size_below_header_rejected)
{
	valid_system();
	pack_system();
	EXPECT(check_copy(bh_check_system, image, 100), 1, 0);
	EXPECT_MSG(
		"test.cell: file is 100 bytes, smaller than the system header (240 bytes)");
}

TEST(every_truncated_system_rejected)
{
	size_t full, len;

	valid_system();
	pack_system();
	full = image_len;
	for (len = 0; len < full && !unit_failed; len++) {
		CHECK(check_copy(bh_check_system, image, len) == -EINVAL);
		CHECK(ctx.errors >= 1);
	}
}

TEST(every_truncated_cell_rejected)
{
	size_t full, len;

	valid_cell_with_links();
	pack_cell();
	full = image_len;
	for (len = 0; len < full && !unit_failed; len++) {
		CHECK(check_copy(bh_check_cell, image, len) == -EINVAL);
		CHECK(ctx.errors >= 1);
	}
}

TEST(arrays_beyond_end_rejected)
{
	valid_system();
	pack_system();
	EXPECT(check_copy(bh_check_system, image, image_len - 32), 1, 0);
	EXPECT_MSG(
		"file is 496 bytes, but header and root_cell arrays need 528");
}

TEST(trailing_bytes_rejected)
{
	valid_system();
	pack_system();
	EXPECT(check_copy(bh_check_system, image, image_len + 8), 1, 0);
	EXPECT_MSG(
		"file is 536 bytes, but header and root_cell arrays need only 528: trailing bytes");
}

TEST(huge_counts_rejected_without_overflow)
{
	valid_system();
	m.sys.root_cell.num_memory_regions = 0xffffffff;
	EXPECT_SYS_ERROR("root_cell arrays need 137438953808");

	valid_system();
	m.sys.root_cell.num_irqchips = 0xffffffff;
	EXPECT_SYS_ERROR("root_cell arrays need 137438953904");

	valid_system();
	m.sys.root_cell.num_pci_devices = 0xffffffff;
	EXPECT_SYS_ERROR("root_cell arrays need 240518168992");

	valid_cell();
	m.cell.num_memory_regions = 0xffffffff;
	m.cell.num_irqchips = 0xffffffff;
	EXPECT_CELL_ERROR(
		"test.cell: file is 488 bytes, but header and cell arrays need 274877906984");

	/* Two findings: the size itself, and the arrays it implies. */
	valid_system();
	m.sys.root_cell.cpu_set_size = 0xfffffff8;
	EXPECT(run_system(), 2, 0);
	EXPECT_MSG("root_cell.cpu_set_size 4294967288 above the limit of 1024");
}

TEST(unaligned_data_rejected)
{
	valid_system();
	pack_system();
	reset_ctx();
	EXPECT(bh_check_system(&ctx, (uint8_t *)image + 4, image_len, 4), 1, 0);
	EXPECT_MSG("config data not 8-byte aligned");
}

/* --- identity and flags --- */

TEST(system_signature_checked)
{
	valid_system();
	m.sys.signature[7] = 'X';
	EXPECT_SYS_ERROR(
		"test.cell: signature: expected \"BHSYSTEM\", got \"BHSYSTEX\"");
}

TEST(cell_file_given_as_system_stops_at_signature)
{
	valid_cell();
	pack_cell();
	m.num_cpus = 4;
	/* A small cell is shorter than a system header too: both said. */
	EXPECT(check_copy(bh_check_system, image, image_len), 2, 0);
	EXPECT_MSG("smaller than the system header (240 bytes)");
	EXPECT_MSG("signature: expected \"BHSYSTEM\", got \"BHCELL\"");
}

TEST(system_file_given_as_cell_stops_at_signature)
{
	valid_system();
	pack_system();
	EXPECT(check_copy(bh_check_cell, image, image_len), 1, 0);
	EXPECT_MSG("signature: expected \"BHCELL\", got \"BHSYSTEM\"");
}

TEST(signature_bytes_escaped)
{
	valid_cell();
	memcpy(m.cell.signature, "BH\x01\"\\\0\0\0", BH_SIGNATURE_SIZE);
	EXPECT_CELL_ERROR("got \"BH\\x01\\x22\\x5c\"");
}

TEST(revision_checked)
{
	valid_system();
	m.sys.revision = 1;
	EXPECT_SYS_ERROR("test.cell: revision 1 not supported (expected 3)");

	valid_cell();
	m.cell.revision = 0;
	EXPECT_CELL_ERROR("revision 0 not supported (expected 3)");

	valid_cell();
	m.cell.revision = 4;
	EXPECT_CELL_ERROR("revision 4 not supported (expected 3)");
}

TEST(architecture_checked)
{
	valid_system();
	m.sys.architecture = 7;
	EXPECT_SYS_ERROR("architecture 7 not supported (expected 1 = arm64)");

	valid_cell();
	m.cell.architecture = 0;
	EXPECT_CELL_ERROR("architecture 0 not supported");
}

TEST(system_flags_checked)
{
	valid_system();
	m.sys.flags = 0x4;
	EXPECT_SYS_ERROR("test.cell: flags 0x4: unknown bits 0x4");
}

TEST(root_cell_ident_checked)
{
	valid_system();
	memcpy(m.sys.root_cell.signature, BH_SYSTEM_SIGNATURE,
	       BH_SIGNATURE_SIZE);
	EXPECT_SYS_ERROR(
		"root_cell.signature: expected \"BHCELL\", got \"BHSYSTEM\"");

	valid_system();
	m.sys.root_cell.revision = 4;
	EXPECT_SYS_ERROR("root_cell.revision 4 not supported");

	valid_system();
	m.sys.root_cell.architecture = 2;
	EXPECT_SYS_ERROR("root_cell.architecture 2 not supported");
}

TEST(cell_flags_checked)
{
	valid_system();
	m.sys.root_cell.flags = 0x80000000;
	EXPECT_SYS_ERROR("root_cell.flags 0x80000000: unknown bits 0x80000000");

	valid_cell();
	m.cell.flags = 2;
	EXPECT_CELL_ERROR("test.cell: flags 0x2: unknown bits 0x2");

	/* Aborts instead of a stop: a cell's choice, the root's always. */
	valid_cell();
	m.cell.flags = BH_CELL_FLAG_INJECT_ABORTS;
	EXPECT(run_cell(), 0, 0);
	valid_system();
	m.sys.root_cell.flags = BH_CELL_FLAG_INJECT_ABORTS;
	EXPECT(run_system(), 0, 1);
	EXPECT_MSG("root_cell.flags: BH_CELL_FLAG_INJECT_ABORTS ignored");
}

/* --- name --- */

TEST(name_must_be_terminated)
{
	valid_system();
	memset(m.sys.root_cell.name, 'a', BH_CELL_NAME_LEN);
	EXPECT_SYS_ERROR("root_cell.name: not NUL-terminated within 32 bytes");
}

TEST(name_must_not_be_empty)
{
	valid_cell();
	memset(m.cell.name, 0, BH_CELL_NAME_LEN);
	EXPECT_CELL_ERROR("test.cell: name: empty");
}

TEST(name_must_be_printable)
{
	valid_system();
	m.sys.root_cell.name[4] = '\t';
	EXPECT_SYS_ERROR(
		"root_cell.name: character 0x09 at offset 4 not printable");

	valid_cell();
	m.cell.name[0] = (char)0xe4;
	EXPECT_CELL_ERROR("name: character 0xe4 at offset 0 not printable");
}

/* --- CPU set --- */

TEST(cpu_set_size_zero_rejected)
{
	valid_system();
	m.sys.root_cell.cpu_set_size = 0;
	EXPECT_SYS_ERROR("root_cell.cpu_set_size 0: a cell needs CPUs");
}

TEST(cpu_set_size_multiple_of_8)
{
	/* The regions behind a 12-byte set are misaligned: never read. */
	valid_system();
	m.sys.root_cell.cpu_set_size = 12;
	EXPECT_SYS_ERROR("root_cell.cpu_set_size 12 not a multiple of 8");

	valid_system();
	m.sys.root_cell.cpu_set_size = 12;
	m.sys.root_cell.num_memory_regions = 0xffffff;
	EXPECT(run_system(), 2, 0);
	EXPECT_MSG("arrays need");
}

TEST(cpu_set_size_limited)
{
	valid_system();
	m.sys.root_cell.cpu_set_size = 1032;
	EXPECT_SYS_ERROR("root_cell.cpu_set_size 1032 above the limit of 1024");

	/* The set may be that big; CPUs beyond the hypervisor's may not. */
	valid_system();
	m.sys.root_cell.cpu_set_size = 1024;
	m.cpus[1023] = 0x80;
	m.num_cpus = 0;
	EXPECT_SYS_ERROR(
		"root_cell.cpu_set: CPU 8191, but the hypervisor handles 64 CPUs at most (CONFIG_MAX_CPUS range)");
	CHECK(bh_cell_next_cpu(&m.sys.root_cell, m.cpus, 4) == 8191);
}

/* Checks the packed system config with the hypervisor's CONFIG_MAX_CPUS. */
static int run_system_max_cpus(unsigned int max_cpus)
{
	int rc;

	pack_system();
	reset_ctx();
	ctx.max_cpus = max_cpus;
	rc = bh_check_system(&ctx, image, image_len, m.num_cpus);
	return rc;
}

TEST(cpu_limit_of_the_build)
{
	/* Unknown build: beyond the Kconfig default is worth a warning. */
	valid_system();
	m.num_cpus = 0;
	m.sys.root_cell.cpu_set_size = 16;
	m.cpus[0] = 0xff;
	m.cpus[1] = 0x0f;
	EXPECT(run_system(), 0, 1);
	EXPECT_MSG(
		"W: test.cell: root_cell.cpu_set: 12 CPUs (up to CPU 11), more than the 8 of a default build: build the hypervisor with CONFIG_MAX_CPUS=12 or more");

	/* Known build (hypervisor, driver): an error naming the option. */
	EXPECT(run_system_max_cpus(8), 1, 0);
	EXPECT_MSG(
		"E: test.cell: root_cell.cpu_set: CPU 11, but the hypervisor was built for 8 CPUs (CONFIG_MAX_CPUS): rebuild it with CONFIG_MAX_CPUS=12");
	EXPECT(run_system_max_cpus(12), 0, 0);

	/* The highest CPU counts, not how many: per-CPU state is indexed. */
	valid_system();
	m.num_cpus = 0;
	m.sys.root_cell.cpu_set_size = 16;
	m.cpus[0] = 0x01;
	m.cpus[1] = 0x02;
	EXPECT(run_system_max_cpus(8), 1, 0);
	EXPECT_MSG("CPU 9, but the hypervisor was built for 8 CPUs");
	EXPECT(run_system(), 0, 1);

	/* Eight are fine either way. */
	valid_system();
	m.cpus[0] = 0xff;
	m.num_cpus = 8;
	EXPECT(run_system(), 0, 0);
	EXPECT(run_system_max_cpus(8), 0, 0);

	/* Beyond what Kconfig allows (64): an error without knowing the build. */
	valid_system();
	m.num_cpus = 0;
	m.sys.root_cell.cpu_set_size = 16;
	m.cpus[8] = 0x01;
	EXPECT_SYS_ERROR(
		"root_cell.cpu_set: CPU 64, but the hypervisor handles 64 CPUs at most (CONFIG_MAX_CPUS range): leave CPUs 64 and up out of the root cell and boot Linux with nr_cpus=64");
}

TEST(root_cell_needs_ram)
{
	valid_system();
	m.mem[0].flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO;
	m.mem[1].flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO;
	CHECK(run_system() == -EINVAL);
	EXPECT_MSG(
		"E: test.cell: root_cell.mem_regions: no RAM (a READ|WRITE region without BH_MEM_IO): Linux would have no memory to run in");

	/* Read-only RAM is no RAM to run Linux in either. */
	valid_system();
	m.mem[0].flags = BH_MEM_READ | BH_MEM_EXECUTE;
	m.mem[1].flags = BH_MEM_READ;
	CHECK(run_system() == -EINVAL);
	EXPECT_MSG("root_cell.mem_regions: no RAM");

	/* One RAM region is enough. */
	valid_system();
	m.mem[0].flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO;
	EXPECT(run_system(), 0, 0);
}

TEST(regions_within_ipa_space)
{
	/* 2^40 is the first address stage 2 cannot translate. */
	valid_system();
	set_region(4, 0xfffffff000, 0xfffffff000, 0x1000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	EXPECT(run_system(), 0, 0);
	set_region(4, 0xfffffff000, 0xfffffff000, 0x2000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	EXPECT_SYS_ERROR(
		"test.cell: root_cell.mem_regions[4] [0xfffffff000-0x10000000fff] (guest-physical) ends beyond the 40-bit IPA space of stage 2 (0x10000000000)");

	/* thunder-88xx: devices at 0x87e0_0000_0000. */
	valid_system();
	set_region(4, 0x87e000000000, 0x87e000000000, 0x1000000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	EXPECT_SYS_ERROR(
		"root_cell.mem_regions[4] [0x87e000000000-0x87e000ffffff] (guest-physical) ends beyond the 40-bit IPA space");

	/* The IPA counts, not the physical address. */
	valid_cell();
	m.mem[2].phys_start = 0x87e000000000;
	EXPECT(run_cell(), 0, 0);
	valid_cell();
	m.mem[2].virt_start = 0x10000000000;
	EXPECT_CELL_ERROR(
		"test.cell: mem_regions[2] [0x10000000000-0x10000000fff] (guest-physical) ends beyond the 40-bit IPA space");
}

TEST(cpu_set_must_not_be_empty)
{
	valid_system();
	m.cpus[0] = 0;
	EXPECT_SYS_ERROR("root_cell.cpu_set: no CPU");
}

TEST(unknown_cpus_rejected)
{
	valid_cell();
	m.cpus[0] = 0x28;
	EXPECT_CELL_ERROR(
		"test.cell: cpu_set: unknown CPU 5: the system has 4");

	valid_system();
	m.sys.root_cell.cpu_set_size = 16;
	m.cpus[0] = 0xff;
	m.cpus[1] = 0x01;
	run_system();
	EXPECT_MSG(
		"E: test.cell: root_cell.cpu_set: unknown CPU 4 and 4 more: the system has 4");

	/* Unknown number of CPUs: the rule is skipped. */
	valid_system();
	m.cpus[0] = 0xff;
	m.num_cpus = 0;
	EXPECT(run_system(), 0, 0);
}

TEST(cpu_helpers)
{
	valid_system();
	m.cpus[0] = 0x0a;
	CHECK(!bh_cell_cpu_is_set(&m.sys.root_cell, m.cpus, 0));
	CHECK(bh_cell_cpu_is_set(&m.sys.root_cell, m.cpus, 1));
	CHECK(bh_cell_cpu_is_set(&m.sys.root_cell, m.cpus, 3));
	CHECK(!bh_cell_cpu_is_set(&m.sys.root_cell, m.cpus, 64));
	CHECK(!bh_cell_cpu_is_set(&m.sys.root_cell, m.cpus, 0xffffffff));
	CHECK(bh_cell_next_cpu(&m.sys.root_cell, m.cpus, 0) == 1);
	CHECK(bh_cell_next_cpu(&m.sys.root_cell, m.cpus, 2) == 3);
	CHECK(bh_cell_next_cpu(&m.sys.root_cell, m.cpus, 4) == 64);
	CHECK(bh_cell_next_cpu(&m.sys.root_cell, m.cpus, 1000) == 64);
	pack_system();
	CHECK(bh_system_config_size((struct bh_system *)image) == image_len);
	CHECK(bh_system_root_arrays((struct bh_system *)image) ==
	      (uint8_t *)image + sizeof(struct bh_system));
	valid_cell();
	pack_cell();
	CHECK(bh_cell_config_size((struct bh_cell_desc *)image) == image_len);
}

/* --- memory regions --- */

TEST(region_phys_start_aligned)
{
	valid_system();
	m.mem[3].phys_start = 0x9010100;
	EXPECT_SYS_ERROR(
		"test.cell: root_cell.mem_regions[3]: phys_start 0x9010100 not page aligned");
}

TEST(region_virt_start_aligned)
{
	valid_cell();
	m.mem[2].virt_start = 0x9000800;
	EXPECT_CELL_ERROR(
		"test.cell: mem_regions[2]: virt_start 0x9000800 not page aligned");
}

TEST(region_size_aligned)
{
	valid_system();
	m.mem[4].size = 0x1800;
	EXPECT_SYS_ERROR(
		"root_cell.mem_regions[4]: size 0x1800 not page aligned");
}

TEST(region_size_nonzero)
{
	valid_system();
	m.mem[4].size = 0;
	EXPECT_SYS_ERROR("root_cell.mem_regions[4]: size 0");
}

TEST(region_must_not_wrap)
{
	valid_system();
	m.mem[4].phys_start = 0xfffffffffffff000;
	m.mem[4].size = 0x2000;
	m.mem[4].virt_start = 0xa0000000;
	EXPECT_SYS_ERROR(
		"root_cell.mem_regions[4]: phys_start 0xfffffffffffff000 + size 0x2000 wraps around");

	valid_cell();
	m.mem[2].virt_start = 0xffffffffffff0000;
	m.mem[2].size = 0x20000;
	m.mem[2].phys_start = 0x9040000;
	EXPECT_CELL_ERROR(
		"mem_regions[2]: virt_start 0xffffffffffff0000 + size 0x20000 wraps around");

	/* Ending at the very top of the address space does not wrap. */
	valid_system();
	m.mem[4].phys_start = 0xfffffffffffff000;
	m.mem[4].virt_start = 0xa0000000;
	m.mem[4].size = 0x1000;
	EXPECT(run_system(), 0, 0);
}

TEST(region_flags_known)
{
	valid_system();
	m.mem[0].flags |= 1ULL << 9;
	EXPECT_SYS_ERROR(
		"root_cell.mem_regions[0]: flags 0x20f: unknown bits 0x200");
}

TEST(region_without_access_warned)
{
	valid_cell();
	m.mem[2].flags = BH_MEM_IO;
	EXPECT(run_cell(), 0, 1);
	EXPECT_MSG(
		"W: test.cell: mem_regions[2]: flags 0x10 grant no access (READ, WRITE or EXECUTE)");
}

TEST(regions_overlap_physically)
{
	valid_system();
	m.mem[4].phys_start = 0x9010000;
	EXPECT_SYS_ERROR(
		"root_cell.mem_regions[4] [0x9010000-0x9013fff] overlaps mem_regions[3] [0x9010000-0x9010fff] in physical space");
}

TEST(regions_overlap_guest_physically)
{
	valid_cell();
	m.mem[1].virt_start = 0xff000;
	EXPECT_CELL_ERROR(
		"mem_regions[1] [0xff000-0xfffff] overlaps mem_regions[0] [0x0-0xfffff] in guest-physical space");
}

/* --- irqchips --- */

TEST(irqchip_pin_base_multiple_of_32)
{
	valid_system();
	m.chips[1].pin_base = 176;
	EXPECT_SYS_ERROR(
		"root_cell.irqchips[1]: pin_base 176 not a multiple of 32");
}

TEST(irqchip_pin_base_spi_only)
{
	valid_system();
	m.chips[0].pin_base = 0;
	EXPECT_SYS_ERROR(
		"root_cell.irqchips[0]: pin_base 0 below 32: only SPIs can be assigned");
}

TEST(irqchip_pins_within_spis)
{
	/* INTID 1020 set: beyond the SPIs. */
	valid_system();
	m.chips[1].pin_base = 896;
	EXPECT_SYS_ERROR(
		"root_cell.irqchips[1]: INTID 1020 assigned, beyond the last SPI 1019");

	/* Reaching past 1019 is fine while nothing there is assigned. */
	valid_system();
	m.chips[1].pin_base = 896;
	m.chips[1].pin_bitmap[3] = 0x0fffffff;
	EXPECT(run_system(), 0, 0);

	valid_system();
	m.chips[1].pin_base = 864;
	EXPECT(run_system(), 0, 0);

	valid_cell();
	m.chips[0].pin_base = 0xffffffe0;
	EXPECT_CELL_ERROR("assigned, beyond the last SPI 1019");
}

TEST(irqchip_address_is_gicd)
{
	valid_system();
	m.chips[1].address = 0x8010000;
	EXPECT_SYS_ERROR(
		"root_cell.irqchips[1]: address 0x8010000 is not the GIC distributor 0x8000000");

	/* A cell config does not know the GIC: only 0 is surely wrong. */
	valid_cell();
	m.chips[0].address = 0x8010000;
	EXPECT(run_cell(), 0, 0);
	m.chips[0].address = 0;
	EXPECT_CELL_ERROR("irqchips[0]: address 0");
}

TEST(irqchip_padding_zero)
{
	valid_system();
	m.chips[0].padding = 1;
	EXPECT_SYS_ERROR("root_cell.irqchips[0]: padding 0x1 must be 0");
}

TEST(irqchips_must_not_overlap)
{
	valid_system();
	m.chips[1].pin_base = 128;
	EXPECT_SYS_ERROR(
		"root_cell.irqchips[1] pins 128-255 overlap irqchips[0] pins 32-159");
}

/* --- reserved fields, console --- */

TEST(reserved_field_zero)
{
	valid_system();
	m.sys.root_cell.reserved = 0x100;
	EXPECT_SYS_ERROR("root_cell.reserved 0x100 must be 0");
}

TEST(cell_console_checked)
{
	valid_cell();
	m.cell.console.type = 2;
	EXPECT_CELL_ERROR(
		"test.cell: console.type 2 unknown (expected 0 = none or 1 = PL011)");

	valid_cell();
	m.cell.console.flags = 0x6;
	EXPECT_CELL_ERROR("console.flags 0x6: unknown bits 0x6");

	valid_cell();
	m.cell.console.address = 0;
	EXPECT_CELL_ERROR("console.address 0 for a PL011");

	valid_cell();
	m.cell.console.address = 0x9000100;
	EXPECT_CELL_ERROR("console.address 0x9000100 not page aligned");

	valid_cell();
	m.cell.console.size = 0;
	EXPECT_CELL_ERROR("console.size 0 for a PL011");

	valid_cell();
	m.cell.console.address = 0xfffffffffffff000;
	m.cell.console.size = 0x2000;
	EXPECT_CELL_ERROR(
		"console: address 0xfffffffffffff000 + size 0x2000 wraps around");

	/* No console: address and size are not looked at. */
	valid_system();
	m.sys.root_cell.console =
		(struct bh_console){ 0x123, 0, BH_CON_NONE, 0 };
	EXPECT(run_system(), 0, 0);
}

TEST(debug_console_checked)
{
	valid_system();
	m.sys.debug_console.type = 9;
	EXPECT_SYS_ERROR("debug_console.type 9 unknown");

	valid_system();
	m.sys.debug_console.address = 0x9000008;
	EXPECT_SYS_ERROR("debug_console.address 0x9000008 not page aligned");

	valid_system();
	m.sys.debug_console.address = 0;
	EXPECT_SYS_ERROR("debug_console.address 0 for a PL011");

	valid_system();
	m.sys.debug_console.size = 0;
	EXPECT_SYS_ERROR("debug_console.size 0 for a PL011");

	valid_system();
	m.sys.debug_console.flags = 0x80;
	EXPECT_SYS_ERROR("debug_console.flags 0x80: unknown bits 0x80");
}

TEST(debug_console_mapped_by_root)
{
	valid_system();
	m.sys.debug_console.address = 0x9040000;
	EXPECT(run_system(), 0, 1);
	EXPECT_MSG(
		"W: test.cell: debug_console: PL011 at 0x9040000 not inside an IO memory region of the root cell");

	/* RAM is no IO region. */
	valid_system();
	m.sys.debug_console.address = 0x40000000;
	EXPECT(run_system(), 0, 1);
}

TEST(root_reset_address_warned)
{
	valid_system();
	m.sys.root_cell.cpu_reset_address = 0x40080000;
	EXPECT(run_system(), 0, 1);
	EXPECT_MSG("root_cell.cpu_reset_address 0x40080000 ignored");
}

/* An unmapped entry is an error of the placement check (test_config_place). */
TEST(cell_reset_address_mapped)
{
	valid_cell();
	m.cell.cpu_reset_address = 0x80000000; /* comm region: not executable */
	EXPECT(run_cell(), 0, 0);

	valid_cell();
	m.cell.cpu_reset_address = 0xff000;
	EXPECT(run_cell(), 0, 0);
}

/* --- hypervisor memory and platform --- */

TEST(hv_memory_checked)
{
	valid_system();
	m.sys.hypervisor_memory.phys_start = 0x7f800800;
	EXPECT_SYS_ERROR(
		"hypervisor_memory.phys_start 0x7f800800 not page aligned");

	valid_system();
	m.sys.hypervisor_memory.size = 0x7ff800;
	EXPECT_SYS_ERROR("hypervisor_memory.size 0x7ff800 not page aligned");

	valid_system();
	m.sys.hypervisor_memory.size = 0xff000;
	EXPECT_SYS_ERROR(
		"hypervisor_memory.size 0xff000 below the minimum 0x100000 (1 MiB)");

	valid_system();
	m.sys.hypervisor_memory.phys_start = 0xfffffffffff00000;
	m.sys.hypervisor_memory.size = 0x200000;
	EXPECT_SYS_ERROR(
		"hypervisor_memory: phys_start 0xfffffffffff00000 + size 0x200000 wraps around");

	valid_system();
	m.sys.hypervisor_memory.flags = BH_MEM_RWX;
	EXPECT_SYS_ERROR("hypervisor_memory.flags 0x7 must be 0");

	valid_system();
	m.sys.hypervisor_memory.virt_start = 0x7f800000;
	EXPECT_SYS_ERROR("hypervisor_memory.virt_start 0x7f800000 must be 0");
}

TEST(hv_memory_not_in_root)
{
	valid_system();
	m.sys.hypervisor_memory.phys_start = 0x7b000000;
	EXPECT_SYS_ERROR(
		"test.cell: hypervisor_memory [0x7b000000-0x7b7fffff] overlaps root_cell.mem_regions[0] [0x40000000-0x7b7fffff]");
}

TEST(gic_not_in_root)
{
	valid_system();
	m.mem[4].phys_start = 0x8000000;
	EXPECT_SYS_ERROR(
		"the GIC distributor (platform.arm64.gicd_base) [0x8000000-0x800ffff] overlaps root_cell.mem_regions[4]");

	/* Redistributors: 128 KiB for each of the 4 CPUs. */
	valid_system();
	m.mem[4].phys_start = 0x811c000;
	EXPECT_SYS_ERROR(
		"the GIC redistributors (platform.arm64.gicr_base) [0x80a0000-0x811ffff] overlaps root_cell.mem_regions[4]");
	valid_system();
	m.mem[4].phys_start = 0x8120000;
	EXPECT(run_system(), 0, 0);
}

TEST(gic_platform_checked)
{
	valid_system();
	m.sys.platform.arm64.gic_version = 4;
	EXPECT_SYS_ERROR(
		"platform.arm64.gic_version 4 not supported (expected 2 or 3)");

	valid_system();
	m.sys.platform.arm64.gicd_base = 0;
	EXPECT_SYS_ERROR("platform.arm64.gicd_base 0\n");

	valid_system();
	m.sys.platform.arm64.gicr_base = 0x80a8000;
	EXPECT_SYS_ERROR(
		"platform.arm64.gicr_base 0x80a8000 not 64 KiB aligned");

	valid_system();
	m.sys.platform.arm64.gicr_base = 0;
	EXPECT_SYS_ERROR("platform.arm64.gicr_base 0");
}

TEST(gicv2_fields_zero_with_gicv3)
{
	valid_system();
	m.sys.platform.arm64.gicc_base = 0x8010000;
	EXPECT_SYS_ERROR(
		"platform.arm64.gicc_base 0x8010000 must be 0: a GICv2 field");

	valid_system();
	m.sys.platform.arm64.gicv_base = 0x8040000;
	EXPECT_SYS_ERROR(
		"platform.arm64.gicv_base 0x8040000 must be 0: a GICv2 field");
}

TEST(its_platform_checked)
{
	/* QEMU virt's ITS: accepted with a GICv3. */
	valid_system();
	m.sys.platform.arm64.gits_base = 0x8080000;
	EXPECT(run_system(), 0, 0);

	valid_system();
	m.sys.platform.arm64.gits_base = 0x8088000;
	EXPECT_SYS_ERROR(
		"platform.arm64.gits_base 0x8088000 not 64 KiB aligned");

	valid_system();
	m.sys.platform.arm64.gic_version = BH_GIC_V2;
	m.sys.platform.arm64.gits_base = 0x8080000;
	run_system();
	EXPECT_MSG("platform.arm64.gits_base 0x8080000: an ITS needs a GICv3");
}

TEST(its_not_in_root)
{
	/* Both frames, control and translation: 128 KiB. */
	valid_system();
	m.sys.platform.arm64.gits_base = 0x8080000;
	m.mem[4].phys_start = 0x807d000;
	EXPECT_SYS_ERROR(
		"the GIC ITS (platform.arm64.gits_base) [0x8080000-0x809ffff] overlaps root_cell.mem_regions[4]");
	valid_system();
	m.sys.platform.arm64.gits_base = 0x8080000;
	m.mem[4].phys_start = 0x80a0000 + 0x80000;
	EXPECT(run_system(), 0, 0);
}

/* QEMU virt with gic-version=2: GICD, GICC, GICH, GICV. */
static void valid_gicv2_system(void)
{
	valid_system();
	m.sys.platform.arm64.gic_version = BH_GIC_V2;
	m.sys.platform.arm64.gicr_base = 0;
	m.sys.platform.arm64.gicc_base = 0x8010000;
	m.sys.platform.arm64.gich_base = 0x8030000;
	m.sys.platform.arm64.gicv_base = 0x8040000;
}

TEST(gicv2_platform_accepted)
{
	valid_gicv2_system();
	EXPECT(run_system(), 0, 0);

	/* 4 KiB pages suffice (the Raspberry Pi 4's GICD is at 0xff841000). */
	valid_gicv2_system();
	m.sys.platform.arm64.gicd_base = 0x8001000;
	set_chip(0, 0x8001000, 32, ~0U);
	set_chip(1, 0x8001000, 160, ~0U);
	EXPECT(run_system(), 0, 0);
}

TEST(gicv2_platform_checked)
{
	valid_gicv2_system();
	m.sys.platform.arm64.gicc_base = 0;
	EXPECT_SYS_ERROR("platform.arm64.gicc_base 0\n");

	valid_gicv2_system();
	m.sys.platform.arm64.gich_base = 0;
	EXPECT_SYS_ERROR("platform.arm64.gich_base 0\n");

	valid_gicv2_system();
	m.sys.platform.arm64.gicv_base = 0x8040800;
	EXPECT_SYS_ERROR(
		"platform.arm64.gicv_base 0x8040800 not 4 KiB aligned");

	valid_gicv2_system();
	m.sys.platform.arm64.gicr_base = 0x80a0000;
	EXPECT_SYS_ERROR(
		"platform.arm64.gicr_base 0x80a0000 must be 0: a GICv2 has no redistributors");

	valid_gicv2_system();
	m.sys.platform.arm64.gits_base = 0x8080000;
	EXPECT_SYS_ERROR(
		"platform.arm64.gits_base 0x8080000: an ITS needs a GICv3");
}

/* The hypervisor keeps all four blocks; GICC and GICV are 8 KiB. */
TEST(gicv2_not_in_root)
{
	valid_gicv2_system();
	m.mem[4].phys_start = 0x8011000;
	EXPECT_SYS_ERROR(
		"the GIC CPU interface (platform.arm64.gicc_base) [0x8010000-0x8011fff] overlaps root_cell.mem_regions[4]");

	valid_gicv2_system();
	m.mem[4].phys_start = 0x8031000;
	EXPECT_SYS_ERROR(
		"the GIC virtual interface control (platform.arm64.gich_base) [0x8030000-0x8031fff] overlaps root_cell.mem_regions[4]");

	valid_gicv2_system();
	m.mem[4].phys_start = 0x8040000;
	EXPECT_SYS_ERROR(
		"the GIC virtual CPU interface (platform.arm64.gicv_base) [0x8040000-0x8041fff] overlaps root_cell.mem_regions[4]");

	valid_gicv2_system();
	m.mem[4].phys_start = 0x8000000;
	EXPECT_SYS_ERROR(
		"the GIC distributor (platform.arm64.gicd_base) [0x8000000-0x8000fff] overlaps root_cell.mem_regions[4]");

	/* GICv3's redistributor range means nothing with a GICv2. */
	valid_gicv2_system();
	m.mem[4].phys_start = 0x80a0000;
	EXPECT(run_system(), 0, 0);
}

/* GICD_ITARGETSR and GICD_SGIR name CPUs with 8 bits (IHI 0048B, 4.3). */
TEST(gicv2_at_most_8_cpus)
{
	valid_gicv2_system();
	m.num_cpus = 0;
	m.cpus[1] = 0x01;
	EXPECT_SYS_ERROR(
		"root_cell.cpu_set: CPU 8, but the platform's interrupt controller serves at most 8 CPUs");

	valid_gicv2_system();
	m.num_cpus = 0;
	m.cpus[0] = 0xff;
	EXPECT(run_system(), 0, 0);

	/* GICv3: no such limit from the GIC, only the build's default. */
	valid_system();
	m.num_cpus = 0;
	m.cpus[1] = 0x01;
	EXPECT(run_system(), 0, 1);
	EXPECT_MSG("more than the 8 of a default build");
}

TEST(maintenance_irq_is_ppi)
{
	valid_system();
	m.sys.platform.arm64.maintenance_irq = 32;
	EXPECT_SYS_ERROR(
		"platform.arm64.maintenance_irq 32 not a PPI (16..31)");

	valid_system();
	m.sys.platform.arm64.maintenance_irq = 15;
	EXPECT_SYS_ERROR("maintenance_irq 15 not a PPI");
}

TEST(platform_padding_zero)
{
	valid_system();
	m.sys.platform.padding = 5;
	EXPECT_SYS_ERROR("platform.padding 0x5 must be 0");

	valid_system();
	m.sys.platform.arm64.padding[2] = 0xff;
	EXPECT_SYS_ERROR("platform.arm64.padding[2] 0xff must be 0");
}

/* --- virtual PCI: the platform's windows --- */

TEST(pci_windows_need_ecam_base)
{
	valid_system();
	m.sys.platform.pci_mmconfig_base = 0;
	m.sys.root_cell.num_pci_devices = 0;
	m.sys.platform.pci_mem_base = 0;
	EXPECT_SYS_ERROR(
		"platform.pci_mmconfig_size 0x100000 without pci_mmconfig_base");

	valid_system();
	m.sys.platform.pci_mmconfig_base = 0;
	m.sys.platform.pci_mmconfig_size = 0;
	m.sys.root_cell.num_pci_devices = 0;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0xf100000 without pci_mmconfig_base");
}

TEST(pci_ecam_window_checked)
{
	valid_system();
	m.sys.platform.pci_mmconfig_base = 0x30080000;
	EXPECT_SYS_ERROR(
		"platform.pci_mmconfig_base 0x30080000 not 1 MiB aligned");

	/* Exactly one bus: neither less nor more. */
	valid_system();
	m.sys.platform.pci_mmconfig_size = 0;
	EXPECT_SYS_ERROR(
		"platform.pci_mmconfig_size 0x0 must be 0x100000 (bus 0 only)");
	m.sys.platform.pci_mmconfig_size = 0x200000;
	EXPECT_SYS_ERROR(
		"platform.pci_mmconfig_size 0x200000 must be 0x100000 (bus 0 only)");
	m.sys.platform.pci_mmconfig_size = 0x1000000;
	EXPECT_SYS_ERROR(
		"platform.pci_mmconfig_size 0x1000000 must be 0x100000");

	/* Only a misaligned window can wrap: two findings. */
	valid_system();
	m.sys.platform.pci_mmconfig_base = 0xfffffffffff80000;
	EXPECT(run_system(), 2, 0);
	EXPECT_MSG(
		"platform.pci_mmconfig_base 0xfffffffffff80000 not 1 MiB aligned");
	EXPECT_MSG(
		"platform: pci_mmconfig_base 0xfffffffffff80000 + size 0x100000 wraps around");

	/* The last MiB of the address space is fine. */
	valid_system();
	m.sys.platform.pci_mmconfig_base = 0xfffffffffff00000;
	EXPECT(run_system(), 0, 0);
}

TEST(pci_register_window_checked)
{
	valid_system();
	m.sys.platform.pci_mem_base = 0;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0x0 not a page aligned address with 128 KiB below 4 GiB");

	valid_system();
	m.sys.platform.pci_mem_base = 0xf100800;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0xf100800 not a page aligned address with 128 KiB below 4 GiB");

	/* 32-bit BARs: the window ends at 4 GiB at the latest. */
	valid_system();
	m.sys.platform.pci_mem_base = 0xfffe0000;
	EXPECT(run_system(), 0, 0);
	m.sys.platform.pci_mem_base = 0xfffe1000;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0xfffe1000 not a page aligned address with 128 KiB below 4 GiB");
	m.sys.platform.pci_mem_base = 0x100000000;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0x100000000 not a page aligned address with 128 KiB below 4 GiB");
	m.sys.platform.pci_mem_base = 0x4010000000;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0x4010000000 not a page aligned");

	/* So high that base + 128 KiB wraps to a small number. */
	m.sys.platform.pci_mem_base = 0xfffffffffffe0000;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0xfffffffffffe0000 not a page aligned address with 128 KiB below 4 GiB");
	m.sys.platform.pci_mem_base = 0xfffffffffffff000;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0xfffffffffffff000 not a page aligned");
	/* ... and is no window that wraps onto low addresses. */
	set_region(4, 0, 0, 0x4000, BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0xfffffffffffff000 not a page aligned");
	m.sys.platform.pci_mem_base = BAR_BASE;
	m.sys.platform.pci_mmconfig_base = 0xfffffffffff80000;
	EXPECT(run_system(), 2, 0);
	EXPECT_MSG(
		"platform.pci_mmconfig_base 0xfffffffffff80000 not 1 MiB aligned");
	EXPECT_MSG("wraps around");

	valid_system();
	m.sys.platform.pci_mem_base = 0xf0e0000;
	EXPECT_SYS_ERROR(
		"platform.pci_mem_base 0xf0e0000: the register window overlaps the ECAM window");
	m.sys.platform.pci_mem_base = 0xeee0000; /* ends below the ECAM */
	EXPECT(run_system(), 0, 0);
}

TEST(pci_windows_clear_of_root_regions)
{
	valid_system();
	set_region(4, ECAM_BASE, ECAM_BASE, 0x4000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	EXPECT_SYS_ERROR(
		"root_cell.mem_regions[4] [0xf000000-0xf003fff] overlaps the virtual PCI ECAM window at 0xf000000");

	valid_system();
	set_region(4, 0xa000000, 0xf11f000, 0x4000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	EXPECT_SYS_ERROR(
		"root_cell.mem_regions[4] [0xf11f000-0xf122fff] overlaps the virtual PCI register window at 0xf100000");

	/* Just after the register window's 32 BARs. */
	m.mem[4].virt_start = 0xf120000;
	EXPECT(run_system(), 0, 0);

	/* Without a virtual PCI bus, nothing is emulated there. */
	valid_system();
	m.sys.platform = (struct bh_platform){ .arm64 = m.sys.platform.arm64 };
	m.sys.root_cell.num_pci_devices = 0;
	set_region(4, ECAM_BASE, ECAM_BASE, 0x200000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	EXPECT(run_system(), 0, 0);
}

/* --- virtual PCI: each device --- */

TEST(pci_device_count_limited)
{
	unsigned int i;

	valid_cell_with_link();
	m.cell.num_pci_devices = BH_PCI_MAX_DEVICES + 1;
	for (i = 1; i < BH_PCI_MAX_DEVICES + 1; i++)
		m.pci[i] = m.pci[0];
	EXPECT_CELL_ERROR(
		"test.cell: num_pci_devices 33 above the limit of 32 (one bus)");

	/* A root cell config with 33 copies of its device. */
	valid_system();
	m.sys.root_cell.num_pci_devices = BH_PCI_MAX_DEVICES + 1;
	for (i = 1; i < BH_PCI_MAX_DEVICES + 1; i++)
		m.pci[i] = m.pci[0];
	EXPECT_SYS_ERROR(
		"root_cell.num_pci_devices 33 above the limit of 32 (one bus)");

	valid_cell_with_link();
	m.cell.num_pci_devices = BH_PCI_MAX_DEVICES;
	for (i = 1; i < BH_PCI_MAX_DEVICES; i++) {
		set_link(i, i, i, 1, 41 + i, LINK0_PHYS + i * 0x200000,
			 LINK_IPA + i * 0x200000);
		m.chips[0].pin_bitmap[(9 + i) / 32] |= 1U << ((9 + i) % 32);
	}
	EXPECT(run_cell(), 0, 0);
}

TEST(pci_device_type_and_padding)
{
	valid_cell_with_link();
	m.pci[0].type = 2;
	EXPECT_CELL_ERROR(
		"test.cell: pci_devices[0]: type 2 unknown (expected 1 = ivshmem)");

	valid_cell_with_link();
	m.pci[0].type = 0;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: type 0 unknown (expected 1 = ivshmem)");

	valid_system();
	m.pci[0].padding = 0x80;
	EXPECT_SYS_ERROR("root_cell.pci_devices[0]: padding 0x80 must be 0");

	valid_cell_with_links();
	m.pci[1].reserved = 0x1000;
	EXPECT_CELL_ERROR("pci_devices[1]: reserved 0x1000 must be 0");
}

TEST(pci_device_bdf_checked)
{
	/* Function 1 of device 1. */
	valid_cell_with_link();
	m.pci[0].bdf = 0x9;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: bdf 0x9 not bus 0, function 0 (device << 3)");

	/* Bus 1. */
	valid_cell_with_link();
	m.pci[0].bdf = 0x100;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: bdf 0x100 not bus 0, function 0 (device << 3)");

	/* Device 31, the last of the bus. */
	valid_cell_with_link();
	m.pci[0].bdf = 31 << 3;
	EXPECT(run_cell(), 0, 0);
}

TEST(pci_device_irq_is_spi)
{
	valid_cell_with_link();
	m.pci[0].irq = 27;
	EXPECT_CELL_ERROR("pci_devices[0]: irq 27 not an SPI (32..1019)");

	valid_cell_with_link();
	m.pci[0].irq = 1020;
	EXPECT_CELL_ERROR("pci_devices[0]: irq 1020 not an SPI (32..1019)");

	valid_system();
	m.pci[0].irq = 0;
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[0]: irq 0 not an SPI (32..1019)");
}

TEST(pci_device_irq_owned)
{
	valid_cell_with_link();
	m.pci[0].irq = 43;
	EXPECT_CELL_ERROR(
		"test.cell: pci_devices[0]: irq 43 is not in the cell's irqchips");

	/* Any pin of the cell's, in any of its irqchips. */
	valid_cell_with_link();
	m.cell.num_irqchips = 2;
	set_chip(1, 0x8000000, 992, 0);
	m.chips[1].pin_bitmap[0] = 1U << 27; /* INTID 1019 */
	m.pci[0].irq = 1019;
	EXPECT(run_cell(), 0, 0);

	valid_system();
	m.pci[0].irq = 300;
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[0]: irq 300 is not in the cell's irqchips");

	/* An irqchip of the cell that leaves the pin out. */
	valid_system();
	m.chips[0].pin_bitmap[2] = 0; /* INTIDs 96..127 */
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[0]: irq 100 is not in the cell's irqchips");
}

TEST(pci_device_max_peers_in_range)
{
	valid_cell_with_link();
	m.pci[0].max_peers = 1;
	m.pci[0].peer_id = 0;
	EXPECT_CELL_ERROR("pci_devices[0]: max_peers 1 not in 2..8");

	valid_cell_with_link();
	m.pci[0].max_peers = 0;
	m.pci[0].peer_id = 0;
	EXPECT_CELL_ERROR("pci_devices[0]: max_peers 0 not in 2..8");

	valid_cell_with_link();
	m.pci[0].max_peers = 9;
	EXPECT_CELL_ERROR("pci_devices[0]: max_peers 9 not in 2..8");

	/* The widest link: 8 output sections. */
	valid_cell_with_link();
	m.pci[0].max_peers = 8;
	m.pci[0].peer_id = 7;
	EXPECT(run_cell(), 0, 0);
}

TEST(pci_device_peer_id_below_max_peers)
{
	valid_cell_with_link();
	m.pci[0].peer_id = 2;
	EXPECT_CELL_ERROR("pci_devices[0]: peer_id 2 not below max_peers 2");

	valid_system();
	m.pci[0].peer_id = 0xffff;
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[0]: peer_id 65535 not below max_peers 2");

	/* With max_peers out of range, only that is reported. */
	valid_cell_with_link();
	m.pci[0].max_peers = 0xffff;
	m.pci[0].peer_id = 0xffff;
	EXPECT_CELL_ERROR("pci_devices[0]: max_peers 65535 not in 2..8");
}

TEST(pci_device_sections_checked)
{
	valid_cell_with_link();
	m.pci[0].rw_size = 0xf800;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: rw_size 0xf800 not a multiple of 4 KiB up to 1 GiB");

	valid_cell_with_link();
	m.pci[0].rw_size = 0x40001000;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: rw_size 0x40001000 not a multiple of 4 KiB up to 1 GiB");

	valid_cell_with_link();
	m.pci[0].out_size = 0x10;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: out_size 0x10 not a multiple of 4 KiB up to 1 GiB");

	valid_cell_with_link();
	m.pci[0].out_size = 0x80000000;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: out_size 0x80000000 not a multiple of 4 KiB up to 1 GiB");

	/* Empty sections are legal: a link of state table and doorbells. */
	valid_cell_with_link();
	m.pci[0].rw_size = 0;
	m.pci[0].out_size = 0;
	EXPECT(run_cell(), 0, 0);
}

TEST(pci_device_huge_sizes_without_overflow)
{
	/* 4 KiB + 2^64 - 4 KiB would be 0: each size is reported alone. */
	valid_cell_with_link();
	m.pci[0].rw_size = 0xfffffffffffff000;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: rw_size 0xfffffffffffff000 not a multiple of 4 KiB up to 1 GiB");

	/* 8 peers of 2^61 bytes each would be 0 as well. */
	valid_cell_with_link();
	m.pci[0].max_peers = 8;
	m.pci[0].out_size = 0x2000000000000000;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: out_size 0x2000000000000000 not a multiple of 4 KiB up to 1 GiB");

	valid_system();
	m.pci[0].rw_size = 0xffffffffffff1000;
	m.pci[0].out_size = 0x7ffffffffffff000;
	EXPECT(run_system(), 2, 0);
	EXPECT_MSG(
		"root_cell.pci_devices[0]: rw_size 0xffffffffffff1000 not a multiple");
	EXPECT_MSG(
		"root_cell.pci_devices[0]: out_size 0x7ffffffffffff000 not a multiple");

	/* The largest sections: 9 GiB + 4 KiB of link memory, no wrap. */
	valid_cell_with_link();
	m.pci[0].max_peers = 8;
	m.pci[0].peer_id = 1;
	m.pci[0].rw_size = 0x40000000;
	m.pci[0].out_size = 0x40000000;
	m.pci[0].shmem_phys = 0x100000000;
	m.pci[0].shmem_virt = 0x100000000;
	EXPECT(run_cell(), 0, 0);
}

TEST(pci_device_shmem_aligned)
{
	valid_cell_with_link();
	m.pci[0].shmem_phys = LINK0_PHYS + 0x800;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: shmem_phys 0x7dc00800 not page aligned");

	valid_cell_with_link();
	m.pci[0].shmem_virt = LINK_IPA + 4;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: shmem_virt 0x60000004 not page aligned");
}

TEST(pci_device_shmem_must_not_wrap)
{
	valid_cell_with_link();
	m.pci[0].shmem_phys = 0xffffffffffff0000;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: link memory at 0xffffffffffff0000 (virt 0x60000000) + size 0x200000 wraps around");

	valid_cell_with_link();
	m.pci[0].shmem_virt = 0xfffffffffff00000;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: link memory at 0x7dc00000 (virt 0xfffffffffff00000) + size 0x200000 wraps around");

	/* Up to the very top is fine. */
	valid_cell_with_link();
	m.pci[0].shmem_virt = 0xffffffffffe00000;
	EXPECT(run_cell(), 0, 0);
}

TEST(pci_link_memory_not_mapped_by_cell)
{
	/* The cell's RAM taken as link memory. */
	valid_cell_with_link();
	m.pci[0].shmem_phys = 0x7b800000;
	EXPECT(run_cell(), 2, 0);
	EXPECT_MSG(
		"pci_devices[0]: link memory [0x7b800000-0x7b9fffff] overlaps mem_regions[0] [0x7b800000-0x7b8fffff] in physical space");
	/* ... and its communication region, right after it. */
	EXPECT_MSG(
		"pci_devices[0]: link memory [0x7b800000-0x7b9fffff] overlaps mem_regions[1] [0x7b900000-0x7b900fff] in physical space");

	/* Seen where the cell sees its UART. */
	valid_cell_with_link();
	m.pci[0].shmem_virt = 0x8e01000;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: link memory [0x8e01000-0x9000fff] overlaps mem_regions[2] [0x9000000-0x9000fff] in guest-physical space");
	/* Right below it. */
	m.pci[0].shmem_virt = 0x8e00000;
	EXPECT(run_cell(), 0, 0);

	/* Over the communication region, mapped by the cell or not. */
	valid_cell_with_link();
	m.pci[0].shmem_virt = 0x7ff00000;
	EXPECT(run_cell(), 2, 0);
	EXPECT_MSG(
		"pci_devices[0]: link memory [0x7ff00000-0x800fffff] overlaps the communication region at 0x80000000");
	EXPECT_MSG(
		"pci_devices[0]: link memory [0x7ff00000-0x800fffff] overlaps mem_regions[1] [0x80000000-0x80000fff] in guest-physical space");
	m.cell.num_memory_regions = 1;
	m.cell.console.type = BH_CON_NONE;
	EXPECT_CELL_ERROR(
		"pci_devices[0]: link memory [0x7ff00000-0x800fffff] overlaps the communication region at 0x80000000");

	/* The root cell's RAM holds its link memory: no overlap there. */
	valid_system();
	EXPECT(run_system(), 0, 0);
}

TEST(pci_devices_distinct)
{
	valid_cell_with_links();
	m.pci[1].bdf = 0;
	EXPECT_CELL_ERROR(
		"test.cell: pci_devices[1]: bdf 0x0 already used by pci_devices[0]");

	valid_cell_with_links();
	m.pci[1].link_id = 0;
	EXPECT_CELL_ERROR(
		"pci_devices[1]: link_id 0 already used by pci_devices[0]: a cell is one peer of a link");

	valid_cell_with_links();
	m.pci[1].irq = 41;
	EXPECT_CELL_ERROR(
		"pci_devices[1]: irq 41 already used by pci_devices[0]");

	valid_cell_with_links();
	m.pci[1].shmem_phys = LINK0_PHYS + 0x1ff000;
	EXPECT_CELL_ERROR(
		"pci_devices[1]: link memory at 0x7ddff000 overlaps pci_devices[0]'s at 0x7dc00000 in physical space");

	valid_cell_with_links();
	m.pci[1].shmem_virt = LINK_IPA + 0x100000;
	EXPECT_CELL_ERROR(
		"pci_devices[1]: link memory at 0x60100000 overlaps pci_devices[0]'s at 0x60000000 in guest-physical space");

	/* A device with an error of its own is still compared. */
	valid_cell_with_links();
	m.pci[1].bdf = 0;
	m.pci[1].max_peers = 1;
	m.pci[1].peer_id = 0;
	EXPECT(run_cell(), 2, 0);
	EXPECT_MSG("pci_devices[1]: max_peers 1 not in 2..8");
	EXPECT_MSG("pci_devices[1]: bdf 0x0 already used by pci_devices[0]");
	valid_cell_with_links();
	m.pci[1].irq = 41;
	m.pci[1].rw_size = 0x800;
	EXPECT(run_cell(), 2, 0);
	EXPECT_MSG("pci_devices[1]: irq 41 already used by pci_devices[0]");

	/* Same for the root cell's devices. */
	valid_system();
	m.sys.root_cell.num_pci_devices = 2;
	set_link(1, 0, 1, 0, 101, LINK1_PHYS, LINK1_PHYS);
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[1]: bdf 0x0 already used by pci_devices[0]");
}

/* --- virtual PCI: the root cell's devices and the system --- */

TEST(pci_root_devices_need_bus)
{
	valid_system();
	m.sys.platform = (struct bh_platform){ .arm64 = m.sys.platform.arm64 };
	EXPECT_SYS_ERROR(
		"root_cell.num_pci_devices 1 without a virtual PCI bus (platform.pci_mmconfig_base 0)");
}

TEST(pci_root_link_memory_in_root_ram)
{
	/* Beyond every root region. */
	valid_system();
	m.pci[0].shmem_phys = 0x80000000;
	m.pci[0].shmem_virt = 0x80000000;
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[0]: link memory [0x80000000-0x801fffff] is not inside one RAM region of the root cell");

	/* Across two RAM regions. */
	valid_system();
	m.pci[0].shmem_phys = 0x7b700000;
	m.pci[0].shmem_virt = 0x7b700000;
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[0]: link memory [0x7b700000-0x7b8fffff] is not inside one RAM region of the root cell");

	/* In an IO region: device registers are no memory to share. */
	valid_system();
	set_region(4, 0x10000000, 0x10000000, 0x200000,
		   BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	m.pci[0].shmem_phys = 0x10000000;
	m.pci[0].shmem_virt = 0x10000000;
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[0]: link memory [0x10000000-0x101fffff] is not inside one RAM region of the root cell");
	m.mem[4].flags = BH_MEM_READ | BH_MEM_WRITE;
	EXPECT(run_system(), 0, 0);

	/* At the very end of a RAM region. */
	valid_system();
	m.pci[0].shmem_phys = 0x7f600000;
	m.pci[0].shmem_virt = 0x7f600000;
	EXPECT(run_system(), 0, 0);
}

TEST(pci_root_shmem_identity_mapped)
{
	valid_system();
	m.pci[0].shmem_virt = LINK_IPA;
	EXPECT_SYS_ERROR(
		"root_cell.pci_devices[0]: shmem_virt 0x60000000 differs from shmem_phys 0x7dc00000: the root cell sees memory at its physical address");
}

TEST(pci_root_link_memory_clear_of_windows)
{
	/* A RAM region over the ECAM window would be reported too. */
	valid_system();
	m.sys.platform.pci_mmconfig_base = LINK0_PHYS + 0x100000;
	m.sys.platform.pci_mem_base = 0xf100000;
	run_system();
	EXPECT(-EINVAL, 2, 0);
	EXPECT_MSG(
		"root_cell.pci_devices[0]: link memory at 0x7dc00000 overlaps a virtual PCI window");
	EXPECT_MSG(
		"root_cell.mem_regions[1] [0x7b800000-0x7f7fffff] overlaps the virtual PCI ECAM window at 0x7dd00000");
}

/* --- reporting --- */

TEST(every_finding_reported)
{
	valid_system();
	m.sys.flags = 1;
	m.sys.root_cell.name[0] = '\0';
	m.mem[3].phys_start = 0x9010100;
	m.chips[0].padding = 1;
	m.sys.platform.arm64.maintenance_irq = 99;
	EXPECT(run_system(), 5, 0);
	EXPECT_MSG("flags 0x1");
	EXPECT_MSG("root_cell.name: empty");
	EXPECT_MSG("root_cell.mem_regions[3]: phys_start");
	EXPECT_MSG("root_cell.irqchips[0]: padding");
	EXPECT_MSG("maintenance_irq 99");
}

TEST(report_optional_and_counts_accumulate)
{
	valid_system();
	m.sys.flags = 1;
	pack_system();
	ctx = (struct bh_check_ctx){ 0 };
	CHECK(bh_check_system(&ctx, image, image_len, 4) == -EINVAL);
	CHECK(ctx.errors == 1);
	/* A later clean check returns 0 but keeps the count. */
	valid_system();
	pack_system();
	CHECK(bh_check_system(&ctx, image, image_len, 4) == 0);
	CHECK(ctx.errors == 1);
}

TEST(messages_without_file_name)
{
	valid_system();
	m.sys.revision = 9;
	pack_system();
	reset_ctx();
	ctx.file = NULL;
	CHECK(bh_check_system(&ctx, image, image_len, 4) == -EINVAL);
	CHECK(!strcmp(msgs.text, "E: revision 9 not supported (expected 3)\n"));
}

TEST(long_messages_truncated)
{
	static char name[600];

	memset(name, 'n', sizeof(name) - 1);
	valid_system();
	m.sys.revision = 9;
	pack_system();
	reset_ctx();
	ctx.file = name;
	CHECK(bh_check_system(&ctx, image, image_len, 4) == -EINVAL);
	CHECK(msgs.len == 3 + BH_CHECK_MSG_MAX - 1 + 1);
}

int main(void)
{
	unit_suite = "unit/config-check";
	RUN(valid_system_passes);
	RUN(valid_cell_passes);
	RUN(system_without_pci_passes);
	RUN(qemu_arm64_source_passes);
	test_qemu_arm64_cell_file_passes();
	RUN(size_below_header_rejected);
	RUN(every_truncated_system_rejected);
	RUN(every_truncated_cell_rejected);
	RUN(arrays_beyond_end_rejected);
	RUN(trailing_bytes_rejected);
	RUN(huge_counts_rejected_without_overflow);
	RUN(unaligned_data_rejected);
	RUN(system_signature_checked);
	RUN(cell_file_given_as_system_stops_at_signature);
	RUN(system_file_given_as_cell_stops_at_signature);
	RUN(signature_bytes_escaped);
	RUN(revision_checked);
	RUN(architecture_checked);
	RUN(system_flags_checked);
	RUN(root_cell_ident_checked);
	RUN(cell_flags_checked);
	RUN(name_must_be_terminated);
	RUN(name_must_not_be_empty);
	RUN(name_must_be_printable);
	RUN(cpu_set_size_zero_rejected);
	RUN(cpu_set_size_multiple_of_8);
	RUN(cpu_set_size_limited);
	RUN(cpu_limit_of_the_build);
	RUN(root_cell_needs_ram);
	RUN(regions_within_ipa_space);
	RUN(cpu_set_must_not_be_empty);
	RUN(unknown_cpus_rejected);
	RUN(cpu_helpers);
	RUN(region_phys_start_aligned);
	RUN(region_virt_start_aligned);
	RUN(region_size_aligned);
	RUN(region_size_nonzero);
	RUN(region_must_not_wrap);
	RUN(region_flags_known);
	RUN(region_without_access_warned);
	RUN(regions_overlap_physically);
	RUN(regions_overlap_guest_physically);
	RUN(irqchip_pin_base_multiple_of_32);
	RUN(irqchip_pin_base_spi_only);
	RUN(irqchip_pins_within_spis);
	RUN(irqchip_address_is_gicd);
	RUN(irqchip_padding_zero);
	RUN(irqchips_must_not_overlap);
	RUN(reserved_field_zero);
	RUN(cell_console_checked);
	RUN(debug_console_checked);
	RUN(debug_console_mapped_by_root);
	RUN(root_reset_address_warned);
	RUN(cell_reset_address_mapped);
	RUN(hv_memory_checked);
	RUN(hv_memory_not_in_root);
	RUN(gic_not_in_root);
	RUN(gic_platform_checked);
	RUN(gicv2_fields_zero_with_gicv3);
	RUN(its_platform_checked);
	RUN(its_not_in_root);
	RUN(gicv2_platform_accepted);
	RUN(gicv2_platform_checked);
	RUN(gicv2_not_in_root);
	RUN(gicv2_at_most_8_cpus);
	RUN(maintenance_irq_is_ppi);
	RUN(platform_padding_zero);
	RUN(pci_windows_need_ecam_base);
	RUN(pci_ecam_window_checked);
	RUN(pci_register_window_checked);
	RUN(pci_windows_clear_of_root_regions);
	RUN(pci_device_count_limited);
	RUN(pci_device_type_and_padding);
	RUN(pci_device_bdf_checked);
	RUN(pci_device_irq_is_spi);
	RUN(pci_device_irq_owned);
	RUN(pci_device_max_peers_in_range);
	RUN(pci_device_peer_id_below_max_peers);
	RUN(pci_device_sections_checked);
	RUN(pci_device_huge_sizes_without_overflow);
	RUN(pci_device_shmem_aligned);
	RUN(pci_device_shmem_must_not_wrap);
	RUN(pci_link_memory_not_mapped_by_cell);
	RUN(pci_devices_distinct);
	RUN(pci_root_devices_need_bus);
	RUN(pci_root_link_memory_in_root_ram);
	RUN(pci_root_shmem_identity_mapped);
	RUN(pci_root_link_memory_clear_of_windows);
	RUN(every_finding_reported);
	RUN(report_optional_and_counts_accumulate);
	RUN(messages_without_file_name);
	RUN(long_messages_truncated);
	return 0;
}
