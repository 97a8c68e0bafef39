package org.hartbench.core.trace;

/**
 * Names of ring operations and error codes, by the numbers of
 * kernel-sources/include/hartbench/ring.h (the single definition; a test checks these against
 * it). Only for display and filters: the numbers are what the store keeps.
 */
public final class RingOps {
    private RingOps() {
    }

    /** OP_* names by number; index 0 is invalid. */
    private static final String[] OPS = { null, "NOP", "CALL", "RELEASE", "PARK", "UNPARK" };

    /** E_* names by the negated result; index 0 is success. */
    private static final String[] ERRORS = { null, "E_BADOP", "E_BADCAP", "E_BADTYPE", "E_RIGHTS", "E_BADMETHOD",
            "E_FAULT", "E_INVAL", "E_NOMEM", "E_AGAIN", "E_TIMEDOUT", "E_NOENT", "E_NOSPC", "E_KILLED", "E_CANCELED",
            "E_BUSY" };

    /** Highest op number this version names (OP_COUNT - 1 in ring.h). */
    public static int maxOp() {
        return OPS.length - 1;
    }

    /** "NOP", "PARK", ...; "op 9" for a number ring.h does not define (a kernel test may submit one). */
    public static String opName(int op) {
        return op > 0 && op < OPS.length ? OPS[op] : "op " + op;
    }

    /** The op number for a name ("park", case-insensitive) or a decimal number; -1 if neither. */
    public static int opNumber(String text) {
        String t = text.trim();
        for (int i = 1; i < OPS.length; i++) {
            if (OPS[i].equalsIgnoreCase(t) || ("OP_" + OPS[i]).equalsIgnoreCase(t)) {
                return i;
            }
        }
        try {
            int n = Integer.parseInt(t);
            return n > 0 && n < 256 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The E_* name of a negative result ("E_TIMEDOUT" for -10), or null when it is not an error code. */
    public static String errorName(int result) {
        return result < 0 && -result < ERRORS.length ? ERRORS[-result] : null;
    }
}
