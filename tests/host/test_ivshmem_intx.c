// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the virtual ivshmem device's INTx (hypervisor/pci.c and
 * ivshmem.c on the fake arch of tests/host/asm/): PCI status bit 3 and
 * INT_STATUS follow a raised interrupt until the cell acknowledges it,
 * INTx disable holds the edge back until INTx is enabled again (PCI Local
 * Bus 3.0, 6.2.2-6.2.3), and one cell's bits move nothing of another's.
 * Two cells, peers 0 and 1 of one link; the SPIs raised are recorded.
 */
#include <stdarg.h>
#include <stdlib.h>
#include "../../hypervisor/ivshmem.c"
#include "../../hypervisor/pci.c"
#include "unit.h"

#define IRQ_A	    100
#define IRQ_B	    101
#define LINK_BYTES  0x4000 /* state table, rw 4 KiB, 2 x 4 KiB out */
#define STATUS_INTX (PCI_STATUS_INTERRUPT << 16)

struct hypervisor hv;
struct cell root_cell;
static u64 fake_now = 1000000000;
static unsigned int raised[2]; /* edges sent: [0] A, [1] B */

/* --- the fake arch and the rest of the hypervisor --- */
void arch_trigger_irq(unsigned int irq)
{
	if (irq == IRQ_A || irq == IRQ_B)
		raised[irq - IRQ_A]++;
}

/* Each look at the clock a second later: the budget never holds back. */
u64 arch_time_now(void)
{
	return fake_now += 1000000000;
}
u64 arch_time_freq(void)
{
	return 1000000000;
}
void arch_timer_arm(u64 ticks)
{
	(void)ticks;
}
int arch_map_memory_region(struct cell *c, const struct bh_memory *m)
{
	(void)c, (void)m;
	return 0;
}
int arch_hv_map(paddr_t pa, u64 size)
{
	(void)pa, (void)size;
	return 0;
}
/* The link memory is a buffer of this process: 1:1 as in the hypervisor. */
void *phys_to_hv(paddr_t pa)
{
	return (void *)(uintptr_t)pa_addr(pa);
}
void arch_hv_unmap(paddr_t pa, u64 size)
{
	(void)pa, (void)size;
}
int scrub_memory(u64 phys, u64 size)
{
	memset((void *)(uintptr_t)phys, 0, size);
	return 0;
}
int root_unmap_range(u64 phys, u64 size)
{
	(void)phys, (void)size;
	return 0;
}
int root_remap_range(u64 phys, u64 size)
{
	(void)phys, (void)size;
	return 0;
}
int mmio_region_register(struct cell *c, const struct unit *u, ipaddr_t a,
			 u64 s, mmio_handler_t h, void *arg)
{
	(void)c, (void)u, (void)a, (void)s, (void)h, (void)arg;
	return 0;
}
unsigned int mmio_region_release(struct cell *c, const struct unit *u)
{
	(void)c, (void)u;
	return 0;
}
void log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	(void)level;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* --- two cells on one link --- */
static struct cell cell_a, cell_b;
static struct bh_pci_device cfg_a, cfg_b;
static struct pci_device dev_a, dev_b;
static void *link_mem;

static void setup(void)
{
	const struct bh_pci_device end = {
		.type = BH_PCI_TYPE_IVSHMEM,
		.link_id = 7,
		.max_peers = 2,
		.shmem_phys = (uintptr_t)link_mem,
		.rw_size = 0x1000,
		.out_size = 0x1000,
	};

	memset(links, 0, sizeof(links));
	cell_a = (struct cell){ .state = BH_CELL_STATE_RUNNING };
	cell_b = cell_a;
	cfg_a = end;
	cfg_a.irq = IRQ_A;
	cfg_b = end;
	cfg_b.peer_id = 1;
	cfg_b.irq = IRQ_B;
	dev_a = (struct pci_device){ .cell = &cell_a, .cfg = &cfg_a };
	dev_b = (struct pci_device){ .cell = &cell_b, .cfg = &cfg_b };
	CHECK(ivshmem_attach(&dev_a) == 0);
	CHECK(ivshmem_attach(&dev_b) == 0);
	raised[0] = raised[1] = 0;
}

static void teardown(void)
{
	ivshmem_detach(&dev_b);
	ivshmem_detach(&dev_a);
	CHECK(spin_lock_errors == 0);
}

static u32 reg(struct pci_device *dev, u64 off)
{
	struct mmio_access acc = { .size = 4 };

	CHECK(ivshmem_register_access(dev, &acc, off) == MMIO_HANDLED);
	return (u32)acc.value;
}

static void set_reg(struct pci_device *dev, u64 off, u32 val)
{
	struct mmio_access acc = { .size = 4, .is_write = true, .value = val };

	CHECK(ivshmem_register_access(dev, &acc, off) == MMIO_HANDLED);
}

/* A rings B, whose interrupts are on. */
static void ring_b(void)
{
	set_reg(&dev_a, BH_IVSHMEM_REG_DOORBELL, BH_IVSHMEM_DOORBELL(1, 0));
}

