// Multi-process scaling demo: `workers` independent worker processes (prime-worker)
// count primes over a static partition of [lo, hi). They meet at a start line (a
// SharedParkSpace word in a MemoryObject they all map), run their timed section with no
// system calls and no output, and leave their results in that MemoryObject. The parent
// checks the sum against the known answer and prints one scale-result line.
// Boot arguments: workers=N (default: the cpu count), lo=, hi= (default 2, 2000000).
#include "scale.h"

static u32 base[PRIME_MAX_BASE];
static u8 seg[PRIME_SEGMENT];

int main(int argc, char **argv) {
    struct scale_params p = scale_params();
    u32 shared_park = cap_find(CAP_SHAREDPARK);
    i64 mem = memory_create(sizeof(struct scale_shared));
    i64 va = memory_map((u32)mem, 0, PROT_READ | PROT_WRITE);
    if (mem < 0 || va < 0 || !shared_park) {
        printf("process-scale: setup failed\n");
        return 1;
    }
    struct scale_shared *sh = (struct scale_shared *)va;
    u32 grant[3] = { cap_find(CAP_CONSOLE), shared_park, (u32)mem };
    u32 child[SCALE_MAX_WORKERS];
    for (int i = 0; i < p.workers; i++) {
        char args[96];
        snprintf(args, sizeof(args), "%d %d %lu %lu", i, p.workers, p.lo, p.hi);
        i64 c = spawn("prime-worker", args, grant, 3, 0);
        if (c < 0) {
            printf("process-scale: spawn failed (%ld)\n", c);
            return 1;
        }
        child[i] = (u32)c;
    }
    for (u32 r; (r = __atomic_load_n(&sh->ready, __ATOMIC_ACQUIRE)) < (u32)p.workers;)
        park(shared_park, &sh->ready, r, 0);
    __atomic_store_n(&sh->go, 1, __ATOMIC_RELEASE);
    unpark(shared_park, &sh->go, (u64)p.workers);
    int bad = 0;
    for (int i = 0; i < p.workers; i++)
        bad |= proc_wait(child[i]) != 0;
    int nbase = prime_base(p.hi, base, PRIME_MAX_BASE);
    return scale_report("process", p, sh->slot, base, nbase, seg) | bad;
}
