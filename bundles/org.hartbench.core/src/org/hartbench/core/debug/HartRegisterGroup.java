package org.hartbench.core.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.hartbench.emulator.api.HartSnapshot;

/**
 * A named set of a stopped hart's registers for the Registers view: "General" (pc, privilege
 * mode, x0 to x31 with their ABI names) and "CSRs" (every CSR the snapshot carries, in its
 * order, plus instret).
 */
public final class HartRegisterGroup extends HartbenchDebugElement implements IRegisterGroup {

    /** Group names, as the Registers view shows them. */
    public static final String GENERAL = "General";
    public static final String CSRS = "CSRs";

    private final String name;
    private final List<HartRegister> registers = new ArrayList<>();

    private HartRegisterGroup(HartStackFrame frame, String name) {
        super(frame.target());
        this.name = name;
    }

    /** Both groups of one frame; previous (may be null) is the state at the hart's last stop. */
    static IRegisterGroup[] groupsOf(HartStackFrame frame, HartSnapshot now, HartSnapshot previous) {
        HartRegisterGroup general = new HartRegisterGroup(frame, GENERAL);
        general.add("pc", now.pc(), previous == null ? null : previous.pc(), HartRegister.Format.HEX);
        general.add("mode", now.mode().encoding, previous == null ? null : (long) previous.mode().encoding,
                HartRegister.Format.PRIVILEGE);
        long[] x = now.x();
        long[] px = previous == null ? null : previous.x();
        for (int i = 0; i < 32; i++) {
            general.add("x" + i + " (" + HartSnapshot.ABI_NAMES[i] + ")", x[i], px == null ? null : px[i],
                    HartRegister.Format.HEX);
        }
        HartRegisterGroup csrs = new HartRegisterGroup(frame, CSRS);
        for (Map.Entry<String, Long> e : now.csrs().entrySet()) {
            Long before = previous == null ? null : previous.csrs().get(e.getKey());
            csrs.add(e.getKey(), e.getValue(), before, HartRegister.Format.HEX);
        }
        if (!now.csrs().containsKey("instret")) {
            csrs.add("instret", now.instret(), previous == null ? null : previous.instret(), HartRegister.Format.DECIMAL);
        }
        return new IRegisterGroup[] { general, csrs };
    }

    private void add(String registerName, long value, Long before, HartRegister.Format format) {
        registers.add(new HartRegister(this, registerName, value, before != null && before != value, format));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IRegister[] getRegisters() {
        return registers.toArray(new IRegister[0]);
    }

    @Override
    public boolean hasRegisters() {
        return !registers.isEmpty();
    }

    HartbenchDebugTarget owner() {
        return target();
    }
}
