/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Basic types of the hypervisor, and typed addresses: host-physical
 * (paddr_t), guest-physical (ipaddr_t) and hypervisor-virtual (vaddr_t)
 * addresses are distinct one-member structs, so mixing them up is a compile
 * error. Convert with the helpers below, never by casting.
 */
#ifndef _HV_TYPES_H
#define _HV_TYPES_H

#include <bulkhead/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

typedef struct {
	u64 pa;
} paddr_t;
typedef struct {
	u64 ipa;
} ipaddr_t;
typedef struct {
	uintptr_t va;
} vaddr_t;

static inline paddr_t pa_init(u64 pa)
{
	return (paddr_t){ pa };
}
static inline u64 pa_addr(paddr_t p)
{
	return p.pa;
}
static inline paddr_t pa_add(paddr_t p, u64 off)
{
	return pa_init(p.pa + off);
}

static inline ipaddr_t ipa_init(u64 ipa)
{
	return (ipaddr_t){ ipa };
}
static inline u64 ipa_addr(ipaddr_t i)
{
	return i.ipa;
}
static inline ipaddr_t ipa_add(ipaddr_t i, u64 off)
{
	return ipa_init(i.ipa + off);
}

static inline vaddr_t va_init(uintptr_t va)
{
	return (vaddr_t){ va };
}
static inline uintptr_t va_addr(vaddr_t v)
{
	return v.va;
}
static inline vaddr_t va_add(vaddr_t v, u64 off)
{
	return va_init(v.va + off);
}
static inline vaddr_t va_from_ptr(const void *p)
{
	return va_init((uintptr_t)p);
}
static inline void *ptr_from_va(vaddr_t v)
{
	return (void *)v.va;
}

/* An error code the caller must look at (kernel style). */
#define __must_check __attribute__((warn_unused_result))

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define ALIGN_UP(x, a)	 (((x) + (a)-1) & ~((u64)(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((u64)(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((u64)(a)-1)) == 0)
#define ARRAY_SIZE(a)	 (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)	 ((a) < (b) ? (a) : (b))
#define MAX(a, b)	 ((a) > (b) ? (a) : (b))

#endif
