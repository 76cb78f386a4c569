/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 system register accessors and the bits of the EL2 registers the
 * hypervisor programs. Section references are to the Arm ARM (DDI 0487).
 */
#ifndef _ASM_SYSREGS_H
#define _ASM_SYSREGS_H

#define BIT(n) (1UL << (n))

/* HCR_EL2 (D19.2.48) */
#define HCR_VM	   BIT(0)
#define HCR_SWIO   BIT(1)
#define HCR_FMO	   BIT(3)
#define HCR_IMO	   BIT(4)
#define HCR_AMO	   BIT(5)
#define HCR_VSE	   BIT(8)
#define HCR_FB	   BIT(9)
#define HCR_BSU_IS (1UL << 10)
#define HCR_TSC	   BIT(19)
#define HCR_TIDCP  BIT(20)
#define HCR_TACR   BIT(21)
#define HCR_TSW	   BIT(22)
#define HCR_TGE	   BIT(27)
#define HCR_RW	   BIT(31)
#define HCR_TERR   BIT(36)
#define HCR_ATA	   BIT(56)

/* SCTLR_EL2 (non-VHE layout) */
#define SCTLR_EL2_M    BIT(0)
#define SCTLR_EL2_A    BIT(1)
#define SCTLR_EL2_C    BIT(2)
#define SCTLR_EL2_SA   BIT(3)
#define SCTLR_EL2_I    BIT(12)
#define SCTLR_EL2_RES1 0x30c50830UL

/* TCR_EL2 (non-VHE) */
#define TCR_EL2_RES1	 (BIT(31) | BIT(23))
#define TCR_T0SZ(bits)	 (64UL - (bits))
#define TCR_IRGN0_WBWA	 (1UL << 8)
#define TCR_ORGN0_WBWA	 (1UL << 10)
#define TCR_SH0_INNER	 (3UL << 12)
#define TCR_TG0_4K	 (0UL << 14)
#define TCR_EL2_PS_SHIFT 16

/* VTCR_EL2 */
#define VTCR_RES1      BIT(31)
#define VTCR_SL0_SHIFT 6
#define VTCR_PS_SHIFT  16

/* MAIR_EL2 indices used by the EL2 stage-1 format. */
#define MAIR_IDX_NORMAL 0
#define MAIR_IDX_DEVICE 1
#define MAIR_EL2_VALUE	(0xffUL | (0x04UL << 8))

/* ESR_ELx (D19.2.42) */
#define ESR_EC_SHIFT 26
#define ESR_EC(esr)  (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL	     BIT(25)
#define ESR_ISS(esr) ((esr)&0x1ffffff)

#define EC_UNKNOWN  0x00
#define EC_WFX	    0x01
#define EC_CP15_32  0x03 /* AArch32 MCR/MRC coproc 15 */
#define EC_CP15_64  0x04 /* AArch32 MCRR/MRRC coproc 15 */
#define EC_CP14_32  0x05 /* AArch32 MCR/MRC coproc 14 */
#define EC_CP14_LS  0x06 /* AArch32 LDC/STC coproc 14 */
#define EC_CP14_64  0x0c /* AArch32 MRRC coproc 14 */
#define EC_HVC64    0x16
#define EC_SMC64    0x17
#define EC_SYSREG   0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25

/* Data abort ISS */
#define ISS_ISV	      BIT(24)
#define ISS_SAS_SHIFT 22
#define ISS_SSE	      BIT(21)
#define ISS_SRT_SHIFT 16
#define ISS_SF	      BIT(15)
#define ISS_WNR	      BIT(6)
#define ISS_FSC_MASK  0x3f
#define FSC_SEA	      0x10 /* synchronous external abort */

/*
 * ISS of a trapped MSR/MRS/SYS (EC 0x18, DDI 0487 D24.2.40 ESR_EL2):
 * Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [9:5],
 * CRm [4:1], Direction [0] (1 = read).
 */
#define ISS_SYSREG_OP0(iss)  (((iss) >> 20) & 3)
#define ISS_SYSREG_OP2(iss)  (((iss) >> 17) & 7)
#define ISS_SYSREG_OP1(iss)  (((iss) >> 14) & 7)
#define ISS_SYSREG_CRN(iss)  (((iss) >> 10) & 0xf)
#define ISS_SYSREG_RT(iss)   (((iss) >> 5) & 0x1f)
#define ISS_SYSREG_CRM(iss)  (((iss) >> 1) & 0xf)
#define ISS_SYSREG_READ(iss) ((iss)&1)

/*
 * A system register as one number: the encoding the trap path, the PMU
 * emulation and their tables compare (op0, op1, CRn, CRm, op2).
 */
#define SYSREG_ENC(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op1) << 16) | ((crn) << 12) | ((crm) << 4) | (op2))
#define SYSREG_ENC_OF_ISS(iss)                               \
	SYSREG_ENC(ISS_SYSREG_OP0(iss), ISS_SYSREG_OP1(iss), \
		   ISS_SYSREG_CRN(iss), ISS_SYSREG_CRM(iss), \
		   ISS_SYSREG_OP2(iss))
#define SYSREG_OP0(reg) ((reg) >> 20)
#define SYSREG_OP1(reg) (((reg) >> 16) & 7)
#define SYSREG_CRN(reg) (((reg) >> 12) & 0xf)
#define SYSREG_CRM(reg) (((reg) >> 4) & 0xf)
#define SYSREG_OP2(reg) ((reg)&7)

/* MPIDR_EL1 affinity: Aff3 [39:32], Aff2 [23:16], Aff1 [15:8], Aff0 [7:0]. */
#define MPIDR_AFF_MASK 0xff00ffffffULL
#define MPIDR_AFF0(m)  ((m)&0xff)
#define MPIDR_AFF1(m)  (((m) >> 8) & 0xff)
#define MPIDR_AFF2(m)  (((m) >> 16) & 0xff)
#define MPIDR_AFF3(m)  (((m) >> 32) & 0xff)

/* SPSR: mode and masks */
#define SPSR_MODE_MASK 0xf
#define SPSR_EL0T      0x0
#define SPSR_EL1T      0x4
#define SPSR_EL1H      0x5
#define SPSR_AARCH32   BIT(4)
#define SPSR_DAIF      (0xfUL << 6)

#ifndef __ASSEMBLY__

#define __stringify_1(x) #x
#define __stringify(x)	 __stringify_1(x)

#define read_sysreg(reg)                                                 \
	({                                                               \
		unsigned long __val;                                     \
		asm volatile("mrs %0, " __stringify(reg) : "=r"(__val)); \
		__val;                                                   \
	})

#define write_sysreg(val, reg)                      \
	asm volatile("msr " __stringify(reg) ", %0" \
		     :                              \
		     : "r"((unsigned long)(val)))

#define isb()	    asm volatile("isb" : : : "memory")
#define dsb(opt)    asm volatile("dsb " #opt : : : "memory")
#define wfe()	    asm volatile("wfe" : : : "memory")
#define sev()	    asm volatile("sev" : : : "memory")
#define cpu_relax() asm volatile("yield" : : : "memory")

#endif /* __ASSEMBLY__ */

#endif
