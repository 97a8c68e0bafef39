// One worker process of process-scale. Arguments: index workers lo hi. Its capabilities
// (in order): console, SharedParkSpace, the MemoryObject holding struct scale_shared.
#include "scale.h"

static u32 base[PRIME_MAX_BASE];
static u8 seg[PRIME_SEGMENT];

int main(int argc, char **argv) {
    if (argc < 5)
        return 2;
    int index = (int)atol(argv[1]), workers = (int)atol(argv[2]);
    u64 lo = (u64)atol(argv[3]), hi = (u64)atol(argv[4]);
    u32 park_cap = cap_find(CAP_SHAREDPARK);
    i64 va = memory_map(cap_find(CAP_MEMORY), 0, PROT_READ | PROT_WRITE);
    int nbase = prime_base(hi, base, PRIME_MAX_BASE);
    if (va < 0 || !nbase)
        return 3;
    struct scale_shared *sh = (struct scale_shared *)va;
    __atomic_fetch_add(&sh->ready, 1, __ATOMIC_ACQ_REL);
    unpark(park_cap, &sh->ready, 1);
    while (!__atomic_load_n(&sh->go, __ATOMIC_ACQUIRE))
        park(park_cap, &sh->go, 0, 0);

    u64 t0 = rdtime();                                      // timed section: no syscalls
    struct prime_result r = prime_count(lo, hi, index, workers, base, nbase, seg);
    u64 t1 = rdtime();

    struct scale_slot *s = &sh->slot[index];
    s->count = r.count;
    s->checksum = r.checksum;
    s->t0 = t0;
    s->t1 = t1;
    __atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
    return 0;
}
