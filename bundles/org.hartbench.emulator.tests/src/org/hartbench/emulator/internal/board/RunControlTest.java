package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.RunState;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * pause, resume and stop from any thread at any moment: paused harts do not move, resumed ones
 * do, and every path ends with all of the machine's threads gone.
 */
class RunControlTest {

    /** Each hart counts forever in its own doubleword at "counters" + 8 * hartid. */
    private static Asm counting() {
        Asm a = program().csrr(A0, MHARTID).slli(A0, A0, 3).la(S0, "counters").add(S0, S0, A0);
        a.label("loop").ld(T0, S0, 0).addi(T0, T0, 1).sd(T0, S0, 0).j("loop");
        return a.align(4096).label("counters").dword(0).dword(0).dword(0).dword(0);
    }

    private static long[] counters(VirtMachine m, Asm program, int harts) {
        byte[] b = new byte[8 * harts];
        m.inspector().readPhysical(program.address("counters"), b, 0, b.length);
        long[] v = new long[harts];
        for (int i = 0; i < harts; i++) {
            v[i] = java.nio.ByteBuffer.wrap(b, 8 * i, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        }
        return v;
    }

    static List<Thread> threadsOf(VirtMachine m) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(m.threadPrefix()))
                .filter(Thread::isAlive).toList();
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void stopWhileRunningLeavesNoThreads(ExecutionMode mode) throws Exception {
        VirtMachine m = machine(config(3, mode), counting());
        m.start();
        Thread.sleep(100);
        assertFalse(threadsOf(m).isEmpty());
        m.stop();
        assertTrue(threadsOf(m).isEmpty(), "threads left: " + threadsOf(m));
        assertEquals(ExitStatus.Kind.STOPPED, m.exitStatus().orElseThrow().kind());
        assertEquals(RunState.HALTED, m.inspector().snapshot(0).state());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void pauseHoldsEveryHartAndResumeLetsThemGo(ExecutionMode mode) throws Exception {
        Asm program = counting();
        try (VirtMachine m = machine(config(2, mode), program)) {
            m.start();
            Thread.sleep(50);
            m.pause();
            assertTrue(m.isPaused());
            long[] first = counters(m, program, 2);
            long[] instret = m.instructionsPerHart();
            long mtime = m.inspector().mtime();
            Thread.sleep(100);
            assertArrayEquals(first, counters(m, program, 2), "paused harts do not store");
            assertArrayEquals(instret, m.instructionsPerHart());
            assertEquals(mtime, m.inspector().mtime(), "the clock stops too");
            assertEquals(RunState.SUSPENDED, m.inspector().snapshot(1).state());
            m.resume();
            assertFalse(m.isPaused());
            Thread.sleep(100);
            long[] later = counters(m, program, 2);
            assertTrue(later[0] > first[0] && later[1] > first[1], "both harts moved on after resume");
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void manyPausesAndResumesThenStopWhilePaused(ExecutionMode mode) throws Exception {
        VirtMachine m = machine(config(2, mode), counting());
        m.start();
        for (int i = 0; i < 25; i++) {
            m.pause();
            m.resume();
        }
        m.pause();
        m.stop();
        assertTrue(threadsOf(m).isEmpty());
    }

    @Test
    void stopBeforeStartEndsTheMachine() throws Exception {
        VirtMachine m = machine(config(1, ExecutionMode.PARALLEL), counting());
        m.stop();
        assertEquals(ExitStatus.Kind.STOPPED, m.awaitExit(Duration.ofSeconds(1)).orElseThrow().kind());
        assertThrows(IllegalStateException.class, m::start);
    }

    @Test
    void startTwiceIsRefused() {
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), counting())) {
            m.start();
            assertThrows(IllegalStateException.class, m::start);
        }
    }

    @Test
    void pauseBeforeStartHoldsTheMachineFromItsFirstInstruction() throws Exception {
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), counting())) {
            m.pause();
            m.start();
            Thread.sleep(50);
            assertEquals(0, m.instructionsPerHart()[0]);
            m.resume();
            Thread.sleep(50);
            assertTrue(m.instructionsPerHart()[0] > 0);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void stopFromAListenerOnAnEmulatorThreadDoesNotDeadlock(ExecutionMode mode) throws Exception {
        Asm a = program().li(A0, 'x');
        a.label("loop");
        putc(a, A0).j("loop");
        VirtMachine m = machine(config(1, mode), a);
        AtomicBoolean once = new AtomicBoolean();
        m.addConsoleListener((b, off, len) -> {
            if (once.compareAndSet(false, true)) {
                m.stop();
            }
        });
        m.start();
        ExitStatus s = m.awaitExit(Duration.ofSeconds(10)).orElseThrow();
        assertEquals(ExitStatus.Kind.STOPPED, s.kind());
        m.stop();
        assertTrue(threadsOf(m).isEmpty());
    }
}
