// SPDX-License-Identifier: GPL-2.0
/*
 * Enabling and disabling the hypervisor: validate the system config, load
 * the image into the reserved hypervisor memory, and move every online CPU
 * under the hypervisor through Linux's hyp stub, all of them or none.
 */
#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/slab.h>
#include <linux/stop_machine.h>
#include <linux/uaccess.h>
#include <asm/cacheflush.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include <bhlib/config-check.h>
#include <bulkhead/console.h>
#include <bulkhead/header.h>

#include "hvc.h"
#include "main.h"

/* Everything about one enable attempt. */
struct enable_ctx {
	const struct bh_system *config;
	u64 config_size;
	const struct firmware *fw;
	phys_addr_t hv_phys;
	u64 hv_size;
	phys_addr_t vectors;	    /* bootstrap vectors, physical */
	unsigned long stub_vectors; /* Linux's hyp stub, physical */
	cpumask_t cpus;		    /* online CPUs the config was checked for */
	unsigned int master;
	unsigned int num_cpus;
	atomic_t master_state; /* 0 pending, 1 up, -1 failed */
	atomic_t done;
	atomic_t failed;
};

static void report_config(void *arg, int severity, const char *msg)
{
	if (severity == BH_CHECK_ERROR)
		bh_err("config: %s", msg);
	else
		bh_warn("config: %s", msg);
}

/* Can a module reach EL2 through Linux's hyp stub on this machine? */
static int check_cpu_mode(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);

	/*
	 * With VHE (HCR_EL2.E2H, Arm ARM D1.2.4) the kernel itself runs at
	 * EL2 and there is no hyp stub beneath it: an hvc would be taken by
	 * its own vectors. Read CurrentEL before any hvc. The one fix is the
	 * boot command line: vh=0 keeps the kernel at EL1 over the stub,
	 * kvm-arm.mode=none keeps KVM from taking EL2 instead.
	 */
	if (read_sysreg(CurrentEL) != CurrentEL_EL1) {
		bh_err("Linux runs at EL2 with VHE, where the hypervisor must run: boot it with id_aa64mmfr1.vh=0 kvm-arm.mode=none");
		return -ENODEV;
	}
	if (((pfr0 >> ID_AA64PFR0_EL1_EL2_SHIFT) & 0xf) == 0) {
		bh_err("this CPU has no EL2");
		return -ENODEV;
	}
	if (bh_stub_call(BH_STUB_PROBE, 0) != BH_STUB_ERR) {
		bh_err("EL2 is not held by Linux's hyp stub (KVM in use? boot with kvm-arm.mode=none)");
		return -EBUSY;
	}
	return 0;
}

/* The stub's vectors are not exported: find them through kallsyms. */
static int find_stub_vectors(unsigned long *phys)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*lookup)(const char *name);
	unsigned long va;
	int err;

	err = register_kprobe(&kp);
	if (err) {
		bh_err("cannot locate kallsyms_lookup_name (%d)", err);
		return err;
	}
	lookup = (void *)kp.addr;
	unregister_kprobe(&kp);
	va = lookup("__hyp_stub_vectors");
	if (!va) {
		bh_err("cannot locate __hyp_stub_vectors");
		return -ENOENT;
	}
	*phys = __pa_symbol(va);
	return 0;
}

static int copy_config(struct enable_ctx *ctx,
		       struct bulkhead_config_arg __user *uarg)
{
	struct bulkhead_config_arg arg;
	void *buf;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.size < sizeof(struct bh_system)) {
		bh_err("config: file is %llu bytes, smaller than the %zu-byte system header",
		       arg.size, sizeof(struct bh_system));
		return -EINVAL;
	}
	if (arg.size > BULKHEAD_MAX_CONFIG_SIZE) {
		bh_err("config: file is %llu bytes, more than the %u allowed",
		       arg.size, BULKHEAD_MAX_CONFIG_SIZE);
		return -E2BIG;
	}
	buf = memdup_user(u64_to_user_ptr(arg.address), arg.size);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	ctx->config = buf;
	ctx->config_size = arg.size;
	return 0;
}

