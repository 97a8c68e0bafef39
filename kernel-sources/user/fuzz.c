// Fuzz smoke: 100000 random SQEs (bad ops and flags, forged and stale capabilities,
// wild pointers, huge sizes, random methods) in batches. Every SQE must come back as
// exactly one CQE and the kernel must never panic. A few combinations that would only
// make this process kill or starve itself (killing itself, waiting for its own exit,
// reading a console nobody types into, starting threads at random addresses) are
// turned into NOPs; everything else goes to the kernel as drawn.
#include "ulib.h"

#define OPS   100000
#define BATCH 32
#define VICTIM_BYTES (64 * 1024)

static u64 rng = 0x9e3779b97f4a7c15ul;
static u32 held[32];
static int nheld;
static u32 made[16];              // Memory caps the fuzz created (it releases them again)
static int nmade;
static u64 victim;                // a mapping unmap/protect may shred
static char buf[256];
static u64 counts[20];

static u64 pick_arg(void) {
    switch (rand_next(&rng) % 10) {
    case 0: return 0;
    case 1: return 1;
    case 2: return rand_next(&rng) % 4096;
    case 3: return rand_next(&rng);
    case 4: return (u64)buf + rand_next(&rng) % 128;
    case 5: return 0x80000000ul + (rand_next(&rng) % 0x1000000);
    case 6: return 0x200000000ul + (rand_next(&rng) & ~0xffful);
    case 7: return 1ul << (30 + rand_next(&rng) % 33);
    case 8: return 0x4000000000ul - 4;
    default: return victim + (rand_next(&rng) % VICTIM_BYTES);
    }
}

static u32 pick_cap(void) {
    u64 r = rand_next(&rng) % 10;
    if (r < 6)
        return held[rand_next(&rng) % nheld];
    if (r < 8)
        return (u32)rand_next(&rng);
    if (r < 9)
        return held[rand_next(&rng) % nheld] + (1u + (u32)(rand_next(&rng) % 5)) * 0x10000u;
    return 0;
}

static bool is_held(u32 cap) {
    for (int i = 0; i < nheld; i++)
        if (held[i] == cap)
            return true;
    for (int i = 0; i < nmade; i++)
        if (made[i] == cap)
            return true;
    return false;
}

// Make the drawn SQE safe for this process to survive (see the top comment).
static void tame(struct sqe *s) {
    u32 console = cap_find(CAP_CONSOLE);
    if (s->op == OP_RELEASE && is_held(s->cap))
        s->cap ^= 0x5a5a0000u;
    if (s->op == OP_CALL && s->cap == self_cap) {
        switch (s->method) {
        case PROC_KILL: case PROC_WAIT: case PROC_THREAD_CREATE:
            s->op = OP_NOP;
            break;
        case PROC_UNMAP: case PROC_PROTECT:
            if (s->arg[0] >= 0x100000000ul && s->arg[0] < 0x4000000000ul)
                s->arg[0] = victim + ((rand_next(&rng) % VICTIM_BYTES) & ~0xffful);
            if (s->arg[0] + s->arg[1] > victim + VICTIM_BYTES && s->arg[0] >= victim &&
                s->arg[0] < victim + VICTIM_BYTES)
                s->arg[1] = victim + VICTIM_BYTES - s->arg[0];
            break;
        case PROC_MEMORY_CREATE:
            if (nmade == 16)
                s->op = OP_NOP;
            else if (s->arg[0] < (1ul << 40))
                s->arg[0] %= 256 * 1024;        // keep the pool alive for the rest
            break;
        }
    }
    if (s->op == OP_CALL && s->cap == console && s->method == CONSOLE_READ)
        s->op = OP_NOP;
    if (s->op == OP_CALL && s->cap == console && s->method == CONSOLE_WRITE) {
        bool ours = s->arg[0] >= (u64)buf && s->arg[0] < (u64)buf + sizeof(buf);
        bool victim_ptr = s->arg[0] >= victim && s->arg[0] < victim + VICTIM_BYTES;
        if (ours || victim_ptr) {
            s->arg[0] = (u64)buf;
            s->arg[1] %= 8;                     // a few harmless bytes
        }
    }
    if (s->op == OP_PARK)
        s->arg[2] = 1000 * 1000 + s->arg[2] % (1000 * 1000);
}

