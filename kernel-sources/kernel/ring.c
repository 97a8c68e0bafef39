// Per-thread rings: SQ consumption, CQ posting, in-flight operations and cap_enter.
//
// Back-pressure instead of overflow: an SQE is consumed only when a CQ slot can be
// promised to it (cq_promised), so a well-behaved user never loses a completion. A user
// that corrupts cq_head only hurts itself (the kernel clamps and counts `dropped`).
//
// Completions are routed by ThreadRef: ring_post checks the target slot's generation, so
// a completion for a thread that has gone is dropped, never delivered to the slot's next
// occupant.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "cpu.h"
#include "thread.h"
#include "proc.h"
#include "kalloc.h"
#include "timer.h"
#include "sched.h"
#include "kring.h"
#include "defs.h"
#include <hartbench/ring.h>
#include <hartbench/trace.h>

#define NPENDING 1024
static struct pending pendings[NPENDING];
static struct list free_pendings;
// Leaf lock: the pool of struct pending.
static struct spinlock pendings_lock = SPINLOCK_INIT("pendings", LOCK_OTHER);

void pendings_init(void) {
    list_init(&free_pendings);
    for (int i = 0; i < NPENDING; i++)
        list_push_back(&free_pendings, &pendings[i].objlink);
}

int ring_init(struct thread *t) {
    struct ring *r = &t->ring;
    void *pages = kalloc_order(2);
    if (!pages)
        return -E_NOMEM;
    memset(pages, 0, RING_BYTES);
    r->pages = (u64)pages;
    r->hdr = (struct ring_header *)(r->pages + RING_HDR_OFF);
    r->sq = (struct sqe *)(r->pages + RING_SQ_OFF);
    r->cq = (struct cqe *)(r->pages + RING_CQ_OFF);
    r->hdr->sq_entries = RING_SQ_ENTRIES;
    r->hdr->cq_entries = RING_CQ_ENTRIES;
    r->hdr->version = RING_VERSION;
    r->hdr->thread_index = t->index;
    r->hdr->thread_gen = t->gen;
    r->sq_head = r->cq_tail = 0;
    r->cq_promised = 0;
    r->waiting_min = 0;
    r->timed_out = false;
    r->dropped = 0;
    r->sqpoll = false;
    r->timer.state = KT_IDLE;
    r->timer.cpu = 0;
    list_init(&r->inflight);
    list_init(&r->sqpoll_link);
    initlock(&r->lock, "ring", LOCK_RING);
    initlock(&r->submit_lock, "ring submit", LOCK_RING);
    return 0;
}

// The ring pages must be unmapped (and shot down) already.
void ring_free(struct thread *t) {
    struct ring *r = &t->ring;
    if (!r->pages)
        return;
    acquire(&r->lock);
    u64 pages = r->pages;
    r->pages = 0;
    r->hdr = 0;
    release(&r->lock);
    kfree_order((void *)pages, 2);
}

// CQEs the user has not consumed yet. Lock held.
u32 ring_ready(struct ring *r) {
    u32 used = r->cq_tail - __atomic_load_n(&r->hdr->cq_head, __ATOMIC_ACQUIRE);
    return used > RING_CQ_ENTRIES ? RING_CQ_ENTRIES : used;
}

// Write one CQE into t's ring if t is still the thread tgen names. Every post pays off
// one promise made when the SQE was consumed.
void ring_post(struct thread *t, u32 tgen, u64 user_data, u8 op, i64 result, u64 aux) {
    struct ring *r = &t->ring;
    acquire(&r->lock);
    if (t->gen != tgen || !r->hdr) {
        release(&r->lock);
        return;
    }
    if (r->cq_promised)
        r->cq_promised--;
    if (ring_ready(r) >= RING_CQ_ENTRIES) {
        r->dropped++;           // only if the user moved cq_head backwards
    } else {
        struct cqe *c = &r->cq[r->cq_tail & (RING_CQ_ENTRIES - 1)];
        c->user_data = user_data;
        c->result = result;
        c->aux = aux;
        c->op = op;
        c->flags = 0;
        r->cq_tail++;
        __atomic_store_n(&r->hdr->cq_tail, r->cq_tail, __ATOMIC_RELEASE);
    }
    if (mycpu()->trace)
        trace_write_as(t, TR_CQE_POSTED, (u32)result, user_data);
    if (r->waiting_min && ring_ready(r) >= r->waiting_min)
        wake_thread(t);
    release(&r->lock);
}

struct pending *pending_alloc(struct thread *t, const struct sqe *s, int kind, struct spinlock *objlock) {
    acquire(&pendings_lock);
    struct list *l = list_pop_front(&free_pendings);
    release(&pendings_lock);
    if (!l)
        return 0;
    struct pending *p = container_of(l, struct pending, objlink);
    list_init(&p->objlink);
    p->objlock = objlock;
    p->thread = t;
    p->tindex = t->index;
    p->tgen = t->gen;
    p->user_data = s->user_data;
    p->op = s->op;
    p->kind = (u8)kind;
    p->linked = false;
    p->arg[0] = p->arg[1] = p->arg[2] = 0;
    p->timer.state = KT_IDLE;
    p->timer.cpu = mycpu()->index;
    acquire(&t->ring.lock);
    list_push_back(&t->ring.inflight, &p->ringlink);
    release(&t->ring.lock);
    return p;
}