TEST(status_follows_interrupt)
{
	setup();
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_CONTROL, BH_IVSHMEM_INT_ENABLE);
	CHECK(!(config_read(&dev_b, PCI_CFG_COMMAND) & STATUS_INTX));
	ring_b();
	CHECK(raised[1] == 1 && raised[0] == 0);
	CHECK(config_read(&dev_b, PCI_CFG_COMMAND) & STATUS_INTX);
	CHECK(reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS) == 1);
	/* Another interrupt before the acknowledgement: another edge. */
	ring_b();
	CHECK(raised[1] == 2);
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS, 1);
	CHECK(reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS) == 0);
	CHECK(!(config_read(&dev_b, PCI_CFG_COMMAND) & STATUS_INTX));
	/* Writing 0 acknowledges nothing. */
	ring_b();
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS, 0);
	CHECK(reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS) == 1);
	teardown();
}

TEST(intx_disable_holds_the_edge)
{
	setup();
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_CONTROL, BH_IVSHMEM_INT_ENABLE);
	config_write(&dev_b, PCI_CFG_COMMAND, PCI_CMD_INTX_DISABLE);
	ring_b();
	CHECK(raised[1] == 0);
	CHECK(config_read(&dev_b, PCI_CFG_COMMAND) ==
	      (STATUS_INTX | PCI_CMD_INTX_DISABLE));
	config_write(&dev_b, PCI_CFG_COMMAND, 0);
	CHECK(raised[1] == 1);
	/* Enabled again while enabled, or the status 0: nothing more. */
	config_write(&dev_b, PCI_CFG_COMMAND, PCI_CMD_MEMORY);
	CHECK(raised[1] == 1);
	config_write(&dev_b, PCI_CFG_COMMAND, PCI_CMD_INTX_DISABLE);
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS, 1);
	config_write(&dev_b, PCI_CFG_COMMAND, 0);
	CHECK(raised[1] == 1);
	teardown();
}

/* uio_pci_generic's order: mask in the handler, acknowledge, unmask. */
TEST(interrupt_between_ack_and_unmask_is_sent)
{
	setup();
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_CONTROL, BH_IVSHMEM_INT_ENABLE);
	ring_b();
	config_write(&dev_b, PCI_CFG_COMMAND, PCI_CMD_INTX_DISABLE);
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS, 1);
	ring_b();
	CHECK(raised[1] == 1);
	config_write(&dev_b, PCI_CFG_COMMAND, 0);
	CHECK(raised[1] == 2);
	teardown();
}

TEST(interrupts_off_drop)
{
	setup();
	ring_b();
	CHECK(raised[1] == 0);
	CHECK(reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS) == 0);
	config_write(&dev_b, PCI_CFG_COMMAND, PCI_CMD_INTX_DISABLE);
	config_write(&dev_b, PCI_CFG_COMMAND, 0);
	CHECK(raised[1] == 0);
	teardown();
}

TEST(one_cell_moves_only_its_own)
{
	setup();
	set_reg(&dev_a, BH_IVSHMEM_REG_INT_CONTROL, BH_IVSHMEM_INT_ENABLE);
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_CONTROL, BH_IVSHMEM_INT_ENABLE);
	config_write(&dev_b, PCI_CFG_COMMAND, PCI_CMD_INTX_DISABLE);
	ring_b();
	/* A toggles its own INTx and acknowledges its own status. */
	config_write(&dev_a, PCI_CFG_COMMAND, PCI_CMD_INTX_DISABLE);
	config_write(&dev_a, PCI_CFG_COMMAND, 0);
	set_reg(&dev_a, BH_IVSHMEM_REG_INT_STATUS, 1);
	CHECK(raised[0] == 0 && raised[1] == 0);
	CHECK(reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS) == 1);
	CHECK(!(config_read(&dev_a, PCI_CFG_COMMAND) & STATUS_INTX));
	teardown();
}

TEST(reset_and_stop_clear_the_status)
{
	setup();
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_CONTROL, BH_IVSHMEM_INT_ENABLE);
	config_write(&dev_b, PCI_CFG_COMMAND, PCI_CMD_INTX_DISABLE);
	ring_b();
	ivshmem_stopped(&dev_b);
	CHECK(reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS) == 0);
	set_reg(&dev_b, BH_IVSHMEM_REG_INT_CONTROL, BH_IVSHMEM_INT_ENABLE);
	ring_b();
	ivshmem_reset(&dev_b);
	CHECK(reg(&dev_b, BH_IVSHMEM_REG_INT_STATUS) == 0);
	/* A stopped cell's unmask sends nothing. */
	cell_b.state = BH_CELL_STATE_SHUT_DOWN;
	config_write(&dev_b, PCI_CFG_COMMAND, 0);
	CHECK(raised[1] == 0);
	teardown();
}

int main(void)
{
	unit_suite = "unit/ivshmem-intx";
	link_mem = aligned_alloc(0x1000, LINK_BYTES);
	RUN(status_follows_interrupt);
	RUN(intx_disable_holds_the_edge);
	RUN(interrupt_between_ack_and_unmask_is_sent);
	RUN(interrupts_off_drop);
	RUN(one_cell_moves_only_its_own);
	RUN(reset_and_stop_clear_the_status);
	free(link_mem);
	return 0;
}
