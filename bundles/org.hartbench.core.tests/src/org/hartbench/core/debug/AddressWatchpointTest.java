package org.hartbench.core.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IBreakpoint;
import org.junit.jupiter.api.Test;

/**
 * Watchpoints in the debug model against a real kernel. proc_alloc() (inlined into proc_spawn)
 * is the only writer of next_pid, which starts at 1: the first process the kernel spawns
 * stores 2 there.
 */
class AddressWatchpointTest {

    @Test
    void aWriteWatchpointStopsTheHartThatStoresRightAfterTheStore() throws Exception {
        AddressWatchpoint wp = AddressWatchpoint.create("next_pid 4 w", true);
        try (DebugSession s = new DebugSession(1)) {
            assertTrue(s.target.isInstalled(wp), "installed when the session started");
            DebugEvent hit = s.await(e -> e.getKind() == DebugEvent.SUSPEND && e.getDetail() == DebugEvent.BREAKPOINT,
                    "a watchpoint stop");
            HartThread t = (HartThread) hit.getSource();
            assertArrayEquals(new IBreakpoint[] { wp }, t.getBreakpoints());
            HartStackFrame frame = (HartStackFrame) t.getTopStackFrame();
            assertTrue(frame.symbol().orElseThrow().startsWith("proc_spawn+"), frame.getName());
            byte[] value = new byte[4];
            s.machine.inspector().readPhysical(s.image.symbol("next_pid").orElseThrow().address(), value, 0, 4);
            assertEquals(2, value[0], "stopped after the store of next_pid++");
            assertEquals("next_pid (4 bytes, write)", wp.label());

            wp.setEnabled(false);
            DebugSession.waitUntil(() -> !s.target.isInstalled(wp), "the disabled watchpoint is removed");
            wp.setEnabled(true);
            DebugSession.waitUntil(() -> s.target.isInstalled(wp), "the enabled watchpoint is back");
            wp.setModification(false);
            wp.setAccess(false);
            DebugSession.waitUntil(() -> s.target.installProblem(wp).isPresent(), "a watchpoint of no kind is refused");
            assertEquals("it watches neither reads nor writes", s.target.installProblem(wp).get());
        } finally {
            DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(wp, true);
        }
    }

    @Test
    void specsAreParsedAndBadOnesExplained() throws Exception {
        assertEquals(new AddressWatchpoint.Spec("cpus", 64, false, true), AddressWatchpoint.parse("cpus 64"));
        assertEquals(new AddressWatchpoint.Spec("0x80001000", 8, true, true), AddressWatchpoint.parse(" 0x80001000 rw "));
        assertEquals(new AddressWatchpoint.Spec("cpus+0x40", 0x10, true, false), AddressWatchpoint.parse("cpus+0x40 0x10 r"));
        assertEquals("'many' is not a length: give a number of bytes such as 8 or 0x40",
                AddressWatchpoint.problemWith("cpus many", null).orElseThrow());
        assertEquals("the length must be between 1 and 1073741824 bytes",
                AddressWatchpoint.problemWith("cpus 0 w", null).orElseThrow());
        assertTrue(AddressWatchpoint.problemWith("", null).orElseThrow().contains("for example 'cpus 64 w'"));
        assertTrue(AddressWatchpoint.problemWith("12x 8", null).orElseThrow().contains("neither an ELF symbol"));
        assertFalse(AddressWatchpoint.problemWith("any_symbol 8 rw", null).isPresent(), "looked up when installed");
        CoreException bad = assertThrows(CoreException.class, () -> AddressWatchpoint.create("cpus 8 x y", false));
        assertTrue(bad.getMessage().contains("give a location"), bad.getMessage());
    }

    @Test
    void aSymbolTheKernelLacksIsReportedAndNotInstalled() throws Exception {
        try (DebugSession s = new DebugSession(1)) {
            AddressWatchpoint wp = AddressWatchpoint.create("no_such_variable", true);
            try {
                assertFalse(s.target.isInstalled(wp));
                assertEquals("no symbol 'no_such_variable' in kernel.elf", s.target.installProblem(wp).orElseThrow());
                assertEquals("no symbol 'no_such_variable' in kernel.elf",
                        AddressWatchpoint.problemWith("no_such_variable", s.image).orElseThrow());
            } finally {
                DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(wp, true);
            }
        }
    }
}