void pending_free(struct pending *p) {
    acquire(&pendings_lock);
    list_push_back(&free_pendings, &p->objlink);
    release(&pendings_lock);
}

// An op that never got linked to an object: undo pending_alloc.
void pending_drop(struct pending *p) {
    struct thread *t = p->thread;
    acquire(&t->ring.lock);
    list_remove(&p->ringlink);
    release(&t->ring.lock);
    pending_free(p);
}

// The op is done: post its CQE and free it. The caller has unlinked it from the
// object's list (p->linked false) and, for ops with a timer, disarmed it.
void ring_complete(struct pending *p, i64 result, u64 aux) {
    struct thread *t = p->thread;
    acquire(&t->ring.lock);
    list_remove(&p->ringlink);
    release(&t->ring.lock);
    ring_post(t, p->tgen, p->user_data, p->op, result, aux);
    pending_free(p);
}

// Thread t is exiting: withdraw every op it still has in flight. Each is either
// unlinked here under its object's lock, or being completed by someone who got there
// first, in which case we wait for them to finish.
void ring_cancel_all(struct thread *t) {
    struct ring *r = &t->ring;
    for (;;) {
        acquire(&r->lock);
        if (list_empty(&r->inflight)) {
            release(&r->lock);
            return;
        }
        struct pending *p = container_of(r->inflight.next, struct pending, ringlink);
        struct spinlock *lk = p->objlock;
        release(&r->lock);

        acquire(lk);
        acquire(&r->lock);
        bool mine = r->inflight.next == &p->ringlink && p->linked;
        if (mine) {
            list_remove(&p->objlink);
            p->linked = false;
            list_remove(&p->ringlink);
            if (r->cq_promised)
                r->cq_promised--;
        }
        release(&r->lock);
        release(lk);
        if (mine) {
            ktimer_cancel(&p->timer);
            pending_free(p);
        } else {
            xcall_poll();        // its completer is on the way to unlink it
        }
    }
}

// Consume pending SQEs. from_sqpoll says who is asking; only the consumer the ring's
// mode names proceeds. Returns how many SQEs were consumed.
int ring_submit(struct thread *t, bool from_sqpoll) {
    struct ring *r = &t->ring;
    int n = 0;
    acquire(&r->submit_lock);
    while (r->sqpoll == from_sqpoll && n < RING_SQ_ENTRIES && r->hdr) {
        u32 tail = __atomic_load_n(&r->hdr->sq_tail, __ATOMIC_ACQUIRE);
        if (tail == r->sq_head)
            break;
        acquire(&r->lock);
        bool room = ring_ready(r) + r->cq_promised < RING_CQ_ENTRIES;
        if (room)
            r->cq_promised++;
        release(&r->lock);
        if (!room)
            break;
        struct sqe s;
        memcpy(&s, &r->sq[r->sq_head & (RING_SQ_ENTRIES - 1)], sizeof(s));
        r->sq_head++;
        __atomic_store_n(&r->hdr->sq_head, r->sq_head, __ATOMIC_RELEASE);
        if (mycpu()->trace)
            trace_write_as(t, TR_SQE_CONSUMED, ((u32)s.op << 24) | (s.cap & 0xffff), s.user_data);
        i64 result = 0;
        u64 aux = 0;
        if (op_dispatch(t, &s, &result, &aux))
            ring_post(t, t->gen, s.user_data, s.op, result, aux);
        n++;
    }
    release(&r->submit_lock);
    return n;
}

static bool cap_enter_timeout(struct ktimer *kt) {
    struct thread *t = kt->arg;
    acquire(&t->ring.lock);
    t->ring.timed_out = true;
    wake_thread(t);
    release(&t->ring.lock);
    return false;
}

// The cap_enter system call.
i64 cap_enter(u64 min_complete, u64 timeout_ns) {
    struct thread *t = curthread();
    struct ring *r = &t->ring;
    ring_submit(t, false);
    if (r->sqpoll && (__atomic_load_n(&r->hdr->flags, __ATOMIC_ACQUIRE) & RING_F_NEED_WAKEUP))
        sqpoll_kick();
    if (min_complete > RING_CQ_ENTRIES)
        min_complete = RING_CQ_ENTRIES;
    intr_off();
    acquire(&r->lock);
    u32 ready = ring_ready(r);
    if (ready >= min_complete || t->killed) {
        release(&r->lock);
        intr_on();
        return t->killed ? -E_KILLED : ready;
    }
    u64 t0 = r_time();
    trace(TR_CAP_ENTER_WAIT, (u32)min_complete, timeout_ns);
    r->timed_out = false;
    if (timeout_ns)
        ktimer_arm(&r->timer, t0 + ns_to_ticks(timeout_ns), cap_enter_timeout, t);
    while (ring_ready(r) < min_complete && !t->killed && !r->timed_out) {
        r->waiting_min = (u32)min_complete;
        sleep_locked(&r->lock);
    }
    r->waiting_min = 0;
    ready = ring_ready(r);
    bool timed_out = r->timed_out;
    release(&r->lock);
    intr_on();
    if (timeout_ns)
        ktimer_cancel(&r->timer);
    trace(TR_CAP_ENTER_WAKE, ready, r_time() - t0);
    if (t->killed)
        return -E_KILLED;
    if (ready < min_complete && timed_out)
        return -E_TIMEDOUT;
    return ready;
}
