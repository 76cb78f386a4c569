/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The inmate library: what a bare-metal program running in a Bulkhead cell
 * (or bare metal under QEMU) can use. Including this header gives all of
 * it; Documentation/inmates.md describes the environment.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "barrier.h"
#include "comm.h"
#include "gic.h"
#include "ivshmem.h"
#include "mmio.h"
#include "pci.h"
#include "psci.h"
#include "smp.h"
#include "sysreg.h"
#include "timer.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define ENOMEM	  12
#define EBUSY	  16
#define ENODEV	  19
#define EINVAL	  22
#define EIO	  5
#define ETIMEDOUT 110

/*
 * Entry point of every inmate, called on the boot CPU at EL1 with the MMU
 * and caches on, IRQs masked, the console and the args ready.
 */
void inmate_main(void);

/* Stops this CPU for good (WFI loop with interrupts masked). */
void __attribute__((noreturn)) inmate_halt(void);

/* True if started by QEMU at EL2 (-kernel), false in a Bulkhead cell. */
bool inmate_bare_metal(void);

/* Where the image was loaded, and its end (image, bss, stack). */
uintptr_t inmate_image_start(void);
uintptr_t inmate_image_end(void);

/*
 * Console: bare metal UART0; in a cell what the comm region's console
 * names: a PL011, or the hypervisor's debug console (hypercall), or none.
 */
void console_putc(char c);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);

/* PL011 UART, polled. pl011_init() enables it if nobody did. */
void pl011_init(uintptr_t base);
void pl011_putc(char c);

/*
 * Memory attributes of [start, start + size), in 2 MiB blocks (rounded
 * out), for memory outside the default map's choice (Documentation/
 * inmates.md#memory): type MMU_DEVICE or MMU_NORMAL, or-ed with
 * MMU_READONLY. Not for the 1 GiB block holding the image unless it is
 * already of that type. 0, -EINVAL, -EBUSY (would unmap the image) or
 * -ENOMEM (out of tables).
 */
#define MMU_DEVICE   0 /* Device-nGnRE */
#define MMU_NORMAL   1 /* write-back cacheable, inner shareable */
#define MMU_READONLY 2 /* stores fault at EL1 */
int mmu_map_range(uintptr_t start, size_t size, unsigned int type);

/*
 * The 4 KiB page at addr, which must lie in the image (the RTOS's stack
 * guards), faults on every access from now on, on every CPU of the
 * inmate, until the image starts again. 0 or -ENOMEM (not in the part of
 * the image mapped in pages: its first 8 MiB).
 */
int mmu_guard_page(uintptr_t addr);

/* Strings. */
void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#define QEMU_UART0_BASE 0x09000000UL
#define QEMU_GICD_BASE	0x08000000UL
#define QEMU_GICR_BASE	0x080a0000UL
#define QEMU_GICC_BASE	0x08010000UL /* with gic-version=2 */

#endif
