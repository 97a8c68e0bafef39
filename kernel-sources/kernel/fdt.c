// Flattened device tree reader (devicetree specification v0.4, structure block only).
//
// One walker visits every node and property; the two public entry points are callbacks on
// it. The walker keeps the #address-cells/#size-cells of each ancestor so `reg` decodes
// correctly at any depth. It touches only the blob and its own stack, so the M-mode shim
// can use it before paging or .bss exist.
#include "types.h"
#include "param.h"
#include "fdt.h"
#include "defs.h"

#define FDT_MAGIC       0xd00dfeed
#define FDT_BEGIN_NODE  1
#define FDT_END_NODE    2
#define FDT_PROP        3
#define FDT_NOP         4
#define FDT_END         9
#define FDT_MAXDEPTH    16

struct board board;

static u32 be32(const void *p) {
    const u8 *b = p;
    return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) | b[3];
}

static u64 read_cells(const u8 *p, u32 ncells) {
    u64 v = 0;
    for (u32 i = 0; i < ncells; i++)
        v = (v << 32) | be32(p + 4 * i);
    return v;
}

static bool streq(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

static bool prefix(const char *s, const char *pre) {
    while (*pre && *s == *pre) { s++; pre++; }
    return *pre == 0;
}

// True if the string list `v` (a compatible property) contains `want`.
static bool has_string(const char *v, u32 len, const char *want) {
    u32 i = 0;
    while (i < len) {
        if (streq(v + i, want))
            return true;
        while (i < len && v[i]) i++;
        i++;
    }
    return false;
}

struct walk {
    int depth;
    const char *node[FDT_MAXDEPTH];   // node names along the current path
    u32 acells[FDT_MAXDEPTH];         // #address-cells set by each node, for its children
    u32 scells[FDT_MAXDEPTH];
};

typedef void (*prop_fn)(void *ctx, struct walk *w, const char *name, const u8 *val, u32 len);
typedef void (*node_fn)(void *ctx, struct walk *w, bool begin);

static bool fdt_walk(u64 dtb, void *ctx, node_fn onnode, prop_fn onprop) {
    const u8 *h = (const u8 *)dtb;
    if (be32(h) != FDT_MAGIC)
        return false;
    const u8 *p = h + be32(h + 8);
    const char *strings = (const char *)h + be32(h + 12);
    struct walk w = { .depth = -1 };
    for (;;) {
        u32 tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            while (*p) p++;
            p = (const u8 *)(((u64)p + 4) & ~3ul);
            if (++w.depth >= FDT_MAXDEPTH)
                return false;
            w.node[w.depth] = name;
            w.acells[w.depth] = 2;          // the spec's defaults
            w.scells[w.depth] = 1;
            if (onnode) onnode(ctx, &w, true);
        } else if (tok == FDT_END_NODE) {
            if (onnode) onnode(ctx, &w, false);
            if (--w.depth < -1)
                return false;
        } else if (tok == FDT_PROP) {
            u32 len = be32(p), nameoff = be32(p + 4);
            const u8 *val = p + 8;
            const char *name = strings + nameoff;
            if (w.depth >= 0) {
                if (streq(name, "#address-cells")) w.acells[w.depth] = be32(val);
                if (streq(name, "#size-cells"))    w.scells[w.depth] = be32(val);
                onprop(ctx, &w, name, val, len);
            }
            p = (const u8 *)(((u64)val + len + 3) & ~3ul);
        } else if (tok == FDT_NOP) {
            continue;
        } else if (tok == FDT_END) {
            return true;
        } else {
            return false;
        }
    }
}

// Decode the first (base, size) pair of a reg property using the parent's cell counts.
static void decode_reg(struct walk *w, const u8 *val, u32 len, u64 *base, u64 *size) {
    int parent = w->depth > 0 ? w->depth - 1 : 0;
    u32 ac = w->acells[parent], sc = w->scells[parent];
    if (len < 4 * (ac + sc)) {
        *base = *size = 0;
        return;
    }
    *base = read_cells(val, ac);
    *size = read_cells(val + 4 * ac, sc);
}

