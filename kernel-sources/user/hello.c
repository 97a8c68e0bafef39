// The default manifest's program: proves user mode, the ring, threads on every cpu and
// the exit path in one short run.
#include "ulib.h"

static void *worker(void *arg) {
    u64 n = (u64)arg;
    u64 sum = 0;
    for (u64 i = 0; i < 100000; i++)
        sum += i ^ n;
    printf("hello: thread %lu running (%lx)\n", n, sum);
    return (void *)(n * 10);
}

int main(int argc, char **argv) {
    i64 ncpu = sysinfo(SYSINFO_NCPU);
    printf("hello from user space: pid %u, %ld cpus, args:", start_info->pid, ncpu);
    for (int i = 1; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
    u32 t[8];
    int n = ncpu < 8 ? (int)ncpu : 8;
    for (int i = 0; i < n; i++) {
        i64 c = thread_create(worker, (void *)(u64)i);
        check(c > 0, "thread_create");
        t[i] = (u32)c;
    }
    for (int i = 0; i < n; i++) {
        u64 v = 0;
        check(thread_join(t[i], &v) == 0 && v == (u64)i * 10, "join value");
    }
    return test_done("hello");
}
