// Shared by the scaling demos: reading their boot arguments and printing the one
// result line the host harness parses.
#ifndef SCALE_H
#define SCALE_H

#include "ulib.h"
#include "lib/primes.h"

#define SCALE_MAX_WORKERS 64

// One worker's report, written at the end of its timed section.
struct scale_slot {
    u64 count, checksum;
    u64 t0, t1;                    // rdtime at the start and end of its timed section
    u32 done;
    u32 pad[7];                    // one cache line per worker
};

// process-scale's MemoryObject, shared with its prime-worker processes: a start line
// (workers count themselves in `ready`, then park on `go`) and the result slots.
struct scale_shared {
    volatile u32 ready;
    volatile u32 go;
    u32 pad[14];
    struct scale_slot slot[SCALE_MAX_WORKERS];
};

struct scale_params {
    int workers;
    u64 lo, hi;
};

static inline u64 scale_arg(const char *key, u64 dflt) {
    char buf[32];
    return bootarg(key, buf, sizeof(buf)) > 0 ? (u64)atol(buf) : dflt;
}

static inline struct scale_params scale_params(void) {
    struct scale_params p;
    p.workers = (int)scale_arg("workers", (u64)sysinfo(SYSINFO_NCPU));
    if (p.workers < 1)
        p.workers = 1;
    if (p.workers > SCALE_MAX_WORKERS)
        p.workers = SCALE_MAX_WORKERS;
    p.lo = scale_arg("lo", 2);
    p.hi = scale_arg("hi", 2000000);
    return p;
}

// Combine the workers' slots, check against the known answer (or, for a range the table
// does not hold, a serial recount after the timed section) and print the result line.
// Returns the exit status: 0 when the verdict is ok.
static inline int scale_report(const char *demo, struct scale_params p, struct scale_slot *s,
                               const u32 *base, int nbase, u8 *seg) {
    u64 count = 0, sum = 0, t0 = ~0ul, t1 = 0;
    for (int i = 0; i < p.workers; i++) {
        count += s[i].count;
        sum += s[i].checksum;
        if (s[i].t0 < t0) t0 = s[i].t0;
        if (s[i].t1 > t1) t1 = s[i].t1;
    }
    struct prime_result want;
    if (!prime_known(p.lo, p.hi, &want))
        want = prime_count(p.lo, p.hi, 0, 1, base, nbase, seg);
    bool ok = want.count == count && want.checksum == sum;
    u64 hz = (u64)sysinfo(SYSINFO_TIMEBASE_HZ);
    char tb[24];
    if (hz % 1000000 == 0)
        snprintf(tb, sizeof(tb), "%luMHz", hz / 1000000);
    else
        snprintf(tb, sizeof(tb), "%luHz", hz);
    printf("scale-result demo=%s workers=%d cpus=%ld lo=%lu hi=%lu count=%lu checksum=0x%016lx "
           "t0=%lu t1=%lu ticks=%lu timebase=rdtime@%s verdict=%s\n",
           demo, p.workers, sysinfo(SYSINFO_NCPU), p.lo, p.hi, count, sum, t0, t1, t1 - t0, tb,
           ok ? "ok" : "bad");
    return ok ? 0 : 1;
}

#endif
