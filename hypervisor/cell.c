// SPDX-License-Identifier: GPL-2.0
/*
 * Cells: the root cell from the system config, and the lifecycle of
 * non-root cells. A non-root cell takes its CPUs, memory and interrupts
 * from the root cell at creation and gives them back, memory scrubbed, at
 * destruction. Management calls come from the root cell's driver one at a
 * time (mgmt_lock); fault containment can hit a cell at any moment and only
 * flags it failed and parks its CPUs.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/pci.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <asm/barrier.h>
#include <bulkhead/config-check.h>
#include <bulkhead/console.h>

struct cell root_cell;
static struct cell *cells[MAX_CELLS];
static spinlock_t mgmt_lock = SPINLOCK_INIT;

struct cell *cell_by_id(unsigned int id)
{
	return id < MAX_CELLS ? cells[id] : NULL;
}

/* The non-root cell whose memory holds phys, if any. */
struct cell *cell_owning_phys(u64 phys)
{
	const struct bh_memory *mem;
	unsigned int id, i;

	for (id = 1; id < MAX_CELLS; id++) {
		if (!cells[id])
			continue;
		for_each_cell_region(cells[id], mem, i)
			if (phys >= mem->phys_start &&
			    phys - mem->phys_start < mem->size)
				return cells[id];
	}
	return NULL;
}

unsigned int cell_count(void)
{
	unsigned int id, n = 0;

	for (id = 0; id < MAX_CELLS; id++)
		n += cells[id] != NULL;
	return n;
}

/* The log ring: readable by the root cell, so Linux can show it. */
static int map_console_ring(struct cell *cell)
{
	struct bh_memory ring = {
		.phys_start = pa_addr(hv.mem_base) + bh_hv_header.console_offset,
		.size = BH_CONSOLE_AREA_SIZE,
		.flags = BH_MEM_READ,
	};

	ring.virt_start = ring.phys_start;
	return arch_map_memory_region(cell, &ring);
}

static int cell_map_regions(struct cell *cell)
{
	const struct bh_memory *mem;
	unsigned int i;
	int err;

	for_each_cell_region(cell, mem, i) {
		err = arch_map_memory_region(cell, mem);
		if (err) {
			pr_err("cell %s: cannot map mem_regions[%u] (%d)\n",
			       cell->name, i, err);
			return err;
		}
	}
	return 0;
}

static void cell_set_cpus(struct cell *cell)
{
	const u8 *set = bh_cell_cpu_set(cell->desc, cell->arrays);
	unsigned int cpu;

	cell->cpus = 0;
	for (cpu = 0; cpu < 64 && cpu < cell->desc->cpu_set_size * 8; cpu++)
		if (set[cpu / 8] & (1 << (cpu % 8)))
			cell->cpus |= 1ULL << cpu;
}

int cell_init_root(void)
{
	const struct bh_cell_desc *desc = &hv.config->root_cell;
	int err;

	root_cell.id = 0;
	root_cell.desc = desc;
	root_cell.arrays = hv.config + 1;
	root_cell.state = BH_CELL_STATE_RUNNING;
	memcpy(root_cell.name, desc->name, sizeof(root_cell.name));
	root_cell.name[sizeof(root_cell.name) - 1] = 0;
	cell_set_cpus(&root_cell);

	err = arch_cell_create(&root_cell);
	if (err)
		return err;
	err = cell_map_regions(&root_cell);
	if (!err)
		err = map_console_ring(&root_cell);
	if (!err)
		err = pci_cell_init(&root_cell);
	if (err) {
		arch_cell_destroy(&root_cell);
		return err;
	}
	cells[0] = &root_cell;
	return 0;
}

/* --- creation --- */

static void report_config_error(void *arg, int severity, const char *msg)
{
	if (severity == BH_CHECK_ERROR)
		pr_err("cell config: %s\n", msg);
	else
		pr_warn("cell config: %s\n", msg);
}

