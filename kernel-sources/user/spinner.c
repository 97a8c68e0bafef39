// A victim for the process-exit smoke. Its argument says how it ends:
//   exit   threads spin, sleep and park; the main thread calls exit(42)
//   hang   the same, and nobody exits: the parent kills it
//   fault  a store to an unmapped address
//   last   the main thread leaves with thread_exit; a sibling leaves last with 9
#include "ulib.h"

static volatile u32 never = 1;

static void *spin(void *arg) {
    volatile u64 x = 0;
    for (;;)
        x++;
}

static void *sleep_forever(void *arg) {
    ring_enter(1, 0);
    return 0;
}

static void *park_forever(void *arg) {
    park(cap_find(CAP_PARKSPACE), &never, 1, 0);
    return 0;
}

static void *leave_last(void *arg) {
    ring_enter(1, 20 * 1000 * 1000);
    return (void *)9;
}

static void crowd(void) {
    for (int i = 0; i < 3; i++)
        thread_create(spin, 0);
    thread_create(sleep_forever, 0);
    thread_create(park_forever, 0);
    ring_enter(1, 10 * 1000 * 1000);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "exit")) {
        crowd();
        exit(42);
    }
    if (!strcmp(mode, "hang")) {
        crowd();
        spin(0);
    }
    if (!strcmp(mode, "fault")) {
        *(volatile u64 *)0x200000000ul = 1;
        return 1;
    }
    if (!strcmp(mode, "last")) {
        thread_create(leave_last, 0);
        thread_exit(5);
    }
    return 2;
}
