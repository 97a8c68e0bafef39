package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/** RV64I: arithmetic, W-forms, shifts, compares, upper immediates, jumps, branches, loads and stores. */
class Rv64iInstructionTest {

    private final HartRig rig = new HartRig();

    private Hart run(Asm a) {
        a.label("end").spin();
        return rig.run(a, "end");
    }

    @Test
    void loadImmediateCoversAllWidths() {
        long[] values = { 0, 1, -1, 2047, -2048, 2048, 0x7FFF_F800L, 0x7FFF_FFFFL, -0x8000_0000L, 0x8000_0000L,
                0x1234_5678_9ABC_DEF0L, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFF_0000_0000L };
        Asm a = HartRig.program();
        for (int i = 0; i < values.length; i++) {
            a.li(5 + i, values[i]);
        }
        run(a);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], rig.x(5 + i), "li of " + Long.toHexString(values[i]));
        }
    }

    @Test
    void registerRegisterArithmetic() {
        Asm a = HartRig.program().li(A0, 0x7FFF_FFFF_FFFF_FFFFL).li(A1, 1).li(A2, -5).li(A3, 3);
        a.add(T0, A0, A1).sub(T1, A1, A0).and(T2, A2, A3).or(T3, A2, A3).xor(T4, A2, A3);
        a.slt(T5, A2, A3).sltu(T6, A2, A3).slt(S2, A3, A2).sltu(S3, A3, A2);
        run(a);
        assertEquals(Long.MIN_VALUE, rig.x(T0), "add wraps");
        assertEquals(1 - 0x7FFF_FFFF_FFFF_FFFFL, rig.x(T1));
        assertEquals(-5L & 3, rig.x(T2));
        assertEquals(-5L | 3, rig.x(T3));
        assertEquals(-5L ^ 3, rig.x(T4));
        assertEquals(1, rig.x(T5), "-5 < 3 signed");
        assertEquals(0, rig.x(T6), "-5 > 3 unsigned");
        assertEquals(0, rig.x(S2));
        assertEquals(1, rig.x(S3));
    }

    @Test
    void immediateArithmeticSignExtendsTwelveBits() {
        Asm a = HartRig.program().li(A0, 100);
        a.addi(T0, A0, -2048).slti(T1, A0, 101).sltiu(T2, A0, -1).xori(T3, A0, -1).ori(T4, A0, -256)
                .andi(T5, A0, -4).sltiu(T6, ZERO, 1);
        run(a);
        assertEquals(100 - 2048, rig.x(T0));
        assertEquals(1, rig.x(T1));
        assertEquals(1, rig.x(T2), "sltiu compares with the sign-extended immediate as unsigned");
        assertEquals(~100L, rig.x(T3));
        assertEquals(100 | -256L, rig.x(T4));
        assertEquals(100, rig.x(T5));
        assertEquals(1, rig.x(T6), "seqz idiom");
    }

    @Test
    void shiftsUseSixBitAmountsAndWFormsFive() {
        Asm a = HartRig.program().li(A0, 0x8000_0000_0000_0001L).li(A1, 65).li(A2, 0xFFFF_FFFF_8000_0000L);
        a.slli(T0, A0, 63).srli(T1, A0, 63).srai(T2, A0, 63).sll(T3, A0, A1).srl(T4, A0, A1).sra(T5, A0, A1);
        a.slliw(T6, A0, 31).srliw(S2, A2, 31).sraiw(S3, A2, 31).sllw(S4, A1, A1).srlw(S5, A2, A1).sraw(S6, A2, A1);
        run(a);
        assertEquals(Long.MIN_VALUE, rig.x(T0));
        assertEquals(1, rig.x(T1));
        assertEquals(-1, rig.x(T2));
        assertEquals(0x2L, rig.x(T3), "sll by 65 shifts by 1");
        assertEquals(0x4000_0000_0000_0000L, rig.x(T4));
        assertEquals(0xC000_0000_0000_0000L, rig.x(T5));
        assertEquals(0xFFFF_FFFF_8000_0000L, rig.x(T6), "slliw sign-extends bit 31");
        assertEquals(1, rig.x(S2), "srliw shifts the low word as unsigned");
        assertEquals(-1, rig.x(S3));
        assertEquals(65L << 1 & 0xFFFF_FFFFL, rig.x(S4), "sllw by 65 uses the low 5 bits: 1");
        assertEquals(0x4000_0000L, rig.x(S5));
        assertEquals(0xFFFF_FFFF_C000_0000L, rig.x(S6));
    }

    @Test
    void wordOperationsSignExtendTheirResult() {
        Asm a = HartRig.program().li(A0, 0x7FFF_FFFF).li(A1, 1).li(A2, 0x1_0000_0005L);
        a.addw(T0, A0, A1).subw(T1, ZERO, A1).addiw(T2, A0, 1).addiw(T3, A2, 0).subw(T4, A2, A1);
        run(a);
        assertEquals(0xFFFF_FFFF_8000_0000L, rig.x(T0));
        assertEquals(-1, rig.x(T1));
        assertEquals(0xFFFF_FFFF_8000_0000L, rig.x(T2));
        assertEquals(5, rig.x(T3), "addiw x, 0 truncates to 32 bits (sext.w)");
        assertEquals(4, rig.x(T4));
    }

    @Test
    void upperImmediatesAndPcRelative() {
        Asm a = HartRig.program();
        a.lui(T0, 0x80000).auipc(T1, 0).auipc(T2, 0xFFFFF);
        run(a);
        assertEquals(0xFFFF_FFFF_8000_0000L, rig.x(T0), "lui sign-extends bit 31");
        assertEquals(HartRig.RAM_BASE + 4, rig.x(T1));
        assertEquals(HartRig.RAM_BASE + 8 - 4096, rig.x(T2));
    }

    @Test
    void writesToX0AreDiscarded() {
        Asm a = HartRig.program().li(A0, 7).addi(ZERO, A0, 1).add(ZERO, A0, A0).lui(ZERO, 5).add(T0, ZERO, ZERO);
        run(a);
        assertEquals(0, rig.x(ZERO));
        assertEquals(0, rig.x(T0));
    }

    @Test
    void jumpsLinkAndJalrClearsBitZero() {
        Asm a = HartRig.program();
        a.jal(RA, "target");
        a.label("back").j("end");
        a.label("target").la(T0, "back").addi(T0, T0, 1).jalr(T1, T0, 0);
        run(a);
        assertEquals(HartRig.RAM_BASE + 4, rig.x(RA));
        assertEquals(a.address("target") + 12 + 4, rig.x(T1), "jalr links the next pc");
    }

    @Test
    void jalrWithRdEqualToRs1UsesTheOldValue() {
        Asm a = HartRig.program().la(T0, "target").jalr(T0, T0, 0).label("ret").j("end");
        a.label("target").j("end");
        run(a);
        assertEquals(a.address("ret"), rig.x(T0));
    }

    @Test
    void branchesCompareSignedAndUnsigned() {
        Asm a = HartRig.program().li(A0, -1).li(A1, 1).li(S2, 0);
        a.blt(A0, A1, "l1").addi(S2, S2, 1).label("l1");
        a.bltu(A0, A1, "l2").addi(S2, S2, 2).label("l2");
        a.bge(A1, A0, "l3").addi(S2, S2, 4).label("l3");
        a.bgeu(A1, A0, "l4").addi(S2, S2, 8).label("l4");
        a.beq(A0, A0, "l5").addi(S2, S2, 16).label("l5");
        a.bne(A0, A0, "l6").addi(S2, S2, 32).label("l6");
        run(a);
        assertEquals(2 + 8 + 32, rig.x(S2), "taken: blt, bge, beq; not taken: bltu, bgeu, bne");
    }

    @Test
    void loopCountsDown() {
        Asm a = HartRig.program().li(A0, 1000).li(A1, 0);
        a.label("loop").addi(A1, A1, 3).addi(A0, A0, -1).bnez(A0, "loop");
        run(a);
        assertEquals(3000, rig.x(A1));
        assertEquals(0, rig.x(A0));
    }

    @Test
    void loadsSignOrZeroExtendAndStoresWriteOnlyTheirBytes() {
        Asm a = HartRig.program().la(S0, "data").li(A0, 0x8899_AABB_CCDD_EEFFL).sd(A0, S0, 0);
        a.lb(T0, S0, 0).lbu(T1, S0, 0).lh(T2, S0, 0).lhu(T3, S0, 0).lw(T4, S0, 4).lwu(T5, S0, 4).ld(T6, S0, 0);
        a.li(A1, 0x11).sb(A1, S0, 1).li(A1, 0x2233).sh(A1, S0, 2).li(A1, 0x44556677).sw(A1, S0, 8).ld(S2, S0, 0);
        a.j("end").align(8).label("data").dword(0).dword(-1);
        run(a);
        assertEquals(-1, rig.x(T0));
        assertEquals(0xFF, rig.x(T1));
        assertEquals((short) 0xEEFF, rig.x(T2));
        assertEquals(0xEEFF, rig.x(T3));
        assertEquals(0xFFFF_FFFF_8899_AABBL, rig.x(T4));
        assertEquals(0x8899_AABBL, rig.x(T5));
        assertEquals(0x8899_AABB_CCDD_EEFFL, rig.x(T6));
        assertEquals(0x8899_AABB_2233_11FFL, rig.x(S2));
        assertEquals(0xFFFF_FFFF_4455_6677L, rig.readLong(a.address("data") + 8), "sw leaves the upper word");
    }

    @Test
    void fenceAndHintsDoNothingVisible() {
        Asm a = HartRig.program().li(A0, 3).fence().nop().word(0x0100000F /* fence w,0: pause */).addi(A0, A0, 1);
        run(a);
        assertEquals(4, rig.x(A0));
    }
}
