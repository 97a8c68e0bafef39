package org.hartbench.core.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.junit.jupiter.api.Test;

class TraceSessionsTest {

    @Test
    void openMakesCurrentAndCloseDetaches() {
        List<TraceSession> told = new ArrayList<>();
        java.util.function.Consumer<TraceSession> listener = told::add;
        TraceSessions.addListener(listener);
        try (Machine m = Machine.create(MachineConfig.defaults().withHarts(3))) {
            TraceSession s = TraceSessions.open("test", m);
            assertSame(s, TraceSessions.current());
            assertEquals(3, s.cpus().snapshot().rows().size(), "a row per hart before any record");
            assertSame(m, s.machine());
            s.close();
            assertTrue(s.isClosed());
            assertNull(s.machine());
            assertTrue(!TraceSessions.all().contains(s));
            assertEquals(List.of(s), told.subList(0, 1));
            assertEquals(2, told.size(), "told on open and on close");
        } finally {
            TraceSessions.removeListener(listener);
        }
    }

    @Test
    void openingANewSessionClosesThoseOfEndedMachines() {
        try (Machine ended = Machine.create(MachineConfig.defaults());
                Machine next = Machine.create(MachineConfig.defaults())) {
            TraceSession old = TraceSessions.open("ended", ended);
            ended.stop();
            assertTrue(ended.exitStatus().isPresent(), "a stopped machine has ended");
            TraceSession s = TraceSessions.open("next", next);
            assertTrue(old.isClosed(), "the ended machine's session was closed");
            assertSame(s, TraceSessions.current());
            s.close();
        }
    }
}
