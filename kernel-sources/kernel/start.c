// The M-mode shim. It runs once per hart, straight from entry.S, and leaves M-mode for
// good: after the mret below, M-mode is entered only through mtrapvec (mtrap.S) to turn a
// CLINT software interrupt into a supervisor one.
//
// What it sets up, and why:
//   - delegation: every exception and interrupt S-mode can take goes straight to S-mode;
//   - PMP: one entry granting S/U-mode all of memory (QEMU denies everything otherwise);
//   - Sstc (menvcfg.STCE): S-mode programs its own timer through stimecmp, so M-mode
//     never handles timer interrupts;
//   - counters: S-mode (and, through scounteren, U-mode) may read time, cycle, instret;
//   - the IPI path: mie.MSIE so CLINT msip writes trap to mtrapvec.
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "memlayout.h"
#include "fdt.h"

// Per-hart M-mode scratch, reached through mscratch. Layout is used by mtrap.S.
struct mshim {
    u64 msip;        // this hart's CLINT msip word
    u64 save[2];     // t1, t2 while the trap runs
    u64 fatal_sp;    // stack for mfatal
};

// Written by each hart in M-mode before the boot hart clears .bss, so kept in .data.
__attribute__((section(".data"))) static struct mshim mshim[NCPU];
__attribute__((section(".data"))) static u64 m_uart = BOARD_UART0_BASE;
__attribute__((section(".data"))) static u64 m_test = BOARD_TEST_BASE;

extern char bootstacks[];
void mtrapvec(void);
void kmain(u64 hartid, u64 dtb);

static u64 find_or(u64 dtb, const char *compat, u64 fallback) {
    u64 base = fdt_find_compatible(dtb, compat);
    return base ? base : fallback;
}

void mstart(u64 hartid, u64 dtb) {
    u64 clint = find_or(dtb, "riscv,clint0", BOARD_CLINT_BASE);
    m_uart = find_or(dtb, "ns16550a", BOARD_UART0_BASE);
    m_test = find_or(dtb, "sifive,test0", BOARD_TEST_BASE);

    w_mstatus((r_mstatus() & ~MSTATUS_MPP_MASK) | MSTATUS_MPP_S);
    w_mepc((u64)kmain);
    w_satp(0);

    // Exceptions 0-7, 12, 13, 15 and user ecall (8); S-mode ecall (9) stays here as a bug.
    w_medeleg(0xb1fful);
    w_mideleg((1ul << IRQ_S_SOFT) | (1ul << IRQ_S_TIMER) | (1ul << IRQ_S_EXT));

    w_pmpaddr0(0x3ffffffffffffful);
    w_pmpcfg0(0x1f);                     // NAPOT over everything, R W X

    w_menvcfg(r_menvcfg() | MENVCFG_STCE);
    w_mcounteren(COUNTEREN_CY_TM_IR);
    *(volatile u64 *)CLINT_MTIMECMP(clint, hartid) = ~0ul;   // M timer never fires

    mshim[hartid].msip = CLINT_MSIP(clint, hartid);
    mshim[hartid].fatal_sp = (u64)bootstacks + (hartid + 1) * BOOTSTACK_SIZE;
    w_mscratch((u64)&mshim[hartid]);
    w_mtvec((u64)mtrapvec);
    w_mie(MIE_MSIE);

    register u64 a0 asm("a0") = hartid;
    register u64 a1 asm("a1") = dtb;
    asm volatile("mret" : : "r"(a0), "r"(a1));
    __builtin_unreachable();
}

static void mputs(const char *s) {
    volatile u8 *uart = (volatile u8 *)m_uart;
    for (; *s; s++) {
        while ((uart[5] & 0x20) == 0)
            ;
        uart[0] = (u8)*s;
    }
}

static void mputhex(u64 x) {
    char buf[19] = "0x";
    for (int i = 0; i < 16; i++)
        buf[2 + i] = "0123456789abcdef"[(x >> (60 - 4 * i)) & 15];
    buf[18] = 0;
    mputs(buf);
}

// A trap M-mode does not expect: an S-mode ecall, or a fault inside the shim.
void mfatal(u64 mcause, u64 mepc, u64 mtval, u64 hartid) {
    mputs("\nM-mode trap: hart ");
    mputhex(hartid);
    mputs(" mcause ");
    mputhex(mcause);
    mputs(" mepc ");
    mputhex(mepc);
    mputs(" mtval ");
    mputhex(mtval);
    mputs("\n");
    *(volatile u32 *)m_test = BOARD_TEST_FAIL(2);
}