int main(int argc, char **argv) {
    memset(buf, '.', sizeof(buf));
    held[nheld++] = self_cap;
    for (u32 i = 1; i < start_info->ncaps; i++)
        held[nheld++] = start_info->cap[i];
    i64 vm = memory_create(VICTIM_BYTES);
    victim = (u64)memory_map((u32)vm, 0, PROT_READ | PROT_WRITE);
    held[nheld++] = (u32)vm;
    struct uthread *u = self();
    u64 submitted = 0, completed = 0;
    u64 t0 = rdtime();
    while (submitted < OPS) {
        u64 base = u->next_user_data;
        u8 method_of[BATCH];
        u32 cap_of[BATCH];
        for (int i = 0; i < BATCH; i++) {
            struct sqe *s = sqe_get();
            s->op = (u8)(rand_next(&rng) % 8);
            s->flags = rand_next(&rng) % 16 == 0 ? (u8)rand_next(&rng) : 0;
            s->method = (u16)(rand_next(&rng) % 12);
            s->cap = pick_cap();
            for (int a = 0; a < 6; a++)
                s->arg[a] = pick_arg();
            tame(s);
            s->user_data = u->next_user_data++;
            method_of[i] = (u8)s->method;
            cap_of[i] = s->op == OP_CALL ? s->cap : 0;
            sqe_publish();
        }
        submitted += BATCH;
        u32 seen = 0;
        while (seen != 0xffffffffu) {
            i64 r = ring_enter(1, 5000ul * 1000 * 1000);
            if (r == -E_TIMEDOUT) {
                printf("fuzz: completions missing after 5 s (seen mask %x)\n", seen);
                check(false, "every SQE completes");
                return test_done("fuzz");
            }
            struct cqe c;
            while (cqe_pop(&c)) {
                u64 k = c.user_data - base;
                if (k >= BATCH || (seen & (1u << k))) {
                    check(false, "CQE for an SQE of this batch, once");
                    continue;
                }
                seen |= 1u << k;
                completed++;
                i64 e = c.result < 0 ? -c.result : 0;
                counts[e < 20 ? e : 19]++;
                if (cap_of[k] == self_cap && method_of[k] == PROC_MEMORY_CREATE && c.result > 0) {
                    if (nmade < 16)
                        made[nmade++] = (u32)c.result;
                }
            }
        }
        if (nmade >= 12) {                        // give memory objects back now and then
            while (nmade > 0)
                cap_release(made[--nmade]);
        }
    }
    u64 ms = (rdtime() - t0) / 10000;
    check(completed == submitted, "one CQE per SQE");
    i64 ok = ring_wait(ring_op(OP_NOP, 0, 0, 0, 0), 0);
    check(ok == 0, "the ring still works");
    printf("fuzz: %lu SQEs, %lu CQEs in %lu ms; ok %lu badop %lu badcap %lu badtype %lu rights %lu "
           "badmethod %lu fault %lu inval %lu nomem %lu again %lu timedout %lu noent %lu nospc %lu\n",
           submitted, completed, ms, counts[0], counts[E_BADOP], counts[E_BADCAP], counts[E_BADTYPE],
           counts[E_RIGHTS], counts[E_BADMETHOD], counts[E_FAULT], counts[E_INVAL], counts[E_NOMEM],
           counts[E_AGAIN], counts[E_TIMEDOUT], counts[E_NOENT], counts[E_NOSPC]);
    return test_done("fuzz");
}
