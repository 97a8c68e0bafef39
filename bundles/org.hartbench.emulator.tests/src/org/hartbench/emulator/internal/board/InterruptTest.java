package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.internal.cpu.Cause;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Interrupts on the board: the CLINT timer, the Sstc supervisor timer, software interrupts
 * between harts (IPIs), wfi waking on a pending-but-disabled interrupt, the deterministic
 * scheduler skipping idle time, and a parallel hart sleeping instead of spinning in wfi.
 */
class InterruptTest {

    /**
     * Hart 0 arms its CLINT timer delay ticks ahead and waits in wfi; the handler checks mcause
     * and passes. Other harts wait in wfi with no interrupt enabled.
     */
    private static Asm timerProgram(long delay) {
        Asm a = program().csrr(A0, MHARTID).bnez(A0, "park").la(T0, "handler").csrw(MTVEC, T0);
        a.li(T0, MTIME).ld(T1, T0, 0).li(T2, delay).add(T1, T1, T2).li(T0, MTIMECMP).sd(T1, T0, 0);
        a.li(T0, Cause.MTIP).csrs(MIE, T0).li(T0, 8).csrs(MSTATUS, T0);
        a.label("wait").wfi().j("wait");
        a.align(4).label("handler").csrr(A0, MCAUSE).li(T0, Cause.INTERRUPT | Cause.MACHINE_TIMER).bne(A0, T0, "bad");
        a.li(T0, MTIME).ld(A1, T0, 0).li(T0, MTIMECMP).ld(A2, T0, 0).bltu(A1, A2, "bad");
        pass(a);
        a.label("bad");
        fail(a, 1);
        return a.label("park").wfi().j("park");
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void clintTimerInterruptArrivesAfterItsDeadline(ExecutionMode mode) {
        Run r = run(config(1, mode), timerProgram(20_000));
        assertEquals(ExitStatus.Kind.PASS, r.status().kind(), r.status().message());
        assertTrue(r.machine().inspector().mtime() >= 20_000, "mtime reached the deadline");
    }

    @Test
    void deterministicModeSkipsIdleTimeToTheNextDeadline() {
        long tenSeconds = 100_000_000L;
        long start = System.nanoTime();
        Run r = run(config(2, ExecutionMode.DETERMINISTIC), timerProgram(tenSeconds));
        long host = System.nanoTime() - start;
        assertEquals(ExitStatus.Kind.PASS, r.status().kind(), r.status().message());
        assertTrue(r.machine().inspector().mtime() >= tenSeconds);
        assertTrue(host < 5_000_000_000L, "ten guest seconds took " + host / 1e9 + " host seconds");
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void supervisorTimerThroughStimecmp(ExecutionMode mode) {
        Asm a = program().la(T0, "shandler").csrw(STVEC, T0);
        a.li(T0, 1L << 63).csrs(MENVCFG, T0).li(T0, 2).csrw(MCOUNTEREN, T0);
        a.li(T0, Cause.STIP).csrw(MIDELEG, T0).csrs(MIE, T0);
        a.li(T0, 3L << 11).csrc(MSTATUS, T0).li(T0, 1L << 11).csrs(MSTATUS, T0).la(T0, "s").csrw(MEPC, T0).mret();
        a.label("s").csrr(T1, TIME).addi(T1, T1, 500).csrw(STIMECMP, T1).li(T0, 2).csrs(SSTATUS, T0);
        a.label("wait").wfi().j("wait");
        a.align(4).label("shandler").csrr(A0, SCAUSE).li(T0, Cause.INTERRUPT | Cause.SUPERVISOR_TIMER).bne(A0, T0, "bad");
        pass(a);
        a.label("bad");
        fail(a, 1);
        Run r = run(config(1, mode), a);
        assertEquals(ExitStatus.Kind.PASS, r.status().kind(), r.status().message());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void softwareInterruptWakesAnotherHart(ExecutionMode mode) {
        Asm a = program().csrr(A0, MHARTID).bnez(A0, "sender");
        a.la(T0, "handler").csrw(MTVEC, T0).li(T0, Cause.MSIP).csrs(MIE, T0).li(T0, 8).csrs(MSTATUS, T0);
        a.la(T0, "ready").li(T1, 1).sw(T1, T0, 0); // tell hart 1 that hart 0 waits
        a.label("wait").wfi().j("wait");
        a.label("sender").la(T0, "ready").label("poll").lw(T1, T0, 0).beqz(T1, "poll");
        a.li(T0, CLINT).li(T1, 1).sw(T1, T0, 0).spin(); // msip[0] = 1
        a.align(4).label("handler").csrr(A0, MCAUSE).li(T0, Cause.INTERRUPT | Cause.MACHINE_SOFTWARE).bne(A0, T0, "bad");
        a.li(T0, CLINT).sw(ZERO, T0, 0);
        pass(a);
        a.label("bad");
        fail(a, 1);
        a.align(4096).label("ready").dword(0);
        Run r = run(config(2, mode), a);
        assertEquals(ExitStatus.Kind.PASS, r.status().kind(), r.status().message());
    }

    @Test
    void wfiEndsOnAPendingInterruptEvenWhenInterruptsAreDisabled() {
        Asm a = program().la(T0, "handler").csrw(MTVEC, T0);
        a.li(T0, MTIME).ld(T1, T0, 0).addi(T1, T1, 100).li(T0, MTIMECMP).sd(T1, T0, 0);
        a.li(T0, Cause.MTIP).csrs(MIE, T0); // mstatus.MIE stays 0
        a.wfi();
        pass(a);
        a.align(4).label("handler");
        fail(a, 1);
        Run r = run(config(1, ExecutionMode.DETERMINISTIC), a);
        assertEquals(ExitStatus.Kind.PASS, r.status().kind(), "wfi returned without taking the interrupt");
    }

    @Test
    void parallelHartSleepsInWfiInsteadOfSpinning() throws Exception {
        VirtMachine m = machine(config(1, ExecutionMode.PARALLEL), timerProgram(6_000_000)); // 0.6 s
        try (m) {
            m.start();
            Thread.sleep(150);
            Thread hart = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(m.threadPrefix() + "hart0")).findFirst().orElseThrow();
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            long before = bean.getThreadCpuTime(hart.threadId());
            Thread.sleep(250);
            long used = bean.getThreadCpuTime(hart.threadId()) - before;
            assertTrue(used < 60_000_000L, "a waiting hart used " + used / 1e6 + " ms of CPU in 250 ms");
            ExitStatus s = m.awaitExit(Duration.ofSeconds(30)).orElseThrow();
            assertEquals(ExitStatus.Kind.PASS, s.kind(), s.message());
        }
    }
}
