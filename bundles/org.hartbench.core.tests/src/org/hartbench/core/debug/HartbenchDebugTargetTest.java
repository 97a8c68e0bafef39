package org.hartbench.core.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.MemoryByte;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.HartSnapshot;
import org.junit.jupiter.api.Test;

/** The debug model around a real kernel on a deterministic machine. */
class HartbenchDebugTargetTest {

    @Test
    void oneThreadPerHartNamedAfterTheHart() throws Exception {
        try (DebugSession s = new DebugSession(3)) {
            IThread[] threads = s.target.getThreads();
            assertEquals(3, threads.length);
            for (int i = 0; i < threads.length; i++) {
                assertTrue(threads[i].getName().startsWith("Hart " + i + " ["), threads[i].getName());
            }
            assertSame(s.target, s.launch.getDebugTarget());
            assertTrue(s.target.getName().contains("kernel.elf") && s.target.getName().contains("3 harts"),
                    s.target.getName());
        }
    }

    @Test
    void suspendAllGivesEveryHartAFrameAtItsPcThenResume() throws Exception {
        try (DebugSession s = new DebugSession(2)) {
            DebugSession.waitUntil(() -> s.machine.inspector().snapshot(1).instret() > 100_000, "the kernel has booted");
            s.target.suspend();
            for (IThread t : s.target.getThreads()) {
                s.await(t, DebugEvent.SUSPEND, DebugEvent.CLIENT_REQUEST);
            }
            assertTrue(s.target.isSuspended());
            for (int i = 0; i < 2; i++) {
                HartThread t = s.target.hartThread(i);
                assertTrue(t.isSuspended());
                IStackFrame[] frames = t.getStackFrames();
                assertTrue(frames.length >= 1);
                assertEquals(0, ((HartStackFrame) frames[0]).level());
                HartSnapshot snap = s.machine.inspector().snapshot(i);
                assertEquals(snap.pc(), ((HartStackFrame) frames[0]).pc());
                assertTrue(frames[0].getName().contains("(" + Locations.hex(snap.pc()) + ")")
                        || frames[0].getName().startsWith(Locations.hex(snap.pc())), frames[0].getName());
                assertTrue(t.getName().contains("[" + snap.mode().name().charAt(0) + "]"), t.getName());
            }
            long[] held = { s.machine.inspector().snapshot(0).instret(), s.machine.inspector().snapshot(1).instret() };
            Thread.sleep(50);
            assertEquals(held[0], s.machine.inspector().snapshot(0).instret(), "a suspended hart does not run");

            s.drain();
            s.target.resume();
            for (IThread t : s.target.getThreads()) {
                s.await(t, DebugEvent.RESUME, DebugEvent.CLIENT_REQUEST);
                assertFalse(t.isSuspended());
                assertEquals(0, t.getStackFrames().length);
            }
            DebugSession.waitUntil(() -> s.machine.inspector().snapshot(0).instret()
                    + s.machine.inspector().snapshot(1).instret() > held[0] + held[1], "the harts run again");
        }
    }

    @Test
    void breakpointOnASymbolStopsTheHartThatReachesIt() throws Exception {
        try (DebugSession s = new DebugSession(2, "schedule")) {
            long schedule = s.image.symbol("schedule").orElseThrow().address();
            DebugEvent hit = s.await(e -> e.getKind() == DebugEvent.SUSPEND && e.getDetail() == DebugEvent.BREAKPOINT,
                    "a breakpoint hit");
            HartThread t = (HartThread) hit.getSource();
            assertEquals(1, t.getBreakpoints().length);
            AddressBreakpoint bp = (AddressBreakpoint) t.getBreakpoints()[0];
            assertEquals("schedule", bp.symbol());
            assertEquals(schedule, s.target.installedAddress(bp).orElseThrow());
            HartStackFrame frame = (HartStackFrame) t.getTopStackFrame();
            assertEquals(schedule, frame.pc());
            assertEquals(schedule, s.machine.inspector().snapshot(t.hart()).pc());
            assertTrue(frame.getName().startsWith("schedule ("), frame.getName());
            assertTrue(t.getName().endsWith("] schedule"), t.getName());
            // DWARF line info: the frame is at the line of sched.c that defines schedule().
            assertEquals("sched.c", frame.source().orElseThrow().file().getFileName().toString());
            assertTrue(frame.getLineNumber() > 0);
            assertTrue(frame.getName().endsWith(" at sched.c:" + frame.getLineNumber()), frame.getName());
            Object element = s.launch.getSourceLocator().getSourceElement(frame);
            assertEquals(frame.source().get().file().toFile(), element, "the launch's source locator finds the C file");
        }
    }

