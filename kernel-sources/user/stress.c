// Stress smoke (meant for 4 harts, correct on any number): rounds of thread
// create/exit/join where the threads ping-pong through park words in pairs and a wake
// storm hammers one word. A lost wakeup or a deadlock shows as a join that does not
// finish within 20 seconds; a leak shows in the free-page count.
#include "ulib.h"

#define ROUNDS   25
#define PAIRS    3
#define HANDOFFS 150
#define STORM    300

static u32 space;

struct pair {
    volatile u32 turn;
    u32 pad[15];
};

static struct pair pairs[PAIRS];
static volatile u32 storm_word;
static volatile u32 storm_done;

static void *pinger(void *arg) {
    u64 v = (u64)arg;
    struct pair *p = &pairs[v >> 1];
    u32 me = (u32)(v & 1);
    u64 moves = 0;
    for (int i = 0; i < HANDOFFS; i++) {
        while (__atomic_load_n(&p->turn, __ATOMIC_ACQUIRE) != me)
            park(space, &p->turn, 1 - me, 0);
        __atomic_store_n(&p->turn, 1 - me, __ATOMIC_RELEASE);
        unpark(space, &p->turn, 1);
        moves++;
    }
    return (void *)moves;
}

// One waiter parks on storm_word until it has seen STORM changes; the main thread makes
// the changes. Every change is followed by an UNPARK, so the waiter can never sleep
// through the last one.
static void *storm_waiter(void *arg) {
    u32 seen = 0;
    while (seen < STORM) {
        u32 now = __atomic_load_n(&storm_word, __ATOMIC_ACQUIRE);
        if (now == seen)
            park(space, &storm_word, seen, 0);
        else
            seen = now;
    }
    __atomic_store_n(&storm_done, 1, __ATOMIC_RELEASE);
    return (void *)(u64)seen;
}

static bool join_within(u32 t, u64 *value, u64 seconds) {
    u64 ud = ring_op(OP_CALL, t, THREAD_JOIN, 0, 0);
    u64 hz = (u64)sysinfo(SYSINFO_TIMEBASE_HZ), t0 = rdtime();
    for (;;) {
        struct uthread *u = self();
        for (int i = 0; i < u->nstash; i++) {
            if (u->stash[i].user_data == ud) {
                *value = (u64)u->stash[i].result;
                u->stash[i] = u->stash[--u->nstash];
                return true;
            }
        }
        struct cqe c;
        while (cqe_pop(&c)) {
            if (c.user_data == ud) {
                *value = (u64)c.result;
                return true;
            }
            u->stash[u->nstash++] = c;
        }
        if ((rdtime() - t0) / hz >= seconds)
            return false;
        ring_enter(1, 1000ul * 1000 * 1000);
    }
}

// Free pages once the stacks of threads that just died have been returned: two equal
// readings 5 ms apart.
static u64 stable_free_pages(void) {
    u64 a = (u64)sysinfo(SYSINFO_FREE_PAGES), b;
    for (;;) {
        ring_enter(1, 5 * 1000 * 1000);
        b = (u64)sysinfo(SYSINFO_FREE_PAGES);
        if (a == b)
            return b;
        a = b;
    }
}

int main(int argc, char **argv) {
    space = cap_find(CAP_PARKSPACE);
    u64 before = 0, moves = 0;
    for (int round = 0; round < ROUNDS; round++) {
        // Measure after the first round: it leaves the page-table pages of the thread
        // mapping area behind for good, which is not a leak.
        if (round == 1)
            before = stable_free_pages();
        u32 t[2 * PAIRS + 1];
        for (int i = 0; i < PAIRS; i++)
            pairs[i].turn = 0;
        storm_word = 0;
        storm_done = 0;
        for (int i = 0; i < 2 * PAIRS; i++)
            t[i] = (u32)thread_create(pinger, (void *)(u64)i);
        t[2 * PAIRS] = (u32)thread_create(storm_waiter, 0);
        for (u32 k = 1; k <= STORM; k++) {
            __atomic_store_n(&storm_word, k, __ATOMIC_RELEASE);
            unpark(space, &storm_word, 1);
        }
        for (int i = 0; i <= 2 * PAIRS; i++) {
            u64 v = 0;
            if (!join_within(t[i], &v, 20)) {
                printf("stress: round %d thread %d did not finish in 20 s: deadlock or lost wakeup\n", round, i);
                check(false, "no deadlock, no lost wakeup");
                return test_done("stress");
            }
            check(i < 2 * PAIRS ? v == HANDOFFS : v == STORM, "every handoff and every storm change seen");
            if (i < 2 * PAIRS)
                moves += v;
        }
        for (int i = 0; i <= 2 * PAIRS; i++)
            thread_join(t[i], 0);       // returns at once now; frees stack and capability
    }
    u64 after = free_pages_settled(before);
    printf("stress: %d rounds, %d threads, %lu handoffs, %d storm wakes; free pages %lu before, %lu after\n",
           ROUNDS, ROUNDS * (2 * PAIRS + 1), moves, ROUNDS * STORM, before, after);
    check(after == before, "no pages leaked");
    return test_done("stress");
}
