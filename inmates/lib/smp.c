// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The cell's other CPUs: started by PSCI CPU_ON at secondary_entry
 * (head.S) with their index as the context, which picks their stack. They
 * read what to run only once their caches are on, so the boot CPU's
 * cached writes are what they see.
 */
#include "lib.h"

#define PSCI_AFFINITY_INFO_64 0xc4000004U

static void (*volatile cpu_fn[SMP_MAX_CPUS])(unsigned int idx);

/* Secondary stacks, index 1 at the bottom; head.S computes the tops. */
uint8_t smp_stacks[SMP_MAX_CPUS - 1][SMP_STACK_SIZE]
	__attribute__((aligned(16)));

int smp_cpu_on(unsigned int idx, uint64_t mpidr, void (*fn)(unsigned int idx))
{
	int ret;

	if (!idx || idx >= SMP_MAX_CPUS || !fn)
		return -EINVAL;
	cpu_fn[idx] = fn;
	/* Its CPU interface and timer are reset, whatever it did before. */
	gic_cpu_forget(idx);
	timer_cpu_forget(idx);
	dsb(ish);
	ret = psci_cpu_on(mpidr, (uintptr_t)secondary_entry, idx);
	switch (ret) {
	case PSCI_SUCCESS:
		return 0;
	case PSCI_ALREADY_ON:
	case PSCI_ON_PENDING:
		return -EBUSY;
	case PSCI_DENIED:
	case PSCI_INVALID_PARAMS:
		return -ENODEV;
	default:
		return -EIO;
	}
}

void smp_secondary_setup(unsigned int idx)
{
	mmu_cpu_on();
	cpu_fn[idx](idx);
}

int psci_affinity_info(uint64_t mpidr)
{
	return (int)smc_call(PSCI_AFFINITY_INFO_64, mpidr, 0, 0);
}

int psci_cpu_off(void)
{
	return (int)smc_call(PSCI_CPU_OFF, 0, 0, 0);
}
