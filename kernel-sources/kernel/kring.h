// The kernel side of a thread's ring (ring.c). The ring pages themselves are laid out by
// hartbench/ring.h; the kernel reaches them through its identity map.
#ifndef KRING_H
#define KRING_H

#include "types.h"
#include "list.h"
#include "spinlock.h"
#include "timer.h"
#include <hartbench/ring.h>

struct thread;

struct ring {
    // Lock order: after the object locks whose waits complete into rings (proc.lock,
    // park buckets, console input); before run queues and the page allocator.
    struct spinlock lock;
    u64 pages;                   // fixed: 2^2-page block holding the 3 ring pages
    struct ring_header *hdr;     // fixed: pointers into it
    struct sqe *sq;
    struct cqe *cq;
    u32 sq_head;                 // submit_lock: the kernel's own copy (the user can scribble)
    u32 cq_tail;                 // lock: likewise
    u32 cq_promised;             // lock: CQEs owed to ops still in flight
    u32 waiting_min;             // lock: > 0 while the owner sleeps in cap_enter
    bool timed_out;              // lock: the cap_enter timeout fired
    struct ktimer timer;         // cap_enter timeout
    struct list inflight;        // lock: struct pending submitted through this ring
    u64 dropped;                 // lock: CQEs lost because the user corrupted cq_head

    // Exactly one consumer of the SQ at a time: cap_enter's submit or the sqpoll thread,
    // whichever the mode says, and only while holding submit_lock (order: before all).
    struct spinlock submit_lock;
    bool sqpoll;                 // submit_lock: RING_F_SQPOLL mode
    struct list sqpoll_link;     // sqpoll.c's lock: on the poller's list
};

// An operation waiting for an event: a CQE owed to one thread. It is linked on the
// waited-for object's list (guarded by *objlock) and on the submitting ring's inflight
// list. Whoever unlinks it from the object list, under *objlock, completes and frees it.
enum pend_kind { PEND_WAIT, PEND_JOIN, PEND_READ, PEND_PARK };

struct pending {
    struct list objlink;         // *objlock
    struct list ringlink;        // ring.lock of the submitter
    struct spinlock *objlock;    // lock of the list it waits on
    struct thread *thread;       // submitter; its slot outlives the pending
    u32 tindex, tgen;            // ThreadRef the completion is routed to
    u64 user_data;
    u8 op;
    u8 kind;                     // enum pend_kind
    bool linked;                 // *objlock: still on the object's list
    u64 arg[3];                  // kind-specific: read buffer/len; park key
    struct ktimer timer;         // PARK timeout
};

// ring.c
int ring_init(struct thread *t);
void ring_free(struct thread *t);
void ring_post(struct thread *t, u32 tgen, u64 user_data, u8 op, i64 result, u64 aux);
void ring_complete(struct pending *p, i64 result, u64 aux);
struct pending *pending_alloc(struct thread *t, const struct sqe *s, int kind, struct spinlock *objlock);
void pending_free(struct pending *p);
void pending_drop(struct pending *p);
void pendings_init(void);
void ring_cancel_all(struct thread *t);
int ring_submit(struct thread *t, bool from_sqpoll);
i64 cap_enter(u64 min_complete, u64 timeout_ns);
u32 ring_ready(struct ring *r);

// ops.c
bool op_dispatch(struct thread *t, const struct sqe *s, i64 *result, u64 *aux);

// console.c, park.c: ops that may wait. Each returns true with *result set when done
// at once, false when a pending op will post the CQE later.
bool console_call(struct thread *t, const struct sqe *s, u32 rights, i64 *result);
bool park_op(struct thread *t, const struct sqe *s, int cap_type, i64 *result);
void park_init(void);

// sqpoll.c
void sqpoll_init(void);
void sqpoll_set(struct thread *t, bool on);
void sqpoll_set_locked(struct thread *t, bool on);
void sqpoll_kick(void);

#endif
