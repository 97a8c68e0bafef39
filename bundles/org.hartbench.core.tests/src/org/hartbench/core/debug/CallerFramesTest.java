package org.hartbench.core.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.model.IStackFrame;
import org.junit.jupiter.api.Test;

/**
 * Caller frames of a real kernel stopped in a system call. The chain is fixed by the kernel's
 * code: a user ecall enters the trap vector, which calls usertrap(), whose syscall switch
 * (inlined) calls cap_enter(), which calls ring_submit() to consume the submission queue.
 */
class CallerFramesTest {

    @Test
    void aBreakpointInASystemCallShowsItsCallers() throws Exception {
        try (DebugSession s = new DebugSession(1, "ring_submit")) {
            HartThread t = hitBreakpoint(s);
            HartStackFrame[] frames = frames(t);
            assertEquals(List.of("ring_submit", "cap_enter", "usertrap"), functions(frames, 3),
                    "the chain: " + Arrays.toString(frames));
            assertTrue(frames.length < FrameWalker.MAX_DEPTH, "the walk ends at the trap vector");
            for (int i = 0; i < frames.length; i++) {
                assertEquals(i, frames[i].level());
            }
            // A caller's line is the line of its call, in the caller's file.
            assertEquals("ring.c", frames[1].source().orElseThrow().file().getFileName().toString());
            assertEquals("trap.c", frames[2].source().orElseThrow().file().getFileName().toString());
            assertTrue(frames[1].getName().startsWith("cap_enter+0x"), frames[1].getName());
            assertTrue(frames[1].getName().endsWith(" at ring.c:" + frames[1].getLineNumber()), frames[1].getName());
            assertEquals(List.of(HartRegisterGroup.FRAME), Arrays.stream(frames[1].getRegisterGroups())
                    .map(g -> nameOf(g)).toList(), "a caller shows only what the walk recovers");
            assertArrayEquals(frames, t.getStackFrames(), "the same frame objects until the hart runs");
        }
    }

    @Test
    void theChainIsTheSameInsideAndAfterThePrologue() throws Exception {
        try (DebugSession s = new DebugSession(1, "cap_enter")) {
            HartThread t = hitBreakpoint(s);
            HartStackFrame[] atEntry = frames(t);
            assertEquals(List.of("cap_enter", "usertrap"), functions(atEntry, 2));
            long entry = atEntry[0].pc();
            // Step through the prologue (stores of ra and s0, then addi s0, sp, N) into the body.
            for (int i = 0; i < 16; i++) {
                s.drain();
                t.stepInto();
                s.await(t, DebugEvent.SUSPEND, DebugEvent.STEP_END);
                HartStackFrame[] now = frames(t);
                assertEquals("cap_enter", now[0].symbol().orElseThrow().replaceAll("\\+0x.*", ""), "still in cap_enter");
                assertEquals(atEntry.length, now.length, "same depth after " + (i + 1) + " steps: " + Arrays.toString(now));
                for (int level = 1; level < now.length; level++) {
                    assertEquals(atEntry[level].pc(), now[level].pc(), "caller " + level + " after " + (i + 1) + " steps");
                }
            }
            assertTrue(frames(t)[0].pc() - entry >= 16, "the steps reached the function body");
        }
    }

    private static HartThread hitBreakpoint(DebugSession s) throws InterruptedException {
        DebugEvent hit = s.await(e -> e.getKind() == DebugEvent.SUSPEND && e.getDetail() == DebugEvent.BREAKPOINT,
                "a breakpoint hit");
        return (HartThread) hit.getSource();
    }

    private static HartStackFrame[] frames(HartThread t) {
        IStackFrame[] all = t.getStackFrames();
        return Arrays.copyOf(all, all.length, HartStackFrame[].class);
    }

    /** The function names of the innermost n frames (symbol without +offset). */
    private static List<String> functions(HartStackFrame[] frames, int n) {
        return Arrays.stream(frames).limit(n).map(f -> f.symbol().orElse("?").replaceAll("\\+0x.*", "")).toList();
    }

    private static String nameOf(org.eclipse.debug.core.model.IRegisterGroup g) {
        try {
            return g.getName();
        } catch (org.eclipse.debug.core.DebugException e) {
            throw new AssertionError(e);
        }
    }
}
