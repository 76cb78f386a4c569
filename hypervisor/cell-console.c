// SPDX-License-Identifier: GPL-2.0
/*
 * What cells print through the hypervisor's console (the debug console
 * putc hypercall): collected per CPU into lines, and logged as the cell's,
 * "[name] text", so that nothing a cell prints can pass for a hypervisor
 * message. Control characters become '?'. Lines are limited per cell
 * (LOG_OUTPUT_BURST, LOG_OUTPUT_PER_S): a cell printing without pause
 * cannot flush the log ring or hold the console lock for ever.
 */
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>

#define LOG_OUTPUT_BURST 100
#define LOG_OUTPUT_PER_S 10

void cell_output_flush(struct per_cpu *cpu)
{
	char line[BH_OUTPUT_LINE + BH_CELL_NAME_LEN + 4];
	struct cell *cell = cpu->cell;
	size_t name_len = strlen(cell->name), len = 0;
	u32 suppressed;

	if (!cpu->out_len)
		return;
	if (!log_limit_take(&cell->output_limit, LOG_OUTPUT_BURST,
			    LOG_OUTPUT_PER_S, &suppressed)) {
		cpu->out_len = 0;
		return;
	}
	if (suppressed)
		log_cell_note(
			LOG_WARN,
			"cell %s: %u console lines suppressed (limit %u a second)\n",
			cell->name, suppressed, LOG_OUTPUT_PER_S);
	line[len++] = '[';
	memcpy(line + len, cell->name, name_len);
	len += name_len;
	line[len++] = ']';
	line[len++] = ' ';
	/* out_len counts the newline too (a full line has none). */
	memcpy(line + len, cpu->out_line, cpu->out_len);
	len += cpu->out_len;
	if (line[len - 1] != '\n')
		line[len++] = '\n';
	cpu->out_len = 0;
	console_write_cell(line, len);
}

void cell_output_putc(struct per_cpu *cpu, char c)
{
	if (c == '\r')
		return;
	if (c != '\n' && c != '\t' && (c < 0x20 || c > 0x7e))
		c = '?';
	cpu->out_line[cpu->out_len++] = c;
	if (c == '\n' || cpu->out_len == BH_OUTPUT_LINE)
		cell_output_flush(cpu);
}
