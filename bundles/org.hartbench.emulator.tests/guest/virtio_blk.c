// The virtio block device at 0x10001000 (virtio-mmio version 2, virtio 1.x), driven by polling:
// identification, feature negotiation (VERSION_1 only), one split virtqueue of 8 entries, then
// requests: read sector 0, write sector 1 and read it back, read past the end (IOERR), flush,
// get-id and an unknown type (UNSUPP). Run with a raw disk image of at least 2 sectors; on a
// read-only disk the write fails with IOERR and sector 1 keeps its old contents.
// Only what both machines must agree on is printed: QEMU offers more features than Hartbench's
// device, and its device id string differs, so those are left out.
#include "guest.h"

#define VIRTIO(reg) (BOARD_VIRTIO0_BASE + (reg))
#define MAGIC 0x000
#define VERSION 0x004
#define DEVICE_ID 0x008
#define VENDOR_ID 0x00c
#define DEVICE_FEATURES 0x010
#define DEVICE_FEATURES_SEL 0x014
#define DRIVER_FEATURES 0x020
#define DRIVER_FEATURES_SEL 0x024
#define QUEUE_SEL 0x030
#define QUEUE_NUM_MAX 0x034
#define QUEUE_NUM 0x038
#define QUEUE_READY 0x044
#define QUEUE_NOTIFY 0x050
#define INTERRUPT_STATUS 0x060
#define INTERRUPT_ACK 0x064
#define STATUS 0x070
#define QUEUE_DESC 0x080
#define QUEUE_DRIVER 0x090
#define QUEUE_DEVICE 0x0a0
#define CONFIG 0x100

#define S_ACKNOWLEDGE 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8

#define F_RO 5
#define F_VERSION_1 32

#define T_IN 0
#define T_OUT 1
#define T_FLUSH 4
#define T_GET_ID 8

#define QSIZE 8
#define DESC_NEXT 1
#define DESC_WRITE 2

struct desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};
struct avail {
    uint16_t flags, idx, ring[QSIZE], used_event;
};
struct used {
    uint16_t flags, idx;
    struct {
        uint32_t id, len;
    } ring[QSIZE];
    uint16_t avail_event;
};
struct request {
    uint32_t type, reserved;
    uint64_t sector;
};

static struct desc descs[QSIZE] __attribute__((aligned(16)));
static struct avail avail __attribute__((aligned(2)));
static volatile struct used used __attribute__((aligned(4)));
static struct request req;
static uint8_t data[512] __attribute__((aligned(8)));
static volatile uint8_t status;
static uint16_t next_avail;
static uint32_t last_used_len;

static uint32_t reg(uint32_t r) { return mmio_read32(VIRTIO(r)); }
static void set(uint32_t r, uint32_t v) { mmio_write32(VIRTIO(r), v); }

static void set64(uint32_t r, uint64_t v)
{
    set(r, (uint32_t)v);
    set(r + 4, (uint32_t)(v >> 32));
}

// Submits header, data (if len > 0) and status as one chain and waits for the device.
static uint8_t request(uint32_t type, uint64_t sector, uint32_t len, int device_writes_data)
{
    req.type = type;
    req.reserved = 0;
    req.sector = sector;
    status = 0xff;
    int n = 0;
    descs[n] = (struct desc){ (uint64_t)&req, sizeof req, DESC_NEXT, (uint16_t)(n + 1) };
    n++;
    if (len) {
        descs[n] = (struct desc){ (uint64_t)data, len, (uint16_t)(DESC_NEXT | (device_writes_data ? DESC_WRITE : 0)),
                                  (uint16_t)(n + 1) };
        n++;
    }
    descs[n] = (struct desc){ (uint64_t)&status, 1, DESC_WRITE, 0 };
    avail.ring[next_avail % QSIZE] = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    avail.idx = ++next_avail;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    set(QUEUE_NOTIFY, 0);
    while (used.idx != next_avail)
        ;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    last_used_len = used.ring[(next_avail - 1) % QSIZE].len;
    uint32_t isr = reg(INTERRUPT_STATUS);
    set(INTERRUPT_ACK, isr);
    if ((isr & 1) == 0)
        puts_("  (no used-buffer interrupt status)\n");
    return status;
}

static void print_status(const char *what, uint8_t st)
{
    puts_(what);
    puts_(" status ");
    putdec(st);
    putch('\n');
}

int main(uint64_t hartid)
{
    if (hartid != 0)
        park();
    putkv("magic", reg(MAGIC));
    putkv("version", reg(VERSION));
    putkv("device", reg(DEVICE_ID));
    putkv("vendor", reg(VENDOR_ID));
    if (reg(DEVICE_ID) != 2) {
        puts_("no block device\n");
        return 1;
    }

    set(STATUS, 0);
    set(STATUS, S_ACKNOWLEDGE);
    set(STATUS, S_ACKNOWLEDGE | S_DRIVER);
    set(DEVICE_FEATURES_SEL, 0);
    uint64_t features = reg(DEVICE_FEATURES);
    set(DEVICE_FEATURES_SEL, 1);
    features |= (uint64_t)reg(DEVICE_FEATURES) << 32;
    putkv("feature VERSION_1", (features >> F_VERSION_1) & 1);
    putkv("feature RO", (features >> F_RO) & 1);
    set(DRIVER_FEATURES_SEL, 0);
    set(DRIVER_FEATURES, 0);
    set(DRIVER_FEATURES_SEL, 1);
    set(DRIVER_FEATURES, 1); // VERSION_1
    set(STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
    putkv("features ok", (reg(STATUS) & S_FEATURES_OK) != 0);

    set(QUEUE_SEL, 0);
    putkv("queue max at least 8", reg(QUEUE_NUM_MAX) >= QSIZE);
    set(QUEUE_NUM, QSIZE);
    set64(QUEUE_DESC, (uint64_t)descs);
    set64(QUEUE_DRIVER, (uint64_t)&avail);
    set64(QUEUE_DEVICE, (uint64_t)&used);
    set(QUEUE_READY, 1);
    set(STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
    uint64_t capacity = reg(CONFIG) | (uint64_t)reg(CONFIG + 4) << 32;
    putkv("capacity", capacity);

    print_status("read 0", request(T_IN, 0, 512, 1));
    putkv("used len", last_used_len);
    uint64_t sum = 0;
    for (int i = 0; i < 512; i++)
        sum = sum * 31 + data[i];
    putkv("sector 0 first bytes", *(uint64_t *)data);
    putkv("sector 0 digest", sum);

    for (int i = 0; i < 512; i++)
        data[i] = (uint8_t)(i * 3 + 1);
    print_status("write 1", request(T_OUT, 1, 512, 0));
    for (int i = 0; i < 512; i++)
        data[i] = 0;
    print_status("read 1", request(T_IN, 1, 512, 1));
    int same = 1;
    for (int i = 0; i < 512; i++)
        same &= data[i] == (uint8_t)(i * 3 + 1);
    putkv("sector 1 holds what was written", same);

    print_status("read past the end", request(T_IN, capacity, 512, 1));
    print_status("flush", request(T_FLUSH, 0, 0, 0));
    print_status("get id", request(T_GET_ID, 0, 20, 1));
    print_status("unknown type", request(0x1234, 0, 0, 0));
    return 0;
}
