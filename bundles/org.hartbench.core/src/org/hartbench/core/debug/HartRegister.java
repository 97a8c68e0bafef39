package org.hartbench.core.debug;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;
import org.hartbench.emulator.api.PrivilegeMode;

/**
 * One register of a stopped hart. Read-only: the emulator's debug API reads state without
 * perturbing the guest but has no way to write it, so editing in the Registers view is refused.
 */
public final class HartRegister extends HartbenchDebugElement implements IRegister, IValue {

    /** How a value is shown. */
    enum Format { HEX, DECIMAL, PRIVILEGE }

    private final HartRegisterGroup group;
    private final String name;
    private final long value;
    private final boolean changed;
    private final Format format;

    HartRegister(HartRegisterGroup group, String name, long value, boolean changed, Format format) {
        super(group.owner());
        this.group = group;
        this.name = name;
        this.value = value;
        this.changed = changed;
        this.format = format;
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

    @Override
    public boolean supportsValueModification() {
        return false;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        notSupported("registers are read-only in Hartbench's debugger", null);
    }

    @Override
    public void setValue(IValue newValue) throws DebugException {
        notSupported("registers are read-only in Hartbench's debugger", null);
    }

    @Override
    public boolean verifyValue(String expression) {
        return false;
    }

    @Override
    public boolean verifyValue(IValue newValue) {
        return false;
    }
}