    @Test
    void stepRunsOneInstructionOnOneHart() throws Exception {
        try (DebugSession s = new DebugSession(2, "schedule")) {
            DebugEvent hit = s.await(e -> e.getKind() == DebugEvent.SUSPEND && e.getDetail() == DebugEvent.BREAKPOINT,
                    "a breakpoint hit");
            HartThread t = (HartThread) hit.getSource();
            HartStackFrame before = (HartStackFrame) t.getTopStackFrame();
            long instret = before.snapshot().instret();
            assertTrue(t.canStepInto() && t.canStepOver() && !t.canStepReturn());
            t.stepInto();
            s.await(t, DebugEvent.SUSPEND, DebugEvent.STEP_END);
            HartStackFrame after = (HartStackFrame) t.getTopStackFrame();
            assertNotSame(before, after);
            HartSnapshot now = s.machine.inspector().snapshot(t.hart());
            assertEquals(now.pc(), after.pc());
            assertTrue(now.instret() == instret + 1 || now.pc() != before.pc(),
                    "one instruction retired (instret " + instret + " -> " + now.instret() + ")");
            assertNotEquals(before.pc(), after.pc());
            IRegister pc = register(after, HartRegisterGroup.GENERAL, "pc");
            assertTrue(pc.hasValueChanged(), "the Registers view marks the pc as changed");
        }
    }

    @Test
    void registersShowTheSnapshot() throws Exception {
        try (DebugSession s = new DebugSession(1)) {
            DebugSession.waitUntil(() -> s.machine.inspector().snapshot(0).instret() > 50_000, "the kernel runs");
            HartThread t = s.target.hartThread(0);
            t.suspend();
            s.await(t, DebugEvent.SUSPEND, DebugEvent.CLIENT_REQUEST);
            HartStackFrame frame = (HartStackFrame) t.getTopStackFrame();
            HartSnapshot snap = s.machine.inspector().snapshot(0);
            IRegisterGroup[] groups = frame.getRegisterGroups();
            assertEquals(List.of(HartRegisterGroup.GENERAL, HartRegisterGroup.CSRS),
                    Arrays.stream(groups).map(g -> name(g)).toList());
            IRegister[] general = groups[0].getRegisters();
            assertEquals(34, general.length, "pc, mode and x0 to x31");
            long[] x = snap.x();
            for (int i = 0; i < 32; i++) {
                HartRegister r = (HartRegister) general[2 + i];
                assertEquals("x" + i + " (" + HartSnapshot.ABI_NAMES[i] + ")", r.getName());
                assertEquals(x[i], r.longValue(), r.getName());
                assertEquals(Locations.hex(x[i]), r.getValue().getValueString());
            }
            assertEquals(Locations.hex(snap.pc()), register(frame, HartRegisterGroup.GENERAL, "pc").getValue()
                    .getValueString());
            assertTrue(register(frame, HartRegisterGroup.GENERAL, "mode").getValue().getValueString()
                    .startsWith(snap.mode().name().charAt(0) + " ("));
            for (var e : snap.csrs().entrySet()) {
                assertEquals(e.getValue(), ((HartRegister) register(frame, HartRegisterGroup.CSRS, e.getKey())).longValue(),
                        e.getKey());
            }
            assertTrue(snap.csrs().containsKey("satp"), "the key CSRs include satp");
            assertFalse(general[1].supportsValueModification(), "the privilege mode is read-only");
            assertFalse(general[2].supportsValueModification(), "x0 is read-only");
            assertThrows(DebugException.class, () -> general[2].setValue("0x1"));
        }
    }

