package org.hartbench.emulator.api;

/**
 * The TR_* record types of kernel-sources/include/hartbench/trace.h, by number. A test checks
 * that every constant here matches the header, so the header stays the only definition.
 */
public enum TraceType {
    SWITCH(1), WAKEUP(2), IPI_SEND(3), IPI_RECV(4), IDLE_ENTER(5), IDLE_EXIT(6), SHOOTDOWN_BEGIN(7),
    SHOOTDOWN_END(8), SQE_CONSUMED(9), CQE_POSTED(10), CAP_ENTER_WAIT(11), CAP_ENTER_WAKE(12), LOCK_CONTENDED(13),
    STEAL(14);

    public final int number;

    private static final TraceType[] BY_NUMBER = new TraceType[16];
    static {
        for (TraceType t : values()) {
            BY_NUMBER[t.number] = t;
        }
    }

    TraceType(int number) {
        this.number = number;
    }

    /** The header's name for it, e.g. "TR_SQE_CONSUMED". */
    public String headerName() {
        return "TR_" + name();
    }

    public static TraceType of(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