/*
 * Linux drives every GIC ITS its device tree enables (PCIe MSIs, LPIs on
 * in every redistributor): the hypervisor must keep it (gits_base), or
 * it would refuse later with less to say.
 */
static int check_its_against_linux(const struct bh_system *sys)
{
	u64 gits = sys->platform.arm64.gits_base;
	struct device_node *np;
	struct resource res;
	int err = 0;

	for_each_compatible_node(np, NULL, "arm,gic-v3-its")
	{
		if (!of_device_is_available(np) ||
		    of_address_to_resource(np, 0, &res) || res.start == gits)
			continue;
		bh_err("config: Linux drives a GIC ITS at 0x%llx (PCIe MSIs) but platform.arm64.gits_base is 0x%llx: name it there (the hypervisor keeps it for the root cell)",
		       (unsigned long long)res.start, gits);
		err = -EINVAL;
	}
	return err;
}

/* What only Linux can tell: which CPUs are online, where its RAM is. */
static int check_config_against_linux(struct enable_ctx *ctx)
{
	const struct bh_system *sys = ctx->config;
	const struct bh_memory *hvm = &sys->hypervisor_memory;
	const void *arrays = bh_system_root_arrays(sys);
	unsigned int cpu;
	int err = 0;

	for_each_online_cpu(cpu)
	{
		if (!bh_cell_cpu_is_set(&sys->root_cell, arrays, cpu)) {
			bh_err("config: root_cell.cpu_set: CPU %u is online but not in the root cell",
			       cpu);
			err = -EINVAL;
		}
	}
	for (cpu = 0; cpu < sys->root_cell.cpu_set_size * 8; cpu++) {
		if (bh_cell_cpu_is_set(&sys->root_cell, arrays, cpu) &&
		    !cpu_online(cpu)) {
			bh_err("config: root_cell.cpu_set: CPU %u is not online; bring it online before enabling",
			       cpu);
			err = -EINVAL;
		}
	}
	if (region_intersects(hvm->phys_start, hvm->size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		bh_err("config: hypervisor_memory [0x%llx-0x%llx] overlaps Linux RAM: reserve it (no-map) in the device tree",
		       hvm->phys_start, hvm->phys_start + hvm->size - 1);
		err = -EINVAL;
	}
	if (check_its_against_linux(sys))
		err = -EINVAL;
	return err;
}

static int load_image(struct enable_ctx *ctx)
{
	const struct bh_hv_header *hdr;
	u64 percpu_end, needed;
	int err;

	err = request_firmware(&ctx->fw, BULKHEAD_FIRMWARE, bh_root_dev);
	if (err) {
		bh_err("cannot load /lib/firmware/%s (%d)", BULKHEAD_FIRMWARE,
		       err);
		return err;
	}
	hdr = (const void *)ctx->fw->data;
	if (ctx->fw->size < sizeof(*hdr) ||
	    memcmp(hdr->signature, BH_HV_SIGNATURE, sizeof(hdr->signature))) {
		bh_err("%s is not a Bulkhead hypervisor image",
		       BULKHEAD_FIRMWARE);
		return -EINVAL;
	}
	if (hdr->revision != BH_HV_HEADER_REVISION) {
		bh_err("%s has header revision %u, driver expects %u",
		       BULKHEAD_FIRMWARE, hdr->revision, BH_HV_HEADER_REVISION);
		return -EINVAL;
	}
	pr_info("bulkhead: hypervisor image %s found: %zu bytes, core %u bytes\n",
		BULKHEAD_FIRMWARE, ctx->fw->size, hdr->core_size);
	if (nr_cpu_ids > hdr->max_cpus) {
		bh_err("the system has %u possible CPUs, but the hypervisor was built for %u (CONFIG_MAX_CPUS)",
		       nr_cpu_ids, hdr->max_cpus);
		return -E2BIG;
	}
	if (ctx->fw->size > hdr->core_size) {
		bh_err("%s is corrupt: %zu bytes, more than its core_size %u",
		       BULKHEAD_FIRMWARE, ctx->fw->size, hdr->core_size);
		return -EINVAL;
	}
	percpu_end =
		(u64)hdr->core_size + (u64)hdr->max_cpus * hdr->percpu_size;
	needed = ALIGN(percpu_end, 8) + ctx->config_size;
	if (needed + SZ_64K > ctx->hv_size) {
		bh_err("config: hypervisor_memory is %llu bytes, the hypervisor needs %llu plus its page pool",
		       ctx->hv_size, needed);
		return -ENOMEM;
	}
	return 0;
}

/* Makes the copied image visible to EL2 with its MMU and caches off. */
void bh_clean_to_poc(void *start, size_t size)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long p = (unsigned long)start & ~(line - 1);

	for (; p < (unsigned long)start + size; p += line)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	dsb(sy);
}

