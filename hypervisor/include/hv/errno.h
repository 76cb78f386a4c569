/* SPDX-License-Identifier: GPL-2.0 */
/* Error codes of the hypervisor: Linux's values, returned negated. */
#ifndef _HV_ERRNO_H
#define _HV_ERRNO_H

#define EPERM	  1
#define ENOENT	  2
#define EIO	  5
#define EAGAIN	  11
#define E2BIG	  7
#define ENOMEM	  12
#define EFAULT	  14
#define EBUSY	  16
#define EEXIST	  17
#define ENODEV	  19
#define EINVAL	  22
#define ERANGE	  34
#define ENOSPC	  28
#define ENOSYS	  38
#define EOVERFLOW 75

#endif
