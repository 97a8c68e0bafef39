package org.hartbench.core.scaling;

/** The two scaling workloads, by the boot manifest that starts each (docs/kernel/scaling.md). */
public enum ScaleDemo {
    /** Independent worker processes. */
    PROCESS("process-scale", "process"),
    /** Sibling threads of one process, each waiting on its own ring. */
    THREAD("thread-scale", "thread");

    /** The manifest name, also the demo's name in claims and reports. */
    public final String manifest;
    /** What the guest prints as {@code demo=}. */
    public final String guestName;

    ScaleDemo(String manifest, String guestName) {
        this.manifest = manifest;
        this.guestName = guestName;
    }

    /** Parses "process", "thread" or a manifest name; the message lists the valid values. */
    public static ScaleDemo parse(String text) {
        for (ScaleDemo d : values()) {
            if (d.guestName.equalsIgnoreCase(text.trim()) || d.manifest.equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown demo '" + text + "' (expected process or thread)");
    }
}