static int check_cell_config(struct cell *cell, u64 size)
{
	const struct bh_cell_desc *others[MAX_CELLS];
	struct bh_check_ctx check = {
		.report = report_config_error,
		.file = "cell config",
	};
	unsigned int id, n = 0;
	int err;

	err = bh_check_cell(&check, cell->desc, size, bh_hv_header.max_cpus);
	if (err)
		return err;
	for (id = 1; id < MAX_CELLS; id++)
		if (cells[id])
			others[n++] = cells[id]->desc;
	return bh_check_cell_in_system(&check, hv.config, cell->desc, others, n);
}

/* Linux must have offlined the CPUs (PSCI CPU_OFF): they wait parked. */
static int check_cpus_parked(struct cell *cell)
{
	unsigned int c;

	for_each_cell_cpu(cell, c) {
		if (c >= bh_hv_header.max_cpus || !per_cpu(c)->active) {
			pr_err("cell %s: CPU %u is not under the hypervisor\n",
			       cell->name, c);
			return -EINVAL;
		}
		if (!arch_cpu_parked(c)) {
			pr_err("cell %s: CPU %u is still online in the root cell\n",
			       cell->name, c);
			return -EBUSY;
		}
	}
	return 0;
}

static void move_cpus(struct cell *cell, struct cell *from, struct cell *to)
{
	unsigned int c;

	for_each_cell_cpu(cell, c) {
		struct per_cpu *cpu = per_cpu(c);

		/* Parked: what the old cell printed is flushed as its own. */
		cell_output_flush(cpu);
		if (arch_cell_move_cpu(cpu, from, to))
			pr_err("CPU %u: redistributor not moved\n", c);
		cpu->cell = to;
		cpu->failed = false;
		from->cpus &= ~(1ULL << c);
		to->cpus |= 1ULL << c;
	}
}

static void free_cell(struct cell *cell)
{
	if (cell->config_npages) {
		spin_lock(&hv.lock);
		page_free(&hv.pool, cell->config_pages, cell->config_npages);
		spin_unlock(&hv.lock);
	}
	memset(cell, 0, sizeof(*cell));
}

static long create_locked(u64 config_ipa, u64 size)
{
	static struct cell cell_storage[MAX_CELLS];
	struct cell *cell = NULL;
	unsigned int id;
	long err;

	for (id = 1; id < MAX_CELLS && !cell; id++)
		if (!cells[id])
			cell = &cell_storage[id];
	if (!cell)
		return -ENOMEM;
	cell->id = cell - cell_storage;

	err = copy_config_from_root(cell, config_ipa, size);
	if (!err)
		err = check_cell_config(cell, size);
	if (err)
		goto err_free;
	memcpy(cell->name, cell->desc->name, sizeof(cell->name));
	cell->name[sizeof(cell->name) - 1] = 0;
	cell_set_cpus(cell);
	err = check_cpus_parked(cell);
	if (err)
		goto err_free;

	err = arch_cell_create(cell);
	if (err)
		goto err_free;
	err = cell_map_regions(cell);
	if (err)
		goto err_destroy;
	cell->comm = map_comm_region(cell);
	if (!cell->comm) {
		err = -ENOMEM;
		goto err_destroy;
	}
	err = take_memory_from_root(cell);
	if (err)
		goto err_unmap_comm;
	err = pci_cell_init(cell);
	if (err)
		goto err_return_memory;

	/* From here on nothing fails: the cell owns its resources. */
	arch_cell_take_irqs(cell);
	move_cpus(cell, &root_cell, cell);
	cells[cell->id] = cell;
	pr_info("cell %s created (id %u)\n", cell->name, cell->id);
	return cell->id;

err_return_memory:
	return_memory_to_root(cell, cell->desc->num_memory_regions);
	arch_flush_cell_tlbs(&root_cell);
err_unmap_comm:
	arch_hv_unmap(pa_init((uintptr_t)cell->comm), BH_COMM_REGION_SIZE);
err_destroy:
	arch_cell_destroy(cell);
err_free:
	free_cell(cell);
	return err;
}

long cell_create(struct per_cpu *caller, u64 config_ipa, u64 size)
{
	long ret;

	if (caller->cell != &root_cell)
		return -EPERM;
	cpu_stat_inc(caller, BH_STAT_EXITS_MANAGEMENT);
	spin_lock(&mgmt_lock);
	ret = create_locked(config_ipa, size);
	spin_unlock(&mgmt_lock);
	return ret;
}

