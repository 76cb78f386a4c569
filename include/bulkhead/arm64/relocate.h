/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Self-relocation of a position-independent image linked at 0: adds the
 * load address to every R_AARCH64_RELATIVE slot listed in .rela.dyn. Used by
 * the hypervisor and by inmates before they touch any absolute pointer.
 */
#ifndef _BULKHEAD_ARM64_RELOCATE_H
#define _BULKHEAD_ARM64_RELOCATE_H

#define R_AARCH64_RELATIVE 1027

#ifdef __ASSEMBLY__
/* Address of a symbol, PC-relative, +/- 4 GiB. */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/*
 * base: register holding the load address; start/end: symbols bounding the
 * Elf64_Rela table; t0-t3: scratch registers. Only relative relocations are
 * expected; the linker leaves no others in an image without symbols.
 */
.macro apply_relocations base, start, end, t0, t1, t2, t3
	adr_l	\t0, \start
	adr_l	\t1, \end
1:	cmp	\t0, \t1
	b.hs	3f
	ldp	\t2, \t3, [\t0], #16	/* r_offset, r_info */
	cmp	\t3, #R_AARCH64_RELATIVE
	b.ne	2f
	ldr	\t3, [\t0]		/* r_addend */
	add	\t3, \t3, \base
	str	\t3, [\base, \t2]
2:	add	\t0, \t0, #8
	b	1b
3:
.endm

#endif

#endif
