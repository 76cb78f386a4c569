/* SPDX-License-Identifier: GPL-2.0 */
/* The EL2 physical timer as the arm64 code drives it (timer.c). */
#ifndef _ASM_TIMER_H
#define _ASM_TIMER_H

#include <hv/types.h>

/*
 * The EL2 physical timer's interrupt: PPI 10, INTID 26, as the Arm Base
 * System Architecture (DEN0094, "PPI assignments") requires; QEMU's virt
 * board follows it.
 */
#define TIMER_HYP_PPI 26

/* Has this CPU's timer reached its compare value? */
bool timer_fired(void);
/* It has: stop it and let the core do what was due. */
void timer_expire(void);
/* Stops this CPU's timer (the CPU leaves the hypervisor). */
void timer_stop(void);

#endif
