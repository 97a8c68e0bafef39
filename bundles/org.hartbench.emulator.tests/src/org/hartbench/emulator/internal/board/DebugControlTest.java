package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hartbench.emulator.api.DebugListener;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.RunState;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-hart suspend, resume and step, address breakpoints, and the events a debugger sees. */
class DebugControlTest {

    record Event(String kind, int hart, DebugListener.Reason reason, long pc) {
    }

    private static BlockingQueue<Event> listen(VirtMachine m) {
        BlockingQueue<Event> q = new LinkedBlockingQueue<>();
        m.addDebugListener(new DebugListener() {
            @Override
            public void onSuspended(int hart, Reason reason, long pc) {
                q.add(new Event("suspended", hart, reason, pc));
            }

            @Override
            public void onResumed(int hart) {
                q.add(new Event("resumed", hart, null, 0));
            }
        });
        return q;
    }

    private static Event next(BlockingQueue<Event> q) throws InterruptedException {
        Event e = q.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no debug event");
        return e;
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void breakpointStepAndResume(ExecutionMode mode) throws Exception {
        Asm a = program().li(A0, 0).label("bp").addi(A0, A0, 1).addi(A0, A0, 2).li(T0, 3).bne(A0, T0, "bad");
        pass(a).label("bad");
        fail(a, 1);
        try (VirtMachine m = machine(config(1, mode), a)) {
            BlockingQueue<Event> q = listen(m);
            m.addBreakpoint(a.address("bp"));
            m.start();
            assertEquals(new Event("suspended", 0, DebugListener.Reason.BREAKPOINT, a.address("bp")), next(q));
            HartSnapshot s = m.inspector().snapshot(0);
            assertEquals(RunState.SUSPENDED, s.state());
            assertEquals(0, s.x()[A0], "stopped before the instruction at the breakpoint");
            m.stepHart(0);
            assertEquals(new Event("suspended", 0, DebugListener.Reason.STEP, a.address("bp") + 4), next(q));
            assertEquals(1, m.inspector().snapshot(0).x()[A0]);
            m.removeBreakpoint(a.address("bp"));
            m.resumeHart(0);
            assertEquals("resumed", next(q).kind());
            ExitStatus status = m.awaitExit(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(ExitStatus.Kind.PASS, status.kind(), status.message());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void suspendOneHartWhileTheOtherRuns(ExecutionMode mode) throws Exception {
        Asm a = program().label("loop").addi(S2, S2, 1).j("loop");
        try (VirtMachine m = machine(config(2, mode), a)) {
            BlockingQueue<Event> q = listen(m);
            m.start();
            m.suspendHart(1);
            Event e = next(q);
            assertEquals(1, e.hart());
            assertEquals(DebugListener.Reason.SUSPEND_REQUEST, e.reason());
            long held = m.inspector().snapshot(1).instret();
            long other = m.inspector().snapshot(0).instret();
            Thread.sleep(100);
            assertEquals(held, m.inspector().snapshot(1).instret(), "the suspended hart does not run");
            assertTrue(m.inspector().snapshot(0).instret() > other, "the other hart does");
            m.resumeHart(1);
            assertEquals(new Event("resumed", 1, null, 0), next(q));
            Thread.sleep(50);
            assertTrue(m.inspector().snapshot(1).instret() > held);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void steppingATrappingInstructionLandsInTheHandler(ExecutionMode mode) throws Exception {
        Asm a = program().la(T0, "handler").csrw(MTVEC, T0).label("bp").ecall().spin();
        a.align(4).label("handler").spin();
        try (VirtMachine m = machine(config(1, mode), a)) {
            BlockingQueue<Event> q = listen(m);
            m.addBreakpoint(a.address("bp"));
            m.start();
            assertEquals(DebugListener.Reason.BREAKPOINT, next(q).reason());
            m.stepHart(0);
            assertEquals(new Event("suspended", 0, DebugListener.Reason.STEP, a.address("handler")), next(q));
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void resumeEndsEverySuspension(ExecutionMode mode) throws Exception {
        Asm a = program().label("loop").addi(S2, S2, 1).j("loop");
        try (VirtMachine m = machine(config(2, mode), a)) {
            BlockingQueue<Event> q = listen(m);
            m.start();
            m.suspendHart(0);
            m.suspendHart(1);
            next(q);
            next(q);
            m.resume();
            assertEquals("resumed", next(q).kind());
            assertEquals("resumed", next(q).kind());
            long before = m.inspector().snapshot(0).instret() + m.inspector().snapshot(1).instret();
            Thread.sleep(50);
            assertTrue(m.inspector().snapshot(0).instret() + m.inspector().snapshot(1).instret() > before);
        }
    }
}
