// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's ivshmem devices (include/bulkhead/ivshmem.h): one
 * character device per link, /dev/bulkhead-ivshmem<link id>, through which
 * user space maps the link memory, rings doorbells, sets its state and
 * waits for interrupts (include/bulkhead/ivshmem-ioctl.h), and sysfs
 * attributes under the PCI device.
 *
 * A device goes away with the virtual PCI bus at disable, which the driver
 * refuses while a device is open; an open file still outlives its device
 * safely (struct bh_ivshmem is reference counted, and `dead` is checked).
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include <bulkhead/cell-config.h>
#include <bulkhead/ivshmem.h>
#include <bulkhead/ivshmem-ioctl.h>

#include "main.h"

struct bh_ivshmem {
	struct kref kref;
	struct pci_dev *pdev;
	struct miscdevice misc;
	char name[32];

	struct mutex lock; /* dead, regs, users */
	bool dead;
	void __iomem *regs;
	unsigned int users; /* open files */
	const u32 *state;   /* state table, mapped for sysfs */

	u32 link_id;
	u16 peer_id;
	u16 max_peers;
	phys_addr_t shmem;
	u64 shmem_size;
	u64 rw_size;
	u64 out_size;
	int irq;
	u32 intid;

	atomic_t interrupts;	/* taken since probe */
	wait_queue_head_t wait; /* interrupts changed, or dead */
};

struct bh_ivshmem_file {
	struct bh_ivshmem *iv;
	atomic_t seen; /* value of interrupts last reported */
};

/* Open files of all devices: disable waits for none. */
static atomic_t bh_ivshmem_open_files = ATOMIC_INIT(0);

bool bh_ivshmem_in_use(void)
{
	return atomic_read(&bh_ivshmem_open_files) > 0;
}

static void bh_ivshmem_free(struct kref *kref)
{
	kfree(container_of(kref, struct bh_ivshmem, kref));
}

static irqreturn_t bh_ivshmem_interrupt(int irq, void *data)
{
	struct bh_ivshmem *iv = data;

	atomic_inc(&iv->interrupts);
	wake_up_interruptible_all(&iv->wait);
	return IRQ_HANDLED;
}

static int bh_ivshmem_open(struct inode *inode, struct file *file)
{
	/* misc_open holds misc_mtx: remove cannot have freed us yet. */
	struct bh_ivshmem *iv =
		container_of(file->private_data, struct bh_ivshmem, misc);
	struct bh_ivshmem_file *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	mutex_lock(&iv->lock);
	if (iv->dead) {
		mutex_unlock(&iv->lock);
		kfree(f);
		return -ENODEV;
	}
	if (iv->users++ == 0)
		writel(BH_IVSHMEM_INT_ENABLE,
		       iv->regs + BH_IVSHMEM_REG_INT_CONTROL);
	kref_get(&iv->kref);
	atomic_inc(&bh_ivshmem_open_files);
	mutex_unlock(&iv->lock);

	f->iv = iv;
	atomic_set(&f->seen, atomic_read(&iv->interrupts));
	file->private_data = f;
	return 0;
}

static int bh_ivshmem_release(struct inode *inode, struct file *file)
{
	struct bh_ivshmem_file *f = file->private_data;
	struct bh_ivshmem *iv = f->iv;

	mutex_lock(&iv->lock);
	if (--iv->users == 0 && !iv->dead)
		writel(0, iv->regs + BH_IVSHMEM_REG_INT_CONTROL);
	mutex_unlock(&iv->lock);
	atomic_dec(&bh_ivshmem_open_files);
	kref_put(&iv->kref, bh_ivshmem_free);
	kfree(f);
	return 0;
}

/*
 * Interrupts not yet reported to this file; marks them reported. Two
 * readers of one file: each interrupt is reported to one of them.
 */
static u32 take_interrupts(struct bh_ivshmem_file *f)
{
	int old, now;

	do {
		old = atomic_read(&f->seen);
		now = atomic_read(&f->iv->interrupts);
		if (now == old)
			return 0;
	} while (atomic_cmpxchg(&f->seen, old, now) != old);
	return (u32)now - (u32)old;
}

static bool interrupts_pending(struct bh_ivshmem_file *f)
{
	return atomic_read(&f->iv->interrupts) != atomic_read(&f->seen);
}

