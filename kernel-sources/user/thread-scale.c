// In-process scaling demo: `workers` sibling threads of one process count primes over a
// static partition of [lo, hi). They meet at a start line (a private park word), run
// their timed section with no system calls and no output, and each waits on its own ring
// only outside it. The main thread checks the sum and prints one scale-result line.
// Boot arguments: workers=N (default: the cpu count), lo=, hi= (default 2, 2000000).
#include "scale.h"

static struct scale_params p;
static u32 space;
static volatile u32 ready, go;
static struct scale_slot slot[SCALE_MAX_WORKERS];
static u32 base[PRIME_MAX_BASE];
static int nbase;
static u8 seg[SCALE_MAX_WORKERS + 1][PRIME_SEGMENT];

static void *worker(void *arg) {
    int index = (int)(u64)arg;
    __atomic_fetch_add(&ready, 1, __ATOMIC_ACQ_REL);
    unpark(space, &ready, 1);
    while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
        park(space, &go, 0, 0);

    u64 t0 = rdtime();                                      // timed section: no syscalls
    struct prime_result r = prime_count(p.lo, p.hi, index, p.workers, base, nbase, seg[index]);
    u64 t1 = rdtime();

    slot[index].count = r.count;
    slot[index].checksum = r.checksum;
    slot[index].t0 = t0;
    slot[index].t1 = t1;
    return 0;
}

int main(int argc, char **argv) {
    p = scale_params();
    space = cap_find(CAP_PARKSPACE);
    nbase = prime_base(p.hi, base, PRIME_MAX_BASE);
    if (!space || !nbase) {
        printf("thread-scale: setup failed\n");
        return 1;
    }
    u32 t[SCALE_MAX_WORKERS];
    for (int i = 0; i < p.workers; i++) {
        i64 c = thread_create(worker, (void *)(u64)i);
        if (c < 0) {
            printf("thread-scale: thread_create failed (%ld)\n", c);
            return 1;
        }
        t[i] = (u32)c;
    }
    for (u32 r; (r = __atomic_load_n(&ready, __ATOMIC_ACQUIRE)) < (u32)p.workers;)
        park(space, &ready, r, 0);
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    unpark(space, &go, (u64)p.workers);
    for (int i = 0; i < p.workers; i++)
        thread_join(t[i], 0);
    return scale_report("thread", p, slot, base, nbase, seg[SCALE_MAX_WORKERS]);
}
