// Trap handling: interrupts, system calls and user faults.
//
// Kernel code runs with interrupts enabled except under spinlocks, but is never
// preempted: an interrupt in the kernel only records what to do (need_resched), and the
// thread acts on it on its way back to user mode (user_return) or in the idle loop.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "cpu.h"
#include "thread.h"
#include "proc.h"
#include "trap.h"
#include "timer.h"
#include "sched.h"
#include "kring.h"
#include "defs.h"
#include <hartbench/ring.h>

void plic_intr(void);

static const char *cause_name(u64 cause) {
    static const char *names[] = {
        "instruction misaligned", "instruction access fault", "illegal instruction",
        "breakpoint", "load misaligned", "load access fault", "store misaligned",
        "store access fault", "user ecall", "supervisor ecall", "?", "?",
        "instruction page fault", "load page fault", "?", "store page fault",
    };
    return cause < NELEM(names) ? names[cause] : "?";
}

void trap_inithart(void) {
    w_sscratch(0);
    w_stvec((u64)trapvec);
    w_sie(r_sie() | SIE_SSIE);
}

static void interrupt(u64 cause) {
    switch (cause & ~SCAUSE_INTR) {
    case IRQ_S_TIMER: timer_intr(); break;
    case IRQ_S_SOFT:  ipi_intr(); break;
    case IRQ_S_EXT:   plic_intr(); break;
    default: panic("interrupt: unexpected cause %lu", cause & ~SCAUSE_INTR);
    }
}

struct kframe {
    u64 ra, t0, t1, t2, a0, a1, a2, a3, a4, a5, a6, a7, t3, t4, t5, t6;
    u64 sepc, sstatus, pad[2];
};

void kerneltrap(struct kframe *f) {
    u64 cause = r_scause();
    if (!(cause & SCAUSE_INTR))
        panic("kernel trap: cause %lu (%s) pc %p stval %p ra %p", cause, cause_name(cause),
              (void *)f->sepc, (void *)r_stval(), (void *)f->ra);
    if (f->sstatus & SSTATUS_SPIE && mycpu()->noff)
        panic("kerneltrap: interrupted with locks held");
    interrupt(cause);
}

static void syscall(struct thread *t, struct trapframe *tf) {
    switch (tf->a7) {
    case SYS_CAP_ENTER:
        tf->a0 = (u64)cap_enter(tf->a0, tf->a1);
        break;
    case SYS_EXIT:
        thread_exit(t, tf->a0, tf->a1 == EXIT_PROCESS);
        break;
    default:
        tf->a0 = (u64)-E_BADOP;
        break;
    }
}

void usertrap(struct trapframe *tf) {
    struct thread *t = curthread();
    u64 cause = r_scause();
    if (cause & SCAUSE_INTR) {
        interrupt(cause);
    } else if (cause == EXC_ECALL_U) {
        tf->sepc += 4;
        intr_on();
        syscall(t, tf);
    } else {
        struct proc *p = t->proc;
        kprintf("pid %u (%s) tid %u: %s at pc %p stval %p: killed\n", p->pid, p->name, t->tid,
                cause_name(cause), (void *)tf->sepc, (void *)r_stval());
        intr_on();
        thread_exit(t, 0x80 | cause, true);
    }
    user_return(t);
}

// Leave the kernel for user mode, first handling a kill or a pending reschedule.
void user_return(struct thread *t) {
    for (;;) {
        intr_off();
        if (t->killed) {
            intr_on();
            thread_exit(t, 0, false);
        }
        if (!mycpu()->need_resched)
            break;
        schedule();
    }
    struct trapframe *tf = t->tf;
    tf->sstatus = (tf->sstatus & ~SSTATUS_SPP) | SSTATUS_SPIE;
    w_sscratch((u64)mycpu());
    userret(tf);
}
