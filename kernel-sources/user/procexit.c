// Process-exit smoke: a process dies with threads spinning on other cpus, threads asleep
// in cap_enter and threads parked; by its own exit, by PROC_KILL, by a fault and by its
// last thread leaving. The parent checks every exit status and that no page leaked.
#include "ulib.h"

static i64 run(const char *mode, u64 *pid) {
    u32 grant[2] = { cap_find(CAP_CONSOLE), cap_find(CAP_PARKSPACE) };
    return spawn("spinner", mode, grant, 2, pid);
}

int main(int argc, char **argv) {
    u64 before = (u64)sysinfo(SYSINFO_FREE_PAGES);
    u64 pid;

    i64 c = run("exit", &pid);
    check(c > 0, "spawn spinner exit");
    check(proc_wait((u32)c) == 42, "exit(42) with threads spinning, sleeping and parked");
    check(cap_release((u32)c) == 0, "release the Process cap");
    check(proc_wait((u32)c) == -E_BADCAP, "released Process cap is stale");

    c = run("hang", &pid);
    ring_enter(1, 30 * 1000 * 1000);     // let its threads get going
    check(proc_kill((u32)c, 7) == 0, "PROC_KILL");
    check(proc_wait((u32)c) == 7, "killed with status 7");
    check(proc_wait((u32)c) == 7, "a second WAIT sees the same status");
    cap_release((u32)c);

    c = run("fault", &pid);
    check(proc_wait((u32)c) == (0x80 | 15), "store fault kills the process (0x80 | cause)");
    cap_release((u32)c);

    c = run("last", &pid);
    check(proc_wait((u32)c) == 9, "last thread's exit value becomes the status");
    cap_release((u32)c);

    u64 after = free_pages_settled(before);
    printf("procexit: free pages %lu before, %lu after\n", before, after);
    check(after == before, "no pages leaked by four process exits");
    return test_done("procexit");
}
