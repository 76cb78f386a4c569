// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own address space (identity map at EL2) and the
 * stage-2 translation of cells.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/errno.h>
#include <hv/hypervisor.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/paging.h>
#include <asm/sysregs.h>

extern u64 boot_ttbr, boot_tcr;

static struct page_table hv_pt;

/* The hypervisor runs identity-mapped: physical = virtual. */
void *phys_to_hv(paddr_t pa)
{
	return (void *)(uintptr_t)pa_addr(pa);
}

paddr_t hv_to_phys(const void *p)
{
	return pa_init((uintptr_t)p);
}

/* Physical address size the CPU implements, as a TCR/VTCR PS field. */
static u64 pa_range(void)
{
	u64 r = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return r > 5 ? 5 : r; /* 48 bits at most with 4 KiB pages */
}

int arch_mmu_init(void)
{
	int err;

	err = pt_init(&hv_pt, &el2_stage1_format, &hv.pool);
	if (err)
		return err;
	err = pt_map(&hv_pt, pa_addr(hv.mem_base), hv.mem_base, hv.mem_size,
		     PT_READ | PT_WRITE | PT_EXEC);
	if (err)
		return err;
	boot_ttbr = pa_addr(hv_pt.root);
	boot_tcr = TCR_EL2_RES1 | TCR_T0SZ(48) | TCR_IRGN0_WBWA |
		   TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
		   (pa_range() << TCR_EL2_PS_SHIFT);
	return 0;
}

/* Start-up only (no lock): the pool is not shared yet. */
int arch_map_device(paddr_t pa, u64 size)
{
	int err;

	err = pt_map(&hv_pt, pa_addr(pa), pa, ALIGN_UP(size, PAGE_SIZE),
		     PT_READ | PT_WRITE | PT_DEVICE);
	dsb(ishst);
	isb();
	return err;
}

void arch_dcache_flush(const void *addr, u64 size)
{
	dcache_clean_inval_range(addr, (const u8 *)addr + size);
}

int arch_hv_map(paddr_t pa, u64 size)
{
	int err;

	spin_lock(&hv.lock);
	err = pt_map(&hv_pt, pa_addr(pa), pa, ALIGN_UP(size, PAGE_SIZE),
		     PT_READ | PT_WRITE);
	spin_unlock(&hv.lock);
	dsb(ishst);
	isb();
	return err;
}

void arch_hv_unmap(paddr_t pa, u64 size)
{
	int err;

	spin_lock(&hv.lock);
	err = pt_unmap(&hv_pt, pa_addr(pa), ALIGN_UP(size, PAGE_SIZE));
	spin_unlock(&hv.lock);
	/* Mapped whole by arch_hv_map: no block to split, no page needed. */
	if (err)
		pr_err("EL2 map: 0x%llx (+0x%llx) not unmapped (%d)\n",
		       (unsigned long long)pa_addr(pa),
		       (unsigned long long)size, err);
	dsb(ishst);
	asm volatile("tlbi alle2is" : : : "memory");
	dsb(ish);
	isb();
}

u64 arch_vtcr(void)
{
	return VTCR_RES1 | TCR_T0SZ(STAGE2_IPA_BITS) |
	       (1UL << VTCR_SL0_SHIFT) | /* start at level 1 */
	       TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
	       (pa_range() << VTCR_PS_SHIFT);
}

static u64 mem_flags_to_pt(u64 flags)
{
	u64 pt = 0;

	if (flags & BH_MEM_READ)
		pt |= PT_READ;
	if (flags & BH_MEM_WRITE)
		pt |= PT_WRITE;
	if (flags & BH_MEM_EXECUTE)
		pt |= PT_EXEC;
	if (flags & BH_MEM_IO)
		pt |= PT_DEVICE;
	return pt;
}

int arch_map_memory_region(struct cell *cell, const struct bh_memory *mem)
{
	int err;

	spin_lock(&hv.lock);
	err = pt_map(&cell->arch.stage2, mem->virt_start,
		     pa_init(mem->phys_start), mem->size,
		     mem_flags_to_pt(mem->flags));
	spin_unlock(&hv.lock);
	return err;
}

int arch_unmap_memory_region(struct cell *cell, const struct bh_memory *mem)
{
	int err;

	spin_lock(&hv.lock);
	err = pt_unmap(&cell->arch.stage2, mem->virt_start, mem->size);
	spin_unlock(&hv.lock);
	return err;
}

int arch_cell_create(struct cell *cell)
{
	int err;

	spin_lock(&hv.lock);
	err = pt_init(&cell->arch.stage2, &stage2_format, &hv.pool);
	spin_unlock(&hv.lock);
	if (err)
		return err;
	cell->arch.vttbr =
		pa_addr(cell->arch.stage2.root) | ((u64)cell->id << 48);
	return 0;
}

void arch_cell_destroy(struct cell *cell)
{
	int err;

	spin_lock(&hv.lock);
	err = pt_destroy(&cell->arch.stage2);
	spin_unlock(&hv.lock);
	if (err)
		pr_err("cell %s: stage-2 table pages lost (%d)\n", cell->name,
		       err);
}

/*
 * TLBI by VMID needs that VMID in VTTBR_EL2; flushing all VMIDs is simpler
 * and cell management is rare.
 */
void arch_flush_cell_tlbs(struct cell *cell)
{
	dsb(ishst);
	asm volatile("tlbi alle1is" : : : "memory");
	dsb(ish);
	isb();
}
