// Kernel limits. NCPU bounds the per-CPU array and the cpu bit masks (at most 64 so a mask
// is one word); nothing on a hot path loops over NCPU.
#ifndef PARAM_H
#define PARAM_H

#ifndef NCPU
#define NCPU          32      // most harts the kernel will run; hart ids must be below this
#endif
#define BOOTSTACK_SIZE 16384  // per-hart boot stack, later the cpu's idle thread stack
#define KSTACK_ORDER  2       // kernel stacks are 2^2 = 4 pages
#define NPROC         64      // process slots
#define NTHREAD       256     // thread slots (all processes, plus idle and kernel threads)
#define NCAP          160     // capability slots per process: a thread holds 2 (thread, ring)
#define NPROCTHREAD   64      // threads per process: a worker per cpu at NCPU 32, plus spares
#define TICK_HZ       100     // per-CPU timer tick
#define SLICE_TICKS   2       // ticks a thread runs before a waiting peer may preempt it
#define STEAL_TRIES   4       // victims an idle cpu inspects per steal attempt
#define NPRIO         4       // priority levels; 0 is the most urgent
#define ARGMAX        256     // bytes of argument text handed to a new process
#define TRACE_ENTRIES 1024    // records per cpu trace ring (power of two)

#if NCPU < 1 || NCPU > 64
#error "NCPU must be 1..64: cpu masks are one 64-bit word"
#endif

#endif
