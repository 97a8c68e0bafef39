// Ring smoke: NOP round trips, batches, error completions for malformed SQEs and forged
// capabilities, the cap_enter timeout, CQ back-pressure and SQPOLL mode.
#include "ulib.h"

static u32 park_cap;
static volatile u32 word;

static i64 op1(u8 op, u32 cap, u16 method, u64 a0, u64 a1) {
    u64 args[2] = { a0, a1 };
    return ring_wait(ring_op(op, cap, method, args, 2), 0);
}

static void nop_batches(void) {
    check(op1(OP_NOP, 0, 0, 1234, 0) == 1234, "NOP echoes arg0");
    struct uthread *u = self();
    u64 first = u->next_user_data;
    for (int i = 0; i < 40; i++) {
        struct sqe *s = sqe_get();
        s->op = OP_NOP;
        s->user_data = u->next_user_data++;
        s->arg[0] = (u64)i;
        sqe_publish();
    }
    i64 r = ring_enter(40, 0);
    check(r >= 40, "cap_enter(40) returns 40 ready");
    struct cqe c;
    int n = 0;
    while (cqe_pop(&c)) {
        check(c.user_data == first + (u64)n && c.result == n && c.op == OP_NOP, "batch CQEs in order");
        n++;
    }
    check(n == 40, "40 completions");
}

static void errors(void) {
    u32 console = cap_find(CAP_CONSOLE);
    check(op1(0, 0, 0, 0, 0) == -E_BADOP, "op 0 is invalid");
    check(op1(200, 0, 0, 0, 0) == -E_BADOP, "unknown op");
    struct sqe *s = sqe_get();
    s->op = OP_NOP;
    s->flags = 1;
    s->user_data = 777777;
    sqe_publish();
    check(ring_wait(777777, 0) == -E_BADOP, "non-zero flags");
    check(op1(OP_CALL, 0, CONSOLE_WRITE, 0, 0) == -E_BADCAP, "handle 0");
    check(op1(OP_CALL, 0x77770003, CONSOLE_WRITE, 0, 0) == -E_BADCAP, "forged handle");
    check(op1(OP_CALL, console + (1u << 16), CONSOLE_WRITE, 0, 0) == -E_BADCAP, "wrong generation");
    check(op1(OP_CALL, console, 99, 0, 0) == -E_BADMETHOD, "bad method");
    check(op1(OP_CALL, park_cap, 1, 0, 0) == -E_BADTYPE, "CALL on a park space");
    check(op1(OP_PARK, console, 0, 0, 0) == -E_BADTYPE, "PARK on a console");
    check(op1(OP_RELEASE, 0x12345, 0, 0, 0) == -E_BADCAP, "release of a forged handle");
    check(op1(OP_CALL, console, CONSOLE_WRITE, 0x10, 5) == -E_FAULT, "write from an unmapped address");
    check(op1(OP_CALL, console, CONSOLE_WRITE, 0x80000000, 5) == -E_FAULT, "write from kernel memory");
    check(op1(OP_CALL, console, CONSOLE_WRITE, ~0ul - 2, 100) == -E_FAULT, "write wrapping the address space");
    check(op1(OP_CALL, self_cap, PROC_MEMORY_CREATE, 1ul << 40, 0) == -E_INVAL, "huge memory object");
    check(op1(OP_CALL, self_cap, PROC_SYSINFO, 12345, 0) == -E_INVAL, "unknown sysinfo");
    check(sys_cap_enter(0, 0) >= 0, "cap_enter(0, 0)");
}

static void timeout(void) {
    u64 hz = (u64)sysinfo(SYSINFO_TIMEBASE_HZ);
    u64 t0 = rdtime();
    i64 r = ring_enter(1, 30 * 1000 * 1000);
    u64 ms = (rdtime() - t0) * 1000 / hz;
    check(r == -E_TIMEDOUT, "cap_enter times out with nothing to wait for");
    check(ms >= 20, "the timeout took about as long as asked");
}

