// The other side of the park smoke's shared ping-pong. It maps the MemoryObject it was
// given at an address of its own choosing (a guard page further in than the parent's)
// and parks on the same word through its SharedParkSpace capability.
#include "ulib.h"

int main(int argc, char **argv) {
    u32 shared = cap_find(CAP_SHAREDPARK), mem = cap_find(CAP_MEMORY);
    i64 pad = memory_create(8192);             // shifts where the object lands
    memory_map((u32)pad, 0, PROT_READ);
    i64 va = memory_map(mem, 0, PROT_READ | PROT_WRITE);
    if (!shared || !mem || va <= 0) {
        printf("parkchild: missing capabilities\n");
        return 1;
    }
    volatile u32 *sw = (volatile u32 *)(va + 64);
    for (u32 i = 0; i < 250; i++) {
        while (__atomic_load_n(sw, __ATOMIC_ACQUIRE) != 2 * i)
            park(shared, sw, 2 * i - 1, 0);   // it holds 2i-1 until the parent moves
        __atomic_store_n(sw, 2 * i + 1, __ATOMIC_RELEASE);
        unpark(shared, sw, 1);
    }
    return 0;
}
