package org.hartbench.core.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.junit.jupiter.api.Test;

/** Editing registers in the Registers view: the model writes through to the machine. */
class RegisterWriteTest {

    @Test
    void aWrittenRegisterReachesTheMachineAndTheFrameInPlace() throws Exception {
        try (DebugSession s = new DebugSession(1)) {
            HartThread t = suspend(s);
            HartStackFrame frame = (HartStackFrame) t.getTopStackFrame();
            IRegister t3 = register(frame, "x28 (t3)");
            assertTrue(t3.supportsValueModification());
            assertTrue(t3.verifyValue("0xdeadbeef") && t3.verifyValue("-1") && t3.verifyValue("18446744073709551615"));
            assertFalse(t3.verifyValue("0x1ffffffffffffffff") || t3.verifyValue("twelve") || t3.verifyValue("0x"));
            s.drain();
            t3.setValue("0xdeadbeef");
            s.await(frame, DebugEvent.CHANGE, DebugEvent.CONTENT);
            assertEquals(0xdead_beefL, s.machine.inspector().snapshot(0).x()[28], "the machine has the value");
            assertSame(frame, t.getTopStackFrame(), "the frame is refreshed in place, so the view keeps it selected");
            HartRegister shown = (HartRegister) register(frame, "x28 (t3)");
            assertEquals(0xdead_beefL, shown.longValue());
            register(frame, "x28 (t3)").setValue("-2");
            assertEquals(-2L, s.machine.inspector().snapshot(0).x()[28], "negative decimals are two's complement");

            DebugException bad = assertThrows(DebugException.class, () -> register(frame, "x28 (t3)").setValue("0xzz"));
            assertTrue(bad.getMessage().contains("is not a 64-bit value"), bad.getMessage());
            assertThrows(DebugException.class, () -> register(frame, "pc").setValue("0x80000001"), "odd pc");
            assertEquals(OptionalLong.of(-1L), HartRegister.parseValue("0xffff_ffff_ffff_ffff"));
        }
    }

    @Test
    void aWrittenPcMovesTheFrameAndTheHart() throws Exception {
        try (DebugSession s = new DebugSession(1)) {
            HartThread t = suspend(s);
            long schedule = s.image.symbol("schedule").orElseThrow().address();
            HartStackFrame frame = (HartStackFrame) t.getTopStackFrame();
            register(frame, "pc").setValue("0x" + Long.toHexString(schedule));
            assertEquals(schedule, frame.pc());
            assertEquals(schedule, s.machine.inspector().snapshot(0).pc());
            assertTrue(frame.getName().startsWith("schedule ("), frame.getName());
            assertTrue(register(frame, "pc").hasValueChanged(), "changed since the previous stop");
        }
    }

    @Test
    void writesNeedAStoppedHartAndAWritableRegister() throws Exception {
        try (DebugSession s = new DebugSession(1)) {
            HartThread t = suspend(s);
            HartStackFrame frame = (HartStackFrame) t.getTopStackFrame();
            IRegister a0 = register(frame, "x10 (a0)");
            IRegister satp = null;
            for (IRegisterGroup g : frame.getRegisterGroups()) {
                if (g.getName().equals(HartRegisterGroup.CSRS)) {
                    for (IRegister r : g.getRegisters()) {
                        if (r.getName().equals("satp")) {
                            satp = r;
                        }
                    }
                }
            }
            assertFalse(satp.supportsValueModification(), "CSRs are read-only");
            assertThrows(DebugException.class, () -> register(frame, "x0 (zero)").setValue("1"));
            IStackFrame[] frames = t.getStackFrames();
            if (frames.length > 1) {
                for (IRegisterGroup g : frames[1].getRegisterGroups()) {
                    for (IRegister r : g.getRegisters()) {
                        assertFalse(r.supportsValueModification(), "caller frames are read-only: " + r.getName());
                    }
                }
            }
            s.drain();
            t.resume();
            s.await(t, DebugEvent.RESUME, -1);
            assertFalse(a0.supportsValueModification(), "not while the hart runs");
            DebugException running = assertThrows(DebugException.class, () -> a0.setValue("1"));
            assertTrue(running.getMessage().contains("not suspended"), running.getMessage());
        }
    }

    private static HartThread suspend(DebugSession s) throws InterruptedException, DebugException {
        DebugSession.waitUntil(() -> s.machine.inspector().snapshot(0).instret() > 50_000, "the kernel runs");
        HartThread t = s.target.hartThread(0);
        t.suspend();
        s.await(t, DebugEvent.SUSPEND, DebugEvent.CLIENT_REQUEST);
        return t;
    }

    private static IRegister register(IStackFrame frame, String name) throws DebugException {
        for (IRegisterGroup g : frame.getRegisterGroups()) {
            for (IRegister r : g.getRegisters()) {
                if (r.getName().equals(name)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no register " + name);
    }
}