static int install_image(struct enable_ctx *ctx)
{
	struct bh_hv_header *hdr;
	u64 offset;
	void *mem;

	mem = memremap(ctx->hv_phys, ctx->hv_size, MEMREMAP_WB);
	if (!mem) {
		bh_err("cannot map hypervisor memory at 0x%llx",
		       (u64)ctx->hv_phys);
		return -ENOMEM;
	}
	/* Zeroing also clears the image's bss and the per-CPU areas. */
	memset(mem, 0, ctx->hv_size);
	memcpy(mem, ctx->fw->data, ctx->fw->size);
	hdr = mem;
	offset = ALIGN((u64)hdr->core_size +
			       (u64)hdr->max_cpus * hdr->percpu_size,
		       8);
	memcpy(mem + offset, ctx->config, ctx->config_size);
	hdr->online_cpus = num_online_cpus();
	hdr->possible_cpus = nr_cpu_ids;
	hdr->stub_vectors = ctx->stub_vectors;
	hdr->config_offset = offset;
	hdr->config_size = ctx->config_size;
	ctx->vectors = ctx->hv_phys + hdr->entry;
	bh.max_cpus = hdr->max_cpus;

	caches_clean_inval_pou((unsigned long)mem,
			       (unsigned long)mem + ctx->fw->size);
	bh_clean_to_poc(mem, ctx->hv_size);
	memunmap(mem);
	return 0;
}

static int enter_this_cpu(struct enable_ctx *ctx, unsigned int cpu)
{
	if (bh_stub_call(BH_STUB_SET_VECTORS, ctx->vectors) != 0)
		return -EIO;
	return bh_hv_enter(cpu);
}

/*
 * Runs on every online CPU at once, interrupts off (stop_machine). The
 * master enters first and sets the hypervisor up; the others follow; if
 * any CPU failed, those that got in leave again.
 */
static int enable_on_cpu(void *data)
{
	struct enable_ctx *ctx = data;
	unsigned int cpu = smp_processor_id();
	int state, err;

	/* stop_machine holds the hotplug lock: the mask cannot change now. */
	if (!cpumask_equal(cpu_online_mask, &ctx->cpus))
		return -EAGAIN;
	if (cpu == ctx->master) {
		err = enter_this_cpu(ctx, cpu);
		atomic_set_release(&ctx->master_state, err ? -1 : 1);
	} else {
		while (!(state = atomic_read_acquire(&ctx->master_state)))
			cpu_relax();
		err = state > 0 ? enter_this_cpu(ctx, cpu) : -ECANCELED;
	}
	if (err)
		atomic_inc(&ctx->failed);
	atomic_inc(&ctx->done);
	while (atomic_read_acquire(&ctx->done) < ctx->num_cpus)
		cpu_relax();
	if (atomic_read(&ctx->failed) && !err)
		bh_hypercall(BH_HC_DISABLE, 0, 0);
	return err;
}

static int disable_on_cpu(void *data)
{
	long err;

	/* A CPU Linux took offline is parked in the hypervisor. */
	if (!cpumask_equal(cpu_online_mask, &bh.cpus))
		return -EAGAIN;
	err = bh_hypercall(BH_HC_DISABLE, 0, 0);

	if (err)
		atomic_inc((atomic_t *)data);
	return err;
}

