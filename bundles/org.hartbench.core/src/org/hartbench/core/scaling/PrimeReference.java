package org.hartbench.core.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The host's own answer for the scaling demos' workload: the number of primes in {@code [lo, hi)}
 * and their checksum, computed here in Java and never taken from the guest. The checksum is
 * defined in docs/kernel/scaling.md: the sum modulo 2^64 of {@link #mix(long)} over every prime.
 */
public final class PrimeReference {

    /** The guest's limit as well (its base-prime sieve holds numbers up to 65536). */
    public static final long MAX_HI = 65536L * 65536L;

    private static final int SEGMENT = 1 << 20;

    /** A count of primes and their checksum. */
    public record Answer(long count, long checksum) {
        /** The checksum as the guest prints it: 0x and 16 lower-case hex digits. */
        public String checksumHex() {
            return String.format("0x%016x", checksum);
        }
    }

    private PrimeReference() {
    }

    /** splitmix64 of x: add the golden-ratio increment, then the finaliser. Wraps modulo 2^64. */
    public static long mix(long x) {
        x += 0x9e3779b97f4a7c15L;
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    /**
     * Counts the primes in {@code [lo, hi)} with a segmented sieve (memory stays at one segment).
     * Numbers below 2 are not prime, as in the guest.
     *
     * @throws IllegalArgumentException for a negative lo, hi below lo, or hi above {@link #MAX_HI}
     */
    public static Answer compute(long lo, long hi) {
        if (lo < 0 || hi < lo || hi > MAX_HI) {
            throw new IllegalArgumentException("prime range [" + lo + ", " + hi + ") is invalid: need 0 <= lo <= hi <= "
                    + MAX_HI);
        }
        lo = Math.max(lo, 2);
        long count = 0;
        long sum = 0;
        if (hi <= lo) {
            return new Answer(0, 0);
        }
        int[] base = basePrimes(hi);
        boolean[] composite = new boolean[SEGMENT];
        for (long start = lo; start < hi; start += SEGMENT) {
            long end = Math.min(hi, start + SEGMENT);
            int n = (int) (end - start);
            java.util.Arrays.fill(composite, 0, n, false);
            for (int p : base) {
                long pp = (long) p * p;
                if (pp >= end) {
                    break;
                }
                long first = Math.max(pp, (start + p - 1) / p * p);
                for (long m = first; m < end; m += p) {
                    composite[(int) (m - start)] = true;
                }
            }
            for (int i = 0; i < n; i++) {
                if (!composite[i]) {
                    count++;
                    sum += mix(start + i);
                }
            }
        }
        return new Answer(count, sum);
    }

    /** The primes p with p * p < hi. */
    private static int[] basePrimes(long hi) {
        int lim = 1;
        while ((long) (lim + 1) * (lim + 1) < hi) {
            lim++;
        }
        boolean[] composite = new boolean[lim + 1];
        List<Integer> primes = new ArrayList<>();
        for (int i = 2; i <= lim; i++) {
            if (!composite[i]) {
                primes.add(i);
                for (long j = (long) i * i; j <= lim; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return primes.stream().mapToInt(Integer::intValue).toArray();
    }
}
