package org.hartbench.core.scaling;

/** Where the kernel runs. */
public enum ScaleBackend {
    /** Hartbench's own emulator, in this JVM; the only backend with a trace device. */
    EMULATOR,
    /** qemu-system-riscv64 -machine virt (MTTCG for several harts); no trace device. */
    QEMU;

    /** Parses "emulator" or "qemu" (any case); the message lists the valid values. */
    public static ScaleBackend parse(String text) {
        for (ScaleBackend b : values()) {
            if (b.name().equalsIgnoreCase(text.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + text + "' (expected emulator or qemu)");
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
