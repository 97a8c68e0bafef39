package org.hartbench.emulator.testsupport;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny RV64 assembler for tests: one method per instruction, labels with forward references,
 * and a few pseudo-instructions (li, la, j, call-free). It encodes what the tests need and checks
 * immediate ranges, so a test cannot silently assemble something else.
 *
 * <pre>
 *   Asm a = new Asm(0x8000_0000L);
 *   a.li(A0, 42).label("loop").addi(A0, A0, -1).bnez(A0, "loop").label("end").j("end");
 * </pre>
 */
public final class Asm {
    public static final int ZERO = 0, RA = 1, SP = 2, GP = 3, TP = 4, T0 = 5, T1 = 6, T2 = 7, S0 = 8, S1 = 9,
            A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A6 = 16, A7 = 17, S2 = 18, S3 = 19, S4 = 20,
            S5 = 21, S6 = 22, S7 = 23, S8 = 24, S9 = 25, S10 = 26, S11 = 27, T3 = 28, T4 = 29, T5 = 30, T6 = 31;

    // CSR numbers used by tests
    public static final int MSTATUS = 0x300, MISA = 0x301, MEDELEG = 0x302, MIDELEG = 0x303, MIE = 0x304,
            MTVEC = 0x305, MCOUNTEREN = 0x306, MENVCFG = 0x30A, MSCRATCH = 0x340, MEPC = 0x341, MCAUSE = 0x342,
            MTVAL = 0x343, MIP = 0x344, SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106,
            SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142, STVAL = 0x143, SIP = 0x144, STIMECMP = 0x14D,
            SATP = 0x180, MHARTID = 0xF14, CYCLE = 0xC00, TIME = 0xC01, INSTRET = 0xC02, MINSTRET = 0xB02,
            MCYCLE = 0xB00, PMPCFG0 = 0x3A0, PMPADDR0 = 0x3B0;

    private final long origin;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Long> labels = new HashMap<>();
    private final List<Fixup> fixups = new ArrayList<>();

    private record Fixup(int offset, String label, char kind) {
    }

    public Asm(long origin) {
        this.origin = origin;
    }

    public long origin() {
        return origin;
    }

    /** Address of the next instruction. */
    public long here() {
        return origin + out.size();
    }

    public Asm label(String name) {
        if (labels.put(name, here()) != null) {
            throw new IllegalArgumentException("label " + name + " defined twice");
        }
        return this;
    }

    public long address(String label) {
        Long a = labels.get(label);
        if (a == null) {
            throw new IllegalArgumentException("no label " + label);
        }
        return a;
    }

    // ---------------------------------------------------------------- raw data

    public Asm word(int w) {
        for (int i = 0; i < 4; i++) {
            out.write(w >>> (8 * i));
        }
        return this;
    }

    public Asm half(int h) {
        out.write(h);
        out.write(h >>> 8);
        return this;
    }

    public Asm dword(long d) {
        word((int) d);
        return word((int) (d >>> 32));
    }

    /** Pads with zero bytes up to an address that is a multiple of alignment. */
    public Asm align(int alignment) {
        while (here() % alignment != 0) {
            out.write(0);
        }
        return this;
    }

    /** Pads up to an absolute address. */
    public Asm org(long address) {
        if (address < here()) {
            throw new IllegalArgumentException("org backwards");
        }
        while (here() < address) {
            out.write(0);
        }
        return this;
    }

