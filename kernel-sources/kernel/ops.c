// SQE dispatch: the ring operations and the CALL methods of Process, Thread,
// MemoryObject and Spawner capabilities (Console in console.c, PARK/UNPARK in park.c).
//
// Everything here runs on behalf of thread t (the submitter) and may be run by the sqpoll
// thread, so nothing uses curthread(). Every user-supplied value is checked; any failure
// becomes an error completion. None of it panics on user input.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "fdt.h"
#include "cpu.h"
#include "thread.h"
#include "proc.h"
#include "vm.h"
#include "memobj.h"
#include "kalloc.h"
#include "kring.h"
#include "defs.h"
#include <hartbench/ring.h>

#define NEED(rights, r) (((rights) & (r)) == (r))

bool bootarg_value(const char *key, u64 keylen, char *out, u64 outlen, u64 *len);

static i64 sysinfo(struct thread *t, const struct sqe *s) {
    switch (s->arg[0]) {
    case SYSINFO_FREE_PAGES:  return (i64)kfree_pages();
    case SYSINFO_NCPU:        return ncpu;
    case SYSINFO_TIMEBASE_HZ: return (i64)board.timebase_hz;
    case SYSINFO_BOOTARG: {
        char key[32], val[64];
        u64 keylen = s->arg[3], len;
        if (keylen == 0 || keylen > sizeof(key))
            return -E_INVAL;
        if (copyin(t->proc->as, key, s->arg[4], keylen) < 0)
            return -E_FAULT;
        if (!bootarg_value(key, keylen, val, sizeof(val), &len))
            return -E_NOENT;
        if (len > s->arg[2])
            return -E_INVAL;
        if (copyout(t->proc->as, s->arg[1], val, len) < 0)
            return -E_FAULT;
        return (i64)len;
    }
    default: return -E_INVAL;
    }
}

static i64 thread_create(struct thread *t, const struct sqe *s, u64 *aux) {
    struct proc *p = t->proc;
    int err = 0;
    struct thread *nt = proc_thread_create(p, s->arg[0], s->arg[1], s->arg[2], s->arg[3], &err);
    if (!nt)
        return err;
    int h = cap_insert(p, CAP_THREAD, RIGHT_WAIT, nt, nt->gen);
    if (h < 0) {
        proc_thread_abort(nt);
        return h;
    }
    *aux = nt->tid;
    proc_thread_start(nt);
    return h;
}

static bool proc_wait(struct thread *t, const struct sqe *s, struct proc *target, i64 *result, u64 *aux) {
    struct pending *pd = pending_alloc(t, s, PEND_WAIT, &target->lock);
    if (!pd) {
        *result = -E_NOMEM;
        return true;
    }
    acquire(&target->lock);
    if (target->state == P_ZOMBIE) {
        *result = target->exit_status;
        *aux = target->pid;
        release(&target->lock);
        pending_drop(pd);
        return true;
    }
    list_push_back(&target->waiters, &pd->objlink);
    pd->linked = true;
    release(&target->lock);
    return false;
}

