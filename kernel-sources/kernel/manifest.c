// Boot manifests: which programs run, with what arguments and capabilities.
//
// A manifest is a text file carried in the image (manifests/NAME.manifest). The boot
// argument manifest=NAME picks one; without it, "default" runs. Each non-comment line:
//
//     run PROGRAM [caps=CAP,CAP...] [ARGUMENTS...]
//
// CAP is console, spawner, park or sharedpark. The process's own Process capability is
// always cap[0]; the listed ones follow in order. The runner (a kernel thread) starts
// every program, waits for all of them, checks that the free-page count came back to
// where it was, prints a verdict and stops the machine: pass only if every program
// exited with status 0 and no page leaked.
#include "types.h"
#include "riscv.h"
#include "param.h"
#include "cpu.h"
#include "thread.h"
#include "proc.h"
#include "kalloc.h"
#include "programs.h"
#include "sched.h"
#include "defs.h"
#include <hartbench/ring.h>

#define MAXRUN 16

bool bootarg_value(const char *key, u64 keylen, char *out, u64 outlen, u64 *len);

// Leaf lock: the runner sleeps on it until every program has exited.
static struct spinlock runner_lock = SPINLOCK_INIT("manifest", LOCK_OTHER);
static int running;                 // runner_lock: manifest programs still alive
static struct thread *runner;       // fixed

void manifest_proc_exited(struct proc *p) {
    acquire(&runner_lock);
    running--;
    wake_thread(runner);
    release(&runner_lock);
}

static bool word_is(const char *s, u64 n, const char *w) {
    return strlen(w) == n && strncmp(s, w, n) == 0;
}

static int parse_caps(const char *s, u64 n, struct capgrant *g) {
    int k = 0;
    u64 i = 0;
    while (i < n && k < START_MAXCAPS - 1) {
        u64 j = i;
        while (j < n && s[j] != ',')
            j++;
        const char *w = s + i;
        u64 len = j - i;
        g[k].rights = RIGHT_ALL;
        g[k].obj = 0;
        g[k].objgen = 0;
        if (word_is(w, len, "console"))         g[k].type = CAP_CONSOLE;
        else if (word_is(w, len, "spawner"))    g[k].type = CAP_SPAWNER;
        else if (word_is(w, len, "park"))       g[k].type = CAP_PARKSPACE;
        else if (word_is(w, len, "sharedpark")) g[k].type = CAP_SHAREDPARK;
        else return -1;
        k++;
        i = j + 1;
    }
    return k;
}

// Start the program a "run" line names. Returns the process (with a reference) or 0.
static struct proc *run_line(const char *line, u64 len) {
    u64 i = 3;
    while (i < len && line[i] == ' ') i++;
    u64 ps = i;
    while (i < len && line[i] != ' ') i++;
    u64 plen = i - ps;
    while (i < len && line[i] == ' ') i++;
    struct capgrant g[START_MAXCAPS - 1];
    int ng = 0;
    if (len - i >= 5 && strncmp(line + i, "caps=", 5) == 0) {
        u64 cs = i + 5;
        while (i < len && line[i] != ' ') i++;
        ng = parse_caps(line + cs, i - cs, g);
        while (i < len && line[i] == ' ') i++;
    }
    char args[ARGMAX];
    u64 alen = len - i < sizeof(args) - 1 ? len - i : sizeof(args) - 1;
    memcpy(args, line + i, alen);
    args[alen] = 0;
    if (ng < 0 || plen == 0) {
        kprintf("manifest: bad run line (no program, or an unknown capability)\n");
        return 0;
    }
    int err = 0;
    struct proc *p = proc_spawn(line + ps, plen, args, g, ng, 0, &err);
    if (!p)
        kprintf("manifest: cannot start program (error %d)\n", -err);
    return p;
}

static bool all_user_threads_gone(void) {
    for (int i = 0; i < NTHREAD; i++)
        if (threads[i].state != T_FREE && threads[i].proc)
            return false;
    return true;
}

static void run_manifest(void *arg) {
    char name[32];
    u64 nlen;
    if (!bootarg_value("manifest", 8, name, sizeof(name) - 1, &nlen)) {
        strlcpy_k(name, "default", sizeof(name));
        nlen = 7;
    }
    name[nlen] = 0;
    const struct blob *m = find_blob(manifest_table, name, nlen);
    if (!m) {
        kprintf("manifest %s: no such manifest: FAIL\n", name);
        machine_exit(2);
    }
    u64 pages_before = kfree_pages();
    struct proc *procs_run[MAXRUN];
    int n = 0, bad = 0;
    const char *s = (const char *)m->start, *e = (const char *)m->end;
    while (s < e) {
        const char *eol = s;
        while (eol < e && *eol != '\n')
            eol++;
        if (eol - s > 4 && strncmp(s, "run ", 4) == 0 && n < MAXRUN) {
            acquire(&runner_lock);
            running++;
            release(&runner_lock);
            struct proc *p = run_line(s, eol - s);
            if (p) {
                procs_run[n++] = p;
            } else {
                bad++;
                acquire(&runner_lock);
                running--;
                release(&runner_lock);
            }
        }
        s = eol + 1;
    }
    kprintf("manifest %s: started %d program%s\n", name, n, n == 1 ? "" : "s");
    intr_off();
    acquire(&runner_lock);
    while (running > 0)
        sleep_locked(&runner_lock);
    release(&runner_lock);
    intr_on();
    for (int i = 0; i < n; i++) {
        struct proc *p = procs_run[i];
        kprintf("manifest %s: %s (pid %u) exited with status %d\n", name, p->name, p->pid, p->exit_status);
        if (p->exit_status != 0)
            bad++;
        proc_put(p);
    }
    // A dead thread's stack is freed just after its cpu switches away; wait for that.
    while (!all_user_threads_gone())
        yield();
    for (int i = 0; i < ncpu; i++) {
        struct cpu *c = &cpus[i];
        kprintf("cpu %d (hart %u): %lu ticks, %lu switches, %lu idle, %lu steals, %lu ipis sent, "
                "%lu received, %lu shootdowns\n", i, c->hartid, c->ticks, c->nswitch, c->nidle,
                c->nsteal, c->nipi_sent, c->nipi_recv, c->nshootdown);
    }
    u64 pages_after = kfree_pages();
    if (pages_after != pages_before) {
        kprintf("manifest %s: free pages %lu before, %lu after: leak\n", name, pages_before, pages_after);
        bad++;
    }
    kprintf("manifest %s: %s (%d program%s, free pages %lu)\n", name, bad ? "FAIL" : "PASS", n,
            n == 1 ? "" : "s", pages_after);
    machine_exit(bad ? 1 : 0);
}

void manifest_start(void) {
    runner = kthread_create("manifest", 0, run_manifest, 0);
    if (!runner)
        panic("manifest_start: no thread");
}
