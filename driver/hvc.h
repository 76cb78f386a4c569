/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calls into EL2: Linux's hyp stub (before enable) and Bulkhead's
 * hypercalls (after). See include/bulkhead/hypercall.h for the ABI.
 */
#ifndef _BULKHEAD_DRIVER_HVC_H
#define _BULKHEAD_DRIVER_HVC_H

#include <linux/stringify.h>
#include <bulkhead/hypercall.h>

/* Linux's hyp-stub calls (arch/arm64/include/asm/virt.h). */
#define BH_STUB_SET_VECTORS 0
#define BH_STUB_PROBE	    4 /* not a stub call: answers STUB_ERR */
#define BH_STUB_ERR	    0xbadca11UL

/* A hyp-stub call; the stub preserves everything but x0. */
static inline unsigned long bh_stub_call(unsigned long code, unsigned long arg)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg;

	asm volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "memory");
	return x0;
}

/*
 * Enters the hypervisor's bootstrap vectors on this CPU: x0 carries the
 * CPU id in and the result out; x1-x17 may be clobbered (entry.S).
 */
static inline long bh_hv_enter(unsigned int cpu)
{
	register unsigned long x0 asm("x0") = cpu;

	asm volatile("hvc #0"
		     : "+r"(x0)
		     :
		     : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
		       "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17",
		       "memory");
	return (long)x0;
}

/* A Bulkhead hypercall; everything but x0 is preserved. */
static inline long bh_hypercall3(unsigned long code, unsigned long arg1,
				 unsigned long arg2, unsigned long arg3)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;
	register unsigned long x3 asm("x3") = arg3;

	asm volatile("hvc #" __stringify(BH_HVC_IMM)
		     : "+r"(x0)
		     : "r"(x1), "r"(x2), "r"(x3)
		     : "memory");
	return (long)x0;
}

static inline long bh_hypercall(unsigned long code, unsigned long arg1,
				unsigned long arg2)
{
	return bh_hypercall3(code, arg1, arg2, 0);
}

#endif