static ssize_t bh_ivshmem_read(struct file *file, char __user *buf,
			       size_t count, loff_t *ppos)
{
	struct bh_ivshmem_file *f = file->private_data;
	struct bh_ivshmem *iv = f->iv;
	u32 n;
	int err;

	if (count < sizeof(n))
		return -EINVAL;
	while (!(n = take_interrupts(f))) {
		if (READ_ONCE(iv->dead))
			return -ENODEV;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(iv->wait,
					       interrupts_pending(f) ||
						       READ_ONCE(iv->dead));
		if (err)
			return err;
	}
	if (copy_to_user(buf, &n, sizeof(n)))
		return -EFAULT;
	return sizeof(n);
}

static __poll_t bh_ivshmem_poll(struct file *file, poll_table *wait)
{
	struct bh_ivshmem_file *f = file->private_data;
	struct bh_ivshmem *iv = f->iv;
	__poll_t mask = 0;

	poll_wait(file, &iv->wait, wait);
	if (interrupts_pending(f))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(iv->dead))
		mask |= EPOLLERR | EPOLLHUP;
	return mask;
}

/* Is [off, off + len) within what this cell may write? */
static bool writable_range(const struct bh_ivshmem *iv, u64 off, u64 len)
{
	u64 rw_start = BH_IVSHMEM_RW_OFFSET;
	u64 rw_end = rw_start + iv->rw_size;
	u64 out_start =
		bh_ivshmem_out_offset(iv->rw_size, iv->out_size, iv->peer_id);
	u64 out_end = out_start + iv->out_size;
	u64 end = off + len;

	if (off >= rw_start && end <= rw_end)
		return true;
	if (off >= out_start && end <= out_end)
		return true;
	/* Peer 0's output section follows the rw section. */
	return rw_end == out_start && off >= rw_start && end <= out_end;
}

static int bh_ivshmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct bh_ivshmem_file *f = file->private_data;
	struct bh_ivshmem *iv = f->iv;
	u64 len = vma->vm_end - vma->vm_start;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;

	if (READ_ONCE(iv->dead))
		return -ENODEV;
	if (vma->vm_pgoff > (iv->shmem_size >> PAGE_SHIFT) ||
	    off >= iv->shmem_size || len > iv->shmem_size - off)
		return -EINVAL;
	if (!writable_range(iv, off, len)) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
		/* Nor may mprotect make it writable later. */
		vma->vm_flags &= ~VM_MAYWRITE;
	} else if ((vma->vm_flags & VM_WRITE) && !(vma->vm_flags & VM_SHARED)) {
		/* A private copy of shared memory would share nothing. */
		return -EINVAL;
	}
	/* Link memory is RAM: the default page protection, cacheable. */
	return remap_pfn_range(vma, vma->vm_start,
			       (iv->shmem + off) >> PAGE_SHIFT, len,
			       vma->vm_page_prot);
}

static void get_info(struct bh_ivshmem *iv, struct bulkhead_ivshmem_info *info)
{
	memset(info, 0, sizeof(*info));
	info->link_id = iv->link_id;
	info->peer_id = iv->peer_id;
	info->max_peers = iv->max_peers;
	info->intid = iv->intid;
	info->irq = iv->irq;
	info->shmem_phys = iv->shmem;
	info->shmem_size = iv->shmem_size;
	info->state_size = BH_IVSHMEM_STATE_TABLE_SIZE;
	info->rw_offset = BH_IVSHMEM_RW_OFFSET;
	info->rw_size = iv->rw_size;
	info->out_offset = bh_ivshmem_out_offset(iv->rw_size, iv->out_size, 0);
	info->out_size = iv->out_size;
	info->interrupts = atomic_read(&iv->interrupts);
}

static long bh_ivshmem_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	struct bh_ivshmem_file *f = file->private_data;
	struct bh_ivshmem *iv = f->iv;
	void __user *uarg = (void __user *)arg;
	struct bulkhead_ivshmem_info info;
	struct bulkhead_ivshmem_ring ring;
	long err = 0;
	u32 state;

	switch (cmd) {
	case BULKHEAD_IVSHMEM_GET_INFO:
		get_info(iv, &info);
		return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
	case BULKHEAD_IVSHMEM_RING:
		if (copy_from_user(&ring, uarg, sizeof(ring)))
			return -EFAULT;
		if (ring.peer >= iv->max_peers || ring.vector > 0xffff)
			return -EINVAL;
		break;
	case BULKHEAD_IVSHMEM_SET_STATE:
		if (get_user(state, (u32 __user *)uarg))
			return -EFAULT;
		break;
	default:
		return -ENOTTY;
	}

	mutex_lock(&iv->lock);
	if (iv->dead)
		err = -ENODEV;
	else if (cmd == BULKHEAD_IVSHMEM_RING)
		writel(BH_IVSHMEM_DOORBELL(ring.peer, ring.vector),
		       iv->regs + BH_IVSHMEM_REG_DOORBELL);
	else
		writel(state, iv->regs + BH_IVSHMEM_REG_STATE);
	mutex_unlock(&iv->lock);
	return err;
}

