/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layout of the hypervisor image. Linked at 0 and position independent: the
 * bootstrap code applies the .rela.dyn relocations for the load address.
 */
#define PAGE_SIZE 4096

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(bh_hv_header)

SECTIONS
{
	. = 0;
	__image_start = .;
	.header : { KEEP(*(.header)) }
	.text : {
		*(.text.bootstrap)
		*(.text .text.*)
	}

	. = ALIGN(PAGE_SIZE);
	.rodata : { *(.rodata .rodata.*) }
	/* Units (hv/unit.h), in the order their names sort in. */
	.units : {
		__units_start = .;
		KEEP(*(SORT_BY_NAME(.units.*)))
		__units_end = .;
	}
	.rela.dyn : {
		__rela_start = .;
		*(.rela .rela.*)
		__rela_end = .;
	}
	.dynamic : { *(.dynamic) }
	.dynsym : { *(.dynsym) }
	.dynstr : { *(.dynstr) }
	.hash : { *(.hash) }
	.gnu.hash : { *(.gnu.hash) }

	. = ALIGN(PAGE_SIZE);
	.data : {
		*(.data .data.*)
		*(.got .got.plt)
	}

	/* Zeroed by the driver, which clears all hypervisor memory; not in bulkhead.bin. */
	. = ALIGN(PAGE_SIZE);
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss.page_aligned)
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(PAGE_SIZE);
		__bss_end = .;
	}
	__core_end = .;

	/DISCARD/ : {
		*(.note .note.*)
		*(.comment)
		*(.eh_frame .eh_frame_hdr)
		*(.interp)
	}
}

__core_size = __core_end - __image_start;
