package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hartbench.emulator.api.DebugListener;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Register and pc writes by the debugger: they take effect, and only on a suspended hart. */
class DebugWriteTest {

    private static BlockingQueue<DebugListener.Reason> stops(VirtMachine m) {
        BlockingQueue<DebugListener.Reason> q = new LinkedBlockingQueue<>();
        m.addDebugListener(new DebugListener() {
            @Override
            public void onSuspended(int hart, Reason reason, long pc) {
                q.add(reason);
            }

            @Override
            public void onResumed(int hart) {
                // only stops matter here
            }
        });
        return q;
    }

    private static DebugListener.Reason next(BlockingQueue<DebugListener.Reason> q) throws InterruptedException {
        DebugListener.Reason r = q.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "no stop");
        return r;
    }

    private static ExitStatus exit(VirtMachine m) throws InterruptedException {
        return m.awaitExit(Duration.ofSeconds(10)).orElseThrow();
    }

    /** a0 counts to 3 from wherever it is at bp; the program passes only if a0 was 40 there. */
    private static Asm countsFromA0() {
        Asm a = program().li(A0, 0).label("bp").addi(A0, A0, 3).li(T0, 43).bne(A0, T0, "bad");
        pass(a).label("bad");
        fail(a, 1);
        return a;
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aWrittenRegisterIsWhatTheHartContinuesWith(ExecutionMode mode) throws Exception {
        Asm a = countsFromA0();
        try (VirtMachine m = machine(config(1, mode), a)) {
            BlockingQueue<DebugListener.Reason> q = stops(m);
            m.addBreakpoint(a.address("bp"));
            m.start();
            assertEquals(DebugListener.Reason.BREAKPOINT, next(q));
            m.writeRegister(0, A0, 40);
            assertEquals(40, m.inspector().snapshot(0).x()[A0], "the inspector sees the write at once");
            m.resumeHart(0);
            ExitStatus status = exit(m);
            assertEquals(ExitStatus.Kind.PASS, status.kind(), status.message());
        }
    }

    @Test
    void withoutTheWriteTheSameProgramFails() throws Exception {
        Asm a = countsFromA0();
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), a)) {
            m.start();
            assertEquals(ExitStatus.Kind.FAIL, exit(m).kind(), "the write above is what made it pass");
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aWrittenPcIsWhereTheHartGoesOnEvenOntoABreakpoint(ExecutionMode mode) throws Exception {
        Asm a = program().label("bp").j("bad").label("good").label("bp2");
        pass(a).label("bad");
        fail(a, 1);
        try (VirtMachine m = machine(config(1, mode), a)) {
            BlockingQueue<DebugListener.Reason> q = stops(m);
            m.addBreakpoint(a.address("bp"));
            m.addBreakpoint(a.address("bp2"));
            m.start();
            assertEquals(DebugListener.Reason.BREAKPOINT, next(q));
            m.writePc(0, a.address("good"));
            assertEquals(a.address("good"), m.inspector().snapshot(0).pc());
            m.stepHart(0);
            assertEquals(DebugListener.Reason.STEP, next(q), "the step runs the instruction at the written pc");
            assertEquals(a.address("good") + 4, m.inspector().snapshot(0).pc(), "the first instruction of pass ran");
            m.resumeHart(0);
            ExitStatus status = exit(m);
            assertEquals(ExitStatus.Kind.PASS, status.kind(), status.message());
        }
    }

    @Test
    void writesAreRefusedUnlessTheDebuggerHoldsTheHart() throws Exception {
        Asm a = program().label("loop").addi(S2, S2, 1).j("loop");
        try (VirtMachine m = machine(config(2, ExecutionMode.DETERMINISTIC), a)) {
            BlockingQueue<DebugListener.Reason> q = stops(m);
            IllegalStateException notStarted = assertThrows(IllegalStateException.class, () -> m.writeRegister(0, A0, 1));
            assertTrue(notStarted.getMessage().contains("hart 0 is not suspended"), notStarted.getMessage());
            m.start();
            IllegalStateException running = assertThrows(IllegalStateException.class, () -> m.writePc(1, 0x8000_0000L));
            assertTrue(running.getMessage().contains("hart 1 is not suspended"), running.getMessage());
            m.pause();
            assertThrows(IllegalStateException.class, () -> m.writeRegister(0, A0, 1), "a pause is not a debugger stop");
            m.resume();
            m.suspendHart(0);
            assertEquals(DebugListener.Reason.SUSPEND_REQUEST, next(q));
            IllegalArgumentException x0 = assertThrows(IllegalArgumentException.class, () -> m.writeRegister(0, 0, 1));
            assertTrue(x0.getMessage().contains("x0 is hard-wired to zero"), x0.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.writeRegister(0, 32, 1));
            IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> m.writePc(0, 0x8000_0001L));
            assertTrue(odd.getMessage().contains("odd"), odd.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.writeRegister(2, A0, 1), "no hart 2");
            m.writeRegister(0, S2, -5);
            assertEquals(-5, m.inspector().snapshot(0).x()[S2]);
            IllegalStateException other = assertThrows(IllegalStateException.class, () -> m.writeRegister(1, S2, 0));
            assertTrue(other.getMessage().contains("hart 1"), other.getMessage());
            m.stop();
            IllegalStateException ended = assertThrows(IllegalStateException.class, () -> m.writeRegister(0, S2, 0));
            assertTrue(ended.getMessage().contains("ended"), ended.getMessage());
        }
    }
}
