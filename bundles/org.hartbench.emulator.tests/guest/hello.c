// Every hart says hello over the UART, in hart order, after hart 0 has read the device tree the
// board passed in a1: the number of harts, the timebase and the boot arguments. Checks the reset
// contract (a0 = hart id, a1 = device tree) and multi-hart start-up on both machines.
#include "guest.h"

// Turn-taking word: hart h prints when it reads h. Own cache line, in .data (its own page).
static volatile uint32_t turn __attribute__((aligned(64)));
static volatile uint32_t hart_count;

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int starts_with(const char *s, const char *prefix)
{
    while (*prefix)
        if (*s++ != *prefix++)
            return 0;
    return 1;
}

static int equal(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

// Walks the structure block: counts /cpus/cpu@N nodes, and prints the properties asked for.
static uint32_t read_device_tree(const uint8_t *dtb)
{
    if (be32(dtb) != 0xd00dfeed) {
        puts_("no device tree at a1\n");
        return 0;
    }
    const uint8_t *p = dtb + be32(dtb + 8);
    const char *strings = (const char *)dtb + be32(dtb + 12);
    int depth = 0;
    int in_cpus = 0, in_chosen = 0;
    uint32_t cpus = 0, timebase = 0;
    const char *bootargs = "";
    for (;;) {
        uint32_t token = be32(p);
        p += 4;
        if (token == 1) { // BEGIN_NODE
            const char *name = (const char *)p;
            int len = 0;
            while (name[len])
                len++;
            p += (len + 4) & ~3;
            depth++;
            if (depth == 2) {
                in_cpus = equal(name, "cpus");
                in_chosen = equal(name, "chosen");
            }
            if (depth == 3 && in_cpus && starts_with(name, "cpu@"))
                cpus++;
        } else if (token == 3) { // PROP
            uint32_t len = be32(p);
            const char *key = strings + be32(p + 4);
            const uint8_t *value = p + 8;
            if (depth == 2 && in_cpus && equal(key, "timebase-frequency"))
                timebase = be32(value);
            if (depth == 2 && in_chosen && equal(key, "bootargs"))
                bootargs = (const char *)value;
            p += 8 + ((len + 3) & ~3);
        } else if (token == 2) { // END_NODE
            depth--;
        } else if (token == 4) { // NOP
        } else {
            break; // END
        }
    }
    puts_("harts ");
    putdec(cpus);
    puts_("\ntimebase ");
    putdec(timebase);
    puts_("\nbootargs '");
    puts_(bootargs);
    puts_("'\ndtb ");
    puthex((uint64_t)dtb);
    putch('\n');
    return cpus;
}

int main(uint64_t hartid, const uint8_t *dtb)
{
    if (hartid == 0)
        hart_count = read_device_tree(dtb);
    while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != hartid)
        ;
    puts_("hello from hart ");
    putdec(hartid); // a0 at reset
    putch('\n');
    __atomic_store_n(&turn, (uint32_t)hartid + 1, __ATOMIC_RELEASE);
    if (hartid != 0)
        park();
    while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != hart_count)
        ;
    puts_("all harts said hello\n");
    return 0;
}
