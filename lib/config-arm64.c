// SPDX-License-Identifier: GPL-2.0
/*
 * The config validator's arm64 rules: the GIC (which interrupts a cell may
 * own, where the distributor and redistributors are, what no cell may map
 * because the hypervisor emulates it). config-check.c and config-place.c
 * stay architecture-neutral and ask here through bh_check_arch_*().
 */
#include "config-check-internal.h"

/* GICD and each GICR frame are 64 KiB; a GICv3 redistributor is 2 frames. */
#define GIC_FRAME      0x10000ULL
#define GICR_SIZE      0x20000ULL
/* INTIDs 16..31 are PPIs, 32..1019 SPIs; 1020..1023 are special. */
#define PPI_FIRST      16
#define SPI_FIRST      32
#define SPI_END	       1020
/* A GICv3 ITS: control and translation frames (GICv3 spec 12.19). */
#define GITS_SIZE      0x20000ULL
/*
 * GICv2 (IHI 0048B, 4.1): 4 KiB register pages; the CPU interface and the
 * virtual CPU interface span two (GICC_DIR at 0x1000), and GIC-400 puts
 * the per-CPU aliases of the virtual interface control in the page after
 * GICH. At most 8 CPU interfaces.
 */
#define GICV2_PAGE     0x1000ULL
#define GICV2_CPU_SIZE 0x2000ULL
#define GICV2_HYP_SIZE 0x2000ULL
#define GICV2_MAX_CPUS 8

/*
 * Stage 2 starts at level 1 with VTCR_EL2.T0SZ = 24 (STAGE2_IPA_BITS in
 * hypervisor/arch/arm64/include/asm/paging.h): a region the root cell maps
 * at IPA = PA beyond it cannot be mapped at all.
 */
unsigned int bh_check_arch_ipa_bits(void)
{
	return 40;
}

/*
 * The first pin at or beyond the last SPI that the chip sets, or
 * BH_IRQCHIP_PINS if none: a chip may reach past INTID 1019 as long as it
 * assigns nothing there (so INTIDs up to 1019 can all be described).
 */
static unsigned int first_pin_beyond_spis(const struct bh_irqchip *chip)
{
	unsigned int pin;

	for (pin = 0; pin < BH_IRQCHIP_PINS; pin++)
		if ((uint64_t)chip->pin_base + pin >= SPI_END &&
		    bh_irqchip_pin_is_set(chip, pin))
			return pin;
	return BH_IRQCHIP_PINS;
}

bool bh_check_arch_irqchip_pins_ok(const struct bh_irqchip *chip)
{
	return chip->pin_base % 32 == 0 && chip->pin_base >= SPI_FIRST &&
	       first_pin_beyond_spis(chip) == BH_IRQCHIP_PINS;
}

void bh_check_arch_irqchip(struct bh_check_ctx *ctx, const char *path,
			   unsigned int i, const struct bh_irqchip *chip,
			   const struct bh_platform *p)
{
	if (chip->pin_base % 32)
		note_error(ctx,
			   "%sirqchips[%u]: pin_base %u not a multiple of 32",
			   path, i, chip->pin_base);
	/* SGIs and PPIs are banked per CPU: they follow the CPUs. */
	if (chip->pin_base < SPI_FIRST)
		note_error(ctx,
			   "%sirqchips[%u]: pin_base %u below %u: only SPIs can be assigned",
			   path, i, chip->pin_base, SPI_FIRST);
	else if (first_pin_beyond_spis(chip) < BH_IRQCHIP_PINS)
		note_error(ctx,
			   "%sirqchips[%u]: INTID %llu assigned, beyond the last SPI %u",
			   path, i,
			   ull((uint64_t)chip->pin_base +
			       first_pin_beyond_spis(chip)),
			   SPI_END - 1);
	/* A platform without a distributor was reported on its own. */
	if (p && p->arm64.gicd_base)
		bh_check_arch_irqchip_address(ctx, path, i, chip, p);
	else if (!chip->address)
		note_error(ctx, "%sirqchips[%u]: address 0", path, i);
}

bool bh_check_arch_irqchip_address(struct bh_check_ctx *ctx, const char *path,
				   unsigned int i,
				   const struct bh_irqchip *chip,
				   const struct bh_platform *p)
{
	if (chip->address == p->arm64.gicd_base)
		return true;
	note_error(ctx,
		   "%sirqchips[%u]: address 0x%llx is not the GIC distributor 0x%llx (platform.arm64.gicd_base)",
		   path, i, ull(chip->address), ull(p->arm64.gicd_base));
	return false;
}

/*
 * GICv3: the distributor and each redistributor frame are 64 KiB aligned
 * (GICv3 spec 12.1). GICv2: its four register blocks are 4 KiB pages
 * (GIC-400 TRM, 3.2: the Raspberry Pi 4's GICD is at 0xff841000).
 */
static uint64_t gic_alignment(const struct bh_platform *p)
{
	return p->arm64.gic_version == BH_GIC_V2 ? GICV2_PAGE : GIC_FRAME;
}

static bool gic_base_ok(const struct bh_platform *p, uint64_t base)
{
	return base && base % gic_alignment(p) == 0;
}

static void check_gic_base(struct bh_check_ctx *ctx,
			   const struct bh_platform *p, const char *name,
			   uint64_t base)
{
	if (!base)
		note_error(ctx, "platform.arm64.%s 0", name);
	else if (base % gic_alignment(p))
		note_error(ctx, "platform.arm64.%s 0x%llx not %llu KiB aligned",
			   name, ull(base), ull(gic_alignment(p) / 1024));
}

