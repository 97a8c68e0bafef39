package org.hartbench.emulator.api;

/** RISC-V privilege levels, with the encoding used by mstatus.MPP and dcsr.prv. */
public enum PrivilegeMode {
    USER(0), SUPERVISOR(1), MACHINE(3);

    public final int encoding;

    PrivilegeMode(int encoding) {
        this.encoding = encoding;
    }

    public static PrivilegeMode fromEncoding(int encoding) {
        return switch (encoding) {
            case 0 -> USER;
            case 1 -> SUPERVISOR;
            case 3 -> MACHINE;
            default -> throw new IllegalArgumentException("reserved privilege encoding " + encoding);
        };
    }
}
