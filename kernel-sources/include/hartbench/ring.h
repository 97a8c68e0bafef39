// Hartbench ring ABI: the single definition shared by the kernel and the user library.
//
// A user thread talks to the kernel through its own ring: a submission queue (SQ) it
// fills and a completion queue (CQ) the kernel fills, both in memory mapped into its
// process. The only system calls are cap_enter and exit (ecall, number in a7):
//
//   cap_enter(a0 = min_complete, a1 = timeout_ns)  -> a0 = CQEs ready, or -error
//       Consumes the calling thread's pending SQEs (unless the ring is in SQPOLL mode,
//       where the kernel's poller is the one consumer), then sleeps until at least
//       min_complete CQEs are ready, the timeout (0: none) expires, or the process dies.
//   exit(a0 = status, a1 = EXIT_THREAD | EXIT_PROCESS)  -> does not return
//
// All fields are little-endian. Indices are free-running u32 counters; an entry lives
// at index & (entries - 1). Docs: docs/kernel/ring-abi.md and one page per CALL method.
#ifndef HARTBENCH_RING_H
#define HARTBENCH_RING_H

#define RING_VERSION        1

// System call numbers (a7).
#define SYS_CAP_ENTER       1
#define SYS_EXIT            2
#define EXIT_THREAD         0
#define EXIT_PROCESS        1

// Ring memory: three pages at the address a thread is given at start.
#define RING_HDR_OFF        0x0000
#define RING_SQ_OFF         0x1000
#define RING_CQ_OFF         0x2000
#define RING_BYTES          0x3000
#define RING_SQ_ENTRIES     64
#define RING_CQ_ENTRIES     128

// ring_header.flags, written by the kernel only.
#define RING_F_SQPOLL       0x1    // the kernel poller consumes this SQ; cap_enter only waits
#define RING_F_NEED_WAKEUP  0x2    // the poller is asleep: call cap_enter(0, 0) to wake it

// Operations (sqe.op). 0 is invalid so a zeroed SQE fails loudly.
#define OP_NOP              1      // result = arg[0]
#define OP_CALL             2      // invoke method `method` on capability `cap`
#define OP_RELEASE          3      // free capability slot `cap`
#define OP_PARK             4      // cap: (Shared)ParkSpace; arg0 word address, arg1 expected
                                   // u32, arg2 timeout ns (0: none). 0 when unparked.
#define OP_UNPARK           5      // cap: (Shared)ParkSpace; arg0 word address, arg1 most
                                   // waiters to wake. result = number woken.
#define OP_COUNT            6

// Capability types (the kernel objects).
#define CAP_NONE            0
#define CAP_CONSOLE         1
#define CAP_PROCESS         2
#define CAP_THREAD          3
#define CAP_MEMORY          4
#define CAP_PARKSPACE       5
#define CAP_SHAREDPARK      6
#define CAP_SPAWNER         7
#define CAP_TYPES           8

// Rights (capability slot rights). A method needs all the rights it lists.
#define RIGHT_READ          0x001  // Console read; Memory map readable
#define RIGHT_WRITE         0x002  // Console write; Memory map writable
#define RIGHT_WAIT          0x004  // Process wait, Thread join
#define RIGHT_KILL          0x008  // Process kill
#define RIGHT_MANAGE        0x010  // Process (self): threads, memory, mappings, ring mode
#define RIGHT_SPAWN         0x020  // Spawner
#define RIGHT_PARK          0x040  // ParkSpace / SharedParkSpace
#define RIGHT_GRANT         0x080  // may be passed to a spawned child
#define RIGHT_ALL           0x0ff

// CALL methods (sqe.method), per capability type. Arguments in sqe.arg[], results in
// cqe.result (and cqe.aux where noted).
// Console
#define CONSOLE_WRITE       1      // arg0 buf, arg1 len                 -> bytes written
#define CONSOLE_READ        2      // arg0 buf, arg1 max; waits for >= 1 -> bytes read
// Process
#define PROC_WAIT           1      // -> exit status, once it has exited
#define PROC_KILL           2      // arg0 status                        -> 0
#define PROC_INFO           3      // -> pid
#define PROC_THREAD_CREATE  4      // self only. arg0 entry, arg1 stack top, arg2 tls,
                                   // arg3 argument -> Thread cap; aux = tid
