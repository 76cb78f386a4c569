/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one set of accessors for device registers the hypervisor maps
 * (Device-nGnRE in its own page tables): a single access of exactly the
 * width asked for, never merged or split by the compiler.
 */
#ifndef _HV_IO_H
#define _HV_IO_H

#include <hv/types.h>

static inline u8 mmio_read8(uintptr_t addr)
{
	return *(volatile u8 *)addr;
}

static inline u16 mmio_read16(uintptr_t addr)
{
	return *(volatile u16 *)addr;
}

static inline u32 mmio_read32(uintptr_t addr)
{
	return *(volatile u32 *)addr;
}

static inline u64 mmio_read64(uintptr_t addr)
{
	return *(volatile u64 *)addr;
}

static inline void mmio_write8(uintptr_t addr, u8 val)
{
	*(volatile u8 *)addr = val;
}

static inline void mmio_write16(uintptr_t addr, u16 val)
{
	*(volatile u16 *)addr = val;
}

static inline void mmio_write32(uintptr_t addr, u32 val)
{
	*(volatile u32 *)addr = val;
}

static inline void mmio_write64(uintptr_t addr, u64 val)
{
	*(volatile u64 *)addr = val;
}

/* An access of `size` bytes (1, 2, 4 or 8), as a trapped one asks. */
static inline u64 mmio_read(uintptr_t addr, unsigned int size)
{
	switch (size) {
	case 1:
		return mmio_read8(addr);
	case 2:
		return mmio_read16(addr);
	case 4:
		return mmio_read32(addr);
	default:
		return mmio_read64(addr);
	}
}

static inline void mmio_write(uintptr_t addr, unsigned int size, u64 val)
{
	switch (size) {
	case 1:
		mmio_write8(addr, val);
		break;
	case 2:
		mmio_write16(addr, val);
		break;
	case 4:
		mmio_write32(addr, val);
		break;
	default:
		mmio_write64(addr, val);
		break;
	}
}

#endif
