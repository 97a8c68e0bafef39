package org.hartbench.emulator.internal.cpu;

/** Exception and interrupt codes of mcause/scause, and the mip/mie bits of each interrupt. */
public final class Cause {
    private Cause() {
    }

    public static final int INSTRUCTION_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_FROM_U = 8;
    public static final int ECALL_FROM_S = 9;
    public static final int ECALL_FROM_M = 11;
    public static final int INSTRUCTION_PAGE_FAULT = 12;
    public static final int LOAD_PAGE_FAULT = 13;
    public static final int STORE_PAGE_FAULT = 15;

    public static final int SUPERVISOR_SOFTWARE = 1;
    public static final int MACHINE_SOFTWARE = 3;
    public static final int SUPERVISOR_TIMER = 5;
    public static final int MACHINE_TIMER = 7;
    public static final int SUPERVISOR_EXTERNAL = 9;
    public static final int MACHINE_EXTERNAL = 11;

    /** mip/mie bits. */
    public static final long SSIP = 1L << SUPERVISOR_SOFTWARE, MSIP = 1L << MACHINE_SOFTWARE,
            STIP = 1L << SUPERVISOR_TIMER, MTIP = 1L << MACHINE_TIMER, SEIP = 1L << SUPERVISOR_EXTERNAL,
            MEIP = 1L << MACHINE_EXTERNAL;

    /** The interrupt bit of mcause/scause. */
    public static final long INTERRUPT = 1L << 63;

    private static final String[] EXCEPTIONS = { "instruction address misaligned", "instruction access fault",
            "illegal instruction", "breakpoint", "load address misaligned", "load access fault",
            "store/AMO address misaligned", "store/AMO access fault", "ecall from U-mode", "ecall from S-mode",
            "reserved (10)", "ecall from M-mode", "instruction page fault", "load page fault", "reserved (14)",
            "store/AMO page fault" };

    private static final String[] INTERRUPTS = { "reserved (0)", "supervisor software interrupt", "reserved (2)",
            "machine software interrupt", "reserved (4)", "supervisor timer interrupt", "reserved (6)",
            "machine timer interrupt", "reserved (8)", "supervisor external interrupt", "reserved (10)",
            "machine external interrupt" };

    /** A readable name, e.g. "load page fault (13)". */
    public static String name(int code, boolean interrupt) {
        String[] names = interrupt ? INTERRUPTS : EXCEPTIONS;
        String n = code >= 0 && code < names.length ? names[code] : "unknown";
        return n + " (" + (interrupt ? "interrupt " : "cause ") + code + ")";
    }
}
