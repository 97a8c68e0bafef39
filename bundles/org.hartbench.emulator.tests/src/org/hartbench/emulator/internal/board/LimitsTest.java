package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The machine ends with the right status on its limits (instructions: exact in deterministic
 * mode; host time) and when the guest can make no progress (a trap whose handler traps again),
 * with a message naming hart, cause and pc.
 */
class LimitsTest {

    private static Asm endless() {
        return program().label("loop").addi(A0, A0, 1).j("loop");
    }

    @Test
    void deterministicInstructionLimitIsExact() {
        for (int harts : new int[] { 1, 3 }) {
            Run r = run(config(harts, ExecutionMode.DETERMINISTIC).withMaxInstructions(123_457), endless());
            assertEquals(ExitStatus.Kind.INSTRUCTION_LIMIT, r.status().kind());
            assertEquals(123_457, Arrays.stream(r.instructions()).sum(), harts + " harts");
        }
    }

    @Test
    void parallelInstructionLimitStopsWithinASlicePerHart() {
        Run r = run(config(2, ExecutionMode.PARALLEL).withMaxInstructions(1_000_000), endless());
        assertEquals(ExitStatus.Kind.INSTRUCTION_LIMIT, r.status().kind());
        long total = Arrays.stream(r.instructions()).sum();
        assertTrue(total >= 1_000_000 && total < 1_000_000 + 2 * ParallelScheduler.SLICE, "total " + total);
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void timeoutEndsAnEndlessGuest(ExecutionMode mode) {
        long start = System.nanoTime();
        Run r = run(config(2, mode).withTimeout(Duration.ofMillis(300)), endless());
        assertEquals(ExitStatus.Kind.TIMEOUT, r.status().kind());
        assertEquals(124, r.status().processExitCode());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void timePausedDoesNotCountTowardsTheTimeout(ExecutionMode mode) throws Exception {
        try (VirtMachine m = machine(config(1, mode).withTimeout(Duration.ofMillis(600)), endless())) {
            m.start();
            m.pause();
            Thread.sleep(900);                 // longer than the timeout, all of it paused
            assertTrue(m.exitStatus().isEmpty(), "a paused machine timed out");
            assertTrue(m.runNanos() < 600_000_000L, "run time counted the pause: " + m.runNanos());
            m.resume();
            ExitStatus status = m.awaitExit(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(ExitStatus.Kind.TIMEOUT, status.kind());
            long ran = m.runNanos();
            assertTrue(ran >= 600_000_000L && ran < 5_000_000_000L, "run time " + ran);
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void aTrapLoopIsAGuestError(ExecutionMode mode) {
        // mtvec is 0 after reset: the illegal instruction traps to address 0, which is not memory.
        Asm a = program().word(0);
        Run r = run(config(1, mode), a);
        assertEquals(ExitStatus.Kind.GUEST_ERROR, r.status().kind());
        String m = r.status().message();
        assertTrue(m.contains("hart 0") && m.contains("instruction access fault") && m.contains("pc 0x0"), m);
        assertFalse(m.contains("internal"), m);
        assertEquals(125, r.status().processExitCode());
    }

    @Test
    void aHandlerThatTrapsOnItselfIsAGuestError() {
        Asm a = program().la(T0, "handler").csrw(MTVEC, T0).ecall().align(4).label("handler").ebreak();
        Run r = run(config(1, ExecutionMode.DETERMINISTIC), a);
        assertEquals(ExitStatus.Kind.GUEST_ERROR, r.status().kind());
        assertTrue(r.status().message().contains("breakpoint"), r.status().message());
        assertTrue(r.status().message().contains(String.format("pc 0x%x", a.address("handler"))), r.status().message());
    }
}