// With 64 ops waiting (PARKs, each promised a CQE), 64 NOPs fill the CQ; one more SQE
// must stay in the SQ until the CQ drains.
static void back_pressure(void) {
    struct uthread *u = self();
    word = 5;
    for (int i = 0; i < 64; i++) {
        u64 a[3] = { (u64)&word, 5, 0 };
        ring_op(OP_PARK, park_cap, 0, a, 3);
    }
    u64 nop0 = u->next_user_data;
    for (int i = 0; i < 64; i++)
        ring_op(OP_NOP, 0, 0, 0, 0);
    ring_enter(0, 0);
    check(u->hdr->cq_tail - u->hdr->cq_head == 64, "64 NOPs completed");
    u64 extra = ring_op(OP_NOP, 0, 0, 0, 0);
    ring_enter(0, 0);
    check(u->hdr->sq_head != u->hdr->sq_tail, "SQE held back while the CQ is full");
    struct cqe c;
    int nops = 0;
    while (cqe_pop(&c))
        nops += c.user_data >= nop0 && c.user_data < nop0 + 64;
    check(nops == 64, "all NOP completions delivered");
    u64 a[2] = { (u64)&word, 1000 };
    u64 un = ring_op(OP_UNPARK, park_cap, 0, a, 2);
    int parks = 0, got_un = 0, got_extra = 0;
    while (parks < 64 || !got_un || !got_extra) {
        ring_enter(1, 0);
        while (cqe_pop(&c)) {
            if (c.user_data == un) { got_un = 1; check(c.result == 64, "UNPARK woke 64"); }
            else if (c.user_data == extra) got_extra = 1;
            else { parks++; check(c.result == 0 && c.op == OP_PARK, "PARK completed by UNPARK"); }
        }
    }
}

static void sqpoll(void) {
    struct uthread *u = self();
    check(op1(OP_CALL, self_cap, PROC_RING_MODE, RING_F_SQPOLL, 0) == 0, "SQPOLL on");
    check(u->hdr->flags & RING_F_SQPOLL, "ring says SQPOLL");
    u64 first = u->next_user_data;
    int n = 200, seen = 0, syscalls = 0;
    for (int i = 0; i < n; i++) {
        struct sqe *s;
        while ((u32)(u->hdr->sq_tail - u->hdr->sq_head) >= RING_SQ_ENTRIES) {
            if (u->hdr->flags & RING_F_NEED_WAKEUP) { sys_cap_enter(0, 0); syscalls++; }
        }
        s = &u->sq[u->hdr->sq_tail & (RING_SQ_ENTRIES - 1)];
        memset(s, 0, sizeof(*s));
        s->op = OP_NOP;
        s->user_data = u->next_user_data++;
        s->arg[0] = (u64)i;
        sqe_publish();
        if (u->hdr->flags & RING_F_NEED_WAKEUP) { sys_cap_enter(0, 0); syscalls++; }
        struct cqe c;
        while (cqe_pop(&c)) {
            check(c.user_data == first + (u64)seen, "SQPOLL completions in order");
            seen++;
        }
    }
    while (seen < n) {
        i64 r = sys_cap_enter(1, 1000000000ul);
        syscalls++;
        check(r >= 0, "cap_enter waits in SQPOLL mode");
        struct cqe c;
        while (cqe_pop(&c))
            seen++;
    }
    check(seen == n, "all SQPOLL NOPs completed");
    printf("ring: %d NOPs through the kernel poller with %d system calls\n", n, syscalls);
    check(op1(OP_CALL, self_cap, PROC_RING_MODE, 0, 0) == 0, "SQPOLL off");
    check(!(u->hdr->flags & RING_F_SQPOLL), "ring no longer says SQPOLL");
    check(op1(OP_NOP, 0, 0, 99, 0) == 99, "NOP after SQPOLL");
}

int main(int argc, char **argv) {
    park_cap = cap_find(CAP_PARKSPACE);
    check(park_cap != 0, "manifest gave a park space");
    nop_batches();
    errors();
    timeout();
    back_pressure();
    sqpoll();
    return test_done("ring");
}
