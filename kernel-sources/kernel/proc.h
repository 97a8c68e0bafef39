// Processes: an address space, a capability table and a set of threads.
#ifndef PROC_H
#define PROC_H

#include "types.h"
#include "param.h"
#include "list.h"
#include "spinlock.h"
#include "cap.h"

enum pstate {
    P_FREE,
    P_ALIVE,
    P_EXITING,    // killed or exiting: threads are leaving
    P_ZOMBIE,     // torn down; the slot stays while references remain (exit status)
};

struct proc {
    // Order: after caps.lock (a capability lookup takes the object reference here);
    // before wait lists, aspace, ring, rq and pages. Two proc locks are never held.
    struct spinlock lock;
    u32 index;
    u32 pid;                    // unique for the life of the machine
    volatile u32 gen;           // bumped when the slot is freed (procs_lock)
    enum pstate state;          // lock
    int refs;                   // lock: 1 while not torn down + Process capabilities
    struct aspace *as;          // fixed until teardown
    struct captable caps;
    struct list threads;        // lock: threads that have not exited
    int nthreads;               // lock: length of threads
    u64 ring_slots;             // lock: ring addresses in use (bit per slot; NPROCTHREAD <= 64)
    int exit_status;            // lock: set when it starts exiting
    struct list waiters;        // lock: pending PROC_WAIT ops
    u32 parent_pid;             // 0 for manifest programs
    bool from_manifest;         // fixed: report its exit to the manifest runner
    char name[24];              // fixed
    char args[ARGMAX];          // fixed
};

extern struct proc procs[NPROC];

// A capability to give a new process (spawn, manifest).
struct capgrant {
    u16 type;
    u32 rights;
    void *obj;
    u32 objgen;
};

// proc.c
void procs_init(void);
struct proc *proc_spawn(const char *prog, u64 proglen, const char *args, const struct capgrant *g,
                        int ngrant, u32 parent_pid, int *err);
struct thread *proc_thread_create(struct proc *p, u64 entry, u64 sp, u64 tls, u64 arg, int *err);
void proc_thread_start(struct thread *t);
void proc_thread_abort(struct thread *t);
void proc_kill(struct proc *p, int status);
void proc_get(struct proc *p);
void proc_put(struct proc *p);
void thread_exit(struct thread *t, u64 value, bool whole_process) __attribute__((noreturn));

// cap.c
int cap_insert(struct proc *p, u16 type, u32 rights, void *obj, u32 objgen);
int cap_get(struct proc *p, u32 handle, struct capslot *out);
void cap_put_obj(const struct capslot *c);
int cap_release(struct proc *p, u32 handle);
void cap_release_all(struct proc *p);
void cap_init_table(struct proc *p);

// manifest.c
void manifest_proc_exited(struct proc *p);

#endif
