// The hartbench,trace device from a guest, as the kernel uses it (kernel-sources/include/
// hartbench/trace.h): find the node in the device tree, check the identification registers,
// register one ring per hart and write records into it. Only Hartbench's board has the device;
// on QEMU the program says so and passes.
// Each hart h writes RECORDS records of type TR_IPI_SEND with cpu = h, arg0 = its sequence number
// and arg1 = ~sequence, into a ring of RING_ENTRIES entries, so the host sees overruns unless it
// drains often enough.
#include "guest.h"
#include <hartbench/trace.h>

#define RING_ENTRIES 8
#define RECORDS 20
#define HARTS 2

// A ring is its 64-byte header followed by RING_ENTRIES records.
static uint8_t rings[HARTS][sizeof(struct trace_ring) + RING_ENTRIES * sizeof(struct trace_record)]
    __attribute__((aligned(64)));
static volatile uint32_t done_count;

static int has_trace_node(const uint8_t *dtb)
{
    // The structure block holds node names as NUL-terminated strings: look for "trace@".
    uint32_t off = (uint32_t)dtb[8] << 24 | (uint32_t)dtb[9] << 16 | (uint32_t)dtb[10] << 8 | dtb[11];
    uint32_t size = (uint32_t)dtb[36] << 24 | (uint32_t)dtb[37] << 16 | (uint32_t)dtb[38] << 8 | dtb[39];
    const char *p = (const char *)dtb + off;
    for (uint32_t i = 0; i + 6 <= size; i++)
        if (p[i] == 't' && p[i + 1] == 'r' && p[i + 2] == 'a' && p[i + 3] == 'c' && p[i + 4] == 'e' && p[i + 5] == '@')
            return 1;
    return 0;
}

static uint64_t rdtime(void)
{
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

int main(uint64_t hartid, const uint8_t *dtb)
{
    if (hartid >= HARTS)
        park();
    if (hartid == 0) {
        if (!has_trace_node(dtb)) {
            puts_("no trace device\n");
            return 0;
        }
        putkv("magic", mmio_read32(BOARD_TRACE_BASE + TRACEDEV_MAGIC));
        putkv("version", mmio_read32(BOARD_TRACE_BASE + TRACEDEV_VERSION));
        putkv("max cpus", mmio_read32(BOARD_TRACE_BASE + TRACEDEV_MAX_CPUS));
        putkv("record size", mmio_read32(BOARD_TRACE_BASE + TRACEDEV_RECORD_SIZE));
    }
    struct trace_ring *ring = (struct trace_ring *)rings[hartid];
    mmio_write64(BOARD_TRACE_BASE + TRACEDEV_RING_ADDR(hartid), (uint64_t)ring);
    mmio_write32(BOARD_TRACE_BASE + TRACEDEV_RING_SIZE(hartid), RING_ENTRIES);
    for (uint64_t seq = 0; seq < RECORDS; seq++) {
        uint64_t head = ring->head;
        struct trace_record *r = &ring->rec[head % RING_ENTRIES];
        r->time = rdtime();
        r->type = TR_IPI_SEND;
        r->cpu = (uint16_t)hartid;
        r->tid = 0;
        r->pid = 0;
        r->arg0 = (uint32_t)seq;
        r->arg1 = ~seq;
        __atomic_store_n(&ring->head, head + 1, __ATOMIC_RELEASE);
    }
    if (hartid != 0) {
        __atomic_fetch_add(&done_count, 1, __ATOMIC_RELEASE);
        park();
    }
    while (__atomic_load_n(&done_count, __ATOMIC_ACQUIRE) != HARTS - 1)
        ;
    puts_("records written\n");
    return 0;
}