static const struct file_operations bh_ivshmem_fops = {
	.owner = THIS_MODULE,
	.open = bh_ivshmem_open,
	.release = bh_ivshmem_release,
	.read = bh_ivshmem_read,
	.poll = bh_ivshmem_poll,
	.mmap = bh_ivshmem_mmap,
	.unlocked_ioctl = bh_ivshmem_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

/* --- sysfs, under the PCI device --- */

#define IV_ATTR(name, fmt, expr)                                             \
	static ssize_t name##_show(struct device *dev,                       \
				   struct device_attribute *attr, char *buf) \
	{                                                                    \
		struct bh_ivshmem *iv = dev_get_drvdata(dev);                \
                                                                             \
		return sysfs_emit(buf, fmt "\n", expr);                      \
	}                                                                    \
	static DEVICE_ATTR_RO(name)

IV_ATTR(link_id, "%u", iv->link_id);
IV_ATTR(peer_id, "%u", iv->peer_id);
IV_ATTR(max_peers, "%u", iv->max_peers);
IV_ATTR(shmem_addr, "0x%llx", (u64)iv->shmem);
IV_ATTR(rw_size, "%llu", iv->rw_size);
IV_ATTR(out_size, "%llu", iv->out_size);
IV_ATTR(interrupts, "%u", atomic_read(&iv->interrupts));

/* The state table, one entry per peer, in peer order. */
static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct bh_ivshmem *iv = dev_get_drvdata(dev);
	ssize_t len = 0;
	unsigned int i;

	for (i = 0; i < iv->max_peers; i++)
		len += sysfs_emit_at(buf, len, "%s%u", i ? " " : "",
				     READ_ONCE(iv->state[i]));
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}
static DEVICE_ATTR_RO(state);

static struct attribute *bh_ivshmem_attrs[] = {
	&dev_attr_link_id.attr,
	&dev_attr_peer_id.attr,
	&dev_attr_max_peers.attr,
	&dev_attr_shmem_addr.attr,
	&dev_attr_rw_size.attr,
	&dev_attr_out_size.attr,
	&dev_attr_interrupts.attr,
	&dev_attr_state.attr,
	NULL,
};
ATTRIBUTE_GROUPS(bh_ivshmem);

/* --- the PCI driver --- */

static u64 read_reg64(struct bh_ivshmem *iv, unsigned int lo)
{
	return readl(iv->regs + lo) | (u64)readl(iv->regs + lo + 4) << 32;
}

/* What the registers say, checked: the device is the hypervisor's. */
static int read_registers(struct bh_ivshmem *iv)
{
	struct device *dev = &iv->pdev->dev;
	u32 peer = readl(iv->regs + BH_IVSHMEM_REG_ID);
	u32 max_peers = readl(iv->regs + BH_IVSHMEM_REG_MAX_PEERS);

	iv->link_id = readl(iv->regs + BH_IVSHMEM_REG_LINK_ID);
	iv->shmem = read_reg64(iv, BH_IVSHMEM_REG_SHMEM_LO);
	iv->rw_size = read_reg64(iv, BH_IVSHMEM_REG_RW_SIZE_LO);
	iv->out_size = read_reg64(iv, BH_IVSHMEM_REG_OUT_SIZE_LO);
	if (max_peers < 2 || max_peers > BH_IVSHMEM_MAX_PEERS ||
	    peer >= max_peers) {
		dev_err(dev, "bad registers: peer %u of %u\n", peer, max_peers);
		return -EINVAL;
	}
	if (!PAGE_ALIGNED(iv->shmem) || !PAGE_ALIGNED(iv->rw_size) ||
	    !PAGE_ALIGNED(iv->out_size) || iv->rw_size > SZ_1G ||
	    iv->out_size > SZ_1G) {
		dev_err(dev,
			"bad registers: memory 0x%llx rw 0x%llx out 0x%llx\n",
			(u64)iv->shmem, iv->rw_size, iv->out_size);
		return -EINVAL;
	}
	iv->peer_id = peer;
	iv->max_peers = max_peers;
	iv->shmem_size = BH_IVSHMEM_STATE_TABLE_SIZE + iv->rw_size +
			 (u64)max_peers * iv->out_size;
	return 0;
}