/* --- running and stopping --- */

static struct cell *managed_cell(struct per_cpu *caller, unsigned int id)
{
	if (caller->cell != &root_cell || id == 0)
		return NULL;
	return cell_by_id(id);
}

/*
 * Asks all CPUs first, then waits for each: one CPU of the cell cannot
 * wake a sibling that was already parked, since CPU_ON is denied while
 * the cell stops (psci.c).
 */
static void park_cell_cpus(struct cell *cell)
{
	unsigned int c;

	cell->stopping = true;
	smp_mb();
	for_each_cell_cpu(cell, c)
		arch_request_park(c);
	for_each_cell_cpu(cell, c)
		arch_wait_cpu_parked(c);
}

static void set_state(struct cell *cell, u32 state)
{
	cell->state = state;
	if (cell->comm)
		cell->comm->cell_state = state;
}

long cell_set_loadable(struct per_cpu *caller, unsigned int id)
{
	struct cell *cell;
	long err = 0;

	spin_lock(&mgmt_lock);
	cell = managed_cell(caller, id);
	if (!cell) {
		err = -ENOENT;
	} else {
		/* A failed cell's CPUs may still be on their way to park. */
		park_cell_cpus(cell);
		pci_cell_stopped(cell);
		if (cell->state == BH_CELL_STATE_RUNNING)
			set_state(cell, BH_CELL_STATE_SHUT_DOWN);
		err = set_loadable_mapping(cell, true);
	}
	spin_unlock(&mgmt_lock);
	return err;
}

static void fill_comm_region(struct cell *cell)
{
	struct bh_comm_region *comm = cell->comm;
	unsigned int c;

	memcpy(comm->signature, BH_COMM_SIGNATURE, sizeof(comm->signature));
	comm->revision = BH_COMM_REVISION;
	comm->msg_to_cell = BH_MSG_NONE;
	comm->reply_from_cell = BH_REPLY_NONE;
	comm->flags = 0;
	comm->cpu_count = 0;
	for_each_cell_cpu(cell, c)
		comm->cpu_count++;
	comm->console = cell->desc->console;
	comm->pci_mmconfig_base = cell->num_pci_devs ?
		hv.config->platform.pci_mmconfig_base : 0;
	arch_fill_comm_region(cell, comm);
	comm->args[BH_COMM_ARGS_SIZE - 1] = 0;
	/* The inmate may read it before it turns its caches on. */
	arch_dcache_flush(comm, sizeof(*comm));
}

/* Every CPU parked, the first one started at the entry. */
static int start_cell(struct cell *cell)
{
	unsigned int c;
	int err;

	park_cell_cpus(cell);
	err = set_loadable_mapping(cell, false);
	if (!err)
		err = flush_cell_memory(cell);
	if (err)
		return err;
	fill_comm_region(cell);
	pci_cell_reset(cell);
	for_each_cell_cpu(cell, c) {
		cell_output_flush(per_cpu(c));
		per_cpu(c)->failed = false;
	}
	set_state(cell, BH_CELL_STATE_RUNNING);
	cell->stopping = false;
	smp_mb();
	/* Before the CPU runs: its output must not split this line. */
	pr_info("cell %s started\n", cell->name);
	for_each_cell_cpu(cell, c)
		return arch_reset_cpu(c, cell->desc->cpu_reset_address, 0);
	return -EINVAL;
}

long cell_start(struct per_cpu *caller, unsigned int id)
{
	struct cell *cell;
	long err;

	spin_lock(&mgmt_lock);
	cell = managed_cell(caller, id);
	err = cell ? start_cell(cell) : -ENOENT;
	spin_unlock(&mgmt_lock);
	return err;
}

/*
 * Asks the inmate first, if it said it answers messages: -EAGAIN while
 * the question is open (the driver asks again), -EPERM if it said no.
 */
