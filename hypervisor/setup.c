// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor start-up on each CPU.
 */
void bh_placeholder(void);
void bh_placeholder(void)
{
}