    public byte[] bytes() {
        byte[] b = out.toByteArray();
        for (Fixup f : fixups) {
            long target = address(f.label);
            long pc = origin + f.offset - (f.kind == 'I' ? 4 : 0); // la's addi is relative to its auipc
            long off = target - pc;
            int insn = (b[f.offset] & 0xFF) | (b[f.offset + 1] & 0xFF) << 8 | (b[f.offset + 2] & 0xFF) << 16
                    | (b[f.offset + 3] & 0xFF) << 24;
            int patched = switch (f.kind) {
                case 'B' -> insn | bImm(checkRange(off, 13, f.label));
                case 'J' -> insn | jImm(checkRange(off, 21, f.label));
                case 'U' -> insn | (int) ((off + 0x800) & 0xFFFFF000L); // auipc of la
                case 'I' -> insn | (int) ((off - (((off + 0x800) >> 12) << 12)) & 0xFFF) << 20; // addi of la (pc of auipc)
                default -> throw new IllegalStateException();
            };
            for (int i = 0; i < 4; i++) {
                b[f.offset + i] = (byte) (patched >>> (8 * i));
            }
        }
        return b;
    }

    private static long checkRange(long off, int bits, String label) {
        if (off < -(1L << (bits - 1)) || off >= (1L << (bits - 1)) || (off & 1) != 0) {
            throw new IllegalArgumentException("label " + label + " out of range: " + off);
        }
        return off;
    }