static bool process_call(struct thread *t, const struct sqe *s, const struct capslot *c, i64 *result, u64 *aux) {
    struct proc *target = c->obj, *self = t->proc;
    bool is_self = target == self;
    u32 need;
    switch (s->method) {
    case PROC_WAIT: need = RIGHT_WAIT; break;
    case PROC_KILL: need = RIGHT_KILL; break;
    case PROC_INFO: case PROC_SYSINFO: need = 0; break;
    case PROC_THREAD_CREATE: case PROC_MEMORY_CREATE: case PROC_UNMAP:
    case PROC_PROTECT: case PROC_RING_MODE:
        if (!is_self) {
            *result = -E_INVAL;
            return true;
        }
        need = RIGHT_MANAGE;
        break;
    default:
        *result = -E_BADMETHOD;
        return true;
    }
    if (!NEED(c->rights, need)) {
        *result = -E_RIGHTS;
        return true;
    }
    switch (s->method) {
    case PROC_WAIT:
        return proc_wait(t, s, target, result, aux);
    case PROC_KILL:
        proc_kill(target, (int)s->arg[0]);
        *result = 0;
        break;
    case PROC_INFO:
        *result = target->pid;
        break;
    case PROC_SYSINFO:
        *result = sysinfo(t, s);
        break;
    case PROC_THREAD_CREATE:
        *result = thread_create(t, s, aux);
        break;
    case PROC_MEMORY_CREATE: {
        int err = 0;
        struct memobj *mo = memobj_create(s->arg[0], &err);
        if (!mo) {
            *result = err;
            break;
        }
        *result = cap_insert(self, CAP_MEMORY, RIGHT_READ | RIGHT_WRITE | RIGHT_GRANT, mo, mo->gen);
        memobj_put(mo);          // the capability holds it now (or nothing does)
        break;
    }
    case PROC_UNMAP:
        *result = as_unmap(self->as, s->arg[0], s->arg[1], true);
        break;
    case PROC_PROTECT:
        *result = as_protect(self->as, s->arg[0], s->arg[1], (int)s->arg[2]);
        break;
    case PROC_RING_MODE:
        if (s->arg[0] & ~(u64)RING_F_SQPOLL) {
            *result = -E_INVAL;
            break;
        }
        sqpoll_set_locked(t, s->arg[0] != 0);   // ring_submit holds submit_lock
        *result = 0;
        break;
    }
    return true;
}

static bool thread_call(struct thread *t, const struct sqe *s, const struct capslot *c, i64 *result, u64 *aux) {
    struct thread *target = c->obj;
    struct proc *p = t->proc;
    switch (s->method) {
    case THREAD_INFO:
        *result = target->tid;
        return true;
    case THREAD_JOIN: {
        if (!NEED(c->rights, RIGHT_WAIT)) {
            *result = -E_RIGHTS;
            return true;
        }
        if (target == t) {
            *result = -E_INVAL;      // it would wait for itself forever
            return true;
        }
        struct pending *pd = pending_alloc(t, s, PEND_JOIN, &p->lock);
        if (!pd) {
            *result = -E_NOMEM;
            return true;
        }
        acquire(&p->lock);
        if (target->exited) {
            *result = (i64)target->exit_value;
            *aux = target->tid;
            release(&p->lock);
            pending_drop(pd);
            return true;
        }
        list_push_back(&target->joiners, &pd->objlink);
        pd->linked = true;
        release(&p->lock);
        return false;
    }
    default:
        *result = -E_BADMETHOD;
        return true;
    }
}

static i64 memory_call(struct thread *t, const struct sqe *s, const struct capslot *c) {
    struct memobj *mo = c->obj;
    switch (s->method) {
    case MEMORY_SIZE:
        return (i64)(mo->npages * PGSIZE);
    case MEMORY_MAP: {
        int prot = (int)s->arg[1];
        if (!NEED(c->rights, RIGHT_READ) || ((prot & PROT_WRITE) && !NEED(c->rights, RIGHT_WRITE)))
            return -E_RIGHTS;
        u64 va = 0;
        int err = as_map_memobj(t->proc->as, mo, s->arg[0], prot, &va);
        return err ? err : (i64)va;
    }
    default:
        return -E_BADMETHOD;
    }
}

