// CPU-bound benchmark for the emulator's guest MIPS: integer arithmetic, loads and stores of
// every width, data-dependent branches, calls, and a little division. Every hart runs the same
// work on its own data; hart 0 waits for the others, prints one checksum per hart and passes.
// Work per hart: BENCH_ROUNDS rounds of about 32,000 instructions (1.93 G in all by default,
// about 13 s on Hartbench's interpreter and 1.3 s on QEMU); see docs/benchmarks.md.
#include "guest.h"

#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS 60000
#endif

#define WORDS 1024

static uint64_t data[GUEST_MAX_HARTS][WORDS] __attribute__((aligned(4096)));
static uint64_t checksum[GUEST_MAX_HARTS];
static volatile uint32_t started, finished;

// Mixes every element: a multiply-xorshift hash with a branch on its low bit.
static uint64_t __attribute__((noinline)) mix(uint64_t *d, uint64_t h) {
    for (int i = 0; i < WORDS; i++) {
        uint64_t v = d[i];
        v ^= v >> 29;
        v *= 0xbf58476d1ce4e5b9ul;
        if (v & 1) {
            h += v;
        } else {
            h ^= v >> 7;
        }
        d[i] = v + h;
    }
    return h;
}

// One bubble pass over 128 32-bit keys: compare-and-swap branches that depend on the data.
static uint32_t __attribute__((noinline)) bubble(uint32_t *keys) {
    uint32_t swaps = 0;
    for (int i = 0; i + 1 < 128; i++) {
        uint32_t a = keys[i], b = keys[i + 1];
        if (a > b) {
            keys[i] = b;
            keys[i + 1] = a;
            swaps++;
        }
    }
    return swaps;
}

// Byte and halfword traffic: a rolling checksum over the array's bytes, rewriting some of them.
static uint32_t __attribute__((noinline)) bytes(uint8_t *p, int n) {
    uint32_t s1 = 1, s2 = 0;
    for (int i = 0; i < n; i++) {
        s1 += p[i];
        s2 += s1;
        if ((s1 & 15) == 0) {
            p[i] = (uint8_t)s2;
        }
    }
    uint16_t *h = (uint16_t *)p;
    for (int i = 0; i < n / 2; i += 7) {
        h[i] ^= (uint16_t)s1;
    }
    return (s2 << 16) | (s1 & 0xffff);
}

int main(uint64_t hart) {
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
    uint64_t *d = data[hart];
    for (int i = 0; i < WORDS; i++) {
        d[i] = (i + 1) * 0x9e3779b97f4a7c15ul + hart;
    }
    uint64_t h = hart;
    for (int r = 0; r < BENCH_ROUNDS; r++) {
        h = mix(d, h);
        h += bubble((uint32_t *)d);
        h ^= bytes((uint8_t *)d, 2048);
        h += d[r & (WORDS - 1)] / ((r & 7) + 3);
    }
    checksum[hart] = h;
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
    if (hart != 0) {
        for (;;) {
            __asm__ volatile("wfi");
        }
    }
    while (finished != started) {
    }
    for (uint32_t i = 0; i < started; i++) {
        puts_("hart ");
        putdec(i);
        puts_(" checksum ");
        puthex(checksum[i]);
        putch('\n');
    }
    return 0;
}
