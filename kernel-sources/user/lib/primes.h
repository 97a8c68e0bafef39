// The scaling demos' workload: segmented prime counting over [lo, hi).
//
// The range is cut into segments of PRIME_SEGMENT numbers; segment k belongs to worker
// k % workers (a static partition by worker index). Each worker sieves its segments with
// the base primes up to sqrt(hi) and returns a count and a checksum.
//
// The checksum is defined here and nowhere else: the sum, modulo 2^64, of
// splitmix64(p) over every prime p found, where splitmix64(x) adds 0x9e3779b97f4a7c15
// and applies the splitmix64 finaliser (shifts 30, 27, 31; multipliers
// 0xbf58476d1ce4e5b9, 0x94d049bb133111eb). A sum commutes, so any partition of the
// range gives the same checksum as a serial run.
#ifndef PRIMES_H
#define PRIMES_H

#include "ulib.h"

#define PRIME_SEGMENT 32768
#define PRIME_MAX_BASE 10000          // base primes: enough for hi up to 10^8 * 10

struct prime_result {
    u64 count;
    u64 checksum;
};

static inline u64 prime_mix(u64 x) {
    x += 0x9e3779b97f4a7c15ul;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ul;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebul;
    return x ^ (x >> 31);
}

// Fill base[] with the primes p with p * p < hi; returns how many (0 if too many).
int prime_base(u64 hi, u32 *base, int max);

// Count the primes in the segments of [lo, hi) that belong to worker `index` of
// `workers`. seg is a PRIME_SEGMENT-byte scratch buffer. No system calls.
struct prime_result prime_count(u64 lo, u64 hi, int index, int workers, const u32 *base, int nbase, u8 *seg);

// The known answer for [2, hi), or false if hi is not in the table.
bool prime_known(u64 lo, u64 hi, struct prime_result *out);

#endif