    @Test
    void memoryBlocksReadGuestMemoryWithoutPerturbingIt() throws Exception {
        try (DebugSession s = new DebugSession(1)) {
            DebugSession.waitUntil(() -> s.machine.inspector().snapshot(0).instret() > 50_000, "the kernel runs");
            HartThread t = s.target.hartThread(0);
            t.suspend();
            s.await(t, DebugEvent.SUSPEND, DebugEvent.CLIENT_REQUEST);
            long instret = s.machine.inspector().snapshot(0).instret();

            GuestMemoryBlock phys = (GuestMemoryBlock) s.target.getExtendedMemoryBlock("phys:0x80000000", t);
            assertTrue(phys.isPhysical());
            byte[] expected = new byte[256];
            assertEquals(256, s.machine.inspector().readPhysical(0x8000_0000L, expected, 0, 256));
            assertArrayEquals(expected, phys.getBytes());
            MemoryByte[] bytes = phys.getBytesFromAddress(BigInteger.valueOf(0x8000_0000L), 256);
            for (int i = 0; i < 256; i++) {
                assertTrue(bytes[i].isReadable());
                assertEquals(expected[i], bytes[i].getValue());
            }

            // A symbol through hart 0's translation: the kernel is identity-mapped.
            long schedule = s.image.symbol("schedule").orElseThrow().address();
            GuestMemoryBlock virt = (GuestMemoryBlock) s.target.getExtendedMemoryBlock("schedule", t.getTopStackFrame());
            assertEquals(0, virt.hart());
            assertEquals(schedule, virt.getStartAddress());
            byte[] code = new byte[256];
            s.machine.inspector().readPhysical(s.machine.inspector().translate(0, schedule).orElseThrow(), code, 0, 256);
            assertArrayEquals(code, virt.getBytes());

            MemoryByte[] hole = phys.getBytesFromAddress(BigInteger.valueOf(0x7fff_fff0L), 32);
            for (int i = 0; i < 32; i++) {
                assertEquals(i >= 16, hole[i].isReadable(), "only RAM is readable, byte " + i);
            }
            DebugException bad = assertThrows(DebugException.class, () -> s.target.getExtendedMemoryBlock("no_such_symbol", t));
            assertTrue(bad.getMessage().contains("no symbol 'no_such_symbol' in kernel.elf"), bad.getMessage());
            assertEquals(instret, s.machine.inspector().snapshot(0).instret(), "reading memory ran no instruction");
        }
    }

    @Test
    void breakpointOnAnUnknownSymbolIsReportedAndNotInstalled() throws Exception {
        try (DebugSession s = new DebugSession(1)) {
            AddressBreakpoint bp = s.addBreakpoint("no_such_function");
            assertTrue(s.target.installedAddress(bp).isEmpty());
            assertEquals("no symbol 'no_such_function' in kernel.elf", s.target.installProblem(bp).orElseThrow());
            CoreException bad = assertThrows(CoreException.class, () -> AddressBreakpoint.create("12 x", false));
            assertTrue(bad.getMessage().contains("neither an ELF symbol name nor a hex address"), bad.getMessage());
            // What the Add Address Breakpoint dialog says while this kernel is being debugged.
            assertEquals("no symbol 'no_such_function' in kernel.elf",
                    AddressBreakpoint.problemWith("no_such_function", s.target.image()).orElseThrow());
            assertTrue(AddressBreakpoint.problemWith("schedule", s.target.image()).isEmpty());
            assertTrue(AddressBreakpoint.problemWith("0x80000000", s.target.image()).isEmpty());
            assertEquals(List.of(s.target), HartbenchDebugTarget.live().stream().filter(t -> t == s.target).toList(),
                    "a running target registered with the launch manager is live");
        }
    }

    @Test
    void disablingABreakpointTakesItOutOfTheMachine() throws Exception {
        try (DebugSession s = new DebugSession(1)) {
            AddressBreakpoint bp = s.addBreakpoint("0x80006000");
            assertEquals(0x8000_6000L, s.target.installedAddress(bp).orElseThrow());
            bp.setEnabled(false);
            DebugSession.waitUntil(() -> s.target.installedAddress(bp).isEmpty(), "the disabled breakpoint is removed");
            bp.setEnabled(true);
            DebugSession.waitUntil(() -> s.target.installedAddress(bp).isPresent(), "the enabled breakpoint is back");
        }
    }

    @Test
    void terminateStopsTheMachineAndEndsTheTarget() throws Exception {
        try (DebugSession s = new DebugSession(2)) {
            assertTrue(s.target.canTerminate());
            s.target.terminate();
            s.await(s.target, DebugEvent.TERMINATE, -1);
            assertTrue(s.target.isTerminated());
            assertEquals(ExitStatus.Kind.STOPPED, s.machine.exitStatus().orElseThrow().kind());
            assertEquals(0, s.target.getThreads().length);
            assertThrows(DebugException.class, () -> s.target.resume());
        }
    }

    private static String name(IRegisterGroup g) {
        try {
            return g.getName();
        } catch (DebugException e) {
            throw new AssertionError(e);
        }
    }

    private static IRegister register(IStackFrame frame, String group, String name) throws DebugException {
        for (IRegisterGroup g : frame.getRegisterGroups()) {
            if (g.getName().equals(group)) {
                for (IRegister r : g.getRegisters()) {
                    if (r.getName().equals(name)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no register " + name + " in group " + group);
    }
}
