// RISC-V privileged architecture: CSR accessors (one read/write pair per CSR the kernel
// uses), their bit fields, and the Sv39 page-table format. CSRs that clang 14's assembler
// does not name (menvcfg, stimecmp) are addressed by number.
#ifndef RISCV_H
#define RISCV_H

#include "types.h"

#define CSR_READ(name)      ({ u64 v_; asm volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define CSR_WRITE(name, v)  asm volatile("csrw " #name ", %0" : : "r"((u64)(v)))

// ---- machine mode (used only by the M-mode shim in start.c) ----
#define MSTATUS_MPP_MASK  (3ul << 11)
#define MSTATUS_MPP_S     (1ul << 11)
static inline u64  r_mhartid(void)        { return CSR_READ(mhartid); }
static inline u64  r_mstatus(void)        { return CSR_READ(mstatus); }
static inline void w_mstatus(u64 x)       { CSR_WRITE(mstatus, x); }
static inline void w_mepc(u64 x)          { CSR_WRITE(mepc, x); }
static inline void w_medeleg(u64 x)       { CSR_WRITE(medeleg, x); }
static inline void w_mideleg(u64 x)       { CSR_WRITE(mideleg, x); }
static inline void w_mie(u64 x)           { CSR_WRITE(mie, x); }
static inline void w_mtvec(u64 x)         { CSR_WRITE(mtvec, x); }
static inline void w_mscratch(u64 x)      { CSR_WRITE(mscratch, x); }
static inline void w_mcounteren(u64 x)    { CSR_WRITE(mcounteren, x); }
static inline void w_pmpcfg0(u64 x)       { CSR_WRITE(pmpcfg0, x); }
static inline void w_pmpaddr0(u64 x)      { CSR_WRITE(pmpaddr0, x); }
#define MENVCFG_STCE      (1ul << 63)    // Sstc: S-mode owns stimecmp
static inline u64  r_menvcfg(void)        { return CSR_READ(0x30a); }
static inline void w_menvcfg(u64 x)       { CSR_WRITE(0x30a, x); }
#define MIE_MSIE          (1ul << 3)
#define COUNTEREN_CY_TM_IR 7ul

// ---- supervisor mode ----
#define SSTATUS_SIE   (1ul << 1)    // interrupts enabled in S-mode
#define SSTATUS_SPIE  (1ul << 5)    // SIE before the trap
#define SSTATUS_SPP   (1ul << 8)    // trap came from S-mode
#define SSTATUS_SUM   (1ul << 18)   // S-mode may touch user pages (never set: see vm.c)
static inline u64  r_sstatus(void)        { return CSR_READ(sstatus); }
static inline void w_sstatus(u64 x)       { CSR_WRITE(sstatus, x); }

#define SIP_SSIP      (1ul << 1)
#define SIE_SSIE      (1ul << 1)
#define SIE_STIE      (1ul << 5)
#define SIE_SEIE      (1ul << 9)
static inline u64  r_sip(void)            { return CSR_READ(sip); }
static inline void w_sip(u64 x)           { CSR_WRITE(sip, x); }
static inline u64  r_sie(void)            { return CSR_READ(sie); }
static inline void w_sie(u64 x)           { CSR_WRITE(sie, x); }
static inline u64  r_sepc(void)           { return CSR_READ(sepc); }
static inline void w_sepc(u64 x)          { CSR_WRITE(sepc, x); }
static inline u64  r_scause(void)         { return CSR_READ(scause); }
static inline u64  r_stval(void)          { return CSR_READ(stval); }
static inline u64  r_stvec(void)          { return CSR_READ(stvec); }
static inline void w_stvec(u64 x)         { CSR_WRITE(stvec, x); }
static inline u64  r_sscratch(void)       { return CSR_READ(sscratch); }
static inline void w_sscratch(u64 x)      { CSR_WRITE(sscratch, x); }
static inline u64  r_satp(void)           { return CSR_READ(satp); }
static inline void w_satp(u64 x)          { CSR_WRITE(satp, x); }
static inline void w_scounteren(u64 x)    { CSR_WRITE(scounteren, x); }
static inline u64  r_stimecmp(void)       { return CSR_READ(0x14d); }
static inline void w_stimecmp(u64 x)      { CSR_WRITE(0x14d, x); }

// scause values
#define SCAUSE_INTR          (1ul << 63)
#define IRQ_S_SOFT           1
#define IRQ_S_TIMER          5
#define IRQ_S_EXT            9
#define EXC_INST_MISALIGNED  0
#define EXC_INST_FAULT       1
#define EXC_ILLEGAL          2
#define EXC_BREAKPOINT       3
#define EXC_LOAD_MISALIGNED  4
#define EXC_LOAD_FAULT       5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_FAULT      7
#define EXC_ECALL_U          8
#define EXC_INST_PAGE_FAULT  12
#define EXC_LOAD_PAGE_FAULT  13
#define EXC_STORE_PAGE_FAULT 15

static inline u64  r_time(void)           { return CSR_READ(time); }
static inline u64  r_tp(void)             { u64 x; asm volatile("mv %0, tp" : "=r"(x)); return x; }
static inline void w_tp(u64 x)            { asm volatile("mv tp, %0" : : "r"(x)); }
static inline u64  r_sp(void)             { u64 x; asm volatile("mv %0, sp" : "=r"(x)); return x; }

static inline void intr_on(void)          { asm volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE)); }
static inline void intr_off(void)         { asm volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE)); }
static inline bool intr_get(void)         { return (r_sstatus() & SSTATUS_SIE) != 0; }
static inline void wfi(void)              { asm volatile("wfi"); }

static inline void sfence_vma_all(void)   { asm volatile("sfence.vma zero, zero" : : : "memory"); }
static inline void sfence_vma_page(u64 va){ asm volatile("sfence.vma %0, zero" : : "r"(va) : "memory"); }
static inline void fence_i(void)          { asm volatile("fence.i" : : : "memory"); }

// ---- Sv39 ----
#define PGSIZE        4096ul
#define PGSHIFT       12
#define PGROUNDUP(a)  (((a) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) ((a) & ~(PGSIZE - 1))

#define PTE_V  (1ul << 0)
#define PTE_R  (1ul << 1)
#define PTE_W  (1ul << 2)
#define PTE_X  (1ul << 3)
#define PTE_U  (1ul << 4)
#define PTE_G  (1ul << 5)
#define PTE_A  (1ul << 6)
#define PTE_D  (1ul << 7)
#define PTE_LEAF      (PTE_R | PTE_W | PTE_X)

#define PA2PTE(pa)    ((((u64)(pa)) >> 12) << 10)
#define PTE2PA(pte)   (((pte) >> 10) << 12)
#define PX(level, va) ((((u64)(va)) >> (PGSHIFT + 9 * (level))) & 0x1ff)
#define SATP_SV39     (8ul << 60)
#define MAKE_SATP(pt) (SATP_SV39 | (((u64)(pt)) >> 12))

#endif