/* A field the platform's GIC does not use, or Bulkhead not yet. */
static void check_zero(struct bh_check_ctx *ctx, const char *name, uint64_t v,
		       const char *why)
{
	if (v)
		note_error(ctx, "platform.arm64.%s 0x%llx must be 0: %s", name,
			   ull(v), why);
}

static void check_gicv3_platform(struct bh_check_ctx *ctx,
				 const struct bh_platform *p)
{
	check_gic_base(ctx, p, "gicd_base", p->arm64.gicd_base);
	check_gic_base(ctx, p, "gicr_base", p->arm64.gicr_base);
	check_zero(ctx, "gicc_base", p->arm64.gicc_base, "a GICv2 field");
	check_zero(ctx, "gich_base", p->arm64.gich_base, "a GICv2 field");
	check_zero(ctx, "gicv_base", p->arm64.gicv_base, "a GICv2 field");
}

/*
 * GICv2: distributor, CPU interface (which the hypervisor keeps, showing
 * each cell the virtual CPU interface at its address), virtual interface
 * control and virtual CPU interface (IHI 0048B, 1.3 and 5.1).
 */
static void check_gicv2_platform(struct bh_check_ctx *ctx,
				 const struct bh_platform *p)
{
	check_gic_base(ctx, p, "gicd_base", p->arm64.gicd_base);
	check_gic_base(ctx, p, "gicc_base", p->arm64.gicc_base);
	check_gic_base(ctx, p, "gich_base", p->arm64.gich_base);
	check_gic_base(ctx, p, "gicv_base", p->arm64.gicv_base);
	check_zero(ctx, "gicr_base", p->arm64.gicr_base,
		   "a GICv2 has no redistributors");
}

/*
 * The ITS (0: none) is the hypervisor's: it checks the root cell's
 * commands and tables (Documentation/architecture.md, "The GIC ITS").
 */
static void check_its(struct bh_check_ctx *ctx, const struct bh_platform *p)
{
	if (p->arm64.gits_base && p->arm64.gic_version != BH_GIC_V3)
		note_error(ctx,
			   "platform.arm64.gits_base 0x%llx: an ITS needs a GICv3",
			   ull(p->arm64.gits_base));
	else if (p->arm64.gits_base && p->arm64.gits_base % GIC_FRAME)
		note_error(ctx,
			   "platform.arm64.gits_base 0x%llx not 64 KiB aligned",
			   ull(p->arm64.gits_base));
}

void bh_check_arch_platform(struct bh_check_ctx *ctx,
			    const struct bh_platform *p)
{
	unsigned int n;

	if (p->arm64.gic_version == BH_GIC_V3)
		check_gicv3_platform(ctx, p);
	else if (p->arm64.gic_version == BH_GIC_V2)
		check_gicv2_platform(ctx, p);
	else
		note_error(ctx,
			   "platform.arm64.gic_version %u not supported (expected %u or %u)",
			   p->arm64.gic_version, BH_GIC_V2, BH_GIC_V3);
	check_its(ctx, p);
	if (p->arm64.maintenance_irq < PPI_FIRST ||
	    p->arm64.maintenance_irq >= SPI_FIRST)
		note_error(ctx,
			   "platform.arm64.maintenance_irq %u not a PPI (%u..%u)",
			   p->arm64.maintenance_irq, PPI_FIRST, SPI_FIRST - 1);
	for (n = 0; n < sizeof(p->arm64.padding); n++)
		if (p->arm64.padding[n])
			note_error(ctx,
				   "platform.arm64.padding[%u] 0x%x must be 0",
				   n, p->arm64.padding[n]);
}

/* A GICv2 names CPUs by an 8-bit target list (GICD_ITARGETSR, GICD_SGIR). */
unsigned int bh_check_arch_max_cpus(const struct bh_platform *p)
{
	return p->arm64.gic_version == BH_GIC_V2 ? GICV2_MAX_CPUS : 0;
}

static unsigned int gicv2_hv_ranges(const struct bh_platform *p,
				    struct bh_check_range *r)
{
	const struct bh_check_range blocks[] = {
		{ p->arm64.gicd_base, GICV2_PAGE,
		  "the GIC distributor (platform.arm64.gicd_base)" },
		{ p->arm64.gicc_base, GICV2_CPU_SIZE,
		  "the GIC CPU interface (platform.arm64.gicc_base)" },
		{ p->arm64.gich_base, GICV2_HYP_SIZE,
		  "the GIC virtual interface control (platform.arm64.gich_base)" },
		{ p->arm64.gicv_base, GICV2_CPU_SIZE,
		  "the GIC virtual CPU interface (platform.arm64.gicv_base)" },
	};
	unsigned int i, n = 0;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (gic_base_ok(p, blocks[i].start))
			r[n++] = blocks[i];
	return n;
}

unsigned int bh_check_arch_hv_ranges(const struct bh_platform *p,
				     unsigned int num_cpus,
				     struct bh_check_range *r)
{
	unsigned int n = 0;

	if (p->arm64.gic_version == BH_GIC_V2)
		return gicv2_hv_ranges(p, r);
	if (gic_base_ok(p, p->arm64.gicd_base))
		r[n++] = (struct bh_check_range){
			p->arm64.gicd_base, GIC_FRAME,
			"the GIC distributor (platform.arm64.gicd_base)"
		};
	if (gic_base_ok(p, p->arm64.gicr_base))
		r[n++] = (struct bh_check_range){
			p->arm64.gicr_base,
			GICR_SIZE * (num_cpus ? num_cpus : 1),
			"the GIC redistributors (platform.arm64.gicr_base)"
		};
	if (gic_base_ok(p, p->arm64.gits_base))
		r[n++] = (struct bh_check_range){
			p->arm64.gits_base, GITS_SIZE,
			"the GIC ITS (platform.arm64.gits_base)"
		};
	return n;
}
