/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/* Release of Bulkhead: the tool, the driver and the hypervisor report it. */
#ifndef _BULKHEAD_VERSION_H
#define _BULKHEAD_VERSION_H

#define BULKHEAD_VERSION "0.1.0"

#endif /* _BULKHEAD_VERSION_H */
