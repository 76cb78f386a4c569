// SPDX-License-Identifier: GPL-2.0
/*
 * Console output: every message goes to the log ring that Linux reads
 * (`bulkhead console`), and to the debug UART when one is configured. The
 * hypervisor's own messages go to the own ring as well, which nothing a
 * cell prints or provokes reaches (include/bulkhead/console.h).
 */
#include <hv/console.h>
#include <hv/control.h>
#include <hv/string.h>
#include <asm/barrier.h>
#include <asm/spinlock.h>
#include <bulkhead/console.h>

#define RING_SIZE CONFIG_CONSOLE_RING_SIZE

#define OWN_RING_SIZE                                   \
	(BH_CONSOLE_AREA_SIZE - BH_CONSOLE_OWN_OFFSET - \
	 sizeof(struct bh_console_ring))

BH_STATIC_ASSERT(sizeof(struct bh_console_ring) + RING_SIZE <=
			 BH_CONSOLE_OWN_OFFSET,
		 "CONFIG_CONSOLE_RING_SIZE too large");

/* Page aligned so it can be mapped read-only into the root cell. */
union console_area {
	struct bh_console_ring ring;
	u8 bytes[BH_CONSOLE_AREA_SIZE];
	struct {
		u8 log[BH_CONSOLE_OWN_OFFSET];
		struct bh_console_ring own;
	};
} console_ring __attribute__((aligned(BH_CONSOLE_AREA_SIZE),
			      section(".bss.page_aligned")));

static spinlock_t console_lock = SPINLOCK_INIT;
static uintptr_t uart_base;
static u16 uart_type;

int console_init(const struct bh_console *con)
{
	struct bh_console_ring *ring = &console_ring.ring;
	int err;

	memcpy(ring->signature, BH_CONSOLE_SIGNATURE, sizeof(ring->signature));
	ring->size = RING_SIZE;
	memcpy(console_ring.own.signature, BH_CONSOLE_SIGNATURE,
	       sizeof(ring->signature));
	console_ring.own.size = OWN_RING_SIZE;
#ifndef CONFIG_DEBUG_CONSOLE
	return 0;
#endif
	if (con->type == BH_CON_NONE)
		return 0;
	err = arch_map_device(pa_init(con->address), PAGE_SIZE);
	if (err)
		return err;
	uart_base = con->address;
	uart_type = con->type;
	return 0;
}

static void uart_putc(char c)
{
	if (uart_type == BH_CON_PL011)
		uart_pl011_putc(uart_base, c);
}

static void put_byte(struct bh_console_ring *ring, u32 size, char c)
{
	ring->buf[ring->written % size] = c;
	/* The reader checks `written` after copying: order the byte first. */
	smp_wmb();
	ring->written++;
}

static void write_locked(const char *buf, size_t len, bool own)
{
	size_t i;

	for (i = 0; i < len; i++) {
		put_byte(&console_ring.ring, RING_SIZE, buf[i]);
		if (own)
			put_byte(&console_ring.own, OWN_RING_SIZE, buf[i]);
		if (uart_base) {
			if (buf[i] == '\n')
				uart_putc('\r');
			uart_putc(buf[i]);
		}
	}
}

void console_write(const char *buf, size_t len)
{
	spin_lock(&console_lock);
	write_locked(buf, len, true);
	spin_unlock(&console_lock);
}

void console_write_cell(const char *buf, size_t len)
{
	spin_lock(&console_lock);
	write_locked(buf, len, false);
	spin_unlock(&console_lock);
}
