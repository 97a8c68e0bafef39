package org.hartbench.emulator.internal.board;

import static org.hartbench.emulator.internal.board.Boards.*;
import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.internal.bus.Ram;
import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * Four harts on four host threads hammer shared memory: an amoadd.d counter, an LR/SC counter,
 * amoadd.w on two neighbouring words, and byte and halfword counters that each hart increments
 * with plain loads and stores in its own lane of shared doublewords. The exact final values show
 * that no AMO was lost, no SC succeeded wrongly, and no narrow store rewrote a neighbour's bytes
 * (a lost neighbour update would leave that lane's counter short). Repeated on fresh machines to give races a chance.
 */
class ParallelAtomicsStressTest {

    private static final int HARTS = 4;
    private static final int ITERATIONS = 20_000;
    private static final int REPEATS = 6;
    private static final int LANES = 64;

    private static Asm program() {
        Asm a = Boards.program().csrr(S11, MHARTID).la(S0, "shared").li(S2, 0).li(S4, ITERATIONS);
        a.label("loop");
        a.li(T0, 1).amo(AMOADD, true, ZERO, S0, T0); // shared+0
        a.label("retry").addi(T2, S0, 8).lr(true, T3, T2).addi(T3, T3, 1).sc(true, T4, T2, T3).bnez(T4, "retry");
        // amoadd.w on the neighbouring words at +16 and +20, alternately
        a.andi(T1, S2, 1).slli(T1, T1, 2).add(T1, T1, S0).addi(T1, T1, 16).amo(AMOADD, false, ZERO, T1, T0);
        // byte lane counter: bytes[(i % LANES) * 8 + hart] += 1 (only this hart writes that byte)
        a.andi(T1, S2, LANES - 1).slli(T1, T1, 3).add(T1, T1, S11).add(T1, T1, S0);
        a.lbu(T3, T1, 64).addi(T3, T3, 1).sb(T3, T1, 64);
        // halfword lane counter: halves[(i % LANES) * 8 + 2 * hart] += 1
        a.andi(T1, S2, LANES - 1).slli(T1, T1, 3).slli(T3, S11, 1).add(T1, T1, T3).add(T1, T1, S0);
        a.li(T3, 64 + LANES * 8).add(T1, T1, T3).lhu(T3, T1, 0).addi(T3, T3, 1).sh(T3, T1, 0);
        a.addi(S2, S2, 1).blt(S2, S4, "loop");
        a.addi(T1, S0, 24).amo(AMOADD, true, ZERO, T1, T0);
        a.bnez(S11, "park").li(T2, HARTS).label("wait").ld(T3, T1, 0).bne(T3, T2, "wait");
        pass(a);
        a.label("park").wfi().j("park");
        a.align(4096).label("shared").org(a.here() + 4096);
        return a;
    }

    @Test
    void countersAndLanesAreExact() {
        for (int repeat = 0; repeat < REPEATS; repeat++) {
            Asm p = program();
            Run r = run(config(HARTS, ExecutionMode.PARALLEL), p);
            assertEquals(ExitStatus.Kind.PASS, r.status().kind(), r.status().message());
            Ram ram = r.machine().ram();
            long shared = p.address("shared");
            assertEquals((long) HARTS * ITERATIONS, ram.readLong(shared), "amoadd.d counter, run " + repeat);
            assertEquals((long) HARTS * ITERATIONS, ram.readLong(shared + 8), "LR/SC counter, run " + repeat);
            assertEquals(HARTS * ITERATIONS / 2, ram.readInt(shared + 16), "amoadd.w low word, run " + repeat);
            assertEquals(HARTS * ITERATIONS / 2, ram.readInt(shared + 20), "amoadd.w high word, run " + repeat);
            byte[] one = new byte[1];
            for (int lane = 0; lane < LANES; lane++) {
                int count = (ITERATIONS - lane + LANES - 1) / LANES;
                for (int h = 0; h < HARTS; h++) {
                    ram.read(shared + 64 + lane * 8L + h, one, 0, 1);
                    assertEquals((byte) count, one[0], "byte lane " + lane + " of hart " + h + ", run " + repeat);
                    long half = shared + 64 + LANES * 8L + lane * 8L + 2L * h;
                    assertEquals((short) count, ram.readShort(half), "halfword lane " + lane + " of hart " + h);
                }
            }
        }
    }
}
