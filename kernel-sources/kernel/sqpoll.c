// SQPOLL: one kernel thread that consumes the SQs of rings in SQPOLL mode, so their
// threads can submit without a system call. For such a ring this thread is the only SQ
// consumer (ring_submit checks the mode under the ring's submit_lock); cap_enter then
// only waits. When it has found nothing to do for 2 ms, the poller sets
// RING_F_NEED_WAKEUP in every ring it serves and sleeps; a cap_enter on such a ring
// wakes it.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "cpu.h"
#include "thread.h"
#include "sched.h"
#include "kring.h"
#include "fdt.h"
#include "defs.h"
#include <hartbench/ring.h>

#define SQPOLL_IDLE_HZ 500        // sleeps after 1/500 s (2 ms) without work

// Order: after ring submit locks; before run queues.
static struct spinlock sqpoll_lock = SPINLOCK_INIT("sqpoll", LOCK_RING);
static struct list served = LIST_INIT(served);   // sqpoll_lock: rings in SQPOLL mode
static struct thread *poller;                    // fixed after sqpoll_init
static bool poller_asleep;                       // sqpoll_lock
static bool kicked;                              // sqpoll_lock

// Switch t's ring into or out of SQPOLL mode. t's submit_lock is held by the caller.
void sqpoll_set_locked(struct thread *t, bool on) {
    struct ring *r = &t->ring;
    if (r->sqpoll == on)
        return;
    r->sqpoll = on;
    acquire(&sqpoll_lock);
    if (on) {
        thread_get(t);           // the poller may look at t until it is off the list
        list_push_back(&served, &r->sqpoll_link);
        __atomic_fetch_or(&r->hdr->flags, RING_F_SQPOLL, __ATOMIC_SEQ_CST);
    } else {
        list_remove(&r->sqpoll_link);
        __atomic_fetch_and(&r->hdr->flags, ~(u32)(RING_F_SQPOLL | RING_F_NEED_WAKEUP), __ATOMIC_SEQ_CST);
    }
    kicked = true;
    if (poller_asleep)
        wake_thread(poller);
    release(&sqpoll_lock);
    if (!on)
        thread_put(t);
}

void sqpoll_set(struct thread *t, bool on) {
    acquire(&t->ring.submit_lock);
    sqpoll_set_locked(t, on);
    release(&t->ring.submit_lock);
}

void sqpoll_kick(void) {
    acquire(&sqpoll_lock);
    kicked = true;
    if (poller_asleep)
        wake_thread(poller);
    release(&sqpoll_lock);
}

// Snapshot the served threads, each with a hold so its slot stays put.
static int snapshot(struct thread **out) {
    int n = 0;
    acquire(&sqpoll_lock);
    for (struct list *l = served.next; l != &served && n < NTHREAD; l = l->next) {
        struct thread *t = container_of(l, struct thread, ring.sqpoll_link);
        thread_get(t);
        out[n++] = t;
    }
    release(&sqpoll_lock);
    return n;
}

static bool any_submitted(void) {
    bool any = false;
    for (struct list *l = served.next; l != &served && !any; l = l->next) {
        struct ring *r = container_of(l, struct ring, sqpoll_link);
        any = __atomic_load_n(&r->hdr->sq_tail, __ATOMIC_SEQ_CST) != r->sq_head;
    }
    return any;
}

static void set_need_wakeup(bool on) {
    for (struct list *l = served.next; l != &served; l = l->next) {
        struct ring *r = container_of(l, struct ring, sqpoll_link);
        if (on)
            __atomic_fetch_or(&r->hdr->flags, RING_F_NEED_WAKEUP, __ATOMIC_SEQ_CST);
        else
            __atomic_fetch_and(&r->hdr->flags, ~(u32)RING_F_NEED_WAKEUP, __ATOMIC_SEQ_CST);
    }
}

static void poll_loop(void *arg) {
    static struct thread *batch[NTHREAD];    // only the poller touches it
    u64 last_work = r_time();
    for (;;) {
        int n = snapshot(batch), work = 0;
        for (int i = 0; i < n; i++) {
            work += ring_submit(batch[i], true);
            thread_put(batch[i]);
        }
        if (work)
            last_work = r_time();
        if (r_time() - last_work < board.timebase_hz / SQPOLL_IDLE_HZ) {
            yield();
            continue;
        }
        // Nothing for a while: advertise NEED_WAKEUP, look once more, then sleep.
        intr_off();
        acquire(&sqpoll_lock);
        set_need_wakeup(true);
        while (!kicked && !any_submitted()) {
            poller_asleep = true;
            sleep_locked(&sqpoll_lock);
            poller_asleep = false;
        }
        kicked = false;
        set_need_wakeup(false);
        release(&sqpoll_lock);
        intr_on();
        last_work = r_time();
    }
}

void sqpoll_init(void) {
    poller = kthread_create("sqpoll", NPRIO / 2, poll_loop, 0);
    if (!poller)
        panic("sqpoll_init: no thread");
}
