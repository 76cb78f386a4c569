// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercalls (include/bulkhead/hypercall.h) and the disable path.
 */
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/pci.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/unit.h>
#include <bulkhead/hypercall.h>

void hv_timer_expired(void)
{
	units_timer_expired();
}

static long hypervisor_disable(struct per_cpu *cpu, bool *leave)
{
	int err;

	if (cpu->cell != &root_cell)
		return -EPERM;
	/* Cells cannot outlive the hypervisor: destroy them first. */
	if (cell_count() > 1)
		return -EBUSY;
	err = arch_may_disable();
	if (err)
		return err;
	cpu_stat_inc(cpu, BH_STAT_EXITS_MANAGEMENT);
	spin_lock(&hv.lock);
	hv.active_cpus--;
	spin_unlock(&hv.lock);
	pr_info("CPU %u leaving\n", cpu->cpu_id);
	cpu->active = false;
	arch_cpu_restore(cpu);
	*leave = true;
	return 0;
}

static long hypervisor_get_info(unsigned long type)
{
	switch (type) {
	case BH_INFO_MEM_POOL_SIZE:
		return page_pool_total(&hv.pool);
	case BH_INFO_MEM_POOL_USED:
		return page_pool_used(&hv.pool);
	case BH_INFO_NUM_CELLS:
		return cell_count();
	default:
		return -EINVAL;
	}
}

static long cpu_get_info(struct per_cpu *caller, unsigned long cpu_id,
			 unsigned long type)
{
	struct per_cpu *cpu = per_cpu(cpu_id);

	/* A cell may only look at its own CPUs; the root cell at all. */
	if (!cpu || (caller->cell != &root_cell &&
		     !cell_owns_cpu(caller->cell, cpu_id)))
		return -EINVAL;
	if (type == BH_CPU_INFO_STATE)
		return cpu->failed ? BH_CPU_FAILED : BH_CPU_RUNNING;
	if (type >= BH_CPU_INFO_STAT_BASE &&
	    type < BH_CPU_INFO_STAT_BASE + BH_NUM_CPU_STATS)
		/* Only the low 63 bits fit a non-negative return value. */
		return (long)(cpu->stats[type - BH_CPU_INFO_STAT_BASE] &
			      ~(1UL << 63));
	return -EINVAL;
}

/*
 * Non-root cells print through the hypervisor only if their config allows
 * it.
 */
static long console_putc_from(struct per_cpu *cpu, char c)
{
	const struct bh_console *con = &cpu->cell->desc->console;

	if (cpu->cell != &root_cell && !(con->flags & BH_CON_FLAG_VIRTUAL))
		return -EPERM;
	cell_output_putc(cpu, c);
	return 0;
}

long hypercall(struct per_cpu *cpu, unsigned long code, unsigned long arg1,
	       unsigned long arg2, unsigned long arg3, bool *leave)
{
	cpu_stat_inc(cpu, BH_STAT_EXITS_HYPERCALL);
	switch (code) {
	case BH_HC_DISABLE:
		return hypervisor_disable(cpu, leave);
	case BH_HC_HYPERVISOR_GET_INFO:
		if (cpu->cell != &root_cell)
			return -EPERM;
		return hypervisor_get_info(arg1);
	case BH_HC_CPU_GET_INFO:
		return cpu_get_info(cpu, arg1, arg2);
	case BH_HC_DEBUG_CONSOLE_PUTC:
		return console_putc_from(cpu, (char)arg1);
	case BH_HC_CELL_CREATE:
		return cell_create(cpu, arg1, arg2);
	case BH_HC_CELL_SET_LOADABLE:
		return cell_set_loadable(cpu, arg1);
	case BH_HC_CELL_START:
		return cell_start(cpu, arg1);
	case BH_HC_CELL_SHUTDOWN:
		return cell_shutdown(cpu, arg1, arg2 != 0);
	case BH_HC_CELL_DESTROY:
		return cell_destroy(cpu, arg1);
	case BH_HC_CELL_GET_STATE:
		return cell_get_state(cpu, arg1);
	case BH_HC_CELL_SET_BOOT:
		return cell_set_boot(cpu, arg1, arg2, arg3);
	default:
		return -ENOSYS;
	}
}