// ---- fdt_find_compatible ----

struct find_ctx {
    const char *compat;
    u64 reg_base;        // reg of the current node
    bool match;          // current node is compatible
    u64 found;
};

static void find_node(void *c, struct walk *w, bool begin) {
    struct find_ctx *f = c;
    (void)w;
    if (begin) {
        f->reg_base = 0;
        f->match = false;
    } else if (f->match && !f->found) {
        f->found = f->reg_base;
        f->match = false;
    }
}

static void find_prop(void *c, struct walk *w, const char *name, const u8 *val, u32 len) {
    struct find_ctx *f = c;
    u64 size;
    if (streq(name, "compatible") && has_string((const char *)val, len, f->compat))
        f->match = true;
    else if (streq(name, "reg"))
        decode_reg(w, val, len, &f->reg_base, &size);
}

u64 fdt_find_compatible(u64 dtb, const char *compat) {
    struct find_ctx f = { .compat = compat };
    if (!fdt_walk(dtb, &f, find_node, find_prop))
        return 0;
    return f.found;
}

// ---- fdt_parse ----

// Per-node facts gathered while inside a node and acted on at its end.
struct parse_ctx {
    u64 reg_base, reg_size;
    u32 irq;
    u32 phandle;
    const u8 *compat;
    u32 compat_len;
    bool okay;
    bool is_cpu, is_memory;
    // cpu interrupt controllers: phandle -> hart id, to decode the PLIC's contexts
    int nintc;
    u32 intc_phandle[NCPU], intc_hart[NCPU];
    u32 cur_cpu_reg;             // hart id of the cpu@N node we are inside
    bool cur_cpu_okay;           // and whether its status allows using it
    const u8 *plic_ctx;          // the PLIC's interrupts-extended
    u32 plic_ctx_len;
};

static bool compat(struct parse_ctx *c, const char *s) {
    return c->compat && has_string((const char *)c->compat, c->compat_len, s);
}

static void set_device(struct device *d, struct parse_ctx *c) {
    if (d->present)
        return;
    d->base = c->reg_base;
    d->size = c->reg_size;
    d->irq = c->irq;
    d->present = true;
}

static void forget_node(struct parse_ctx *c) {
    c->reg_base = c->reg_size = 0;
    c->irq = c->phandle = 0;
    c->compat = 0;
    c->compat_len = 0;
    c->okay = true;
    c->is_memory = false;
}

// End of a node: its properties are all known. Properties precede subnodes, so a parent
// with children has lost its facts by now; every node we decode is a leaf except cpu@N,
// whose hart id is carried in cur_cpu_reg to its interrupt-controller child.
static void node_end(struct parse_ctx *c, struct walk *w) {
    if (w->depth == 3 && prefix(w->node[2], "cpu@") && compat(c, "riscv,cpu-intc")) {
        if (c->nintc < NCPU) {
            c->intc_phandle[c->nintc] = c->phandle;
            c->intc_hart[c->nintc] = c->cur_cpu_okay ? c->cur_cpu_reg : ~0u;
            c->nintc++;
        }
        return;
    }
    if (c->is_memory && board.ram_size == 0) {
        board.ram_base = c->reg_base;
        board.ram_size = c->reg_size;
    }
    if (!c->okay)
        return;
    if (compat(c, "ns16550a") || compat(c, "ns16550"))
        set_device(&board.uart, c);
    else if (compat(c, "riscv,plic0") || compat(c, "sifive,plic-1.0.0"))
        set_device(&board.plic, c);
    else if (compat(c, "riscv,clint0") || compat(c, "sifive,clint0"))
        set_device(&board.clint, c);
    else if (compat(c, "sifive,test0") || compat(c, "sifive,test1"))
        set_device(&board.test, c);
    else if (compat(c, "hartbench,trace"))
        set_device(&board.trace, c);
    else if (compat(c, "virtio,mmio") && board.nvirtio < NVIRTIO)
        set_device(&board.virtio[board.nvirtio++], c);
}

