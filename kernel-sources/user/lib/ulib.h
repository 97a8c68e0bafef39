// The user library: ring helpers, synchronous wrappers for the CALL methods, threads,
// park words and a small printf. Every program includes only this header.
#ifndef ULIB_H
#define ULIB_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <hartbench/ring.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long u64;
typedef int32_t i32;
typedef long i64;

// ---- system calls ----
static inline i64 sys_cap_enter(u64 min_complete, u64 timeout_ns) {
    register u64 a0 asm("a0") = min_complete;
    register u64 a1 asm("a1") = timeout_ns;
    register u64 a7 asm("a7") = SYS_CAP_ENTER;
    asm volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a7) : "memory");
    return (i64)a0;
}

__attribute__((noreturn)) void sys_exit(u64 status, u64 scope);

static inline u64 rdtime(void) {
    u64 t;
    asm volatile("rdtime %0" : "=r"(t));
    return t;
}

// ---- per-thread state (at tp) ----
#define STASH 32
struct uthread {
    struct ring_header *hdr;
    struct sqe *sq;
    struct cqe *cq;
    u64 next_user_data;
    int nstash;                    // completions read while waiting for another one
    struct cqe stash[STASH];
    void *(*fn)(void *);           // thread_create's function and argument
    void *arg;
    u32 memcap;                    // the MemoryObject holding its stack and this block
    u64 memva;
};

static inline struct uthread *self(void) {
    struct uthread *u;
    asm volatile("mv %0, tp" : "=r"(u));
    return u;
}

// ---- the start info and initial capabilities ----
extern struct start_info *start_info;
extern u32 self_cap;                 // Process capability for this process
u32 cap_find(u32 type);              // first initial cap of that type, or 0
int main(int argc, char **argv);

// ---- ring level ----
struct sqe *sqe_get(void);           // next free SQE (submits if the SQ is full)
void sqe_publish(void);              // make the SQEs filled so far visible to the kernel
i64 ring_enter(u64 min_complete, u64 timeout_ns);
bool cqe_pop(struct cqe *out);       // take the next CQE if there is one
u64 ring_op(u8 op, u32 cap, u16 method, const u64 *args, int nargs);   // submit; returns user_data
i64 ring_wait(u64 user_data, u64 *aux);                                // wait for that one
i64 call(u32 cap, u16 method, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 *aux);

// ---- objects ----
i64 console_write(const void *buf, u64 len);
i64 console_read(void *buf, u64 max);
i64 sysinfo(u64 which);
// The free-page count, re-read for up to ~100 ms until it equals want: a dead thread's
// kernel stack returns only once its cpu has switched away, a moment after JOIN/WAIT.
u64 free_pages_settled(u64 want);
i64 bootarg(const char *key, char *buf, u64 len);
i64 memory_create(u64 bytes);                       // -> Memory cap
i64 memory_map(u32 mem, u64 va, int prot);          // -> address
i64 unmap(u64 va, u64 len);
i64 protect(u64 va, u64 len, int prot);
i64 cap_release(u32 cap);
i64 spawn(const char *name, const char *args, const u32 *caps, int ncaps, u64 *pid);  // -> Process cap
i64 proc_wait(u32 proc);
i64 proc_kill(u32 proc, int status);
i64 thread_create(void *(*fn)(void *), void *arg);  // -> Thread cap
i64 thread_join(u32 thread, u64 *value);            // reclaims the thread's stack too
__attribute__((noreturn)) void thread_exit(u64 value);
__attribute__((noreturn)) void exit(int status);
i64 park(u32 space, volatile u32 *word, u32 expected, u64 timeout_ns);
i64 unpark(u32 space, volatile u32 *word, u64 count);

// ---- output and strings ----
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
long atol(const char *s);

// A tiny deterministic random generator for tests (xorshift64*).
static inline u64 rand_next(u64 *state) {
    u64 x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dull;
}

// Report a check; counts failures for test_done().
void check(bool ok, const char *what);
int test_done(const char *name);     // prints "NAME: PASS" or "NAME: FAIL (n)"; returns exit status

#endif
