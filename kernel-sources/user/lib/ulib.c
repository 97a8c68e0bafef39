// The user library: start-up, rings, object wrappers, threads.
#include "ulib.h"

struct start_info *start_info;
u32 self_cap;
static struct uthread main_thread;

#define MAXARGS 16
static char argbuf[sizeof(((struct start_info *)0)->args)];
static char *argv[MAXARGS + 1];

void sys_exit(u64 status, u64 scope) {
    register u64 a0 asm("a0") = status;
    register u64 a1 asm("a1") = scope;
    register u64 a7 asm("a7") = SYS_EXIT;
    asm volatile("ecall" : : "r"(a0), "r"(a1), "r"(a7) : "memory");
    for (;;)
        ;
}

void exit(int status) {
    sys_exit((u64)(i64)status, EXIT_PROCESS);
}

void thread_exit(u64 value) {
    sys_exit(value, EXIT_THREAD);
}

static void bind_ring(struct uthread *u, u64 ring) {
    u->hdr = (struct ring_header *)(ring + RING_HDR_OFF);
    u->sq = (struct sqe *)(ring + RING_SQ_OFF);
    u->cq = (struct cqe *)(ring + RING_CQ_OFF);
    u->next_user_data = 1;
    u->nstash = 0;
    asm volatile("mv tp, %0" : : "r"(u));
}

void ulib_start(struct start_info *si) {
    start_info = si;
    self_cap = si->cap[0];
    bind_ring(&main_thread, si->ring);
    int argc = 0;
    memcpy(argbuf, si->args, sizeof(argbuf));
    argbuf[sizeof(argbuf) - 1] = 0;
    argv[argc++] = "main";
    for (char *p = argbuf; *p && argc < MAXARGS;) {
        while (*p == ' ')
            *p++ = 0;
        if (!*p)
            break;
        argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
    }
    argv[argc] = 0;
    exit(main(argc, argv));
}

u32 cap_find(u32 type) {
    for (u32 i = 0; i < start_info->ncaps; i++)
        if (start_info->cap_type[i] == type)
            return start_info->cap[i];
    return 0;
}

// ---- rings ----

struct sqe *sqe_get(void) {
    struct uthread *u = self();
    for (;;) {
        u32 tail = u->hdr->sq_tail;
        u32 head = __atomic_load_n(&u->hdr->sq_head, __ATOMIC_ACQUIRE);
        if (tail - head < RING_SQ_ENTRIES) {
            struct sqe *s = &u->sq[tail & (RING_SQ_ENTRIES - 1)];
            memset(s, 0, sizeof(*s));
            return s;
        }
        sys_cap_enter(0, 0);         // let the kernel take some
    }
}

void sqe_publish(void) {
    struct uthread *u = self();
    __atomic_store_n(&u->hdr->sq_tail, u->hdr->sq_tail + 1, __ATOMIC_SEQ_CST);
}

i64 ring_enter(u64 min_complete, u64 timeout_ns) {
    return sys_cap_enter(min_complete, timeout_ns);
}

bool cqe_pop(struct cqe *out) {
    struct uthread *u = self();
    u32 head = u->hdr->cq_head;
    if (head == __atomic_load_n(&u->hdr->cq_tail, __ATOMIC_ACQUIRE))
        return false;
    *out = u->cq[head & (RING_CQ_ENTRIES - 1)];
    __atomic_store_n(&u->hdr->cq_head, head + 1, __ATOMIC_RELEASE);
    return true;
}

u64 ring_op(u8 op, u32 cap, u16 method, const u64 *args, int nargs) {
    struct uthread *u = self();
    struct sqe *s = sqe_get();
    s->op = op;
    s->cap = cap;
    s->method = method;
    s->user_data = u->next_user_data++;
    for (int i = 0; i < nargs && i < 6; i++)
        s->arg[i] = args[i];
    sqe_publish();
    return s->user_data;
}

i64 ring_wait(u64 user_data, u64 *aux) {
    struct uthread *u = self();
    struct cqe c;
    for (;;) {
        for (int i = 0; i < u->nstash; i++) {
            if (u->stash[i].user_data == user_data) {
                c = u->stash[i];
                u->stash[i] = u->stash[--u->nstash];
                if (aux)
                    *aux = c.aux;
                return c.result;
            }
        }
        while (cqe_pop(&c)) {
            if (c.user_data == user_data) {
                if (aux)
                    *aux = c.aux;
                return c.result;
            }
            if (u->nstash == STASH) {
                printf("ulib: completion stash overflow\n");
                exit(99);
            }
            u->stash[u->nstash++] = c;
        }
        i64 r = sys_cap_enter(1, 0);
        if (r < 0 && r != -E_TIMEDOUT)
            return r;
    }
}

i64 call(u32 cap, u16 method, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 *aux) {
    u64 args[6] = { a0, a1, a2, a3, a4, a5 };
    return ring_wait(ring_op(OP_CALL, cap, method, args, 6), aux);
}

// ---- object wrappers ----

static u32 console_cap(void) {
    static u32 cap;
    if (!cap)
        cap = cap_find(CAP_CONSOLE);
    return cap;
}

i64 console_write(const void *buf, u64 len) {
    return call(console_cap(), CONSOLE_WRITE, (u64)buf, len, 0, 0, 0, 0, 0);
}

i64 console_read(void *buf, u64 max) {
    return call(console_cap(), CONSOLE_READ, (u64)buf, max, 0, 0, 0, 0, 0);
}

i64 sysinfo(u64 which) {
    return call(self_cap, PROC_SYSINFO, which, 0, 0, 0, 0, 0, 0);
}

