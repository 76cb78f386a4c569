/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ticket spinlock. Waiters sleep in wfe: the unlocking store clears the
 * exclusive monitor of every waiter and wakes it (Arm ARM D1.6.1), which
 * also keeps emulated CPUs fair under QEMU.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <hv/types.h>

typedef struct {
	u16 owner;
	u16 next;
} spinlock_t;

#define SPINLOCK_INIT \
	{             \
		0, 0  \
	}

static inline void spin_lock(spinlock_t *lock)
{
	u32 tmp, newval, ticket;

	asm volatile("	prfm	pstl1strm, %3\n"
		     "1:	ldaxr	%w0, %3\n"
		     "	add	%w1, %w0, #0x10000\n"
		     "	stxr	%w2, %w1, %3\n"
		     "	cbnz	%w2, 1b\n"
		     "	eor	%w1, %w0, %w0, ror #16\n"
		     "	cbz	%w1, 3f\n"
		     "	sevl\n"
		     "2:	wfe\n"
		     "	ldaxrh	%w2, %4\n"
		     "	eor	%w1, %w2, %w0, lsr #16\n"
		     "	cbnz	%w1, 2b\n"
		     "3:"
		     : "=&r"(ticket), "=&r"(newval), "=&r"(tmp), "+Q"(*lock)
		     : "Q"(lock->owner)
		     : "memory");
}

static inline void spin_unlock(spinlock_t *lock)
{
	asm volatile("stlrh %w1, %0"
		     : "=Q"(lock->owner)
		     : "r"(lock->owner + 1)
		     : "memory");
}

#endif