    private static int bImm(long off) {
        int o = (int) off;
        return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3F) << 25 | ((o >> 1) & 0xF) << 8 | ((o >> 11) & 1) << 7;
    }

    private static int jImm(long off) {
        int o = (int) off;
        return ((o >> 20) & 1) << 31 | ((o >> 1) & 0x3FF) << 21 | ((o >> 11) & 1) << 20 | ((o >> 12) & 0xFF) << 12;
    }

    // ---------------------------------------------------------------- formats

    private static int reg(int r) {
        if (r < 0 || r > 31) {
            throw new IllegalArgumentException("register " + r);
        }
        return r;
    }

    private static int imm12(long imm) {
        if (imm < -2048 || imm > 2047) {
            throw new IllegalArgumentException("immediate " + imm + " does not fit 12 bits");
        }
        return (int) imm & 0xFFF;
    }

    public Asm r(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return word(funct7 << 25 | reg(rs2) << 20 | reg(rs1) << 15 | funct3 << 12 | reg(rd) << 7 | opcode);
    }

    public Asm i(long imm, int rs1, int funct3, int rd, int opcode) {
        return word(imm12(imm) << 20 | reg(rs1) << 15 | funct3 << 12 | reg(rd) << 7 | opcode);
    }

    public Asm s(long imm, int rs2, int rs1, int funct3, int opcode) {
        int v = imm12(imm);
        return word((v >> 5) << 25 | reg(rs2) << 20 | reg(rs1) << 15 | funct3 << 12 | (v & 31) << 7 | opcode);
    }

    private Asm branch(int funct3, int rs1, int rs2, String label) {
        fixups.add(new Fixup(out.size(), label, 'B'));
        return word(reg(rs2) << 20 | reg(rs1) << 15 | funct3 << 12 | 0x63);
    }

    // ---------------------------------------------------------------- RV64I

    public Asm lui(int rd, int imm20) {
        return word(imm20 << 12 | reg(rd) << 7 | 0x37);
    }

    public Asm auipc(int rd, int imm20) {
        return word(imm20 << 12 | reg(rd) << 7 | 0x17);
    }

    public Asm jal(int rd, String label) {
        fixups.add(new Fixup(out.size(), label, 'J'));
        return word(reg(rd) << 7 | 0x6F);
    }

    public Asm j(String label) {
        return jal(ZERO, label);
    }

    /** An endless loop at this address ("j ."). */
    public Asm spin() {
        return word(0x0000006F);
    }

    public Asm jalr(int rd, int rs1, int imm) {
        return i(imm, rs1, 0, rd, 0x67);
    }

    public Asm beq(int a, int b, String l) {
        return branch(0, a, b, l);
    }

    public Asm bne(int a, int b, String l) {
        return branch(1, a, b, l);
    }

    public Asm blt(int a, int b, String l) {
        return branch(4, a, b, l);
    }

    public Asm bge(int a, int b, String l) {
        return branch(5, a, b, l);
    }

    public Asm bltu(int a, int b, String l) {
        return branch(6, a, b, l);
    }

    public Asm bgeu(int a, int b, String l) {
        return branch(7, a, b, l);
    }

    public Asm bnez(int a, String l) {
        return bne(a, ZERO, l);
    }

    public Asm beqz(int a, String l) {
        return beq(a, ZERO, l);
    }

    public Asm lb(int rd, int rs1, int off) {
        return i(off, rs1, 0, rd, 0x03);
    }

    public Asm lh(int rd, int rs1, int off) {
        return i(off, rs1, 1, rd, 0x03);
    }

    public Asm lw(int rd, int rs1, int off) {
        return i(off, rs1, 2, rd, 0x03);
    }

    public Asm ld(int rd, int rs1, int off) {
        return i(off, rs1, 3, rd, 0x03);
    }

    public Asm lbu(int rd, int rs1, int off) {
        return i(off, rs1, 4, rd, 0x03);
    }

    public Asm lhu(int rd, int rs1, int off) {
        return i(off, rs1, 5, rd, 0x03);
    }

    public Asm lwu(int rd, int rs1, int off) {
        return i(off, rs1, 6, rd, 0x03);
    }

    public Asm sb(int rs2, int rs1, int off) {
        return s(off, rs2, rs1, 0, 0x23);
    }

    public Asm sh(int rs2, int rs1, int off) {
        return s(off, rs2, rs1, 1, 0x23);
    }

    public Asm sw(int rs2, int rs1, int off) {
        return s(off, rs2, rs1, 2, 0x23);
    }

    public Asm sd(int rs2, int rs1, int off) {
        return s(off, rs2, rs1, 3, 0x23);
    }

    public Asm addi(int rd, int rs1, long imm) {
        return i(imm, rs1, 0, rd, 0x13);
    }

    public Asm slti(int rd, int rs1, long imm) {
        return i(imm, rs1, 2, rd, 0x13);
    }

    public Asm sltiu(int rd, int rs1, long imm) {
        return i(imm, rs1, 3, rd, 0x13);
    }

    public Asm xori(int rd, int rs1, long imm) {
        return i(imm, rs1, 4, rd, 0x13);
    }

    public Asm ori(int rd, int rs1, long imm) {
        return i(imm, rs1, 6, rd, 0x13);
    }

    public Asm andi(int rd, int rs1, long imm) {
        return i(imm, rs1, 7, rd, 0x13);
    }

    public Asm slli(int rd, int rs1, int sh) {
        return i(sh & 63, rs1, 1, rd, 0x13);
    }

    public Asm srli(int rd, int rs1, int sh) {
        return i(sh & 63, rs1, 5, rd, 0x13);
    }

    public Asm srai(int rd, int rs1, int sh) {
        return word(0x40000000 | (sh & 63) << 20 | reg(rs1) << 15 | 5 << 12 | reg(rd) << 7 | 0x13);
    }

    public Asm add(int rd, int a, int b) {
        return r(0, b, a, 0, rd, 0x33);
    }

    public Asm sub(int rd, int a, int b) {
        return r(0x20, b, a, 0, rd, 0x33);
    }

    public Asm sll(int rd, int a, int b) {
        return r(0, b, a, 1, rd, 0x33);
    }

    public Asm slt(int rd, int a, int b) {
        return r(0, b, a, 2, rd, 0x33);
    }

    public Asm sltu(int rd, int a, int b) {
        return r(0, b, a, 3, rd, 0x33);
    }

    public Asm xor(int rd, int a, int b) {
        return r(0, b, a, 4, rd, 0x33);
    }

    public Asm srl(int rd, int a, int b) {
        return r(0, b, a, 5, rd, 0x33);
    }

    public Asm sra(int rd, int a, int b) {
        return r(0x20, b, a, 5, rd, 0x33);
    }

    public Asm or(int rd, int a, int b) {
        return r(0, b, a, 6, rd, 0x33);
    }

    public Asm and(int rd, int a, int b) {
        return r(0, b, a, 7, rd, 0x33);
    }

    public Asm addiw(int rd, int rs1, long imm) {
        return i(imm, rs1, 0, rd, 0x1B);
    }

    public Asm slliw(int rd, int rs1, int sh) {
        return i(sh & 31, rs1, 1, rd, 0x1B);
    }

    public Asm srliw(int rd, int rs1, int sh) {
        return i(sh & 31, rs1, 5, rd, 0x1B);
    }

    public Asm sraiw(int rd, int rs1, int sh) {
        return word(0x40000000 | (sh & 31) << 20 | reg(rs1) << 15 | 5 << 12 | reg(rd) << 7 | 0x1B);
    }

    public Asm addw(int rd, int a, int b) {
        return r(0, b, a, 0, rd, 0x3B);
    }

    public Asm subw(int rd, int a, int b) {
        return r(0x20, b, a, 0, rd, 0x3B);
    }

    public Asm sllw(int rd, int a, int b) {
        return r(0, b, a, 1, rd, 0x3B);
    }

    public Asm srlw(int rd, int a, int b) {
        return r(0, b, a, 5, rd, 0x3B);
    }

    public Asm sraw(int rd, int a, int b) {
        return r(0x20, b, a, 5, rd, 0x3B);
    }

    public Asm fence() {
        return word(0x0FF0000F);
    }

    public Asm fenceI() {
        return word(0x0000100F);
    }

    public Asm ecall() {
        return word(0x00000073);
    }

    public Asm ebreak() {
        return word(0x00100073);
    }

    public Asm nop() {
        return addi(ZERO, ZERO, 0);
    }

    public Asm mv(int rd, int rs) {
        return addi(rd, rs, 0);
    }

    /** Loads any 64-bit constant (lui/addiw for 32-bit values, shifted pieces above that). */
    public Asm li(int rd, long v) {
        if (v >= -2048 && v <= 2047) {
            return addi(rd, ZERO, v);
        }
        if (v == (int) v) {
            long lo = (v << 52) >> 52;
            int hi = (int) (((v - lo) >>> 12) & 0xFFFFF);
            lui(rd, hi);
            return lo == 0 ? this : addiw(rd, rd, lo);
        }
        long lo = (v << 52) >> 52;
        long rest = (v - lo) >> 12;
        li(rd, rest);
        slli(rd, rd, 12);
        return lo == 0 ? this : addi(rd, rd, lo);
    }

    /** rd = address of label (auipc + addi, pc-relative). */
    public Asm la(int rd, String label) {
        fixups.add(new Fixup(out.size(), label, 'U'));
        auipc(rd, 0);
        fixups.add(new Fixup(out.size(), label, 'I'));
        // the addi's offset is computed relative to the auipc, four bytes back
        return word(reg(rd) << 15 | reg(rd) << 7 | 0x13);
    }

    // ---------------------------------------------------------------- M

    public Asm mul(int rd, int a, int b) {
        return r(1, b, a, 0, rd, 0x33);
    }

    public Asm mulh(int rd, int a, int b) {
        return r(1, b, a, 1, rd, 0x33);
    }

    public Asm mulhsu(int rd, int a, int b) {
        return r(1, b, a, 2, rd, 0x33);
    }

    public Asm mulhu(int rd, int a, int b) {
        return r(1, b, a, 3, rd, 0x33);
    }

    public Asm div(int rd, int a, int b) {
        return r(1, b, a, 4, rd, 0x33);
    }

    public Asm divu(int rd, int a, int b) {
        return r(1, b, a, 5, rd, 0x33);
    }

    public Asm rem(int rd, int a, int b) {
        return r(1, b, a, 6, rd, 0x33);
    }

    public Asm remu(int rd, int a, int b) {
        return r(1, b, a, 7, rd, 0x33);
    }

    public Asm mulw(int rd, int a, int b) {
        return r(1, b, a, 0, rd, 0x3B);
    }

    public Asm divw(int rd, int a, int b) {
        return r(1, b, a, 4, rd, 0x3B);
    }

    public Asm divuw(int rd, int a, int b) {
        return r(1, b, a, 5, rd, 0x3B);
    }

    public Asm remw(int rd, int a, int b) {
        return r(1, b, a, 6, rd, 0x3B);
    }

    public Asm remuw(int rd, int a, int b) {
        return r(1, b, a, 7, rd, 0x3B);
    }

    // ---------------------------------------------------------------- A

    /** funct5 values of the AMOs. */
    public static final int AMOADD = 0, AMOSWAP = 1, LR = 2, SC = 3, AMOXOR = 4, AMOOR = 8, AMOAND = 12,
            AMOMIN = 16, AMOMAX = 20, AMOMINU = 24, AMOMAXU = 28;

    /** An AMO, LR or SC; wide selects .d over .w. aq and rl are set (they do not change semantics here). */
    public Asm amo(int funct5, boolean wide, int rd, int rs1, int rs2) {
        return word(funct5 << 27 | 3 << 25 | reg(rs2) << 20 | reg(rs1) << 15 | (wide ? 3 : 2) << 12 | reg(rd) << 7 | 0x2F);
    }

    public Asm lr(boolean wide, int rd, int rs1) {
        return amo(LR, wide, rd, rs1, 0);
    }

    public Asm sc(boolean wide, int rd, int rs1, int rs2) {
        return amo(SC, wide, rd, rs1, rs2);
    }

    // ---------------------------------------------------------------- Zicsr and privileged

    public Asm csrrw(int rd, int csr, int rs1) {
        return i(0, rs1, 1, rd, 0x73).patchCsr(csr);
    }

    public Asm csrrs(int rd, int csr, int rs1) {
        return i(0, rs1, 2, rd, 0x73).patchCsr(csr);
    }

    public Asm csrrc(int rd, int csr, int rs1) {
        return i(0, rs1, 3, rd, 0x73).patchCsr(csr);
    }

    public Asm csrrwi(int rd, int csr, int zimm) {
        return i(0, zimm, 5, rd, 0x73).patchCsr(csr);
    }

    public Asm csrrsi(int rd, int csr, int zimm) {
        return i(0, zimm, 6, rd, 0x73).patchCsr(csr);
    }

    public Asm csrrci(int rd, int csr, int zimm) {
        return i(0, zimm, 7, rd, 0x73).patchCsr(csr);
    }

    public Asm csrw(int csr, int rs1) {
        return csrrw(ZERO, csr, rs1);
    }

    public Asm csrr(int rd, int csr) {
        return csrrs(rd, csr, ZERO);
    }

    public Asm csrs(int csr, int rs1) {
        return csrrs(ZERO, csr, rs1);
    }

    public Asm csrc(int csr, int rs1) {
        return csrrc(ZERO, csr, rs1);
    }

    /** Writes the CSR number into the word just emitted. */
    private Asm patchCsr(int csr) {
        byte[] b = out.toByteArray();
        int at = b.length - 4;
        int insn = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
        insn |= (csr & 0xFFF) << 20;
        out.reset();
        out.write(b, 0, at);
        return word(insn);
    }

    public Asm mret() {
        return word(0x30200073);
    }

    public Asm sret() {
        return word(0x10200073);
    }

    public Asm wfi() {
        return word(0x10500073);
    }

    public Asm sfenceVma() {
        return word(0x12000073);
    }

    /** Encodings of single instructions, for tests that need the bits (mtval checks). */
    public static int encode(java.util.function.Consumer<Asm> emit) {
        Asm a = new Asm(0);
        emit.accept(a);
        byte[] b = a.bytes();
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }
}
