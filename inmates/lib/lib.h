/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Functions the library's files share with each other and with head.S;
 * not part of the inmates' API.
 */
#ifndef _INMATE_LIB_H
#define _INMATE_LIB_H

#include <inmate.h>

extern char __image_start[], __image_end[];
extern const char inmate_default_args[];

void inmate_setup(uint64_t from_el2, uint64_t boot_x0);
void irq_dispatch(uint64_t entry_ticks);
void inmate_exception(uint64_t esr, uint64_t elr, uint64_t far,
		      uint64_t vector);

void mmu_enable(void);
void mmu_cpu_on(void);
void secondary_entry(void);
void smp_secondary_setup(unsigned int idx);
void console_setup(void);
void args_setup(uint64_t boot_x0);
const char *fdt_bootargs(uintptr_t fdt);

/* The timer's interrupt when the library's sleep armed it. */
bool timer_sleep_irq(unsigned int intid);

/* CPU idx starts afresh (smp.c): its GIC interface and sleeps set up again. */
void gic_cpu_forget(unsigned int idx);
void timer_cpu_forget(unsigned int idx);

#endif