u64 free_pages_settled(u64 want) {
    u64 now = (u64)sysinfo(SYSINFO_FREE_PAGES);
    for (int i = 0; i < 100 && now != want; i++) {
        ring_enter(1, 1000 * 1000);
        now = (u64)sysinfo(SYSINFO_FREE_PAGES);
    }
    return now;
}

i64 bootarg(const char *key, char *buf, u64 len) {
    i64 n = call(self_cap, PROC_SYSINFO, SYSINFO_BOOTARG, (u64)buf, len - 1, (u64)strlen(key), (u64)key, 0, 0);
    if (n >= 0)
        buf[n] = 0;
    return n;
}

i64 memory_create(u64 bytes) {
    return call(self_cap, PROC_MEMORY_CREATE, bytes, 0, 0, 0, 0, 0, 0);
}

i64 memory_map(u32 mem, u64 va, int prot) {
    return call(mem, MEMORY_MAP, va, (u64)prot, 0, 0, 0, 0, 0);
}

i64 unmap(u64 va, u64 len) {
    return call(self_cap, PROC_UNMAP, va, len, 0, 0, 0, 0, 0);
}

i64 protect(u64 va, u64 len, int prot) {
    return call(self_cap, PROC_PROTECT, va, len, (u64)prot, 0, 0, 0, 0);
}

i64 cap_release(u32 cap) {
    return ring_wait(ring_op(OP_RELEASE, cap, 0, 0, 0), 0);
}

i64 spawn(const char *name, const char *args, const u32 *caps, int ncaps, u64 *pid) {
    return call(cap_find(CAP_SPAWNER), SPAWNER_SPAWN, (u64)name, strlen(name), (u64)args,
                args ? strlen(args) : 0, (u64)caps, (u64)ncaps, pid);
}

i64 proc_wait(u32 proc) {
    return call(proc, PROC_WAIT, 0, 0, 0, 0, 0, 0, 0);
}

i64 proc_kill(u32 proc, int status) {
    return call(proc, PROC_KILL, (u64)(i64)status, 0, 0, 0, 0, 0, 0);
}

i64 park(u32 space, volatile u32 *word, u32 expected, u64 timeout_ns) {
    u64 args[3] = { (u64)word, expected, timeout_ns };
    return ring_wait(ring_op(OP_PARK, space, 0, args, 3), 0);
}

i64 unpark(u32 space, volatile u32 *word, u64 count) {
    u64 args[2] = { (u64)word, count };
    return ring_wait(ring_op(OP_UNPARK, space, 0, args, 2), 0);
}

// ---- threads ----
// Each thread gets one MemoryObject: THREAD_STACK bytes of stack with its struct
// uthread (its TLS, at tp) in the page above. thread_join unmaps and releases it.

#define THREAD_STACK (16 * 1024)
#define THREAD_MEM   (THREAD_STACK + 4096)
#define MAXTHREADS   64

static struct { u32 thread, mem; u64 va; } tinfo[MAXTHREADS];
static volatile u32 tinfo_lock;

static void tlock(void) {
    while (__atomic_exchange_n(&tinfo_lock, 1, __ATOMIC_ACQUIRE))
        ;
}

static void tunlock(void) {
    __atomic_store_n(&tinfo_lock, 0, __ATOMIC_RELEASE);
}

void ulib_thread_entry(void);

void ulib_thread_start(struct uthread *u, u64 ring) {
    bind_ring(u, ring);
    thread_exit((u64)u->fn(u->arg));
}

i64 thread_create(void *(*fn)(void *), void *arg) {
    i64 mem = memory_create(THREAD_MEM);
    if (mem < 0)
        return mem;
    i64 va = memory_map((u32)mem, 0, PROT_READ | PROT_WRITE);
    if (va < 0) {
        cap_release((u32)mem);
        return va;
    }
    struct uthread *u = (struct uthread *)(va + THREAD_STACK);
    u->fn = fn;
    u->arg = arg;
    u->memcap = (u32)mem;
    u->memva = (u64)va;
    i64 t = call(self_cap, PROC_THREAD_CREATE, (u64)ulib_thread_entry, (u64)va + THREAD_STACK,
                 (u64)u, (u64)u, 0, 0, 0);
    if (t < 0) {
        unmap((u64)va, THREAD_MEM);
        cap_release((u32)mem);
        return t;
    }
    tlock();
    for (int i = 0; i < MAXTHREADS; i++) {
        if (!tinfo[i].thread) {
            tinfo[i].thread = (u32)t;
            tinfo[i].mem = (u32)mem;
            tinfo[i].va = (u64)va;
            break;
        }
    }
    tunlock();
    return t;
}

i64 thread_join(u32 thread, u64 *value) {
    u64 v = 0;
    i64 r = call(thread, THREAD_JOIN, 0, 0, 0, 0, 0, 0, 0);
    if (r < 0)
        return r;
    v = (u64)r;
    tlock();
    for (int i = 0; i < MAXTHREADS; i++) {
        if (tinfo[i].thread == thread) {
            u32 mem = tinfo[i].mem;
            u64 va = tinfo[i].va;
            tinfo[i].thread = 0;
            tunlock();
            unmap(va, THREAD_MEM);
            cap_release(mem);
            tlock();
            break;
        }
    }
    tunlock();
    cap_release(thread);
    if (value)
        *value = v;
    return 0;
}

// ---- test reporting ----

static volatile int failures;

void check(bool ok, const char *what) {
    if (!ok) {
        __atomic_fetch_add(&failures, 1, __ATOMIC_RELAXED);
        printf("  check failed: %s\n", what);
    }
}

int test_done(const char *name) {
    if (failures)
        printf("%s: FAIL (%d checks failed)\n", name, failures);
    else
        printf("%s: PASS\n", name);
    return failures ? 1 : 0;
}
