/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A config under construction: what `config create` and `config
 * create-cell` fill in, validate as the binary it lays out, and print as C
 * source that compiles to exactly that binary.
 */
#ifndef _BULKHEAD_TOOLS_CONFIG_MODEL_H
#define _BULKHEAD_TOOLS_CONFIG_MODEL_H

#include <stdbool.h>
#include <stdio.h>

#include <bulkhead/cell-config.h>

#define MODEL_CPU_BYTES	  1024 /* the validator's cpu_set_size limit */
#define MODEL_MAX_REGIONS 256
/*
 * Irqchips at pin_base 32, 160, ... 928: the last covers INTIDs 928-1055,
 * of which it may assign only the SPIs up to 1019 (the validator's rule).
 */
#define MODEL_MAX_CHIPS	  8
#define MODEL_LAST_INTID  1019
#define MODEL_MAX_DEFINES 8
#define MODEL_TEXT_LEN	  120

struct model_region {
	struct bh_memory mem;
	char comment[MODEL_TEXT_LEN];
	/* Names printed instead of the numbers (defines or ABI macros), or NULL. */
	const char *phys_sym, *virt_sym, *size_sym;
};

struct model_define {
	const char *name;
	uint64_t value;
	const char *expr; /* printed instead of the value, or NULL */
	char comment[MODEL_TEXT_LEN];
};

struct model {
	bool system;
	struct bh_system sys;	  /* header of a system config */
	struct bh_cell_desc cell; /* descriptor of a cell config */
	uint8_t cpus[MODEL_CPU_BYTES];
	struct model_region regions[MODEL_MAX_REGIONS];
	unsigned int num_regions;
	struct bh_irqchip chips[MODEL_MAX_CHIPS];
	unsigned int num_chips;
	struct model_define defines[MODEL_MAX_DEFINES];
	unsigned int num_defines;
	const char *reset_sym;	/* for cpu_reset_address */
	const char *todo;	/* printed as an #error: fill me in */
	char description[1024]; /* the file's opening comment */
};

void model_init(struct model *m, bool system, const char *name);
struct bh_cell_desc *model_desc(struct model *m);
void model_set_cpu(struct model *m, unsigned int cpu);
int model_add_region(struct model *m, uint64_t phys, uint64_t virt,
		     uint64_t size, uint64_t flags, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int model_add_irq(struct model *m, uint64_t gicd, unsigned int intid);
void model_define(struct model *m, const char *name, uint64_t value,
		  const char *expr, const char *comment);
void model_describe(struct model *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void *model_layout(struct model *m, size_t *size);
int model_write_c(struct model *m, FILE *out);

void sanitize_comment(char *s);

#define MODEL_PAGE_SIZE 0x1000ULL

static inline uint64_t page_down(uint64_t a)
{
	return a & ~(MODEL_PAGE_SIZE - 1);
}

/* Saturates instead of wrapping at the top of the address space. */
static inline uint64_t page_up(uint64_t a)
{
	return a > ~0ULL - (MODEL_PAGE_SIZE - 1) ?
		       page_down(~0ULL) :
		       page_down(a + MODEL_PAGE_SIZE - 1);
}

#endif