static long shutdown_locked(struct cell *cell, bool force)
{
	struct bh_comm_region *comm = cell->comm;

	if (cell->state == BH_CELL_STATE_RUNNING && !force &&
	    (comm->flags & BH_COMM_FLAG_MESSAGES)) {
		if (comm->msg_to_cell != BH_MSG_SHUTDOWN_REQUEST) {
			comm->reply_from_cell = BH_REPLY_NONE;
			smp_wmb();
			comm->msg_to_cell = BH_MSG_SHUTDOWN_REQUEST;
			return -EAGAIN;
		}
		switch (comm->reply_from_cell) {
		case BH_REPLY_NONE:
			return -EAGAIN;
		case BH_REPLY_SHUTDOWN_OK:
			break;
		default:
			comm->msg_to_cell = BH_MSG_NONE;
			pr_info("cell %s refused to shut down\n", cell->name);
			return -EPERM;
		}
	}
	park_cell_cpus(cell);
	arch_cell_quiesce_irqs(cell);
	pci_cell_stopped(cell);
	comm->msg_to_cell = BH_MSG_NONE;
	if (cell->state != BH_CELL_STATE_FAILED)
		set_state(cell, BH_CELL_STATE_SHUT_DOWN);
	pr_info("cell %s shut down\n", cell->name);
	return 0;
}

long cell_shutdown(struct per_cpu *caller, unsigned int id, bool force)
{
	struct cell *cell;
	long err;

	spin_lock(&mgmt_lock);
	cell = managed_cell(caller, id);
	err = cell ? shutdown_locked(cell, force) : -ENOENT;
	spin_unlock(&mgmt_lock);
	return err;
}

long cell_destroy(struct per_cpu *caller, unsigned int id)
{
	struct cell *cell;
	char name[BH_CELL_NAME_LEN];

	spin_lock(&mgmt_lock);
	cell = managed_cell(caller, id);
	if (!cell) {
		spin_unlock(&mgmt_lock);
		return -ENOENT;
	}
	memcpy(name, cell->name, sizeof(name));
	park_cell_cpus(cell);
	set_loadable_mapping(cell, false);
	cells[cell->id] = NULL;
	move_cpus(cell, cell, &root_cell);
	pci_cell_exit(cell);
	arch_cell_return_irqs(cell);
	arch_hv_unmap(pa_init((uintptr_t)cell->comm), BH_COMM_REGION_SIZE);
	return_memory_to_root(cell, cell->desc->num_memory_regions);
	arch_flush_cell_tlbs(&root_cell);
	arch_cell_destroy(cell);
	free_cell(cell);
	spin_unlock(&mgmt_lock);
	pr_info("cell %s destroyed\n", name);
	return 0;
}

long cell_get_state(struct per_cpu *caller, unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	if (!cell || (caller->cell != &root_cell && caller->cell != cell))
		return -ENOENT;
	return cell->state;
}

/* --- containment --- */

void cell_fail(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;
	unsigned int c;

	if (cell->state != BH_CELL_STATE_FAILED)
		pr_err("cell %s failed: stopped\n", cell->name);
	set_state(cell, BH_CELL_STATE_FAILED);
	cpu->failed = true;
	cell->stopping = true;
	arch_cell_quiesce_irqs(cell);
	pci_cell_stopped(cell);
	for_each_cell_cpu(cell, c)
		arch_request_park(c);
}

void cell_system_power(struct per_cpu *cpu, bool off)
{
	struct cell *cell = cpu->cell;
	unsigned int c;

	log_limited(&cell->log_limit, cell->name, LOG_INFO,
		    "cell %s: PSCI system %s: %s the cell only\n", cell->name,
		off ? "off" : "reset", off ? "stopping" : "restarting");
	if (off) {
		set_state(cell, BH_CELL_STATE_SHUT_DOWN);
		pci_cell_stopped(cell);
		cell->stopping = true;
		for_each_cell_cpu(cell, c)
			arch_request_park(c);
		return;
	}
	/* Restart: other CPUs park; this one starts over at the entry. */
	if (cell->stopping) {
		arch_request_park(cpu->cpu_id);
		return;
	}
	for_each_cell_cpu(cell, c)
		if (c != cpu->cpu_id)
			arch_request_park(c);
	fill_comm_region(cell);
	pci_cell_reset(cell);
	arch_restart_self(cpu, cell->desc->cpu_reset_address);
}
