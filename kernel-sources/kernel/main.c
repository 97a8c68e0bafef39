// Boot. Every hart enters kmain() in S-mode from the M-mode shim (start.c). The first to
// arrive becomes the boot hart (cpu 0) and does the once-only initialisation; the others
// wait for it, then every hart does its own per-hart initialisation and becomes its
// cpu's idle thread.
//
// Design rules of this kernel, in short (docs/kernel/smp.md has the long form):
//  1. Per-cpu first: each cpu owns its run queue, timer list and trace ring; shared
//     state is touched through a lock named where it is declared, in a documented order.
//  2. The kernel never trusts user memory or user numbers: every failure is an error
//     completion, never a panic.
//  3. Nothing is freed while another cpu might still use it: pages after a TLB
//     shootdown, stacks after their thread left the cpu, slots when the last
//     reference goes.
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "memlayout.h"
#include "fdt.h"
#include "cpu.h"
#include "thread.h"
#include "proc.h"
#include "vm.h"
#include "kalloc.h"
#include "sched.h"
#include "trap.h"
#include "timer.h"
#include "kring.h"
#include "defs.h"

struct cpu cpus[NCPU];
int ncpu;

// In .data, not .bss: read by harts that arrive while the boot hart clears .bss.
__attribute__((section(".data"))) static volatile u32 boot_lottery;
__attribute__((section(".data"))) static volatile u32 boot_done;
static volatile u32 cpus_up;      // cpus that finished their per-hart init

extern char bss_start[], bss_end[], end[], bootstacks[];
void plic_init(void);
void plic_inithart(void);
void manifest_start(void);

// Boot hart is cpu 0; the other harts the device tree lists follow in its order.
static void assign_cpus(u32 boot_hart) {
    u32 ctx[NCPU];
    int boot = 0;
    for (int i = 0; i < board.nharts; i++) {
        ctx[i] = board.plic_sctx[i];
        if (board.hartid[i] == boot_hart)
            boot = i;
    }
    ncpu = 1;
    cpus[0].hartid = boot_hart;
    board.plic_sctx[0] = ctx[boot];
    for (int i = 0; i < board.nharts; i++) {
        if (i == boot)
            continue;
        cpus[ncpu].hartid = board.hartid[i];
        board.plic_sctx[ncpu] = ctx[i];
        ncpu++;
    }
    for (int i = 0; i < ncpu; i++) {
        cpus[i].index = i;
        cpus[i].self = &cpus[i];
    }
}

static struct cpu *cpu_of_hart(u32 hartid) {
    for (int i = 0; i < ncpu; i++)
        if (cpus[i].hartid == hartid)
            return &cpus[i];
    return 0;
}

static void boot_hart_init(u64 hartid, u64 dtb) {
    memset(bss_start, 0, bss_end - bss_start);
    w_tp((u64)&cpus[0]);           // locks work from here on
    cpus[0].hartid = (u32)hartid;
    bool ok = fdt_parse(dtb);
    if (!board.ram_size) {
        board.ram_base = RAM_BASE;
        board.ram_size = FALLBACK_RAM_SIZE;
    }
    if (!board.timebase_hz)
        board.timebase_hz = BOARD_TIMEBASE_HZ;
    if (board.nharts == 0) {
        board.nharts = 1;
        board.hartid[0] = (u32)hartid;
        board.plic_sctx[0] = 2 * (u32)hartid + 1;
    }
    uart_init();
    kprintf("\nhartbench kernel: boot hart %lu, %d harts, %lu MiB RAM, timebase %lu Hz%s\n",
            hartid, board.nharts, board.ram_size >> 20, board.timebase_hz,
            ok ? "" : " (device tree unreadable: fallbacks)");
    if (board.bootargs[0])
        kprintf("bootargs: %s\n", board.bootargs);
    u64 ram_end = board.ram_base + board.ram_size;
    if (ram_end > KERNEL_LIMIT)
        ram_end = KERNEL_LIMIT;
    u64 mem_start = (u64)bootstacks + (u64)NCPU * BOOTSTACK_SIZE;
    if (mem_start < (u64)end)
        mem_start = (u64)end;
    kinit(mem_start, ram_end, board.dtb_base, board.dtb_base + board.dtb_size);
    kvm_init();
    threads_init();
    procs_init();
    pendings_init();
    park_init();
    plic_init();
    assign_cpus((u32)hartid);
    trace_init();
    for (int i = 0; i < ncpu; i++) {
        sched_init_cpu(&cpus[i]);
        trace_init_cpu(&cpus[i]);
    }
    kprintf("memory: %lu free pages of 4 KiB; %d cpus\n", kfree_pages(), ncpu);
}

void kmain(u64 hartid, u64 dtb) {
    if (__atomic_exchange_n(&boot_lottery, 1, __ATOMIC_ACQ_REL) == 0) {
        boot_hart_init(hartid, dtb);
        __atomic_store_n(&boot_done, 1, __ATOMIC_RELEASE);
    } else {
        while (!__atomic_load_n(&boot_done, __ATOMIC_ACQUIRE))
            ;
    }
    struct cpu *c = cpu_of_hart((u32)hartid);
    if (!c) {
        for (;;)
            wfi();   // a hart the device tree does not list (or beyond NCPU): parked
    }
    w_tp((u64)c);
    kvm_inithart();
    trap_inithart();
    plic_inithart();
    idle_thread_create(c, (u64)bootstacks + hartid * BOOTSTACK_SIZE, BOOTSTACK_SIZE);
    timer_inithart();
    kprintf("hart %lu: cpu %d up\n", hartid, c->index);
    __atomic_fetch_add(&cpus_up, 1, __ATOMIC_ACQ_REL);
    if (c->index == 0) {
        // Programs start once every cpu is up, or after a second if some never comes
        // (a slow host can delay a hart's first instructions a long way).
        u64 deadline = r_time() + board.timebase_hz;
        while (__atomic_load_n(&cpus_up, __ATOMIC_ACQUIRE) < (u32)ncpu && r_time() < deadline)
            ;
        if (cpus_up < (u32)ncpu)
            kprintf("boot: only %u of %d cpus came up; starting anyway\n", cpus_up, ncpu);
        sqpoll_init();
        manifest_start();
    }
    idle_loop();
}
