// Isolation smoke. The parent (console, spawner, park) starts children that hold only a
// console capability and try everything they were not given:
//   probe   sweeps the handle space for capabilities, tries the parent's handles (passed
//           as text), maps into kernel and ring addresses, unmaps its own ring, writes
//           from kernel memory
//   kread   loads from kernel memory directly: must die of a load page fault
//   kwrite  stores into its own code: must die of a store page fault
// It also checks that a Thread capability cannot be granted to a child.
#include "ulib.h"

static int probe(const char *parent_spawner, const char *parent_park) {
    u32 console = cap_find(CAP_CONSOLE);
    int valid = 0;
    for (u32 slot = 0; slot < 80; slot++) {
        for (u32 gen = 0; gen < 4; gen++) {
            u32 h = (gen << 16) | slot;
            i64 r = call(h, PROC_INFO, 0, 0, 0, 0, 0, 0, 0);
            if (r != -E_BADCAP)
                valid++;
        }
    }
    check(valid == 2, "only its own two capabilities answer");
    u32 sp = (u32)atol(parent_spawner), pk = (u32)atol(parent_park);
    check(call(sp, SPAWNER_SPAWN, 0, 0, 0, 0, 0, 0, 0) == -E_BADCAP, "parent's spawner handle means nothing here");
    u64 args[3] = { 0, 0, 0 };
    check(ring_wait(ring_op(OP_UNPARK, pk, 0, args, 2), 0) == -E_BADCAP, "parent's park handle means nothing here");
    check(call(console, 99, 0, 0, 0, 0, 0, 0, 0) == -E_BADMETHOD, "a console has no such method");
    i64 mem = memory_create(4096);
    check(mem > 0, "own memory object");
    check(memory_map((u32)mem, 0x80000000ul, PROT_READ | PROT_WRITE) == -E_INVAL, "no mapping over the kernel");
    check(memory_map((u32)mem, 0x3f00000000ul, PROT_READ | PROT_WRITE) == -E_INVAL, "no mapping in the ring area");
    check(unmap(self()->hdr ? (u64)self()->hdr : 0, 4096) == -E_INVAL, "its own ring cannot be unmapped");
    check(protect((u64)self()->hdr, 4096, PROT_READ) == -E_INVAL, "nor write-protected");
    check(console_write((const void *)0x80000000ul, 16) == -E_FAULT, "no console write from kernel memory");
    check(console_write((const void *)0x10001000ul, 16) == -E_FAULT, "nor from device memory");
    return test_done("isolation probe");
}

static void *idle_thread(void *arg) {
    return 0;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "parent";
    if (!strcmp(mode, "probe"))
        return probe(argc > 2 ? argv[2] : "0", argc > 3 ? argv[3] : "0");
    if (!strcmp(mode, "kread"))
        return (int)*(volatile u64 *)0x80000000ul;
    if (!strcmp(mode, "kwrite")) {
        *(volatile u32 *)(u64)main = 0;
        return 1;
    }
    u32 console = cap_find(CAP_CONSOLE), spawner = cap_find(CAP_SPAWNER), pk = cap_find(CAP_PARKSPACE);
    char args[64];
    snprintf(args, sizeof(args), "probe %u %u", spawner, pk);
    i64 c = spawn("isolation", args, &console, 1, 0);
    check(c > 0 && proc_wait((u32)c) == 0, "probe child found nothing it was not given");
    c = spawn("isolation", "kread", &console, 1, 0);
    check(proc_wait((u32)c) == (0x80 | 13), "kernel read kills with a load page fault");
    c = spawn("isolation", "kwrite", &console, 1, 0);
    check(proc_wait((u32)c) == (0x80 | 15), "write to own code kills with a store page fault");
    i64 t = thread_create(idle_thread, 0);
    u32 grant[2] = { console, (u32)t };
    check(spawn("isolation", "probe", grant, 2, 0) == -E_BADTYPE, "Thread caps cannot be granted");
    thread_join((u32)t, 0);
    check(spawn("no-such-program", "", 0, 0, 0) == -E_NOENT, "unknown program");
    return test_done("isolation");
}
