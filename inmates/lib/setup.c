// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * What runs between head.S and inmate_main(): note the mode, turn on the
 * MMU and caches, find the args and the console.
 */
#include "lib.h"

static bool bare_metal;

bool inmate_bare_metal(void)
{
	return bare_metal;
}

uintptr_t inmate_image_start(void)
{
	return (uintptr_t)__image_start;
}

uintptr_t inmate_image_end(void)
{
	return (uintptr_t)__image_end;
}

void inmate_setup(uint64_t from_el2, uint64_t boot_x0)
{
	bare_metal = from_el2;
	mmu_enable();
	/* Bare metal, the device tree may lie past the image: read it now. */
	args_setup(boot_x0);
	console_setup();
}

void inmate_halt(void)
{
	asm volatile("msr daifset, #0xf");
	for (;;)
		wfi();
}

static const char *const vector_names[] = {
	"sync",
	"IRQ",
	"FIQ",
	"SError",
};

void inmate_exception(uint64_t esr, uint64_t elr, uint64_t far, uint64_t vector)
{
	printk("inmate: unexpected %s exception (vector %llu): ESR %llx at PC %llx, FAR %llx\n",
	       vector_names[vector % 4], (unsigned long long)vector,
	       (unsigned long long)esr, (unsigned long long)elr,
	       (unsigned long long)far);
	inmate_halt();
}
