package org.hartbench.core.trace;

/**
 * Which ring events to show: each field is a value to match, or -1 for any.
 *
 * @param pid process (ring owner)
 * @param tid thread (ring owner)
 * @param cpu cpu index
 * @param op  OP_* number (a completion matches by its submission's op)
 */
public record RingFilter(int pid, int tid, int cpu, int op) {

    /** Matches every event. */
    public static final RingFilter ALL = new RingFilter(-1, -1, -1, -1);

    /**
     * Builds a filter from what a user typed; blank means any. The op may be a name ("park",
     * "OP_PARK") or a number.
     *
     * @throws IllegalArgumentException with a message fit to show, naming the bad field
     */
    public static RingFilter parse(String pid, String tid, String cpu, String op) {
        int o = -1;
        if (op != null && !op.isBlank()) {
            o = RingOps.opNumber(op);
            if (o < 0) {
                throw new IllegalArgumentException("op '" + op.trim() + "' is neither an op name (NOP, CALL, RELEASE, "
                        + "PARK, UNPARK) nor a number from 1 to 255");
            }
        }
        return new RingFilter(number("process", pid), number("thread", tid), number("CPU", cpu), o);
    }

    private static int number(String field, String text) {
        if (text == null || text.isBlank()) {
            return -1;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v < 0) {
                throw new IllegalArgumentException(field + " must not be negative: " + text.trim());
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, not '" + text.trim() + "'");
        }
    }

    /** True when no field restricts anything. */
    public boolean matchesAll() {
        return pid < 0 && tid < 0 && cpu < 0 && op < 0;
    }
}
