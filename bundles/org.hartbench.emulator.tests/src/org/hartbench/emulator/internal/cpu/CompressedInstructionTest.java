package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * The C extension: each 16-bit form expands to the 32-bit instruction it stands for (known
 * answers produced once with llvm-mc: the c.* mnemonic and its base instruction), reserved and
 * floating-point code points are illegal with the 16 bits in mtval, HINTs do nothing, and mixed
 * 16/32-bit code (including a 32-bit instruction that spans two pages) runs.
 */
class CompressedInstructionTest {

    /** {compressed, expanded} pairs. */
    private static final int[][] KNOWN = {
            { 0x0040, 0x00410413 }, // c.addi4spn s0, sp, 4
            { 0x1ffc, 0x3fc10793 }, // c.addi4spn a5, sp, 1020
            { 0x4188, 0x0005a503 }, // c.lw a0, 0(a1)
            { 0x5fe4, 0x07c7a483 }, // c.lw s1, 124(a5)
            { 0x7c70, 0x0f843603 }, // c.ld a2, 248(s0)
            { 0x6714, 0x00873683 }, // c.ld a3, 8(a4)
            { 0xc1a8, 0x04a5a023 }, // c.sw a0, 64(a1)
            { 0xfcfc, 0x0ef4bc23 }, // c.sd a5, 248(s1)
            { 0x0001, 0x00000013 }, // c.nop
            { 0x1501, 0xfe050513 }, // c.addi a0, -32
            { 0x0ffd, 0x01ff8f93 }, // c.addi t6, 31
            { 0x357d, 0xfff5051b }, // c.addiw a0, -1
            { 0x2901, 0x0009091b }, // c.addiw s2, 0
            { 0x5501, 0xfe000513 }, // c.li a0, -32
            { 0x42c5, 0x01100293 }, // c.li t0, 17
            { 0x7101, 0xe0010113 }, // c.addi16sp sp, -512
            { 0x617d, 0x1f010113 }, // c.addi16sp sp, 496
            { 0x6505, 0x00001537 }, // c.lui a0, 1
            { 0x7d81, 0xfffe0db7 }, // c.lui s11, 0xfffe0
            { 0x637d, 0x0001f337 }, // c.lui t1, 31
            { 0x8105, 0x00155513 }, // c.srli a0, 1
            { 0x90fd, 0x03f4d493 }, // c.srli s1, 63
            { 0x9581, 0x4205d593 }, // c.srai a1, 32
            { 0x9a7d, 0xfff67613 }, // c.andi a2, -1
            { 0x8815, 0x00547413 }, // c.andi s0, 5
            { 0x8d0d, 0x40b50533 }, // c.sub a0, a1
            { 0x8c25, 0x00944433 }, // c.xor s0, s1
            { 0x8f5d, 0x00f76733 }, // c.or a4, a5
            { 0x8ef1, 0x00c6f6b3 }, // c.and a3, a2
            { 0x9d1d, 0x40f5053b }, // c.subw a0, a5
            { 0x9ca9, 0x00a484bb }, // c.addw s1, a0
            { 0xb001, 0x801ff06f }, // c.j -2048
            { 0xaffd, 0x7fe0006f }, // c.j 2046
            { 0xa009, 0x0020006f }, // c.j 2
            { 0xd101, 0xf00500e3 }, // c.beqz a0, -256
            { 0xccfd, 0x0e048f63 }, // c.beqz s1, 254
            { 0xe399, 0x00079363 }, // c.bnez a5, 6
            { 0x0506, 0x00151513 }, // c.slli a0, 1
            { 0x1f7e, 0x03ff1f13 }, // c.slli t5, 63
            { 0x4082, 0x00012083 }, // c.lwsp ra, 0(sp)
            { 0x557e, 0x0fc12503 }, // c.lwsp a0, 252(sp)
            { 0x747e, 0x1f813403 }, // c.ldsp s0, 504(sp)
            { 0x6fa2, 0x00813f83 }, // c.ldsp t6, 8(sp)
            { 0x8082, 0x00008067 }, // c.jr ra
            { 0x8e02, 0x000e0067 }, // c.jr t3
            { 0x852e, 0x00b00533 }, // c.mv a0, a1
            { 0x8fca, 0x01200fb3 }, // c.mv t6, s2
            { 0x9002, 0x00100073 }, // c.ebreak
            { 0x9502, 0x000500e7 }, // c.jalr a0
            { 0x952e, 0x00b50533 }, // c.add a0, a1
            { 0x917e, 0x01f10133 }, // c.add sp, t6
            { 0xdfaa, 0x0ea12e23 }, // c.swsp a0, 252(sp)
            { 0xc202, 0x00012223 }, // c.swsp zero, 4(sp)
            { 0xffa2, 0x1e813c23 }, // c.sdsp s0, 504(sp)
            { 0xe406, 0x00113423 }, // c.sdsp ra, 8(sp)
    };

