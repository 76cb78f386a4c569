/* SPDX-License-Identifier: GPL-2.0 */
/* State shared by the files of the driver. */
#ifndef _BULKHEAD_DRIVER_MAIN_H
#define _BULKHEAD_DRIVER_MAIN_H

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <bulkhead/cell-config.h>
#include <bulkhead/ioctl.h>

#define BH_MAX_CELLS 8 /* as the hypervisor's MAX_CELLS */

/* A non-root cell the driver created. */
struct bh_cell {
	struct list_head list;
	unsigned int id;
	struct bh_cell_desc *desc; /* the config, as validated */
	u64 size;
	cpumask_t cpus;
	struct kobject kobj; /* /sys/devices/bulkhead/cells/<id> */
	bool kobj_added;
	bool loaded; /* its last load worked: it may start */
};

struct bh_driver {
	struct mutex lock; /* everything below */
	bool enabled;
	struct bh_system *config; /* copy of the enabled system config */
	unsigned int max_cpus;
	const struct bh_console_ring *console; /* mapped while enabled */
	cpumask_t cpus;			       /* CPUs under the hypervisor */
	struct list_head cells;		       /* struct bh_cell */
	struct kobject *cells_dir;
};

extern struct bh_driver bh;

/* messages.c: what an ioctl reports, kept per open file for the CLI. */
struct bh_messages {
	size_t len;
	bool truncated;
	char buf[4096];
};

struct bh_messages *bh_messages_alloc(void);
void bh_messages_begin(struct bh_messages *m);
void bh_messages_end(void);
long bh_messages_copy(struct bh_messages *m,
		      struct bulkhead_messages __user *uarg);
/* To the kernel log ("bulkhead: " first) and to the caller's messages. */
void bh_report(bool error, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define bh_err(...)  bh_report(true, __VA_ARGS__)
#define bh_warn(...) bh_report(false, __VA_ARGS__)

/* root-use.c: 0, or -EBUSY with a message per resource the root uses. */
int bh_check_root_use(const struct bh_cell_desc *desc);
/* The GIC's device-tree node (GICv3 or GICv2; of_node_put it), or NULL. */
struct device_node *bh_gic_node(void);
extern struct device *bh_root_dev;

int bh_enable(struct bulkhead_config_arg __user *uarg);
int bh_disable(void);

void bh_clean_to_poc(void *start, size_t size);

int bh_cell_create(struct bulkhead_config_arg __user *uarg);
int bh_cell_load(struct bulkhead_cell_load __user *uarg);
int bh_cell_start(struct bulkhead_cell_id __user *uarg);
int bh_cell_set_boot(struct bulkhead_cell_boot __user *uarg);
int bh_cell_shutdown(struct bulkhead_cell_id __user *uarg);
int bh_cell_destroy(struct bulkhead_cell_id __user *uarg);
struct bh_cell *bh_cell_find(unsigned int id);

int bh_sysfs_init(void);
void bh_sysfs_exit(void);
ssize_t bh_sysfs_emit_stats(char *buf, const cpumask_t *cpus);
int bh_cell_sysfs_add(struct bh_cell *cell);
void bh_cell_sysfs_del(struct bh_cell *cell);

/* pci.c: the virtual PCI bus of the root cell, while enabled (bh.lock). */
int bh_pci_create(void);
void bh_pci_remove(void);

/* ivshmem.c: the driver of the root cell's ivshmem devices. */
int bh_ivshmem_init(void);
void bh_ivshmem_exit(void);
bool bh_ivshmem_in_use(void);

#endif
