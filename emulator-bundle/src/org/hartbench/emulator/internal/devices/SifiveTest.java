package org.hartbench.emulator.internal.devices;

import java.util.Objects;

import org.hartbench.emulator.api.ExitStatus;
import org.hartbench.emulator.internal.bus.MmioDevice;

/**
 * The SiFive test finisher at 0x10_0000, through which a guest ends the machine (QEMU's
 * {@code sifive_test}). Hardware contract: a 16- or 32-bit store to offset 0 whose low 16 bits are
 * <ul>
 * <li>0x5555: pass;
 * <li>0x3333: fail, with the code in bits 16..31;
 * <li>0x7777: reset the machine.
 * </ul>
 * Other values are ignored, as QEMU ignores them. Loads read 0. The device only reports: what a
 * finish means for the harts is the board's business.
 */
public final class SifiveTest implements MmioDevice {

    public static final int PASS = 0x5555;
    public static final int FAIL = 0x3333;
    public static final int RESET = 0x7777;

    /** What the guest asked for. */
    public enum Kind { PASS, FAIL, RESET }

    /**
     * A finisher write that ends or resets the machine.
     *
     * @param kind what the guest asked for
     * @param code the fail code (bits 16..31 of the value); 0 for pass and reset
     */
    public record Finish(Kind kind, int code) {

        /** The api's exit status for a pass or fail; a reset has none (the board decides what it means). */
        public ExitStatus toExitStatus() {
            return switch (kind) {
                case PASS -> ExitStatus.pass();
                case FAIL -> ExitStatus.fail(code);
                case RESET -> throw new IllegalStateException("a reset request is not an exit status");
            };
        }
    }

    /** Told of every finisher write that means something. Called on the writing hart's thread. */
    @FunctionalInterface
    public interface Listener {
        void onFinish(Finish finish);
    }

    private final Listener listener;

    public SifiveTest(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public boolean accepts(long offset, int size) {
        return (size == 2 || size == 4) && offset >= 0 && offset + size <= 0x1000 && offset % size == 0;
    }

    @Override
    public long read(long offset, int size) {
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset != 0) {
            return;
        }
        int status = (int) value & 0xffff;
        int code = size == 4 ? (int) (value >>> 16) & 0xffff : 0;
        Finish finish = switch (status) {
            case PASS -> new Finish(Kind.PASS, 0);
            case FAIL -> new Finish(Kind.FAIL, code);
            case RESET -> new Finish(Kind.RESET, 0);
            default -> null;
        };
        if (finish != null) {
            listener.onFinish(finish);
        }
    }
}
