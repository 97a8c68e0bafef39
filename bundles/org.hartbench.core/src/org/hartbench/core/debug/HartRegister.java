package org.hartbench.core.debug;

import java.math.BigInteger;
import java.util.OptionalLong;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;
import org.hartbench.emulator.api.PrivilegeMode;

/**
 * One register of a stopped hart. pc and x1 to x31 of the current frame can be edited in the
 * Registers view while the hart is suspended (the emulator refuses otherwise); x0, the privilege
 * mode, the CSRs and the registers of caller frames are read-only. A value is a hex number with
 * {@code 0x}, or a decimal one (negative values are two's complement).
 */
public final class HartRegister extends HartbenchDebugElement implements IRegister, IValue {

    /** How a value is shown. */
    enum Format { HEX, DECIMAL, PRIVILEGE }

    private final HartRegisterGroup group;
    private final String name;
    private final long value;
    private final boolean changed;
    private final Format format;
    /** {@link #PC}, a general register number 1 to 31, or {@link #READ_ONLY}. */
    private final int writable;

    /** {@link #writable} of a register that cannot be written. */
    static final int READ_ONLY = -1;
    /** {@link #writable} of the pc. */
    static final int PC = 32;

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    HartRegister(HartRegisterGroup group, String name, long value, boolean changed, Format format, int writable) {
        super(group.owner());
        this.group = group;
        this.name = name;
        this.value = value;
        this.changed = changed;
        this.format = format;
        this.writable = writable;
    }

    /** The raw 64-bit value. */
    public long longValue() {
        return value;
    }

    @Override
    public IRegisterGroup getRegisterGroup() {
        return group;
    }

    @Override
    public String getName() {
        return name;
    }

    /** The register is its own value: both are immutable and belong to one stop. */
    @Override
    public IValue getValue() {
        return this;
    }

    @Override
    public String getReferenceTypeName() {
        return format == Format.PRIVILEGE ? "privilege" : "u64";
    }

    /** True when the value differs from the hart's previous stop. */
    @Override
    public boolean hasValueChanged() {
        return changed;
    }

    @Override
    public String getValueString() {
        return switch (format) {
            case HEX -> Locations.hex(value);
            case DECIMAL -> Long.toUnsignedString(value);
            case PRIVILEGE -> PrivilegeMode.fromEncoding((int) value).name().charAt(0) + " ("
                    + PrivilegeMode.fromEncoding((int) value).name().toLowerCase() + ")";
        };
    }

    @Override
    public boolean isAllocated() {
        return true;
    }

    @Override
    public IVariable[] getVariables() {
        return new IVariable[0];
    }

    @Override
    public boolean hasVariables() {
        return false;
    }

    /** Writable only in the current frame of a hart that is still suspended. */
    @Override
    public boolean supportsValueModification() {
        return writable != READ_ONLY && group.frame().level() == 0 && group.frame().isSuspended();
    }

    /** Writes the register in the machine; the frame then shows the new value. */
    @Override
    public void setValue(String expression) throws DebugException {
        if (writable == READ_ONLY) {
            notSupported(name + " is read-only", null);
        }
        OptionalLong v = parseValue(expression);
        if (v.isEmpty()) {
            requestFailed("'" + expression + "' is not a 64-bit value: give a hex number with 0x or a decimal number",
                    null);
        }
        ((HartThread) group.frame().getThread()).writeRegister(writable, v.getAsLong());
    }

    @Override
    public void setValue(IValue newValue) throws DebugException {
        setValue(newValue.getValueString());
    }

    @Override
    public boolean verifyValue(String expression) {
        return writable != READ_ONLY && parseValue(expression).isPresent();
    }

    @Override
    public boolean verifyValue(IValue newValue) {
        try {
            return verifyValue(newValue.getValueString());
        } catch (DebugException e) {
            return false;
        }
    }

    /**
     * A register value typed by a user: {@code 0x} followed by 1 to 16 hex digits, or a decimal
     * number from -2^63 to 2^64-1. Empty for anything else.
     */
    static OptionalLong parseValue(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.trim().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                String digits = t.substring(2);
                return digits.isEmpty() || digits.length() > 16 || digits.startsWith("+") || digits.startsWith("-")
                        ? OptionalLong.empty() : OptionalLong.of(Long.parseUnsignedLong(digits, 16));
            }
            BigInteger n = new BigInteger(t);
            if (n.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0 || n.compareTo(TWO_TO_64) >= 0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(n.longValue());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
