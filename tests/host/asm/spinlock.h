/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host tests' fake arch: a spinlock that only counts, for hypervisor
 * code run single-threaded on the build machine. A lock taken twice or
 * released unheld is a bug the tests report (spin_lock_errors).
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	int held;
} spinlock_t;

#define SPINLOCK_INIT \
	{             \
		0     \
	}

static int spin_lock_errors;

static inline void spin_lock(spinlock_t *lock)
{
	spin_lock_errors += lock->held != 0;
	lock->held = 1;
}

static inline void spin_unlock(spinlock_t *lock)
{
	spin_lock_errors += lock->held != 1;
	lock->held = 0;
}

#endif
