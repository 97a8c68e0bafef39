package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.api.TraceRecord;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * Deterministic mode reproduces a racy four-hart program exactly: console output (interleaved
 * from all harts), per-hart instruction counts, trace records (with rdtime stamps) and the final
 * contents of shared memory. A different quantum gives a different interleaving, which shows the
 * program really races.
 */
class DeterminismTest {

    private static final int HARTS = 4;
    private static final int ROUNDS = 300;
    private static final long TRACE = 0x1001_0000L;
    private static final int RING_ENTRIES = 64;

    /**
     * Every hart: registers a trace ring, then ROUNDS times bumps a shared counter with amoadd and
     * another with LR/SC, appends its letter to a shared log at the position the amoadd returned,
     * prints its letter, writes a trace record stamped with rdtime, and spins a hart-dependent
     * while. Hart 0 waits for all and passes.
     */
    private static Asm racyProgram() {
        Asm a = program().csrr(S11, MHARTID);
        a.la(S0, "shared").slli(T0, S11, 12).la(S1, "rings").add(S1, S1, T0); // ring of this hart
        a.li(T0, TRACE + 0x100).slli(T1, S11, 4).add(T0, T0, T1).sd(S1, T0, 0).li(T2, RING_ENTRIES).sw(T2, T0, 8);
        a.li(S2, 0).addi(S3, S11, 'a');
        a.label("round");
        a.li(T0, 1).amo(AMOADD, true, T1, S0, T0); // t1 = ticket
        a.label("retry").addi(T2, S0, 8).lr(true, T3, T2).addi(T3, T3, 1).sc(true, T4, T2, T3).bnez(T4, "retry");
        a.andi(T1, T1, 2047).add(T1, T1, S0).sb(S3, T1, 64); // log[ticket] = letter
        putc(a, S3);
        // trace record at slot head % entries: time, type 5, cpu, tid, pid, arg0 = round, arg1 = ticket
        a.ld(T2, S1, 0).andi(T3, T2, RING_ENTRIES - 1).slli(T3, T3, 5).add(T3, T3, S1);
        a.csrr(T4, TIME).sd(T4, T3, 64).li(T5, 5).sh(T5, T3, 72).sh(S11, T3, 74).sw(S3, T3, 76).sw(ZERO, T3, 80);
        a.sw(S2, T3, 84).sd(T1, T3, 88).fence().addi(T2, T2, 1).sd(T2, S1, 0);
        a.addi(T0, S11, 1).slli(T0, T0, 4).label("busy").addi(T0, T0, -1).bnez(T0, "busy");
        a.addi(S2, S2, 1).li(T0, ROUNDS).blt(S2, T0, "round");
        a.li(T0, 1).addi(T1, S0, 16).amo(AMOADD, true, ZERO, T1, T0);
        a.bnez(S11, "park").li(T2, HARTS).label("wait").ld(T0, T1, 0).bne(T0, T2, "wait");
        pass(a);
        a.label("park").wfi().j("park");
        a.align(4096).label("shared").org(a.here() + 4096);
        a.label("rings").org(a.here() + HARTS * 4096);
        return a;
    }

    record Outcome(ExitStatus status, String console, long[] instructions, List<TraceRecord> records, byte[] digest) {
    }

    private static Outcome runOnce(int quantum) throws Exception {
        Asm program = racyProgram();
        MachineConfig config = config(HARTS, ExecutionMode.DETERMINISTIC).withTrace(true).withQuantum(quantum);
        VirtMachine m = machine(config, program);
        List<TraceRecord> records = new ArrayList<>();
        StringBuilder console = new StringBuilder();
        m.addTraceListener(records::add);
        m.addConsoleListener((b, off, len) -> console.append(new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1)));
        try (m) {
            m.start();
            ExitStatus s = m.awaitExit(Duration.ofSeconds(60)).orElseThrow();
            byte[] shared = new byte[4096 + HARTS * 4096];
            m.inspector().readPhysical(program.address("shared"), shared, 0, shared.length);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(shared);
            return new Outcome(s, console.toString(), m.instructionsPerHart(), records, digest);
        }
    }

    @Test
    void twoRunsAreIdentical() throws Exception {
        Outcome first = runOnce(97);
        Outcome second = runOnce(97);
        assertEquals(ExitStatus.Kind.PASS, first.status().kind(), first.status().message());
        assertEquals(HARTS * ROUNDS, first.console().length());
        assertEquals(HARTS * ROUNDS, first.records().size(), "every trace record delivered");
        assertEquals(first.console(), second.console());
        assertArrayEquals(first.instructions(), second.instructions());
        assertEquals(first.records(), second.records());
        assertArrayEquals(first.digest(), second.digest());
        assertTrue(first.records().stream().anyMatch(r -> r.time() > 0), "records carry advancing rdtime stamps");
    }

    @Test
    void anotherQuantumInterleavesDifferently() throws Exception {
        Outcome a = runOnce(97);
        Outcome b = runOnce(1000);
        assertEquals(ExitStatus.Kind.PASS, b.status().kind());
        assertNotEquals(a.console(), b.console(), "the program races, so the quantum shows in the output");
    }
}
