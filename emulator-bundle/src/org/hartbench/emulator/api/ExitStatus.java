package org.hartbench.emulator.api;

/**
 * How a machine ended.
 *
 * @param kind    the reason
 * @param code    for {@link Kind#FAIL}, the code the guest wrote to the test finisher; else 0
 * @param message a human-readable account (for guest errors: hart, cause, pc)
 */
public record ExitStatus(Kind kind, int code, String message) {

    public enum Kind {
        /** The guest wrote the pass value (0x5555) to the SiFive test finisher. */
        PASS,
        /** The guest wrote (code << 16) | 0x3333 to the finisher. */
        FAIL,
        /** The configured instruction limit was reached. */
        INSTRUCTION_LIMIT,
        /** The configured host-time limit was reached. */
        TIMEOUT,
        /** The guest can make no progress (for example a trap with no handler); see message. */
        GUEST_ERROR,
        /** The host stopped the machine. */
        STOPPED
    }

    public static ExitStatus pass() {
        return new ExitStatus(Kind.PASS, 0, "guest passed");
    }

    public static ExitStatus fail(int code) {
        return new ExitStatus(Kind.FAIL, code, "guest failed with code " + code);
    }

    /**
     * The command line's process exit status: 0 on pass, the finisher code (1 to 255, never 0) on
     * fail, 124 for an instruction or time limit, 125 for a guest error, 130 when stopped.
     */
    public int processExitCode() {
        return switch (kind) {
            case PASS -> 0;
            case FAIL -> (code & 0xff) == 0 ? 1 : code & 0xff;
            case INSTRUCTION_LIMIT, TIMEOUT -> 124;
            case GUEST_ERROR -> 125;
            case STOPPED -> 130;
        };
    }
}