// SPAWNER_SPAWN: the caps to pass are handles in the caller's table; each must carry
// RIGHT_GRANT, and Thread capabilities never leave their process.
static i64 spawn(struct thread *t, const struct sqe *s, u64 *aux) {
    struct proc *p = t->proc;
    char name[32], args[ARGMAX];
    u32 handles[START_MAXCAPS - 1];
    struct capgrant g[START_MAXCAPS - 1];
    struct capslot held[START_MAXCAPS - 1];
    u64 namelen = s->arg[1], argslen = s->arg[3], n = s->arg[5];
    if (namelen == 0 || namelen >= sizeof(name) || argslen >= sizeof(args) || n > NELEM(handles))
        return -E_INVAL;
    if (copyin(p->as, name, s->arg[0], namelen) < 0 || copyin(p->as, args, s->arg[2], argslen) < 0 ||
        copyin(p->as, handles, s->arg[4], n * sizeof(u32)) < 0)
        return -E_FAULT;
    name[namelen] = 0;
    args[argslen] = 0;
    int ngot = 0;
    i64 err = 0;
    for (u64 i = 0; i < n && !err; i++) {
        if ((err = cap_get(p, handles[i], &held[i])) < 0)
            break;
        ngot++;
        if (held[i].type == CAP_THREAD)
            err = -E_BADTYPE;
        else if (!NEED(held[i].rights, RIGHT_GRANT))
            err = -E_RIGHTS;
        g[i].type = held[i].type;
        g[i].rights = held[i].rights;
        g[i].obj = held[i].obj;
        g[i].objgen = held[i].objgen;
    }
    struct proc *child = 0;
    int e = 0;
    if (!err) {
        child = proc_spawn(name, namelen, args, g, (int)n, p->pid, &e);
        err = e;
    }
    for (int i = 0; i < ngot; i++)
        cap_put_obj(&held[i]);
    if (!child)
        return err;
    *aux = child->pid;
    int h = cap_insert(p, CAP_PROCESS, RIGHT_WAIT | RIGHT_KILL | RIGHT_GRANT, child, child->gen);
    if (h < 0)
        proc_kill(child, -E_NOSPC);   // nobody could ever wait for it
    proc_put(child);
    return h;
}

static bool call(struct thread *t, const struct sqe *s, i64 *result, u64 *aux) {
    struct capslot c;
    int err = cap_get(t->proc, s->cap, &c);
    if (err) {
        *result = err;
        return true;
    }
    bool done = true;
    switch (c.type) {
    case CAP_CONSOLE:
        done = console_call(t, s, c.rights, result);
        break;
    case CAP_PROCESS:
        done = process_call(t, s, &c, result, aux);
        break;
    case CAP_THREAD:
        done = thread_call(t, s, &c, result, aux);
        break;
    case CAP_MEMORY:
        *result = memory_call(t, s, &c);
        break;
    case CAP_SPAWNER:
        if (s->method != SPAWNER_SPAWN)
            *result = -E_BADMETHOD;
        else if (!NEED(c.rights, RIGHT_SPAWN))
            *result = -E_RIGHTS;
        else
            *result = spawn(t, s, aux);
        break;
    default:
        *result = -E_BADTYPE;    // park spaces have no methods: use PARK/UNPARK
        break;
    }
    cap_put_obj(&c);
    return done;
}

// Returns true with *result (and *aux) set when the op finished, false when it is
// waiting and will complete through its struct pending.
bool op_dispatch(struct thread *t, const struct sqe *s, i64 *result, u64 *aux) {
    *aux = 0;
    if (s->flags) {
        *result = -E_BADOP;
        return true;
    }
    switch (s->op) {
    case OP_NOP:
        *result = (i64)s->arg[0];
        return true;
    case OP_CALL:
        return call(t, s, result, aux);
    case OP_RELEASE:
        *result = cap_release(t->proc, s->cap);
        return true;
    case OP_PARK:
    case OP_UNPARK: {
        struct capslot c;
        int err = cap_get(t->proc, s->cap, &c);
        if (err) {
            *result = err;
            return true;
        }
        bool done = true;
        if (c.type != CAP_PARKSPACE && c.type != CAP_SHAREDPARK)
            *result = -E_BADTYPE;
        else if (!NEED(c.rights, RIGHT_PARK))
            *result = -E_RIGHTS;
        else
            done = park_op(t, s, c.type, result);
        cap_put_obj(&c);
        return done;
    }
    default:
        *result = -E_BADOP;
        return true;
    }
}
