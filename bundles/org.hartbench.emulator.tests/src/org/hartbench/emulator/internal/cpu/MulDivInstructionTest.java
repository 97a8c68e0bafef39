package org.hartbench.emulator.internal.cpu;

import static org.hartbench.emulator.testsupport.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;

import org.hartbench.emulator.testsupport.Asm;
import org.junit.jupiter.api.Test;

/**
 * The M extension, including the cases the spec defines exactly: division by zero (quotient all
 * ones, remainder the dividend), signed overflow (MIN / -1 = MIN, remainder 0), the high
 * multiplications, and sign extension of the W forms.
 */
class MulDivInstructionTest {

    private final HartRig rig = new HartRig();

    private void run(Asm a) {
        a.label("end").spin();
        rig.run(a, "end");
    }

    @Test
    void divisionByZeroAndOverflow() {
        Asm a = HartRig.program().li(A0, 42).li(A1, Long.MIN_VALUE).li(A2, -1);
        a.div(T0, A0, ZERO).divu(T1, A0, ZERO).rem(T2, A0, ZERO).remu(T3, A0, ZERO);
        a.div(T4, A1, A2).rem(T5, A1, A2);
        run(a);
        assertEquals(-1, rig.x(T0));
        assertEquals(-1, rig.x(T1));
        assertEquals(42, rig.x(T2));
        assertEquals(42, rig.x(T3));
        assertEquals(Long.MIN_VALUE, rig.x(T4));
        assertEquals(0, rig.x(T5));
    }

    @Test
    void wordDivisionByZeroAndOverflowSignExtend() {
        Asm a = HartRig.program().li(A0, 0x1_8000_0000L).li(A1, -1).li(A2, 0x1_0000_0000L);
        a.divw(T0, A0, A1).remw(T1, A0, A1).divw(T2, A0, A2).divuw(T3, A0, A2).remw(T4, A0, A2).remuw(T5, A0, A2);
        a.divuw(T6, A0, A1).remuw(S2, A1, A0);
        run(a);
        assertEquals(0xFFFF_FFFF_8000_0000L, rig.x(T0), "INT_MIN / -1 = INT_MIN, sign-extended");
        assertEquals(0, rig.x(T1));
        assertEquals(-1, rig.x(T2), "low word of the divisor is zero");
        assertEquals(-1, rig.x(T3));
        assertEquals(0xFFFF_FFFF_8000_0000L, rig.x(T4), "remainder by zero is the dividend's low word, sign-extended");
        assertEquals(0xFFFF_FFFF_8000_0000L, rig.x(T5), "even for remuw");
        assertEquals(0, rig.x(T6), "0x80000000 / 0xffffffff unsigned");
        assertEquals(0x7FFF_FFFF, rig.x(S2), "0xffffffff % 0x80000000 unsigned");
    }

    @Test
    void multiplicationsMatchBigIntegerOnRandomOperands() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            long x = random.nextLong() >> random.nextInt(64);
            long y = random.nextLong() >> random.nextInt(64);
            HartRig r = new HartRig();
            Asm a = HartRig.program().li(A0, x).li(A1, y);
            a.mul(T0, A0, A1).mulh(T1, A0, A1).mulhsu(T2, A0, A1).mulhu(T3, A0, A1).mulw(T4, A0, A1);
            a.div(T5, A0, A1).divu(T6, A0, A1).rem(S2, A0, A1).remu(S3, A0, A1);
            a.label("end").spin();
            r.run(a, "end");
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger by = BigInteger.valueOf(y);
            BigInteger ux = unsigned(x);
            BigInteger uy = unsigned(y);
            String what = Long.toHexString(x) + " * " + Long.toHexString(y);
            assertEquals(x * y, r.x(T0), what);
            assertEquals(bx.multiply(by).shiftRight(64).longValue(), r.x(T1), "mulh " + what);
            assertEquals(bx.multiply(uy).shiftRight(64).longValue(), r.x(T2), "mulhsu " + what);
            assertEquals(ux.multiply(uy).shiftRight(64).longValue(), r.x(T3), "mulhu " + what);
            assertEquals((int) (x * y), r.x(T4), "mulw " + what);
            if (y != 0 && !(x == Long.MIN_VALUE && y == -1)) {
                assertEquals(bx.divide(by).longValue(), r.x(T5), "div " + what);
                assertEquals(bx.remainder(by).longValue(), r.x(S2), "rem " + what);
                assertEquals(ux.divide(uy).longValue(), r.x(T6), "divu " + what);
                assertEquals(ux.remainder(uy).longValue(), r.x(S3), "remu " + what);
            }
        }
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
