/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * PSCI (Arm DEN 0022) calls over SMC, the conduit both the hypervisor and
 * QEMU's built-in firmware (virtualization=on) answer.
 */
#ifndef _INMATE_PSCI_H
#define _INMATE_PSCI_H

#include <stdint.h>

#define PSCI_VERSION	  0x84000000U
#define PSCI_CPU_OFF	  0x84000002U
#define PSCI_CPU_ON_64	  0xc4000003U
#define PSCI_SYSTEM_OFF	  0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U

#define PSCI_SUCCESS	    0
#define PSCI_NOT_SUPPORTED  (-1)
#define PSCI_INVALID_PARAMS (-2)
#define PSCI_DENIED	    (-3)
#define PSCI_ALREADY_ON	    (-4)
#define PSCI_ON_PENDING	    (-5)

/* SMC Calling Convention call: fn in x0, args in x1-x3, result from x0. */
int64_t smc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
/* The same SMCCC call over the HVC conduit (`hvc #0`). */
int64_t hvc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

/*
 * Starts the CPU with affinity mpidr at physical address entry, at EL1
 * with the MMU off, no stack and x0 = context.
 */
int psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t context);

/* Return only if refused (with the PSCI error). */
int psci_system_off(void);
int psci_system_reset(void);

#endif
