// Timer interrupts, counted rather than timed (QEMU's mtime follows the host clock, so only the
// order of events is comparable):
//   M-mode: three machine timer interrupts from the CLINT's mtimecmp (mcause 0x8000000000000007);
//           moving mtimecmp past mtime clears mip.MTIP
//   S-mode: three supervisor timer interrupts from stimecmp (Sstc, enabled through menvcfg.STCE
//           and mcounteren.TM, delegated through mideleg; scause 0x8000000000000005)
#include "guest.h"

#define CSR_MENVCFG "0x30a"
#define CSR_STIMECMP "0x14d"
#define MENVCFG_STCE (1UL << 63)
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define INTERRUPT (1UL << 63)
#define TICKS 1000 // 100 us at 10 MHz
#define REQUEST_FINISH 99

static volatile uint64_t m_ticks, s_ticks;

static uint64_t mtime(void)
{
    return mmio_read64(BOARD_CLINT_MTIME);
}

void __attribute__((interrupt("machine"), aligned(4))) machine_trap(void)
{
    uint64_t cause = csr_read(mcause);
    if (cause == (INTERRUPT | IRQ_M_TIMER)) {
        m_ticks++;
        puts_("M timer interrupt ");
        putdec(m_ticks);
        puts_(" mcause ");
        puthex(cause);
        putch('\n');
        mmio_write64(BOARD_CLINT_MTIMECMP(0), m_ticks < 3 ? mtime() + TICKS : -1UL);
        return;
    }
    if (cause == 9) { // ecall from S: the S part is done
        puts_("S part done, timer interrupts ");
        putdec(s_ticks);
        putch('\n');
        finish_pass();
    }
    puts_("unexpected M trap ");
    puthex(cause);
    putch('\n');
    finish_fail(1);
}

static uint64_t rdtime(void)
{
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

void __attribute__((interrupt("supervisor"), aligned(4))) supervisor_trap(void)
{
    uint64_t cause = csr_read(scause);
    if (cause != (INTERRUPT | IRQ_S_TIMER)) {
        puts_("unexpected S trap ");
        puthex(cause);
        putch('\n');
        finish_fail(2);
    }
    s_ticks++;
    puts_("S timer interrupt ");
    putdec(s_ticks);
    puts_(" scause ");
    puthex(cause);
    putch('\n');
    uint64_t next = s_ticks < 3 ? rdtime() + TICKS : -1UL;
    __asm__ volatile("csrw " CSR_STIMECMP ", %0" ::"r"(next));
}

static void __attribute__((noreturn)) supervisor_code(void)
{
    csr_write(stvec, (uint64_t)supervisor_trap);
    uint64_t first = rdtime() + TICKS;
    __asm__ volatile("csrw " CSR_STIMECMP ", %0" ::"r"(first));
    csr_set(sie, 1UL << IRQ_S_TIMER);
    // Test and sleep with SIE clear, so the last interrupt cannot slip in between: wfi wakes on
    // a pending interrupt whether or not it is enabled, and setting SIE then takes it.
    while (s_ticks < 3) {
        __asm__ volatile("wfi");
        csr_set(sstatus, 1UL << 1); // SIE
        csr_clear(sstatus, 1UL << 1);
    }
    __asm__ volatile("ecall");
    for (;;)
        ;
}

int main(uint64_t hartid)
{
    if (hartid != 0)
        park();
    csr_write(mtvec, (uint64_t)machine_trap);
    uint64_t t0 = mtime();
    while (mtime() == t0)
        ;
    puts_("mtime advances\n");

    mmio_write64(BOARD_CLINT_MTIMECMP(0), mtime() + TICKS);
    csr_set(mie, 1UL << IRQ_M_TIMER);
    while (m_ticks < 3) { // MIE is clear while testing; see supervisor_code
        __asm__ volatile("wfi");
        csr_set(mstatus, 1UL << 3); // MIE
        csr_clear(mstatus, 1UL << 3);
    }
    csr_clear(mie, 1UL << IRQ_M_TIMER);
    puts_("mip.MTIP after the last mtimecmp write ");
    putdec((csr_read(mip) >> IRQ_M_TIMER) & 1);
    putch('\n');

    csr_write(pmpaddr0, -1UL);
    csr_write(pmpcfg0, 0x1f);
    uint64_t envcfg;
    __asm__ volatile("csrr %0, " CSR_MENVCFG : "=r"(envcfg));
    __asm__ volatile("csrw " CSR_MENVCFG ", %0" ::"r"(envcfg | MENVCFG_STCE));
    csr_set(mcounteren, 2); // TM: S may read time and use stimecmp
    csr_write(mideleg, 1UL << IRQ_S_TIMER);
    uint64_t ms = csr_read(mstatus) & ~(3UL << 11);
    csr_write(mstatus, ms | (1UL << 11));
    csr_write(mepc, (uint64_t)supervisor_code);
    __asm__ volatile("mret");
    return 1;
}
