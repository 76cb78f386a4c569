/* SPDX-License-Identifier: GPL-2.0 */
/* What the `bulkhead cell` subcommands (cell.c, cell-linux.c) share. */
#ifndef _BULKHEAD_TOOLS_CELL_H
#define _BULKHEAD_TOOLS_CELL_H

#include <stdbool.h>

int find_cell(const char *arg, bool quiet);
int cell_ioctl(unsigned long cmd, void *arg, const char *what);
int cmd_cell_linux(int argc, char **argv);

#endif
