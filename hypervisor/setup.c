// SPDX-License-Identifier: GPL-2.0
/*
 * Start-up of the hypervisor: memory first (with the MMU still off on
 * arm64), then, with the MMU on, the global part on the master CPU and the
 * per-CPU part on every CPU.
 */
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/unit.h>
#include <bhlib/config-check.h>
#include <bulkhead/version.h>

struct hypervisor hv;

/* The image starts with bh_hv_header; per-CPU areas and config follow. */
extern u8 __image_start[];

/* Each CPU's area follows the image (bh_hv_header.percpu_size each). */
struct per_cpu *per_cpu(unsigned int cpu)
{
	if (cpu >= bh_hv_header.max_cpus)
		return NULL;
	return (struct per_cpu *)(__image_start + bh_hv_header.core_size +
				  (u64)cpu * bh_hv_header.percpu_size);
}

/*
 * Finds the config and the page pool. Only the layout is checked here: the
 * config is fully validated once the console works (init_master).
 */
int hv_memory_init(void)
{
	const struct bh_hv_header *h = &bh_hv_header;
	u64 base = pa_addr(hv_to_phys(h)), percpu_end, pool_start;
	const struct bh_system *sys;

	percpu_end = (u64)h->core_size + (u64)h->max_cpus * h->percpu_size;
	if (h->config_offset < percpu_end ||
	    h->config_size < sizeof(struct bh_system) ||
	    !IS_ALIGNED(h->config_offset, 8))
		return -EINVAL;
	sys = (const void *)(__image_start + h->config_offset);
	if (sys->hypervisor_memory.phys_start != base)
		return -EINVAL;
	pool_start = ALIGN_UP(h->config_offset + h->config_size, PAGE_SIZE);
	if (sys->hypervisor_memory.size < pool_start + 16 * PAGE_SIZE)
		return -ENOMEM;

	hv.mem_base = pa_init(base);
	hv.mem_size = sys->hypervisor_memory.size;
	hv.config = sys;
	hv.config_size = h->config_size;
	return page_pool_init(&hv.pool, pa_init(base + pool_start),
			      (hv.mem_size - pool_start) / PAGE_SIZE, NULL);
}

static void report_config_error(void *arg, int severity, const char *msg)
{
	if (severity == BH_CHECK_ERROR)
		pr_err("config: %s\n", msg);
	else
		pr_warn("config: %s\n", msg);
}

/* The global part of start-up, on the first CPU to enter. */
static int init_master(unsigned int cpu_id)
{
	struct bh_check_ctx check = {
		.report = report_config_error,
		.file = "system config",
		.max_cpus = bh_hv_header.max_cpus,
	};
	int err;

	err = console_init(&hv.config->debug_console);
	if (err)
		return err;
	printk("\nBulkhead hypervisor %s starting on CPU %u\n",
	       BULKHEAD_VERSION, cpu_id);

	/* Never trust the driver's validation: check again here. */
	if (bh_hv_header.possible_cpus == 0 ||
	    bh_hv_header.possible_cpus > bh_hv_header.max_cpus ||
	    bh_hv_header.online_cpus == 0 ||
	    bh_hv_header.online_cpus > bh_hv_header.possible_cpus) {
		pr_err("online_cpus %u, possible_cpus %u: out of range (max_cpus %u)\n",
		       bh_hv_header.online_cpus, bh_hv_header.possible_cpus,
		       bh_hv_header.max_cpus);
		return -EINVAL;
	}
	/* The CPUs the driver checked the config against: the same verdict. */
	err = bh_check_system(&check, hv.config, hv.config_size,
			      bh_hv_header.possible_cpus);
	if (err)
		return err;

	err = arch_init();
	if (err) {
		pr_err("architecture start-up failed (%d)\n", err);
		return err;
	}
	err = units_init();
	if (err)
		return err;
	err = cell_init_root();
	if (err) {
		pr_err("cannot set up the root cell (%d)\n", err);
		return err;
	}
	pr_info("memory pool: %llu of %llu pages used\n",
		(unsigned long long)page_pool_used(&hv.pool),
		(unsigned long long)page_pool_total(&hv.pool));
	return 0;
}

int bh_entry(unsigned int cpu_id, bool master)
{
	struct per_cpu *cpu = per_cpu(cpu_id);
	int err;

	memset(cpu, 0, sizeof(*cpu));
	cpu->cpu_id = cpu_id;
	cpu->cell = &root_cell;

	if (master) {
		err = init_master(cpu_id);
		if (err) {
			pr_err("start-up failed (%d)\n", err);
			return err;
		}
	}
	if (!cell_owns_cpu(&root_cell, cpu_id)) {
		pr_err("CPU %u is not in the root cell\n", cpu_id);
		return -EINVAL;
	}
	err = arch_cpu_init(cpu);
	if (err) {
		pr_err("CPU %u: activation failed (%d)\n", cpu_id, err);
		return err;
	}
	cpu->active = true;
	spin_lock(&hv.lock);
	hv.active_cpus++;
	spin_unlock(&hv.lock);
	pr_info("CPU %u activated\n", cpu_id);
	return 0;
}
