package org.hartbench.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.CoreException;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.MachineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's life cycle on hand-written guests: output, end, pause and terminate. */
class MachineSessionTest {

    @TempDir
    Path dir;

    private static boolean threadsOf(MachineSession session, String machinePrefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && (t == session.pumpThread() || t.getName().startsWith(machinePrefix)));
    }

    @Test
    void outputReachesTheMonitorBeforeTheEndIsReported() throws Exception {
        Path elf = GuestImages.write(dir.resolve("hello.elf"), GuestImages.HELLO_THEN_PASS);
        MachineSession session = MachineSession.open(MachineConfig.defaults(), elf);
        CompletableFuture<String> outputAtEnd = new CompletableFuture<>();
        session.addEndListener(status -> outputAtEnd.complete(status.kind() + ":" + session.output().getContents()));
        session.start();
        assertEquals("PASS:hi\n", outputAtEnd.get(30, TimeUnit.SECONDS));
        assertTrue(session.isEnded());
        assertEquals(ExitStatus.Kind.PASS, session.exitStatus().orElseThrow().kind());
        session.pumpThread().join(5000);
        assertFalse(session.pumpThread().isAlive(), "the pump leaves after the end");
    }

    @Test
    void terminateStopsASpinningMachineAndLeavesNoThreads() throws Exception {
        Path elf = GuestImages.write(dir.resolve("spin.elf"), GuestImages.SPIN);
        MachineSession session = MachineSession.open(MachineConfig.defaults().withHarts(2)
                .withMode(org.hartbench.emulator.api.ExecutionMode.PARALLEL), elf);
        session.start();
        session.pause();
        assertTrue(session.isPaused());
        session.resume();
        assertFalse(session.isPaused());
        assertFalse(session.isEnded());
        session.terminate();
        assertTrue(session.isEnded(), "terminate returns after the end was reported");
        assertEquals(ExitStatus.Kind.STOPPED, session.exitStatus().orElseThrow().kind());
        assertEquals(130, session.exitStatus().orElseThrow().processExitCode());
        assertFalse(threadsOf(session, "hartbench-m"), "no emulator or console thread is left");
        session.terminate(); // a second terminate is harmless
    }

    @Test
    void terminateBeforeStartStillReportsTheEnd() throws Exception {
        Path elf = GuestImages.write(dir.resolve("spin.elf"), GuestImages.SPIN);
        MachineSession session = MachineSession.open(MachineConfig.defaults(), elf);
        CompletableFuture<ExitStatus> end = new CompletableFuture<>();
        session.addEndListener(end::complete);
        session.terminate();
        assertEquals(ExitStatus.Kind.STOPPED, end.get(5, TimeUnit.SECONDS).kind());
    }

    @Test
    void aFileThatIsNotAnElfFailsToOpenWithItsReason() throws Exception {
        Path text = java.nio.file.Files.writeString(dir.resolve("x.elf"), "text");
        CoreException e = org.junit.jupiter.api.Assertions.assertThrows(CoreException.class,
                () -> MachineSession.open(MachineConfig.defaults(), text));
        assertTrue(e.getStatus().getMessage().startsWith("Cannot load " + text + ": "), e.getStatus().getMessage());
    }
}
