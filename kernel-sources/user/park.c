// Park smoke: E_AGAIN, timeouts, bad addresses, a two-thread ping-pong on a private
// ParkSpace, partial UNPARK counts, and a ping-pong with another process through a
// SharedParkSpace word in a MemoryObject the two map at different addresses.
#include "ulib.h"

#define ROUNDS 1000

static u32 space, shared;
static volatile u32 turn;            // whose move it is: 0 main, 1 partner
static volatile u32 gate;
static volatile u32 released;

static void wait_turn(u32 me) {
    while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me)
        park(space, &turn, 1 - me, 0);
}

static void give_turn(u32 to) {
    __atomic_store_n(&turn, to, __ATOMIC_RELEASE);
    unpark(space, &turn, 1);
}

static void *partner(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        wait_turn(1);
        give_turn(0);
    }
    return 0;
}

static void *gate_waiter(void *arg) {
    while (!__atomic_load_n(&released, __ATOMIC_ACQUIRE)) {
        i64 r = park(space, &gate, 0, 0);
        if (r == 0)
            return (void *)1;
    }
    return (void *)1;
}

int main(int argc, char **argv) {
    space = cap_find(CAP_PARKSPACE);
    shared = cap_find(CAP_SHAREDPARK);
    check(space && shared, "manifest gave both park spaces");

    volatile u32 w = 3;
    check(park(space, &w, 4, 0) == -E_AGAIN, "park on a changed word fails at once");
    check(park(space, &w, 3, 20 * 1000 * 1000) == -E_TIMEDOUT, "park times out");
    check(park(space, (volatile u32 *)((u64)&w + 1), 3, 0) == -E_INVAL, "misaligned word");
    check(park(space, (volatile u32 *)0x200000000ul, 0, 0) == -E_FAULT, "unmapped word");
    check(park(shared, &w, 3, 0) == -E_INVAL, "shared park needs a MemoryObject word");
    check(unpark(space, &w, 5) == 0, "unpark with nobody parked");

    // Ping-pong: every handoff parks or unparks; a lost wakeup would hang here.
    i64 t = thread_create(partner, 0);
    for (int i = 0; i < ROUNDS; i++) {
        give_turn(1);
        wait_turn(0);
    }
    check(thread_join((u32)t, 0) == 0, "partner joined");

    // Four parked on one word; UNPARK wakes no more than it is asked to.
    u32 ts[4];
    for (int i = 0; i < 4; i++)
        ts[i] = (u32)thread_create(gate_waiter, 0);
    ring_enter(1, 20 * 1000 * 1000);          // let them park
    i64 woke = unpark(space, &gate, 2);
    check(woke <= 2, "UNPARK(2) wakes at most 2");
    __atomic_store_n(&released, 1, __ATOMIC_RELEASE);
    i64 total = woke;
    for (int tries = 0; tries < 100 && total < 4; tries++) {
        total += unpark(space, &gate, 10);
        ring_enter(1, 1000 * 1000);
    }
    for (int i = 0; i < 4; i++)
        check(thread_join(ts[i], 0) == 0, "gate waiter joined");

    // Across processes: the child maps the same object at another address.
    i64 mem = memory_create(4096);
    i64 va = memory_map((u32)mem, 0, PROT_READ | PROT_WRITE);
    check(mem > 0 && va > 0, "memory object mapped");
    volatile u32 *sw = (volatile u32 *)(va + 64);
    *sw = 0;
    u32 grant[3] = { cap_find(CAP_CONSOLE), shared, (u32)mem };
    i64 child = spawn("parkchild", "", grant, 3, 0);
    check(child > 0, "spawn parkchild");
    for (int i = 0; i < ROUNDS / 4; i++) {
        while (__atomic_load_n(sw, __ATOMIC_ACQUIRE) != (u32)(2 * i + 1))
            park(shared, sw, 2 * i, 0);
        __atomic_store_n(sw, 2 * i + 2, __ATOMIC_RELEASE);
        unpark(shared, sw, 1);
    }
    check(proc_wait((u32)child) == 0, "parkchild exited 0");
    return test_done("park");
}
