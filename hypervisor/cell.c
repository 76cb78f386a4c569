// SPDX-License-Identifier: GPL-2.0
/*
 * Cells: the root cell from the system config, and the lifecycle of
 * non-root cells. A non-root cell takes its CPUs, memory and interrupts
 * from the root cell at creation and gives them back, memory scrubbed, at
 * destruction. Management calls come from the root cell's driver one at a
 * time (mgmt_lock); fault containment can hit a cell at any moment and only
 * flags it failed and parks its CPUs.
 *
 * Stopping a cell's CPUs races with the cell's own PSCI CPU_ON, which
 * releases a parked sibling. These rules make every stop catch every CPU
 * (Documentation/architecture.md#locking):
 * - A parked CPU leaves the parked state (PSCI state OFF -> ON_PENDING,
 *   arch_reset_cpu) only under hv.lock: by PSCI CPU_ON of its own cell
 *   while cell->stopping is clear and the caller has not been asked to
 *   park (psci.c), or by cell start (start_cell). A CPU restarting itself
 *   (SYSTEM_RESET) decides so under hv.lock too, and only while its cell
 *   is not stopping (cpu_park).
 * - cell->stopping is set and cleared only under hv.lock. Whoever sets it
 *   asks, in the same hold of the lock, every CPU of the cell that is not
 *   parked to park (stop_cpus_locked).
 * - A CPU changes cells under hv.lock, parked, while no running CPU could
 *   release it (hand_over_cpus).
 * So a CPU_ON either released its target before a stop, which then finds
 * the target no longer OFF and asks it to park too, or comes after and is
 * denied. From a stop on, the cell's CPUs can only park: waiting for each
 * to read OFF, in any order, leaves all of them parked until the next
 * start.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <hv/page_alloc.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/unit.h>
#include <asm/barrier.h>
#include <bhlib/config-check.h>
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
		.phys_start =
			pa_addr(hv.mem_base) + bh_hv_header.console_offset,
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
		err = units_cell_init(&root_cell);
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

	err = bh_check_cell(&check, cell->desc, size,
			    bh_hv_header.possible_cpus);
	if (err)
		return err;
	for (id = 1; id < MAX_CELLS; id++)
		if (cells[id])
			others[n++] = cells[id]->desc;
	return bh_check_cell_in_system(&check, hv.config, cell->desc, others,
				       n);
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

/* Under hv.lock: the first CPU of the cell that is not parked, or -1. */
static int first_unparked_cpu(struct cell *cell)
{
	unsigned int c;

	for_each_cell_cpu(cell, c)
		if (!arch_cpu_parked(c))
			return c;
	return -1;
}

/*
 * Under hv.lock, every CPU of the cell parked: they change owner. Only the
 * owner can release a parked CPU (PSCI CPU_ON looks the target up in the
 * caller's cell under the same lock), so none starts in the wrong cell.
 */
static void hand_over_cpus(struct cell *cell, struct cell *from,
			   struct cell *to)
{
	unsigned int c;

	for_each_cell_cpu(cell, c) {
		struct per_cpu *cpu = per_cpu(c);

		/* Parked: what the old cell printed is flushed as its own. */
		cell_output_flush(cpu);
		cpu->cell = to;
		cpu->failed = false;
		from->cpus &= ~(1ULL << c);
		to->cpus |= 1ULL << c;
	}
}

/* What the architecture keeps of the old owner, while no CPU can run. */
static void move_cpus_arch(struct cell *cell, struct cell *from,
			   struct cell *to)
{
	unsigned int c;

	for_each_cell_cpu(cell, c)
		if (arch_cell_move_cpu(per_cpu(c), from, to))
			pr_err("CPU %u: not moved to cell %s\n", c, to->name);
}

static void free_cell(struct cell *cell)
{
	int err;

	if (cell->config_npages) {
		spin_lock(&hv.lock);
		err = page_free(&hv.pool, cell->config_pages,
				cell->config_npages);
		spin_unlock(&hv.lock);
		if (err)
			pr_err("cell %s: config pages lost (%d)\n", cell->name,
			       err);
	}
	memset(cell, 0, sizeof(*cell));
}

