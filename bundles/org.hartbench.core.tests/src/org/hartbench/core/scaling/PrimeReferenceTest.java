package org.hartbench.core.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class PrimeReferenceTest {

    /** The guest's table of known answers (kernel-sources/user/lib/primes.c) agrees with the host. */
    @Test
    void matchesTheGuestsKnownAnswers() {
        assertEquals(new PrimeReference.Answer(78498, 0x666be33060b098e6L), PrimeReference.compute(2, 1_000_000));
        assertEquals(new PrimeReference.Answer(148933, 0x1b30b15cc26a4422L), PrimeReference.compute(2, 2_000_000));
        assertEquals(new PrimeReference.Answer(664579, 0x044860356fd77d73L), PrimeReference.compute(2, 10_000_000));
        assertEquals("0x1b30b15cc26a4422", PrimeReference.compute(0, 2_000_000).checksumHex());
    }

    /** A sub-range, segment boundaries included, against trial division. */
    @Test
    void agreesWithTrialDivisionOnAnOddRange() {
        long lo = 1_048_000;
        long hi = 1_049_000 + 1_048_576; // crosses a host segment boundary
        long count = 0;
        long sum = 0;
        for (long n = lo; n < hi; n++) {
            if (BigInteger.valueOf(n).isProbablePrime(50)) {
                count++;
                sum += PrimeReference.mix(n);
            }
        }
        assertEquals(new PrimeReference.Answer(count, sum), PrimeReference.compute(lo, hi));
        assertEquals(new PrimeReference.Answer(4, PrimeReference.mix(2) + PrimeReference.mix(3) + PrimeReference.mix(5)
                + PrimeReference.mix(7)), PrimeReference.compute(0, 10));
        assertEquals(new PrimeReference.Answer(0, 0), PrimeReference.compute(24, 29));
    }

    @Test
    void badRangesAreRejectedWithAMessage() {
        assertEquals("prime range [5, 3) is invalid: need 0 <= lo <= hi <= 4294967296",
                assertThrows(IllegalArgumentException.class, () -> PrimeReference.compute(5, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrimeReference.compute(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> PrimeReference.compute(2, PrimeReference.MAX_HI + 1));
    }
}
