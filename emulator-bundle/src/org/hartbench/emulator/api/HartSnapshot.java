package org.hartbench.emulator.api;

import java.util.Map;

/**
 * A consistent copy of one hart's architectural state, taken without disturbing it.
 *
 * @param hartId  the hart's mhartid
 * @param pc      the address of the next instruction
 * @param mode    the current privilege mode
 * @param x       x0 to x31 (x[0] is always 0); a private copy
 * @param csrs    key CSRs by their standard lower-case names (mstatus, satp, ...), in a fixed order
 * @param instret instructions retired by this hart
 * @param state   what the hart is doing
 */
public record HartSnapshot(int hartId, long pc, PrivilegeMode mode, long[] x, Map<String, Long> csrs, long instret,
        RunState state) {

    /** ABI names of x0 to x31, for views and dumps. */
    public static final String[] ABI_NAMES = { "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
            "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
            "t3", "t4", "t5", "t6" };

    public HartSnapshot {
        x = x.clone();
        csrs = Map.copyOf(csrs);
    }

    @Override
    public long[] x() {
        return x.clone();
    }

    /** The value of a CSR by name, or throws if the snapshot does not carry it. */
    public long csr(String name) {
        Long v = csrs.get(name);
        if (v == null) {
            throw new IllegalArgumentException("snapshot has no CSR '" + name + "'");
        }
        return v;
    }
}
