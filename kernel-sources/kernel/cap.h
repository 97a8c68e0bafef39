// Capabilities: per-process tables of {object, generation, rights}.
//
// A user names a capability by a 32-bit handle: (slot generation << 16) | slot index.
// The slot generation changes on every release, so a stale handle fails; the object
// generation recorded in the slot must match the object's, so a capability to an object
// that has died (a thread that exited and was reaped) fails too.
#ifndef CAP_H
#define CAP_H

#include "types.h"
#include "param.h"
#include "spinlock.h"

struct capslot {
    u16 type;        // CAP_* (hartbench/ring.h); CAP_NONE when free
    u16 gen;         // slot generation, part of the handle
    u32 rights;      // RIGHT_* (hartbench/ring.h)
    void *obj;       // the kernel object
    u32 objgen;      // its generation when the capability was made
};

// Lock order: after the ring submit and sqpoll locks; before proc.lock and the other
// object locks (obj_get runs under it).
struct captable {
    struct spinlock lock;
    struct capslot slot[NCAP];   // lock
};

#endif
