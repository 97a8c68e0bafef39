package org.hartbench.emulator.internal.cpu;

/**
 * The Zicsr instructions. csrrw/csrrwi with rd = x0 do not read the CSR; csrrs/csrrc with
 * rs1 = x0 and csrrsi/csrrci with a zero immediate do not write it (so they may read read-only
 * CSRs). Access rules and the CSRs themselves are in {@link CsrFile}. They run as
 * {@link SystemInstruction}s, so instret, cycle and pc are exact when they read them.
 */
final class Zicsr {
    private Zicsr() {
    }

    /** The instruction's raw bits (kept in imm) hold the CSR number in bits 31..20, and are mtval on a fault. */
    static Instruction create(long d) {
        return new SystemInstruction(d) {
            @Override
            long executeSystem(Hart h) {
                return Zicsr.execute(h, op, rd, rs1, raw());
            }
        };
    }

    private static long execute(Hart h, int op, int rd, int rs1, int raw) {
        int csr = raw >>> 20;
        boolean immediate = op >= Op.CSRRWI;
        long operand = immediate ? rs1 : h.x[rs1];
        boolean swap = op == Op.CSRRW || op == Op.CSRRWI;
        boolean writes = swap || rs1 != 0;
        CsrFile file = h.csr;
        file.checkAccess(csr, writes, raw);
        long old = swap && rd == Decoder.X0_SINK ? 0 : file.read(csr);
        if (writes) {
            long value;
            if (swap) {
                value = operand;
            } else if (op == Op.CSRRS || op == Op.CSRRSI) {
                value = file.readForUpdate(csr) | operand;
            } else {
                value = file.readForUpdate(csr) & ~operand;
            }
            if (file.write(csr, value)) {
                h.exitRun = true;
            }
        }
        h.x[rd] = old;
        return h.pc + 4;
    }
}
