/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Device register accessors. Written in assembly so that every access is a
 * single plain load or store without writeback: the hypervisor emulates
 * trapped accesses from the syndrome (ESR ISV), which a post-indexed or
 * pair instruction, as the compiler may pick for a volatile pointer, lacks.
 */
#ifndef _INMATE_MMIO_H
#define _INMATE_MMIO_H

#include <stdint.h>

static inline uint8_t mmio_read8(uintptr_t addr)
{
	uint32_t val;

	asm volatile("ldrb %w0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return (uint8_t)val;
}

static inline uint16_t mmio_read16(uintptr_t addr)
{
	uint32_t val;

	asm volatile("ldrh %w0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return (uint16_t)val;
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t val;

	asm volatile("ldr %w0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
	uint64_t val;

	asm volatile("ldr %0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline void mmio_write8(uintptr_t addr, uint8_t val)
{
	asm volatile("strb %w0, [%1]"
		     :
		     : "r"((uint32_t)val), "r"(addr)
		     : "memory");
}

static inline void mmio_write16(uintptr_t addr, uint16_t val)
{
	asm volatile("strh %w0, [%1]"
		     :
		     : "r"((uint32_t)val), "r"(addr)
		     : "memory");
}

static inline void mmio_write32(uintptr_t addr, uint32_t val)
{
	asm volatile("str %w0, [%1]" : : "r"(val), "r"(addr) : "memory");
}

static inline void mmio_write64(uintptr_t addr, uint64_t val)
{
	asm volatile("str %0, [%1]" : : "r"(val), "r"(addr) : "memory");
}

#endif