#define PROC_MEMORY_CREATE  5      // self only. arg0 bytes              -> Memory cap
#define PROC_UNMAP          6      // self only. arg0 va, arg1 bytes     -> 0
#define PROC_PROTECT        7      // self only. arg0 va, arg1 bytes, arg2 PROT_* -> 0
#define PROC_RING_MODE      8      // self only. arg0 RING_F_SQPOLL or 0, for the caller's ring
#define PROC_SYSINFO        9      // arg0 SYSINFO_*                     -> value
// Thread
#define THREAD_JOIN         1      // -> the thread's exit value, once it has exited
#define THREAD_INFO         2      // -> tid
// Memory
#define MEMORY_MAP          1      // arg0 va (0: kernel picks), arg1 PROT_* -> va
#define MEMORY_SIZE         2      // -> bytes
// Spawner
#define SPAWNER_SPAWN       1      // arg0 name, arg1 name len, arg2 args, arg3 args len,
                                   // arg4 u32 cap handles, arg5 count -> Process cap; aux pid

#define PROT_READ           0x1
#define PROT_WRITE          0x2

#define SYSINFO_FREE_PAGES  1
#define SYSINFO_NCPU        2
#define SYSINFO_TIMEBASE_HZ 3
#define SYSINFO_BOOTARG     4      // arg1 buf, arg2 len, arg3 key, arg4 key len: copies the
                                   // value of key=value from the boot arguments -> length

// Errors: cqe.result (and cap_enter's return) is the negative of one of these.
#define E_BADOP             1      // unknown op, or reserved fields not zero
#define E_BADCAP            2      // no capability with that handle (stale or forged)
#define E_BADTYPE           3      // capability of the wrong type for the op
#define E_RIGHTS            4      // capability lacks a needed right
#define E_BADMETHOD         5      // no such CALL method for the type
#define E_FAULT             6      // a user pointer is not mapped with the needed access
#define E_INVAL             7      // an argument is out of range
#define E_NOMEM             8      // the kernel is out of memory or slots
#define E_AGAIN             9      // PARK: the word did not hold the expected value
#define E_TIMEDOUT          10     // a wait ran out of time
#define E_NOENT             11     // SPAWN: no program of that name
#define E_NOSPC             12     // capability table full
#define E_KILLED            13     // the waiting thread's process is exiting
#define E_CANCELED          14     // the object went away while the op waited
#define E_BUSY              15     // CQ full: not submitted (cap_enter returns it)

#ifndef __ASSEMBLER__
#include <stdint.h>

struct ring_header {
    uint32_t sq_head;       // kernel: next SQE index it will consume
    uint32_t sq_tail;       // user: one past the last SQE it published (store-release)
    uint32_t cq_head;       // user: next CQE index it will read
    uint32_t cq_tail;       // kernel: one past the last CQE it published (store-release)
    uint32_t sq_entries;    // RING_SQ_ENTRIES
    uint32_t cq_entries;    // RING_CQ_ENTRIES
    uint32_t flags;         // RING_F_*
    uint32_t version;       // RING_VERSION
    uint32_t thread_index;  // this thread's ThreadRef, for the user's information
    uint32_t thread_gen;
    uint32_t reserved[6];
};

struct sqe {
    uint8_t  op;            // OP_*
    uint8_t  flags;         // must be 0
    uint16_t method;        // OP_CALL: method number
    uint32_t cap;           // capability handle
    uint64_t user_data;     // copied to the CQE
    uint64_t arg[6];
};

struct cqe {
    uint64_t user_data;
    int64_t  result;        // >= 0 success value, < 0 -E_*
    uint64_t aux;           // second result where a method documents one
    uint32_t op;            // the SQE's op, to tell completions apart
    uint32_t flags;         // 0
};

// What a process's first thread finds at a0 when it starts.
#define START_MAXCAPS 16
struct start_info {
    uint64_t ring;                      // its ring's address
    uint32_t pid;
    uint32_t ncaps;
    uint32_t cap[START_MAXCAPS];        // initial capability handles; cap[0] is itself
    uint32_t cap_type[START_MAXCAPS];   // their CAP_* types
    char     args[256];                 // argument string (the manifest's or the spawner's)
};

// New threads start at entry with a0 = argument, a1 = ring address, sp, tp = TLS.

_Static_assert(sizeof(struct ring_header) == 64, "ring header");
_Static_assert(sizeof(struct sqe) == 64, "sqe");
_Static_assert(sizeof(struct cqe) == 32, "cqe");
#endif

#endif
