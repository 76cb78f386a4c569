/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the config validator (config-check.c, config-place.c,
 * config-pci.c, config-arm64.c) share with each other and with nobody else:
 * reporting, range arithmetic and the architecture's rules. Like them it
 * may include only bulkhead/ and bhlib/ headers.
 */
#ifndef _BH_CONFIG_CHECK_INTERNAL_H
#define _BH_CONFIG_CHECK_INTERNAL_H

#include <bhlib/config-check.h>

#define CHECK_PAGE_SIZE 0x1000ULL

/* Count a finding in ctx and hand it, prefixed with ctx->file, to report. */
__attribute__((format(printf, 3, 4))) void bh_check_note(
	struct bh_check_ctx *ctx, int severity, const char *fmt, ...);

#define note_error(ctx, ...)   bh_check_note(ctx, BH_CHECK_ERROR, __VA_ARGS__)
#define note_warning(ctx, ...) bh_check_note(ctx, BH_CHECK_WARNING, __VA_ARGS__)

/*
 * uint64_t is unsigned long in user space and the hypervisor but unsigned
 * long long in the kernel; messages print 64-bit values as %llx through this.
 */
static inline unsigned long long ull(uint64_t v)
{
	return v;
}

/* A non-empty range that does not wrap around the end of the address space. */
static inline bool range_ok(uint64_t start, uint64_t size)
{
	return size && start + (size - 1) >= start;
}

static inline uint64_t range_last(uint64_t start, uint64_t size)
{
	return start + (size - 1);
}

/* Both ranges must satisfy range_ok(). */
static inline bool ranges_overlap(uint64_t a, uint64_t a_size, uint64_t b,
				  uint64_t b_size)
{
	return a <= range_last(b, b_size) && b <= range_last(a, a_size);
}

/*
 * Index of the first of the num regions at mem that holds [start, start +
 * size) whole, in physical or guest-physical space, and whose flags masked
 * with mask equal want; num if none does. The range must satisfy range_ok().
 */
unsigned int bh_check_find_region(const struct bh_memory *mem, unsigned int num,
				  uint64_t start, uint64_t size, bool physical,
				  uint64_t mask, uint64_t want);

/* A physical range and what it is, for messages. */
struct bh_check_range {
	uint64_t start;
	uint64_t size;
	const char *what;
};

/* Most ranges bh_check_arch_hv_ranges() returns. */
#define BH_CHECK_HV_RANGES_MAX 4

/* The architecture's rules (config-arm64.c). */

/* platform.<arch>: the interrupt controller and its interrupts. */
void bh_check_arch_platform(struct bh_check_ctx *ctx,
			    const struct bh_platform *p);

/*
 * irqchips[i] of a cell, path prefixed to the field: the interrupts a cell
 * may own, and the controller's address where p (the platform) is known.
 */
void bh_check_arch_irqchip(struct bh_check_ctx *ctx, const char *path,
			   unsigned int i, const struct bh_irqchip *chip,
			   const struct bh_platform *p);

/* Whether irqchips[i] names the platform's controller (reported if not). */
bool bh_check_arch_irqchip_address(struct bh_check_ctx *ctx, const char *path,
				   unsigned int i,
				   const struct bh_irqchip *chip,
				   const struct bh_platform *p);

/* Most CPUs the platform's interrupt controller serves, 0 = no limit. */
unsigned int bh_check_arch_max_cpus(const struct bh_platform *p);

/* Whether the chip's pins are all interrupts a cell can own. */
bool bh_check_arch_irqchip_pins_ok(const struct bh_irqchip *chip);

/* Bits of guest-physical address that stage 2 translates. */
unsigned int bh_check_arch_ipa_bits(void);

/*
 * The well-formed physical ranges of devices the hypervisor emulates for
 * every cell, so that no cell may map them, for CPUs 0..num_cpus-1 (0 if
 * unknown): at most BH_CHECK_HV_RANGES_MAX into r; returns how many.
 */
unsigned int bh_check_arch_hv_ranges(const struct bh_platform *p,
				     unsigned int num_cpus,
				     struct bh_check_range *r);

/* Whether the chip assigns INTID intid. */
static inline bool bh_chip_has_pin(const struct bh_irqchip *chip,
				   unsigned int intid)
{
	return intid >= chip->pin_base &&
	       bh_irqchip_pin_is_set(chip, intid - chip->pin_base);
}

/* Virtual PCI devices (config-pci.c). */
void bh_check_pci_devices(struct bh_check_ctx *ctx, const char *path,
			  const struct bh_cell_desc *desc, const void *arrays,
			  bool root);
void bh_check_pci_platform(struct bh_check_ctx *ctx,
			   const struct bh_platform *p);
void bh_check_pci_root(struct bh_check_ctx *ctx, const struct bh_system *sys);
void bh_check_pci_place(struct bh_check_ctx *ctx, const struct bh_system *sys,
			const struct bh_cell_desc *cell,
			const struct bh_cell_desc *const *others,
			unsigned int num_others);

#endif /* _BH_CONFIG_CHECK_INTERNAL_H */
