// SPDX-License-Identifier: GPL-2.0
/*
 * hello: the smallest inmate. Prints a greeting, then idles.
 */
#include <inmate.h>

void inmate_main(void)
{
	uint64_t el;

	asm volatile("mrs %0, CurrentEL" : "=r"(el));
	printk("Hello from a Bulkhead inmate (EL%llu)\n",
	       (unsigned long long)(el >> 2));
	printk("hello: done\n");
}
