// Thread smoke: create with entry, stack and TLS; exit values; join (before and after
// the thread has exited); per-thread rings (sibling threads wait in cap_enter at the
// same time); stale Thread capabilities; create/join churn.
#include "ulib.h"

static void *tls_check(void *arg) {
    struct uthread *u = self();
    u64 sp;
    asm volatile("mv %0, sp" : "=r"(sp));
    bool ok = u->arg == arg && sp < (u64)u && sp > (u64)u - 16384;
    // Each thread has its own ring: a NOP goes through it and comes back to it alone.
    for (int i = 0; i < 50; i++) {
        u64 a[1] = { (u64)arg * 1000 + i };
        ok = ok && ring_wait(ring_op(OP_NOP, 0, 0, a, 1), 0) == (i64)((u64)arg * 1000 + i);
    }
    return (void *)((u64)arg * 3 + (ok ? 0 : 1000000));
}

static void *sleeper(void *arg) {
    // Every sibling waits in its own cap_enter at once; none of them blocks the others.
    i64 r = ring_enter(1, 20 * 1000 * 1000);
    return (void *)(r == -E_TIMEDOUT ? 7ul : 0ul);
}

static void *quick(void *arg) {
    return arg;
}

static void *exits_early(void *arg) {
    thread_exit(0xabc);
}

int main(int argc, char **argv) {
    u32 t[16];
    for (int i = 0; i < 16; i++) {
        i64 c = thread_create(tls_check, (void *)(u64)(i + 1));
        check(c > 0, "create");
        t[i] = (u32)c;
    }
    for (int i = 0; i < 16; i++) {
        u64 v = 0;
        check(thread_join(t[i], &v) == 0, "join");
        check(v == (u64)(i + 1) * 3, "exit value, TLS, stack and ring of each thread");
    }

    for (int i = 0; i < 8; i++)
        t[i] = (u32)thread_create(sleeper, 0);
    for (int i = 0; i < 8; i++) {
        u64 v = 0;
        thread_join(t[i], &v);
        check(v == 7, "siblings time out independently in cap_enter");
    }

    i64 c = thread_create(exits_early, 0);
    ring_enter(1, 10 * 1000 * 1000);   // give it time to be gone before the join
    u64 v = 0;
    check(thread_join((u32)c, &v) == 0 && v == 0xabc, "join after the thread exited (thread_exit)");
    check(call((u32)c, THREAD_JOIN, 0, 0, 0, 0, 0, 0, 0) == -E_BADCAP, "released Thread cap is stale");

    u64 before = (u64)sysinfo(SYSINFO_FREE_PAGES);
    for (int round = 0; round < 40; round++) {
        for (int i = 0; i < 4; i++)
            t[i] = (u32)thread_create(quick, (void *)(u64)round);
        for (int i = 0; i < 4; i++) {
            thread_join(t[i], &v);
            check(v == (u64)round, "churn value");
        }
    }
    u64 after = free_pages_settled(before);
    printf("thread: free pages %lu before churn, %lu after\n", before, after);
    check(after == before, "no pages leaked by 160 create/join rounds");
    return test_done("thread");
}
