// Traps and delegation across M, S and U mode. Each trap prints its cause, tval (where the
// specification fixes it: the instruction, the address, or zero for ecalls), epc and the previous
// privilege; the handler then steps over the trapping instruction.
//   M-mode: ecall (11), illegal instruction (2, tval = the instruction), load access fault at an
//           unmapped address (5, tval = the address), ebreak (3; tval is left out: the
//           specification lets it be the pc or zero). A misaligned AMO is not here: QEMU 7.2
//           reports it as a load misalignment (4) where the specification says store/AMO (6).
//   S-mode, with illegal instructions and U-mode ecalls delegated: ecall to M (9), an M-only CSR
//           read (2, delegated to S's handler)
//   U-mode: ecall (8, to S), an S CSR read (2, to S); a last ecall asks S, then M, to finish
#include "guest.h"

#define CAUSE_ILLEGAL 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_ECALL_U 8
#define CAUSE_ECALL_S 9
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_SPP (1UL << 8)
#define REQUEST_FINISH 99

static volatile uint64_t traps_taken;

static uint64_t insn_length(uint64_t epc)
{
    return (*(volatile uint16_t *)epc & 3) == 3 ? 4 : 2;
}

// Every trapping instruction carries a global label (TRAP_SITE), so reports name the site
// rather than an address that moves whenever the code changes.
#define TRAP_SITE(name, insn) __asm__ volatile(".globl " #name "\n" #name ":\n" insn)

extern char m_ecall[], m_unimp[], m_load_fault[], m_ebreak[], s_ecall[], s_csr_mstatus[], u_ecall[],
    u_csr_sstatus[], u_finish[], s_forward_finish[];

static const struct {
    const char *name;
    const char *address;
} sites[] = {
    { "m_ecall", m_ecall }, { "m_unimp", m_unimp }, { "m_load_fault", m_load_fault }, { "m_ebreak", m_ebreak },
    { "s_ecall", s_ecall }, { "s_csr_mstatus", s_csr_mstatus }, { "u_ecall", u_ecall },
    { "u_csr_sstatus", u_csr_sstatus }, { "u_finish", u_finish }, { "s_forward_finish", s_forward_finish },
};

static void report(const char *mode, uint64_t cause, uint64_t tval, uint64_t epc, uint64_t prev, int print_tval)
{
    traps_taken++;
    puts_(mode);
    puts_(" trap cause ");
    puthex(cause);
    puts_(" tval ");
    if (print_tval)
        puthex(tval);
    else
        puts_("-");
    puts_(" at ");
    const char *site = 0;
    for (unsigned i = 0; i < sizeof sites / sizeof sites[0]; i++)
        if ((uint64_t)sites[i].address == epc)
            site = sites[i].name;
    if (site) {
        puts_(site);
    } else {
        puts_("unknown site ");
        puthex(epc);
    }
    puts_(" from ");
    putdec(prev);
    putch('\n');
}

void __attribute__((interrupt("machine"), aligned(4))) machine_trap(void)
{
    uint64_t cause = csr_read(mcause), epc = csr_read(mepc), a7;
    uint64_t mpp = (csr_read(mstatus) >> MSTATUS_MPP_SHIFT) & 3;
    __asm__ volatile("mv %0, a7" : "=r"(a7));
    report("M", cause, csr_read(mtval), epc, mpp, cause != CAUSE_BREAKPOINT);
    if (cause == CAUSE_ECALL_S && a7 == REQUEST_FINISH) {
        puts_("traps taken ");
        putdec(traps_taken);
        putch('\n');
        finish_pass();
    }
    csr_write(mepc, epc + insn_length(epc));
}

void __attribute__((interrupt("supervisor"), aligned(4))) supervisor_trap(void)
{
    uint64_t cause = csr_read(scause), epc = csr_read(sepc), a7;
    uint64_t spp = (csr_read(sstatus) & MSTATUS_SPP) ? 1 : 0;
    __asm__ volatile("mv %0, a7" : "=r"(a7));
    report("S", cause, csr_read(stval), epc, spp, cause != CAUSE_BREAKPOINT);
    if (cause == CAUSE_ECALL_U && a7 == REQUEST_FINISH) {
        __asm__ volatile("li a7, %0" ::"i"(REQUEST_FINISH) : "a7");
        TRAP_SITE(s_forward_finish, "ecall");
    }
    csr_write(sepc, epc + insn_length(epc));
}

static void __attribute__((noreturn)) user_code(void)
{
    TRAP_SITE(u_ecall, "ecall");
    TRAP_SITE(u_csr_sstatus, "csrr t0, sstatus" ::: "t0"); // illegal in U-mode
    __asm__ volatile("li a7, %0" ::"i"(REQUEST_FINISH) : "a7");
    TRAP_SITE(u_finish, "ecall");
    for (;;)
        ;
}

static void __attribute__((noreturn)) supervisor_code(void)
{
    TRAP_SITE(s_ecall, "ecall");                              // to M: not delegated
    TRAP_SITE(s_csr_mstatus, "csrr t0, mstatus" ::: "t0");   // illegal in S-mode, delegated to S
    csr_clear(sstatus, MSTATUS_SPP);                   // sret to U
    csr_write(sepc, (uint64_t)user_code);
    __asm__ volatile("sret");
    __builtin_unreachable();
}

int main(uint64_t hartid)
{
    if (hartid != 0)
        park();
    csr_write(mtvec, (uint64_t)machine_trap);

    TRAP_SITE(m_ecall, "ecall");
    TRAP_SITE(m_unimp, ".option push\n .option norvc\n unimp\n .option pop"); // csrrw x0, cycle, x0
    uint64_t v;
    TRAP_SITE(m_load_fault, "ld %0, 0(%1)" : "=r"(v) : "r"(0x08000000UL)); // nothing there on either board
    TRAP_SITE(m_ebreak, "ebreak");

    // PMP: one NAPOT region over everything, RWX, or S and U could not touch memory at all.
    csr_write(pmpaddr0, -1UL);
    csr_write(pmpcfg0, 0x1f);
    csr_write(medeleg, (1UL << CAUSE_ILLEGAL) | (1UL << CAUSE_ECALL_U));
    csr_write(stvec, (uint64_t)supervisor_trap);
    uint64_t ms = csr_read(mstatus) & ~(3UL << MSTATUS_MPP_SHIFT);
    csr_write(mstatus, ms | (1UL << MSTATUS_MPP_SHIFT));
    csr_write(mepc, (uint64_t)supervisor_code);
    __asm__ volatile("mret");
    return 1; // not reached
}
