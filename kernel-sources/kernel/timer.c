// Time: a periodic tick per cpu on its own stimecmp (Sstc, so M-mode is not involved),
// and one-shot kernel timers kept on the arming cpu's sorted list. The tick drives
// preemption (sched_tick) and expires timers; timeouts therefore have tick resolution.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "fdt.h"
#include "cpu.h"
#include "timer.h"
#include "defs.h"
#include "sched.h"

static u64 tick_interval(void) {
    return board.timebase_hz / TICK_HZ;
}

u64 ns_to_ticks(u64 ns) {
    u64 hz = board.timebase_hz;
    if (ns / 1000000000ul > ~0ul / hz)
        return ~0ul / 2;                          // effectively forever
    return ns / 1000000000ul * hz + (ns % 1000000000ul) * hz / 1000000000ul;
}

void timer_inithart(void) {
    struct cpu *c = mycpu();
    initlock(&c->timer_lock, "timer", LOCK_TIMER);
    list_init(&c->timers);
    c->next_tick = r_time() + tick_interval();
    w_stimecmp(c->next_tick);
    w_sie(r_sie() | SIE_STIE);
}

static void run_timers(struct cpu *c, u64 now) {
    for (;;) {
        acquire(&c->timer_lock);
        struct ktimer *kt = 0;
        if (!list_empty(&c->timers)) {
            kt = container_of(c->timers.next, struct ktimer, link);
            if (kt->deadline <= now) {
                list_remove(&kt->link);
                kt->state = KT_FIRING;
            } else {
                kt = 0;
            }
        }
        release(&c->timer_lock);
        if (!kt)
            return;
        if (!kt->fn(kt))
            __atomic_store_n(&kt->state, KT_IDLE, __ATOMIC_RELEASE);
    }
}

void timer_intr(void) {
    struct cpu *c = mycpu();
    u64 now = r_time();
    c->ticks++;
    c->next_tick += tick_interval();
    if (c->next_tick <= now)        // a slow host delayed us: do not try to catch up
        c->next_tick = now + tick_interval();
    w_stimecmp(c->next_tick);
    run_timers(c, now);
    sched_tick();
}

void ktimer_arm(struct ktimer *kt, u64 deadline, bool (*fn)(struct ktimer *), void *arg) {
    push_off();
    struct cpu *c = mycpu();
    kt->deadline = deadline;
    kt->fn = fn;
    kt->arg = arg;
    kt->cpu = c->index;
    acquire(&c->timer_lock);
    struct list *pos = c->timers.next;
    while (pos != &c->timers && container_of(pos, struct ktimer, link)->deadline <= deadline)
        pos = pos->next;
    list_insert_before(pos, &kt->link);
    kt->state = KT_ARMED;
    release(&c->timer_lock);
    pop_off();
}

// Disarm kt. Returns true if it had not fired. If its function is running right now,
// waits for it to finish, so afterwards the function is not using kt.
bool ktimer_cancel(struct ktimer *kt) {
    struct cpu *c = &cpus[kt->cpu];
    acquire(&c->timer_lock);
    bool armed = kt->state == KT_ARMED;
    if (armed) {
        list_remove(&kt->link);
        kt->state = KT_IDLE;
    }
    release(&c->timer_lock);
    while (__atomic_load_n(&kt->state, __ATOMIC_ACQUIRE) == KT_FIRING)
        xcall_poll();
    return armed;
}
