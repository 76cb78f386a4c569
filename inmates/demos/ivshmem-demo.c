// SPDX-License-Identifier: GPL-2.0
/*
 * ivshmem-demo: the inmate's end of the root <-> inmate ping-pong
 * (include/bulkhead/ivshmem-demo.h), on the first ivshmem device of the
 * cell. It is the responder, peer 1; the root cell's tools/ivshmem-demo
 * sends the requests. It answers every request, checking its checksum and
 * content, prints its totals when a run ends, and waits for the next run
 * when the root side goes away.
 *
 * Args: irq=INTID (default: the device's INTID register);
 * attack=peer-out writes into the root's output section instead, which
 * must stop the cell (isolation test).
 */
#include "ivshmem-msg.h"

static struct ivshmem_device dev;

/* A write the hypervisor must refuse: the cell is stopped at it. */
static void attack_peer_out(unsigned int peer)
{
	uintptr_t target = (uintptr_t)ivshmem_out(&dev, peer);

	printk("ivshmem-demo: attack: writing peer %u's output section at 0x%lx\n",
	       peer, (unsigned long)target);
	mmio_write32(target, 0x0badc0de);
	dsb(sy);
	printk("ivshmem-demo: attack survived\n");
}

void inmate_main(void)
{
	unsigned int peer = BH_DEMO_ROOT_PEER;
	struct responder r;
	char buf[16];
	const char *attack;
	long irq;
	int err;

	err = ivshmem_open(&dev, 0);
	if (err) {
		printk("ivshmem-demo: no ivshmem device (%d)\n", err);
		comm_idle("ivshmem-demo");
	}
	if (dev.out_size < BH_DEMO_PAYLOAD_OFFSET) {
		printk("ivshmem-demo: output sections of %llu bytes hold no message\n",
		       (unsigned long long)dev.out_size);
		comm_idle("ivshmem-demo");
	}
	irq = cmdline_parse_int("irq", dev.irq);
	printk("ivshmem-demo: link %u, peer %u of %u, rw %llu bytes, out %llu bytes, irq %ld\n",
	       dev.link_id, dev.id, dev.max_peers,
	       (unsigned long long)dev.rw_size,
	       (unsigned long long)dev.out_size, irq);
	if (dev.id == peer) {
		printk("ivshmem-demo: peer %u is the root's, not an inmate's\n",
		       peer);
		comm_idle("ivshmem-demo");
	}

	attack = cmdline_parse_str("attack", buf, sizeof(buf), "");
	if (!strcmp(attack, "peer-out")) {
		attack_peer_out(peer);
		comm_idle("ivshmem-demo");
	} else if (attack[0]) {
		printk("ivshmem-demo: unknown attack %s\n", attack);
	}

	err = ivshmem_enable_irq(&dev, irq);
	if (err) {
		printk("ivshmem-demo: interrupt %ld: error %d\n", irq, err);
		comm_idle("ivshmem-demo");
	}
	comm_set_accepts_messages();
	responder_start(&r, &dev, peer);
	printk("ivshmem-demo: ready, waiting for peer %u\n", peer);

	for (;;) {
		responder_wait(&r);
		demo_check_shutdown(&dev, "ivshmem-demo");
		switch (responder_poll(&r)) {
		case RESP_READY:
			printk("ivshmem-demo: peer %u ready\n", peer);
			break;
		case RESP_LEFT:
			/* Requests of a run that did not end are dropped. */
			if (r.requests)
				printk("ivshmem-demo: peer %u left in a run, after %u requests\n",
				       peer, r.requests);
			else
				printk("ivshmem-demo: peer %u left\n", peer);
			responder_reset_totals(&r);
			break;
		case RESP_DONE:
			printk(BH_DEMO_TOTALS_FMT, r.requests,
			       (unsigned long long)r.bytes, r.errors);
			responder_finish_run(&r);
			break;
		default:
			break;
		}
	}
}
