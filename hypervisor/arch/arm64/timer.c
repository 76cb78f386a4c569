// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own time: the system counter (CNTPCT_EL0) and the EL2
 * physical timer (CNTHP_*_EL2, Arm ARM D11.2.4), which no cell can reach:
 * its registers exist at EL2 only and its PPI is protected in every
 * redistributor (vgic-redist.c). One compare value per CPU; the core asks for
 * "not later than", so the earliest request wins.
 */
#include <hv/control.h>
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <asm/timer.h>

#define CNTHP_CTL_ENABLE  (1UL << 0)
#define CNTHP_CTL_IMASK	  (1UL << 1)
#define CNTHP_CTL_ISTATUS (1UL << 2)

u64 arch_time_now(void)
{
	/* Without the isb the read may be taken early (Arm ARM D11.2.2). */
	isb();
	return read_sysreg(cntpct_el0);
}

u64 arch_time_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

void arch_timer_arm(u64 ticks)
{
	if ((read_sysreg(cnthp_ctl_el2) & CNTHP_CTL_ENABLE) &&
	    read_sysreg(cnthp_cval_el2) <= ticks)
		return;
	write_sysreg(ticks, cnthp_cval_el2);
	write_sysreg(CNTHP_CTL_ENABLE, cnthp_ctl_el2);
	isb();
}

bool timer_fired(void)
{
	u64 ctl = read_sysreg(cnthp_ctl_el2);

	return (ctl & CNTHP_CTL_ENABLE) && (ctl & CNTHP_CTL_ISTATUS);
}

/*
 * Off first: the PPI is level-sensitive, and off lowers the line, so that
 * deactivating it (the caller, for an acknowledged interrupt) does not
 * make it pending again. The core may arm it anew.
 */
void timer_expire(void)
{
	timer_stop();
	hv_timer_expired();
}

void timer_stop(void)
{
	write_sysreg(0, cnthp_ctl_el2);
	isb();
}