    @Test
    void expansionsMatchTheBaseInstructions() {
        for (int[] pair : KNOWN) {
            assertEquals(pair[1], CompressedExpander.expand(pair[0]),
                    () -> String.format("0x%04x should expand to 0x%08x", pair[0], pair[1]));
        }
    }

    @Test
    void reservedAndFloatingPointEncodingsAreIllegal() {
        int[] reserved = { 0x0000, // all zeros
                0x0004, // c.addi4spn with nzuimm = 0
                0x6501, // c.lui a0 with nzimm = 0
                0x6101, // c.addi16sp with nzimm = 0
                0x4002, // c.lwsp with rd = x0
                0x6002, // c.ldsp with rd = x0
                0x8002, // c.jr with rs1 = x0
                0x2000, // c.fld
                0xA002, // c.fsdsp
                0x9C41, // reserved arithmetic (funct6 100111, funct2 10)
                0x3002, // c.fldsp
        };
        for (int c : reserved) {
            assertEquals(0, CompressedExpander.expand(c), String.format("0x%04x", c));
            HartRig rig = new HartRig();
            Asm a = HartRig.program().la(T0, "trap").csrw(MTVEC, T0).label("bad").half(c).half(0x0001).label("end").spin();
            a.align(4).label("trap").spin();
            rig.run(a, "trap");
            assertEquals(Cause.ILLEGAL_INSTRUCTION, rig.csr(CsrFile.MCAUSE), String.format("0x%04x", c));
            assertEquals(c, rig.csr(CsrFile.MTVAL), "mtval holds the 16 bits");
            assertEquals(a.address("bad"), rig.csr(CsrFile.MEPC));
        }
    }

    @Test
    void hintsExecuteAsNoOps() {
        HartRig rig = new HartRig();
        Asm a = HartRig.program().li(A0, 5);
        a.half(0x0005); // c.addi x0, 1
        a.half(0x4005); // c.li x0, 1
        a.half(0x802E); // c.mv x0, a1
        a.half(0x0006); // c.slli x0, 1
        a.half(0x902A); // c.add x0, a0
        a.half(0x6005); // c.lui x0, 1
        a.half(0x0001); // c.nop
        a.addi(A0, A0, 1).label("end").spin();
        rig.run(a, "end");
        assertEquals(6, rig.x(A0));
        assertEquals(0, rig.x(ZERO));
    }

    @Test
    void mixedWidthCodeAdvancesByTheRightLength() {
        HartRig rig = new HartRig();
        Asm a = HartRig.program();
        a.half(0x4529); // c.li a0, 10
        a.auipc(T0, 0); // at +2
        a.half(0x0505); // c.addi a0, 1
        a.half(0x0505); // c.addi a0, 1
        a.auipc(T1, 0); // at +10
        a.label("end").spin();
        rig.run(a, "end");
        assertEquals(12, rig.x(A0));
        assertEquals(HartRig.RAM_BASE + 2, rig.x(T0));
        assertEquals(HartRig.RAM_BASE + 10, rig.x(T1));
    }

    @Test
    void aFourByteInstructionMaySpanTwoPages() {
        HartRig rig = new HartRig();
        Asm b = HartRig.program();
        b.j("there").org(HartRig.RAM_BASE + 0xFFE).label("there").li(A0, 1234).addi(A0, A0, 1).label("end").spin();
        rig.run(b, "end");
        assertEquals(1235, rig.x(A0), "the addi at 0xffe spans the page boundary");
    }
}
