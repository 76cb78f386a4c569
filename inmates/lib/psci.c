// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/* PSCI calls: the hypervisor's emulation in a cell, QEMU's bare metal. */
#include <inmate.h>

int64_t smc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 asm("x0") = fn;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;
	register uint64_t x3 asm("x3") = a3;

	/* SMCCC 1.0 lets the callee clobber x4-x17 as well. */
	asm volatile("smc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return (int64_t)x0;
}

int64_t hvc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 asm("x0") = fn;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;
	register uint64_t x3 asm("x3") = a3;

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return (int64_t)x0;
}

int psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t context)
{
	return (int)smc_call(PSCI_CPU_ON_64, mpidr, entry, context);
}

int psci_system_off(void)
{
	return (int)smc_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

int psci_system_reset(void)
{
	return (int)smc_call(PSCI_SYSTEM_RESET, 0, 0, 0);
}