static int validate(struct enable_ctx *ctx)
{
	struct bh_check_ctx check = {
		.report = report_config,
	};
	int err;

	err = bh_check_system(&check, ctx->config, ctx->config_size,
			      nr_cpu_ids);
	if (err)
		return err;
	ctx->hv_phys = ctx->config->hypervisor_memory.phys_start;
	ctx->hv_size = ctx->config->hypervisor_memory.size;
	return check_config_against_linux(ctx);
}

int bh_enable(struct bulkhead_config_arg __user *uarg)
{
	struct enable_ctx ctx = {};
	unsigned int hv_console_off;
	int err, pci_err;

	if (bh.enabled)
		return -EBUSY;
	err = check_cpu_mode();
	if (err)
		return err;
	err = copy_config(&ctx, uarg);
	if (err)
		return err;

	cpus_read_lock();
	cpumask_copy(&ctx.cpus, cpu_online_mask);
	err = validate(&ctx);
	if (err)
		goto out;
	err = load_image(&ctx);
	if (err)
		goto out;
	err = find_stub_vectors(&ctx.stub_vectors);
	if (err)
		goto out;
	err = install_image(&ctx);
	cpus_read_unlock();
	if (err)
		goto out_free;

	ctx.master = cpumask_first(&ctx.cpus);
	ctx.num_cpus = cpumask_weight(&ctx.cpus);
	err = stop_machine(enable_on_cpu, &ctx, &ctx.cpus);
	if (err == -EAGAIN)
		bh_err("a CPU went on- or offline during enable; try again");
	if (err) {
		bh_err("enable failed (%d); Linux is unchanged (hypervisor log: console at the UART)",
		       err);
		goto out_free;
	}

	hv_console_off =
		((const struct bh_hv_header *)ctx.fw->data)->console_offset;
	bh.console = memremap(ctx.hv_phys + hv_console_off,
			      BH_CONSOLE_AREA_SIZE, MEMREMAP_WB);
	cpumask_copy(&bh.cpus, &ctx.cpus);
	bh.config = (struct bh_system *)ctx.config;
	ctx.config = NULL;
	bh.enabled = true;
	__module_get(THIS_MODULE);
	pr_info("bulkhead: hypervisor enabled on %u CPUs\n", ctx.num_cpus);
	/* The hypervisor runs without it: a failure costs only the devices. */
	pci_err = bh_pci_create();
	if (pci_err)
		bh_warn("no virtual PCI bus (%d): the root cell's ivshmem devices are missing",
			pci_err);
	goto out_free;
out:
	cpus_read_unlock();
out_free:
	release_firmware(ctx.fw);
	kfree(ctx.config);
	return err;
}

int bh_disable(void)
{
	atomic_t failed = ATOMIC_INIT(0);
	int err;

	if (!bh.enabled)
		return -EINVAL;
	if (!list_empty(&bh.cells)) {
		bh_err("disable: destroy all cells first");
		return -EBUSY;
	}
	if (bh_ivshmem_in_use()) {
		bh_err("disable: an ivshmem device is open or mapped; close it first");
		return -EBUSY;
	}
	/* Its config accesses and registers are emulated: the bus goes first. */
	bh_pci_remove();
	err = stop_machine(disable_on_cpu, &failed, &bh.cpus);
	if (err == -EAGAIN)
		bh_err("disable: bring every CPU online first");
	if (err) {
		bh_err("disable failed (%d) on %d CPUs", err,
		       atomic_read(&failed));
		if (bh_pci_create())
			bh_warn("the virtual PCI bus could not be restored");
		return err;
	}
	if (bh.console)
		memunmap((void *)bh.console);
	bh.console = NULL;
	kfree(bh.config);
	bh.config = NULL;
	bh.enabled = false;
	module_put(THIS_MODULE);
	pr_info("bulkhead: hypervisor disabled\n");
	return 0;
}
