// Per-cpu ticks and one-shot kernel timers (timer.c).
#ifndef TIMER_H
#define TIMER_H

#include "types.h"
#include "list.h"

enum { KT_IDLE, KT_ARMED, KT_FIRING };

// A one-shot timer on the list of the cpu that armed it. fn runs on that cpu with
// interrupts off and no lock held. If fn returns true it has taken ownership of the
// timer's memory (it may have freed it) and the timer code touches it no more.
struct ktimer {
    u64 deadline;                    // rdtime value
    bool (*fn)(struct ktimer *kt);
    void *arg;
    int cpu;                         // cpu whose list holds it
    volatile int state;              // KT_*; owner cpu's timer_lock while ARMED
    struct list link;                // owner cpu's timer_lock
};

void timer_inithart(void);
void timer_intr(void);
u64 ns_to_ticks(u64 ns);
void ktimer_arm(struct ktimer *kt, u64 deadline, bool (*fn)(struct ktimer *), void *arg);
bool ktimer_cancel(struct ktimer *kt);

#endif
