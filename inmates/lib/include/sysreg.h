/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * System register access by name, and the affinity of the running CPU.
 */
#ifndef _INMATE_SYSREG_H
#define _INMATE_SYSREG_H

#include <stdint.h>

#define __stringify_1(x) #x
#define __stringify(x)	 __stringify_1(x)

#define read_sysreg(reg)                                     \
	({                                                   \
		uint64_t __val;                              \
		asm volatile("mrs %0, " #reg : "=r"(__val)); \
		__val;                                       \
	})

#define write_sysreg(val, reg) \
	asm volatile("msr " #reg ", %0" : : "r"((uint64_t)(val)) : "memory")

/* MPIDR_EL1 affinity fields Aff3 (bits 39:32) and Aff2..Aff0 (23:0). */
#define MPIDR_AFF_MASK 0xff00ffffffULL

static inline uint64_t cpu_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

#endif
