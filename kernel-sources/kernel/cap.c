// Capability tables. Every lookup copies the slot and takes a reference on its object
// under the table lock, so the object cannot vanish while an operation uses it even if
// another thread releases the capability at the same moment (cap_put_obj drops it).
#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "thread.h"
#include "proc.h"
#include "memobj.h"
#include "defs.h"
#include <hartbench/ring.h>

#define HANDLE(slot, gen)  (((u32)(gen) << 16) | (u32)(slot))
#define HANDLE_SLOT(h)     ((h) & 0xffff)
#define HANDLE_GEN(h)      ((h) >> 16)

// Take a reference on a capability's object. Objects without a lifetime (Console,
// Spawner, the park spaces) have none to take.
static void obj_get(u16 type, void *obj) {
    switch (type) {
    case CAP_PROCESS: proc_get(obj); break;
    case CAP_THREAD:  thread_get(obj); break;
    case CAP_MEMORY:  memobj_get(obj); break;
    default: break;
    }
}

static void obj_put(u16 type, void *obj) {
    switch (type) {
    case CAP_PROCESS: proc_put(obj); break;
    case CAP_THREAD:  thread_put(obj); break;
    case CAP_MEMORY:  memobj_put(obj); break;
    default: break;
    }
}

void cap_init_table(struct proc *p) {
    initlock(&p->caps.lock, "caps", LOCK_CAPS);
    for (int i = 0; i < NCAP; i++) {
        p->caps.slot[i].type = CAP_NONE;
        p->caps.slot[i].gen = 1;
    }
}

// Returns the new handle (>= 0) or -E_NOSPC. Takes its own object reference.
int cap_insert(struct proc *p, u16 type, u32 rights, void *obj, u32 objgen) {
    struct captable *ct = &p->caps;
    int h = -E_NOSPC;
    acquire(&ct->lock);
    for (int i = 0; i < NCAP; i++) {
        struct capslot *s = &ct->slot[i];
        if (s->type != CAP_NONE)
            continue;
        s->type = type;
        s->rights = rights;
        s->obj = obj;
        s->objgen = objgen;
        obj_get(type, obj);
        h = (int)HANDLE(i, s->gen);
        break;
    }
    release(&ct->lock);
    return h;
}

// The live slot a handle names, or 0 if it is stale or forged. ct->lock held.
static struct capslot *slot_of(struct captable *ct, u32 handle) {
    u32 i = HANDLE_SLOT(handle);
    if (i >= NCAP)
        return 0;
    struct capslot *s = &ct->slot[i];
    if (s->type == CAP_NONE || s->gen != HANDLE_GEN(handle))
        return 0;
    return s;
}

// Copy the slot a handle names and take a reference on its object.
int cap_get(struct proc *p, u32 handle, struct capslot *out) {
    struct captable *ct = &p->caps;
    acquire(&ct->lock);
    struct capslot *s = slot_of(ct, handle);
    if (!s) {
        release(&ct->lock);
        return -E_BADCAP;
    }
    *out = *s;
    obj_get(s->type, s->obj);
    release(&ct->lock);
    return 0;
}

void cap_put_obj(const struct capslot *c) {
    obj_put(c->type, c->obj);
}

int cap_release(struct proc *p, u32 handle) {
    struct captable *ct = &p->caps;
    acquire(&ct->lock);
    struct capslot *s = slot_of(ct, handle);
    if (!s) {
        release(&ct->lock);
        return -E_BADCAP;
    }
    struct capslot old = *s;
    s->type = CAP_NONE;
    s->obj = 0;
    s->gen = (u16)(s->gen + 1) ? (u16)(s->gen + 1) : 1;
    release(&ct->lock);
    obj_put(old.type, old.obj);
    return 0;
}

void cap_release_all(struct proc *p) {
    for (int i = 0; i < NCAP; i++) {
        struct captable *ct = &p->caps;
        acquire(&ct->lock);
        struct capslot old = ct->slot[i];
        u32 handle = HANDLE(i, old.gen);
        release(&ct->lock);
        if (old.type != CAP_NONE)
            cap_release(p, handle);
    }
}
