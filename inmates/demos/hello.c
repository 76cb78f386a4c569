// SPDX-License-Identifier: GPL-2.0
/*
 * hello: the smallest inmate. Greets, shows its args and where it runs,
 * then, in a cell, idles answering shutdown requests (refusing them with
 * deny-shutdown=1, like a safety partition that must not be stopped).
 */
#include <inmate.h>

void inmate_main(void)
{
	bool bare = inmate_bare_metal();

	printk("Hello from a Bulkhead inmate (EL%llu, %s)\n",
	       (unsigned long long)(read_sysreg(CurrentEL) >> 2),
	       bare ? "bare metal" : "in a cell");
	printk("hello: args \"%s\"\n", inmate_args());
	if (!bare && !comm_region())
		printk("hello: no communication region\n");
	if (bare) {
		printk("hello: done\n");
		inmate_halt();
	}
	comm_idle("hello");
}
