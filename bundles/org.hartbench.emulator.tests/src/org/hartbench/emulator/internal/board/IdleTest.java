package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.RunState;
import org.hartbench.emulator.internal.cpu.Cause;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * A deterministic machine whose harts all wait in wfi with no timer armed cannot move by
 * itself: the scheduler sleeps (visible as isIdle and WAITING harts) until host input arrives,
 * here a byte for the UART, whose interrupt reaches the hart through the PLIC.
 */
class IdleTest {

    private static final long PLIC = 0x0C00_0000L;

    @Test
    void idleMachineWakesOnConsoleInput() throws Exception {
        Asm a = program().la(T0, "handler").csrw(MTVEC, T0);
        a.li(T0, PLIC + 4 * 10).li(T1, 1).sw(T1, T0, 0); // priority of source 10 (UART)
        a.li(T0, PLIC + 0x2000).li(T1, 1 << 10).sw(T1, T0, 0); // enable it for context 0 (hart 0, M)
        a.li(T0, PLIC + 0x20_0000).sw(ZERO, T0, 0); // threshold 0
        a.li(T0, UART).li(T1, 1).sb(T1, T0, 1); // UART IER: receive interrupt
        a.li(T0, Cause.MEIP).csrs(MIE, T0).li(T0, 8).csrs(MSTATUS, T0);
        a.label("wait").wfi().j("wait");
        a.align(4).label("handler").li(T0, PLIC + 0x20_0004).lw(T1, T0, 0); // claim
        a.li(T2, UART).lbu(A0, T2, 0).sb(A0, T2, 0).sw(T1, T0, 0); // echo, complete
        pass(a);
        VirtMachine m = machine(config(1, ExecutionMode.DETERMINISTIC).withTimeout(Duration.ofSeconds(30)), a);
        StringBuilder out = new StringBuilder();
        m.addConsoleListener((b, off, len) -> out.append(new String(b, off, len, StandardCharsets.ISO_8859_1)));
        try (m) {
            m.start();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!m.isIdle() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(m.isIdle(), "the machine reports that it waits for input");
            assertEquals(RunState.WAITING, m.inspector().snapshot(0).state());
            long instret = m.instructionsPerHart()[0];
            Thread.sleep(100);
            assertEquals(instret, m.instructionsPerHart()[0], "nothing runs while idle");
            m.sendConsoleInput("Q".getBytes(StandardCharsets.US_ASCII));
            ExitStatus s = m.awaitExit(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(ExitStatus.Kind.PASS, s.kind(), s.message());
            assertEquals("Q", out.toString());
        }
    }
}
