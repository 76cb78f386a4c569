/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the attack inmate's files share: the answer checks, calls into the
 * hypervisor, and the hold-out spin (attack.c), and the attacks on the
 * architectural surface (attack-arch.c).
 */
#ifndef _ATTACK_H
#define _ATTACK_H

#include <inmate.h>

#define GICR_FRAME 0x20000UL
#define GICR_SGI   0x10000UL

extern const char *mode;
extern unsigned int checks, mismatches;

/* One answer checked: a mismatch is printed and counted. */
void expect(const char *what, long got, long want);
void expect_true(const char *what, bool ok, long got);
long hvc(uint64_t code, uint64_t a1, uint64_t a2);
unsigned int own_cpu(void);
/* Frame of a CPU's redistributor (QEMU: in CPU order, one per CPU). */
uintptr_t gicr_of(unsigned int cpu);
/* Promises to answer shutdown requests, then spins with all masked. */
void __attribute__((noreturn)) spin_masked(void);

/* attack-arch.c: checked attacks (false: no such mode) and hold-outs. */
bool arch_checked(const char *m);
void arch_hold_out(const char *m);

#endif
