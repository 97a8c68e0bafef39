package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * LR/SC under the deterministic scheduler: every hart switch drops the reservation (as Spike
 * does), and a hart holding one runs up to 16 more instructions to reach its SC, so an LR/SC
 * loop makes progress even with a quantum of one instruction.
 */
class ReservationSchedulingTest {

    @Test
    void aHartSwitchBetweenLrAndScMakesTheScFail() {
        // Hart 0: LR, then 100 instructions (more than quantum 20 plus the 16 of grace), then SC.
        Asm a = program().csrr(A0, MHARTID).bnez(A0, "park").la(S0, "word").li(A1, 7);
        a.lr(true, T0, S0).li(T1, 50).label("burn").addi(T1, T1, -1).bnez(T1, "burn").sc(true, S2, S0, A1);
        a.la(T0, "result").sd(S2, T0, 0);
        pass(a);
        a.label("park").wfi().j("park");
        a.align(8).label("word").dword(1).label("result").dword(-1);
        Run r = run(config(2, ExecutionMode.DETERMINISTIC).withQuantum(20), a);
        assertEquals(ExitStatus.Kind.PASS, r.status().kind());
        assertEquals(1, r.machine().ram().readLong(a.address("result")), "SC failed");
        assertEquals(1, r.machine().ram().readLong(a.address("word")));
    }

    @Test
    void lrScLoopsProgressWithAQuantumOfOne() {
        // Two harts each add 1 to a shared word 500 times with an LR/SC loop.
        Asm a = program().la(S0, "word").li(S1, 500);
        a.label("again").label("retry").lr(true, T0, S0).addi(T0, T0, 1).sc(true, T1, S0, T0).bnez(T1, "retry");
        a.addi(S1, S1, -1).bnez(S1, "again");
        a.csrr(A0, MHARTID).bnez(A0, "park").label("wait").ld(T0, S0, 0).li(T1, 1000).bne(T0, T1, "wait");
        pass(a);
        a.label("park").wfi().j("park");
        a.align(8).label("word").dword(0);
        Run r = run(config(2, ExecutionMode.DETERMINISTIC).withQuantum(1), a);
        assertEquals(ExitStatus.Kind.PASS, r.status().kind(), r.status().message());
        assertEquals(1000, r.machine().ram().readLong(a.address("word")));
    }
}
