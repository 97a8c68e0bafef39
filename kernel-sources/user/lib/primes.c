// The scaling demos' workload (see primes.h for the partition and the checksum).
#include "primes.h"

int prime_base(u64 hi, u32 *base, int max) {
    static u8 small[65537];              // sieve of the base primes: hi up to 4 * 10^9
    u64 lim = 2;
    while (lim * lim < hi)
        lim++;
    if (lim > sizeof(small) - 1)
        return 0;
    memset(small, 1, lim + 1);
    int n = 0;
    for (u64 i = 2; i <= lim; i++) {
        if (!small[i])
            continue;
        if (i * i < hi) {
            if (n == max)
                return 0;
            base[n++] = (u32)i;
        }
        for (u64 j = i * i; j <= lim; j += i)
            small[j] = 0;
    }
    return n;
}

struct prime_result prime_count(u64 lo, u64 hi, int index, int workers, const u32 *base, int nbase, u8 *seg) {
    struct prime_result r = { 0, 0 };
    if (lo < 2)
        lo = 2;
    for (u64 start = lo + (u64)index * PRIME_SEGMENT; start < hi; start += (u64)workers * PRIME_SEGMENT) {
        u64 end = start + PRIME_SEGMENT < hi ? start + PRIME_SEGMENT : hi;
        memset(seg, 1, end - start);
        for (int i = 0; i < nbase; i++) {
            u64 p = base[i];
            if (p * p >= end)
                break;
            u64 first = (start + p - 1) / p * p;
            if (first < p * p)
                first = p * p;
            for (u64 m = first; m < end; m += p)
                seg[m - start] = 0;
        }
        for (u64 n = start; n < end; n++) {
            if (seg[n - start]) {
                r.count++;
                r.checksum += prime_mix(n);
            }
        }
    }
    return r;
}

bool prime_known(u64 lo, u64 hi, struct prime_result *out) {
    static const struct { u64 hi, count, checksum; } known[] = {
        { 1000000,   78498,   0x666be33060b098e6ul },
        { 2000000,   148933,  0x1b30b15cc26a4422ul },
        { 10000000,  664579,  0x044860356fd77d73ul },
        { 25000000,  1565927, 0xb2057a8dbf84197cul },
        { 50000000,  3001134, 0x87d952db348a3777ul },
        { 100000000, 5761455, 0x2bc2d11694e2cec4ul },
    };
    if (lo > 2)
        return false;
    for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (known[i].hi == hi) {
            out->count = known[i].count;
            out->checksum = known[i].checksum;
            return true;
        }
    }
    return false;
}
