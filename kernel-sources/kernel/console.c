// The Console object: user-visible output and interrupt-driven input.
//
// Output goes to the UART under console_lock, one chunk at a time, so lines from
// different harts may interleave only at chunk boundaries. Input bytes arrive from the
// UART interrupt; a CONSOLE_READ with nothing buffered waits as a pending op and is
// completed by the interrupt that brings the next bytes.
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "thread.h"
#include "proc.h"
#include "vm.h"
#include "kring.h"
#include "defs.h"
#include <hartbench/ring.h>

#define INBUF 256
#define WRITE_MAX (64 * 1024)      // one CONSOLE_WRITE prints at most this much

// Order: before ring and aspace locks (a read completes under it).
static struct spinlock input_lock = SPINLOCK_INIT("console input", LOCK_CONSOLE);
static char inbuf[INBUF];          // input_lock
static u32 in_r, in_w;             // input_lock: free-running read and write counts
static struct list readers = LIST_INIT(readers);   // input_lock: pending CONSOLE_READs

// Hand buffered input to the oldest reader. input_lock held.
static void feed_reader(void) {
    while (!list_empty(&readers) && in_r != in_w) {
        struct pending *p = container_of(readers.next, struct pending, objlink);
        char buf[INBUF];
        u64 n = 0;
        while (n < p->arg[1] && in_r + n != in_w)
            n++;
        for (u64 i = 0; i < n; i++)
            buf[i] = inbuf[(in_r + i) % INBUF];
        list_remove(&p->objlink);
        p->linked = false;
        i64 result = (i64)n;
        if (copyout(p->thread->proc->as, p->arg[0], buf, n) < 0)
            result = -E_FAULT;
        else
            in_r += n;
        ring_complete(p, result, 0);
    }
}

// UART interrupt: one received byte. A ful buffer drops the newest byte.
void console_input(int ch) {
    acquire(&input_lock);
    if (in_w - in_r < INBUF)
        inbuf[in_w++ % INBUF] = (char)ch;
    feed_reader();
    release(&input_lock);
}

static void put_user(const char *buf, u64 n) {
    acquire(&console_lock);
    for (u64 i = 0; i < n; i++) {
        if (buf[i] == '\n')
            uart_putc('\r');
        uart_putc(buf[i]);
    }
    release(&console_lock);
}

static i64 console_write(struct thread *t, u64 uva, u64 len) {
    char chunk[128];
    if (len > WRITE_MAX)
        len = WRITE_MAX;
    u64 done = 0;
    while (done < len) {
        u64 n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
        if (copyin(t->proc->as, chunk, uva + done, n) < 0)
            return done ? (i64)done : -E_FAULT;
        put_user(chunk, n);
        done += n;
    }
    return (i64)done;
}

bool console_call(struct thread *t, const struct sqe *s, u32 rights, i64 *result) {
    switch (s->method) {
    case CONSOLE_WRITE:
        *result = (rights & RIGHT_WRITE) ? console_write(t, s->arg[0], s->arg[1]) : -E_RIGHTS;
        return true;
    case CONSOLE_READ: {
        if (!(rights & RIGHT_READ)) {
            *result = -E_RIGHTS;
            return true;
        }
        u64 max = s->arg[1] < INBUF ? s->arg[1] : INBUF;
        if (max == 0 || as_translate(t->proc->as, s->arg[0], PTE_W) == 0) {
            *result = max == 0 ? -E_INVAL : -E_FAULT;
            return true;
        }
        struct pending *p = pending_alloc(t, s, PEND_READ, &input_lock);
        if (!p) {
            *result = -E_NOMEM;
            return true;
        }
        p->arg[0] = s->arg[0];
        p->arg[1] = max;
        acquire(&input_lock);
        list_push_back(&readers, &p->objlink);
        p->linked = true;
        feed_reader();
        release(&input_lock);
        return false;
    }
    default:
        *result = -E_BADMETHOD;
        return true;
    }
}