static long create_locked(u64 config_ipa, u64 size)
{
	static struct cell cell_storage[MAX_CELLS];
	struct cell *cell = NULL;
	unsigned int id;
	int busy;
	long err;

	for (id = 1; id < MAX_CELLS && !cell; id++)
		if (!cells[id])
			cell = &cell_storage[id];
	if (!cell)
		return -ENOMEM;
	cell->id = cell - cell_storage;
	/* Its CPUs stay parked until it is started. */
	cell->stopping = true;

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
	err = check_memory_returnable(cell);
	if (!err)
		err = take_memory_from_root(cell);
	if (err)
		goto err_unmap_comm;
	err = units_cell_init(cell);
	if (err)
		goto err_return_memory;
	/*
	 * Checked again where they change owner: the root cell may have
	 * released one (CPU_ON) since check_cpus_parked. From the hand-over
	 * on, nobody can: the new cell is stopped.
	 */
	spin_lock(&hv.lock);
	busy = first_unparked_cpu(cell);
	if (busy < 0)
		hand_over_cpus(cell, &root_cell, cell);
	spin_unlock(&hv.lock);
	if (busy >= 0) {
		pr_err("cell %s: CPU %d is online in the root cell again\n",
		       cell->name, busy);
		err = -EBUSY;
		goto err_units_exit;
	}

	/* From here on nothing fails: the cell owns its resources. */
	units_cell_commit(cell);
	move_cpus_arch(cell, &root_cell, cell);
	cells[cell->id] = cell;
	pr_info("cell %s created (id %u)\n", cell->name, cell->id);
	return cell->id;

err_units_exit:
	units_cell_exit(cell);
err_return_memory:
	return_memory_to_root(cell, cell->desc->num_memory_regions);
	arch_flush_cell_tlbs(&root_cell);
err_unmap_comm:
	arch_hv_unmap(hv_to_phys(cell->comm), BH_COMM_REGION_SIZE);
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
 * Under hv.lock: no CPU of the cell may be released any more, and those
 * not parked are asked to park (the rules at the top of this file).
 */
static void stop_cpus_locked(struct cell *cell)
{
	unsigned int c;

	cell->stopping = true;
	for_each_cell_cpu(cell, c)
		arch_request_park(c);
}

static void stop_cell_cpus(struct cell *cell)
{
	spin_lock(&hv.lock);
	stop_cpus_locked(cell);
	spin_unlock(&hv.lock);
}

/*
 * Stops the cell's CPUs and waits until each is parked; they stay parked
 * until the cell is started. The last check cannot fail while the rules
 * at the top hold; if it ever did, management refuses (-EBUSY) rather
 * than hand the memory or the CPUs of a running CPU to someone else.
 */
static int park_cell_cpus(struct cell *cell)
{
	unsigned int c;
	int busy;

	stop_cell_cpus(cell);
	for_each_cell_cpu(cell, c)
		arch_wait_cpu_parked(c);
	spin_lock(&hv.lock);
	busy = first_unparked_cpu(cell);
	spin_unlock(&hv.lock);
	if (busy >= 0) {
		pr_err("cell %s: CPU %d did not park\n", cell->name, busy);
		return -EBUSY;
	}
	return 0;
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
		err = park_cell_cpus(cell);
	}
	if (!err) {
		units_cell_stopped(cell);
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
	arch_fill_comm_region(cell, comm);
	comm->args[BH_COMM_ARGS_SIZE - 1] = 0;
}

/*
 * The cell's CPUs start afresh: a new communication region, the units'
 * state reset (they fill in their part of the region).
 */
static void reset_cell(struct cell *cell)
{
	fill_comm_region(cell);
	units_cell_reset(cell);
	/* The inmate may read it before it turns its caches on. */
	arch_dcache_flush(cell->comm, sizeof(*cell->comm));
}

/* Under hv.lock: where the boot CPU starts, and its x0. */
static u64 boot_entry(const struct cell *cell)
{
	return cell->boot.set ? cell->boot.entry :
				cell->desc->cpu_reset_address;
}

static u64 boot_context(const struct cell *cell)
{
	return cell->boot.set ? cell->boot.dtb : 0;
}

/* The cell's first CPU, by number. */
static int first_cpu(struct cell *cell)
{
	unsigned int c;

	for_each_cell_cpu(cell, c)
		return c;
	return -1;
}

/* Every CPU parked, the first one started at the entry. */
static int start_cell(struct cell *cell)
{
	int first = first_cpu(cell);
	unsigned int c;
	int err;

	if (first < 0)
		return -EINVAL;
	err = park_cell_cpus(cell);
	if (!err)
		err = set_loadable_mapping(cell, false);
	if (!err)
		err = flush_cell_memory(cell);
	if (err)
		return err;
	reset_cell(cell);
	for_each_cell_cpu(cell, c) {
		cell_output_flush(per_cpu(c));
		per_cpu(c)->failed = false;
	}
	set_state(cell, BH_CELL_STATE_RUNNING);
	/*
	 * Before the CPU runs: its output must not split this line. The
	 * release cannot fail: the cell is still stopped, all CPUs parked.
	 */
	pr_info("cell %s started\n", cell->name);
	spin_lock(&hv.lock);
	cell->stopping = false;
	err = arch_reset_cpu(first, boot_entry(cell), boot_context(cell));
	spin_unlock(&hv.lock);
	return err ? -EBUSY : 0;
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
	int err;

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
	err = park_cell_cpus(cell);
	if (err)
		return err;
	units_cell_stopped(cell);
	/* The boot the root set lasts until the root shuts the cell down. */
	spin_lock(&hv.lock);
	cell->boot.set = false;
	spin_unlock(&hv.lock);
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
	int err;

	spin_lock(&mgmt_lock);
	cell = managed_cell(caller, id);
	err = cell ? park_cell_cpus(cell) : -ENOENT;
	/* Before anything changes: the memory must find its way back. */
	if (!err)
		err = check_memory_returnable(cell);
	if (err) {
		spin_unlock(&mgmt_lock);
		return err;
	}
	memcpy(name, cell->name, sizeof(name));
	/*
	 * Logged inside; the memory goes back to the root cell below anyway,
	 * so a mapping left in place leaks nothing to anyone else.
	 */
	if (set_loadable_mapping(cell, false))
		pr_err("cell %s: destroyed with its loadable mapping in the root cell\n",
		       cell->name);
	cells[cell->id] = NULL;
	/*
	 * The stopped cell cannot release its parked CPUs: their frames move
	 * first, then the CPUs, which root's CPU_ON may release from then on.
	 */
	move_cpus_arch(cell, cell, &root_cell);
	spin_lock(&hv.lock);
	hand_over_cpus(cell, cell, &root_cell);
	spin_unlock(&hv.lock);
	units_cell_exit(cell);
	arch_hv_unmap(hv_to_phys(cell->comm), BH_COMM_REGION_SIZE);
	return_memory_to_root(cell, cell->desc->num_memory_regions);
	arch_flush_cell_tlbs(&root_cell);
	arch_cell_destroy(cell);
	free_cell(cell);
	spin_unlock(&mgmt_lock);
	pr_info("cell %s destroyed\n", name);
	return 0;
}

/*
 * Only while the cell does not run: a running cell's SYSTEM_RESET would
 * otherwise restart it somewhere its owner did not load. The hypervisor
 * checks for itself what the driver checked (config-place.c).
 */
long cell_set_boot(struct per_cpu *caller, unsigned int id, u64 entry, u64 dtb)
{
	struct bh_check_ctx check = {
		.report = report_config_error,
		.file = "cell boot",
	};
	struct cell *cell;
	long err = 0;

	spin_lock(&mgmt_lock);
	cell = managed_cell(caller, id);
	if (!cell)
		err = -ENOENT;
	else if (cell->state == BH_CELL_STATE_RUNNING)
		err = -EBUSY;
	else if (bh_check_cell_boot(&check, cell->desc, 0, entry, dtb))
		err = -EINVAL;
	if (!err) {
		spin_lock(&hv.lock);
		cell->boot.set = true;
		cell->boot.entry = entry;
		cell->boot.dtb = dtb;
		spin_unlock(&hv.lock);
	}
	spin_unlock(&mgmt_lock);
	return err;
}

long cell_get_state(struct per_cpu *caller, unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	if (!cell || (caller->cell != &root_cell && caller->cell != cell))
		return -ENOENT;
	return cell->state;
}

/* --- containment --- */

/*
 * The failing CPU and its siblings park at their next exit; the root
 * cell's management may be stopping the cell at the same time (it waits
 * for this CPU to park, so it finds the cell failed).
 */
void cell_fail(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;

	if (cell->state != BH_CELL_STATE_FAILED)
		pr_err("cell %s failed: stopped\n", cell->name);
	set_state(cell, BH_CELL_STATE_FAILED);
	cpu->failed = true;
	stop_cell_cpus(cell);
	units_cell_stopped(cell);
}

/*
 * SYSTEM_OFF stops the cell as shutdown does; SYSTEM_RESET parks the other
 * CPUs and restarts this one at the entry, without waiting for them. A
 * cell already stopping (management, containment, a sibling's SYSTEM_OFF)
 * only parks this CPU: a failed cell stays failed, and the restart cannot
 * undo a stop.
 */
void cell_system_power(struct per_cpu *cpu, bool off)
{
	struct cell *cell = cpu->cell;
	bool stopped;
	unsigned int c;

	log_limited(&cell->log_limit, cell->name, LOG_INFO,
		    "cell %s: PSCI system %s: %s the cell only\n", cell->name,
		    off ? "off" : "reset", off ? "stopping" : "restarting");
	spin_lock(&hv.lock);
	stopped = cell->stopping;
	if (stopped) {
		arch_request_park(cpu->cpu_id);
	} else if (off) {
		set_state(cell, BH_CELL_STATE_SHUT_DOWN);
		stop_cpus_locked(cell);
	} else {
		for_each_cell_cpu(cell, c)
			if (c != cpu->cpu_id)
				arch_request_park(c);
		arch_restart_self(cpu, boot_entry(cell), boot_context(cell));
	}
	spin_unlock(&hv.lock);
	if (stopped)
		return;
	if (off) {
		units_cell_stopped(cell);
		return;
	}
	reset_cell(cell);
}