static void parse_node(void *v, struct walk *w, bool begin) {
    struct parse_ctx *c = v;
    if (!begin)
        node_end(c, w);
    forget_node(c);
    if (begin) {
        c->is_cpu = w->depth == 2 && streq(w->node[1], "cpus") && prefix(w->node[2], "cpu@");
        if (c->is_cpu)
            c->cur_cpu_okay = true;
        c->is_memory = w->depth == 1 && prefix(w->node[1], "memory");
    }
}

static void parse_prop(void *v, struct walk *w, const char *name, const u8 *val, u32 len) {
    struct parse_ctx *c = v;
    if (streq(name, "reg")) {
        decode_reg(w, val, len, &c->reg_base, &c->reg_size);
        if (w->depth == 2 && streq(w->node[1], "cpus") && prefix(w->node[2], "cpu@")) {
            c->cur_cpu_reg = (u32)c->reg_base;
            c->reg_size = 0;
        }
    } else if (streq(name, "compatible")) {
        c->compat = val;
        c->compat_len = len;
    } else if (streq(name, "status")) {
        c->okay = streq((const char *)val, "okay") || streq((const char *)val, "ok");
        if (c->is_cpu)
            c->cur_cpu_okay = c->okay;
    } else if (streq(name, "interrupts") && len >= 4) {
        c->irq = be32(val);
    } else if (streq(name, "phandle") && len == 4) {
        c->phandle = be32(val);
    } else if (streq(name, "interrupts-extended") && w->depth >= 1 && prefix(w->node[w->depth], "plic")) {
        c->plic_ctx = val;
        c->plic_ctx_len = len;
    } else if (streq(name, "timebase-frequency") && w->depth == 1 && streq(w->node[1], "cpus")) {
        board.timebase_hz = len == 8 ? read_cells(val, 2) : be32(val);
    } else if (streq(name, "bootargs") && w->depth == 1 && streq(w->node[1], "chosen")) {
        u32 n = len < sizeof(board.bootargs) ? len : sizeof(board.bootargs) - 1;
        for (u32 i = 0; i < n; i++)
            board.bootargs[i] = (char)val[i];
        board.bootargs[n] = 0;
    }
}

// Cpu indexes follow the order of the cpu-intc nodes; hart ids come from each cpu's reg.
static void assign_cpus(struct parse_ctx *c) {
    board.nharts = 0;
    for (int i = 0; i < c->nintc; i++) {
        if (c->intc_hart[i] >= NCPU || board.nharts >= NCPU)
            continue;     // disabled, or beyond the boot stacks (hart ids index them)
        int n = board.nharts++;
        board.hartid[n] = c->intc_hart[i];
        board.plic_sctx[n] = 2 * c->intc_hart[i] + 1;   // QEMU's numbering, if no table
        // interrupts-extended holds (intc phandle, cause) per context, in context order;
        // cause 9 is the supervisor external interrupt.
        for (u32 k = 0; k + 8 <= c->plic_ctx_len; k += 8) {
            if (be32(c->plic_ctx + k) == c->intc_phandle[i] && be32(c->plic_ctx + k + 4) == 9) {
                board.plic_sctx[n] = k / 8;
                break;
            }
        }
    }
}

bool fdt_parse(u64 dtb) {
    static struct parse_ctx c;   // too large for a boot stack frame; boot hart only
    board.dtb_base = dtb;
    board.dtb_size = be32((const u8 *)dtb + 4);
    if (!fdt_walk(dtb, &c, parse_node, parse_prop))
        return false;
    assign_cpus(&c);
    return true;
}
