package org.hartbench.emulator.api;

/**
 * One decoded kernel trace record. The layout and the meaning of each field per type are defined
 * once, in kernel-sources/include/hartbench/trace.h; {@link TraceType} mirrors its type numbers.
 *
 * @param time guest timebase ticks (10 MHz)
 * @param type a TR_* number; see {@link TraceType#of(int)}
 * @param cpu  kernel cpu index
 * @param tid  thread running on that cpu (0: none)
 * @param pid  its process (0: kernel)
 * @param arg0 first argument, unsigned 32 bits
 * @param arg1 second argument
 */
public record TraceRecord(long time, int type, int cpu, int tid, int pid, int arg0, long arg1) {

    /** The type as an enum constant, or null for a number this version does not know. */
    public TraceType kind() {
        return TraceType.of(type);
    }
}
