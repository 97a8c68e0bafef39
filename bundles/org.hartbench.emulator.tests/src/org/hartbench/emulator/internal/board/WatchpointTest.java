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

/** Watchpoints: a watched access stops its hart right after the instruction, and nothing else does. */
class WatchpointTest {

    record Stop(String what, int hart, long address, int size, boolean write, DebugListener.Reason reason, long pc) {
    }

    private static BlockingQueue<Stop> listen(VirtMachine m) {
        BlockingQueue<Stop> q = new LinkedBlockingQueue<>();
        m.addDebugListener(new DebugListener() {
            @Override
            public void onWatchpointHit(int hart, long address, int size, boolean write) {
                q.add(new Stop("hit", hart, address, size, write, null, 0));
            }

            @Override
            public void onSuspended(int hart, Reason reason, long pc) {
                q.add(new Stop("suspended", hart, 0, 0, false, reason, pc));
            }

            @Override
            public void onResumed(int hart) {
                // not needed here
            }
        });
        return q;
    }

    private static Stop next(BlockingQueue<Stop> q) throws InterruptedException {
        Stop s = q.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "no debug event");
        return s;
    }

    /**
     * Reads var, writes var+8 (same page, not watched by a write watchpoint on var), then writes
     * var; passes when var ends up 7.
     */
    private static Asm readsThenWrites() {
        Asm a = program().la(T0, "var").li(T1, 5).ld(T2, T0, 0).label("afterRead").sd(T1, T0, 8).label("afterNear")
                .sd(T1, T0, 0).label("afterWrite").li(T1, 7).sd(T1, T0, 0).ld(T2, T0, 0).bne(T2, T1, "bad");
        pass(a).label("bad");
        fail(a, 1);
        a.align(8).label("var").dword(0).dword(0);
        return a;
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aWriteWatchpointStopsAfterTheStore(ExecutionMode mode) throws Exception {
        Asm a = readsThenWrites();
        try (VirtMachine m = machine(config(1, mode), a)) {
            BlockingQueue<Stop> q = listen(m);
            m.addWatchpoint(a.address("var"), 8, false, true);
            m.start();
            assertEquals(new Stop("hit", 0, a.address("var"), 8, true, null, 0), next(q));
            assertEquals(new Stop("suspended", 0, 0, 0, false, DebugListener.Reason.WATCHPOINT, a.address("afterWrite")),
                    next(q), "stopped after the store, not at the load or the store to var+8");
            byte[] var = new byte[8];
            m.inspector().readPhysical(a.address("var"), var, 0, 8);
            assertEquals(5, var[0], "the store happened before the stop");
            m.removeWatchpoint(a.address("var"), 8, false, true);
            m.resumeHart(0);
            ExitStatus status = m.awaitExit(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(ExitStatus.Kind.PASS, status.kind(), status.message());
            assertEquals(null, q.stream().filter(s -> s.what().equals("hit")).findAny().orElse(null),
                    "a removed watchpoint stops nothing");
        }
    }

    @Test
    void aReadWatchpointStopsAfterTheLoadAndAFarOneNever() throws Exception {
        Asm a = readsThenWrites();
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), a)) {
            BlockingQueue<Stop> q = listen(m);
            m.addWatchpoint(a.address("var") + 4, 1, true, false);
            m.addWatchpoint(a.address("var") + 0x2000, 64, true, true);
            m.start();
            assertEquals(new Stop("hit", 0, a.address("var"), 8, false, null, 0), next(q),
                    "an 8-byte load that covers the watched byte");
            assertEquals(a.address("afterRead"), next(q).pc());
            m.resumeHart(0);
            // The final ld of var hits the read watchpoint again.
            assertEquals(false, next(q).write());
            m.removeWatchpoint(a.address("var") + 4, 1, true, false);
            m.resumeHart(0);
            ExitStatus status = m.awaitExit(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(ExitStatus.Kind.PASS, status.kind(), status.message());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aWatchpointAddedWhileTheHartRunsCatchesAPageItHasCached(ExecutionMode mode) throws Exception {
        Asm a = program().la(T0, "var").label("loop").addi(T1, T1, 1).sd(T1, T0, 0).j("loop");
        a.align(8).label("var").dword(0);
        try (VirtMachine m = machine(config(1, mode), a)) {
            BlockingQueue<Stop> q = listen(m);
            m.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (m.inspector().snapshot(0).instret() < 100_000 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            m.addWatchpoint(a.address("var"), 8, false, true);
            assertTrue(next(q).write(), "the store through a cached translation is seen");
            assertEquals(DebugListener.Reason.WATCHPOINT, next(q).reason());
        }
    }

    @Test
    void anAmoCountsAsReadAndWrite() throws Exception {
        Asm a = program().la(T0, "var").li(T1, 1).amo(0b00000, true, T2, T0, T1).label("afterAmo").spin();
        a.align(8).label("var").dword(0);
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), a)) {
            BlockingQueue<Stop> q = listen(m);
            m.addWatchpoint(a.address("var"), 8, true, false);
            m.start();
            assertEquals(false, next(q).write(), "the amoadd.d reads var");
            assertEquals(a.address("afterAmo"), next(q).pc());
        }
    }

    @Test
    void badWatchpointsAreRefused() throws Exception {
        try (VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC), program().spin())) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> m.addWatchpoint(RAM, 0, true, true))
                    .getMessage().contains("length 0"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> m.addWatchpoint(RAM, 8, false, false))
                    .getMessage().contains("reads, writes or both"));
            m.removeWatchpoint(RAM, 8, true, true); // not set: nothing happens
        }
    }
}