static int bh_ivshmem_probe(struct pci_dev *pdev,
			    const struct pci_device_id *id)
{
	struct bh_ivshmem *iv;
	int err;

	iv = kzalloc(sizeof(*iv), GFP_KERNEL);
	if (!iv)
		return -ENOMEM;
	kref_init(&iv->kref);
	mutex_init(&iv->lock);
	init_waitqueue_head(&iv->wait);
	iv->pdev = pdev;

	err = pci_enable_device(pdev);
	if (err)
		goto err_free;
	err = pci_request_region(pdev, 0, "bulkhead-ivshmem");
	if (err)
		goto err_disable;
	iv->regs = pci_iomap(pdev, 0, BH_PCI_BAR_SIZE);
	if (!iv->regs) {
		err = -ENOMEM;
		goto err_release;
	}
	err = read_registers(iv);
	if (err)
		goto err_unmap;
	/* The state table is read-only to us: a read-only use of a WB map. */
	iv->state =
		memremap(iv->shmem, BH_IVSHMEM_STATE_TABLE_SIZE, MEMREMAP_WB);
	if (!iv->state) {
		err = -ENOMEM;
		goto err_unmap;
	}
	if (!pdev->irq) {
		dev_err(&pdev->dev,
			"no interrupt (irq of the link in the root cell's config?)\n");
		err = -EINVAL;
		goto err_memunmap;
	}
	iv->irq = pdev->irq;
	iv->intid = irqd_to_hwirq(irq_get_irq_data(pdev->irq));
	if (iv->intid != readl(iv->regs + BH_IVSHMEM_REG_INTID))
		dev_warn(&pdev->dev, "INTx is INTID %u, the device says %u\n",
			 iv->intid, readl(iv->regs + BH_IVSHMEM_REG_INTID));
	writel(0, iv->regs + BH_IVSHMEM_REG_INT_CONTROL);
	snprintf(iv->name, sizeof(iv->name), BULKHEAD_IVSHMEM_NAME "%u",
		 iv->link_id);
	err = request_irq(iv->irq, bh_ivshmem_interrupt, 0, iv->name, iv);
	if (err)
		goto err_memunmap;

	pci_set_drvdata(pdev, iv);
	iv->misc.minor = MISC_DYNAMIC_MINOR;
	iv->misc.name = iv->name;
	iv->misc.fops = &bh_ivshmem_fops;
	iv->misc.parent = &pdev->dev;
	err = misc_register(&iv->misc);
	if (err)
		goto err_irq;
	dev_info(&pdev->dev,
		 "/dev/%s: link %u, peer %u of %u, memory %pa, rw %llu, out %llu bytes, INTID %u\n",
		 iv->name, iv->link_id, iv->peer_id, iv->max_peers, &iv->shmem,
		 iv->rw_size, iv->out_size, iv->intid);
	return 0;

err_irq:
	free_irq(iv->irq, iv);
err_memunmap:
	memunmap((void *)iv->state);
err_unmap:
	pci_iounmap(pdev, iv->regs);
err_release:
	pci_release_region(pdev, 0);
err_disable:
	pci_disable_device(pdev);
err_free:
	kfree(iv);
	return err;
}

static void bh_ivshmem_remove(struct pci_dev *pdev)
{
	struct bh_ivshmem *iv = pci_get_drvdata(pdev);

	misc_deregister(&iv->misc);
	mutex_lock(&iv->lock);
	writel(0, iv->regs + BH_IVSHMEM_REG_INT_CONTROL);
	iv->dead = true;
	mutex_unlock(&iv->lock);
	free_irq(iv->irq, iv);
	wake_up_interruptible_all(&iv->wait);
	memunmap((void *)iv->state);
	pci_iounmap(pdev, iv->regs);
	pci_release_region(pdev, 0);
	pci_disable_device(pdev);
	kref_put(&iv->kref, bh_ivshmem_free);
}

static const struct pci_device_id bh_ivshmem_ids[] = {
	{ PCI_DEVICE(BH_IVSHMEM_VENDOR_ID, BH_IVSHMEM_DEVICE_ID) }, {}
};
/* No MODULE_DEVICE_TABLE: the devices exist only once this module runs. */

static struct pci_driver bh_ivshmem_driver = {
	.name = "bulkhead-ivshmem",
	.id_table = bh_ivshmem_ids,
	.probe = bh_ivshmem_probe,
	.remove = bh_ivshmem_remove,
	.dev_groups = bh_ivshmem_groups,
};

int bh_ivshmem_init(void)
{
	return pci_register_driver(&bh_ivshmem_driver);
}

void bh_ivshmem_exit(void)
{
	pci_unregister_driver(&bh_ivshmem_driver);
}
