// SPDX-License-Identifier: GPL-2.0
/*
 * onoff: the cell's two CPUs pass one token back and forth through PSCI as
 * fast as they can, forever: the CPU that runs starts the other with
 * CPU_ON (again and again while the other is still on its way off), then
 * leaves with CPU_OFF. At any moment one of them is in a CPU_ON, so a stop
 * of the cell by the root cell (ci/tests/attack-race.sh) meets CPU_ON in
 * every phase, issued from either CPU: parking the CPUs one after the
 * other in CPU order meets a CPU_ON aimed at one parked already, and at
 * one parked later. A CPU that runs on after its cell was stopped spins
 * in denied CPU_ONs: its exit counters keep rising.
 *
 * The boot CPU is index 0; the second CPU runs as index 1 and the boot
 * CPU, once the second started it, as index 2 (each index its own stack).
 */
#include <inmate.h>

#define MAX_AFF0       16
#define MPIDR_AFF_MASK 0xff00ffffffULL /* Aff3-Aff0 */
#define IDX_SECOND     1	       /* the second CPU */
#define IDX_FIRST      2	       /* the boot CPU, started again */

static uint64_t mpidr_first, mpidr_second;

/* Starts the other CPU, however often it takes, then leaves. */
static void pass_on(unsigned int idx)
{
	bool second = idx == IDX_SECOND;
	int ret;

	while (smp_cpu_on(second ? IDX_FIRST : IDX_SECOND,
			  second ? mpidr_first : mpidr_second, pass_on))
		;
	ret = psci_cpu_off();
	printk("onoff: cpu %u: CPU_OFF returned %d\n", idx, ret);
	inmate_halt();
}

/* The cell's other CPU: the one AFFINITY_INFO answers for, except this. */
static bool find_second(void)
{
	uint64_t aff0;

	for (aff0 = 0; aff0 < MAX_AFF0; aff0++) {
		uint64_t mpidr = (mpidr_first & ~0xffULL) | aff0;

		if (mpidr != mpidr_first && psci_affinity_info(mpidr) >= 0) {
			mpidr_second = mpidr;
			return true;
		}
	}
	return false;
}

void inmate_main(void)
{
	mpidr_first = cpu_mpidr() & MPIDR_AFF_MASK;
	if (!find_second()) {
		printk("onoff: no second CPU\n");
		comm_idle("onoff");
	}
	printk("onoff: relay between 0x%llx and 0x%llx\n",
	       (unsigned long long)mpidr_first,
	       (unsigned long long)mpidr_second);
	pass_on(0);
}
