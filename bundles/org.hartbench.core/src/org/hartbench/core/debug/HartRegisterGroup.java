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
 * order, plus instret). A caller frame has one group instead, "Frame", with what the frame walk
 * recovers.
 */
public final class HartRegisterGroup extends HartbenchDebugElement implements IRegisterGroup {

    /** Group names, as the Registers view shows them. */
    public static final String GENERAL = "General";
    public static final String CSRS = "CSRs";
    /** The one group of a caller frame: the registers the frame walk recovers. */
    public static final String FRAME = "Frame";

    private final HartStackFrame frame;
    private final String name;
    private final List<HartRegister> registers = new ArrayList<>();

    private HartRegisterGroup(HartStackFrame frame, String name) {
        super(frame.target());
        this.frame = frame;
        this.name = name;
    }

    /** Both groups of one frame; previous (may be null) is the state at the hart's last stop. */
    static IRegisterGroup[] groupsOf(HartStackFrame frame, HartSnapshot now, HartSnapshot previous) {
        HartRegisterGroup general = new HartRegisterGroup(frame, GENERAL);
        general.add("pc", now.pc(), previous == null ? null : previous.pc(), HartRegister.Format.HEX, HartRegister.PC);
        general.add("mode", now.mode().encoding, previous == null ? null : (long) previous.mode().encoding,
                HartRegister.Format.PRIVILEGE, HartRegister.READ_ONLY);
        long[] x = now.x();
        long[] px = previous == null ? null : previous.x();
        for (int i = 0; i < 32; i++) {
            general.add("x" + i + " (" + HartSnapshot.ABI_NAMES[i] + ")", x[i], px == null ? null : px[i],
                    HartRegister.Format.HEX, i == 0 ? HartRegister.READ_ONLY : i);
        }
        HartRegisterGroup csrs = new HartRegisterGroup(frame, CSRS);
        for (Map.Entry<String, Long> e : now.csrs().entrySet()) {
            Long before = previous == null ? null : previous.csrs().get(e.getKey());
            csrs.add(e.getKey(), e.getValue(), before, HartRegister.Format.HEX, HartRegister.READ_ONLY);
        }
        if (!now.csrs().containsKey("instret")) {
            csrs.add("instret", now.instret(), previous == null ? null : previous.instret(), HartRegister.Format.DECIMAL,
                    HartRegister.READ_ONLY);
        }
        return new IRegisterGroup[] { general, csrs };
    }

    /**
     * The group of a caller frame: its pc (a return address) and, when the walk knows it, its
     * frame pointer. Other registers of a caller are not recoverable without DWARF call-frame
     * info, so they are not shown rather than shown wrong. Read-only.
     */
    static IRegisterGroup[] callerGroups(HartStackFrame frame, FrameWalker.Frame walked) {
        HartRegisterGroup group = new HartRegisterGroup(frame, FRAME);
        group.add("pc", walked.pc(), null, HartRegister.Format.HEX, HartRegister.READ_ONLY);
        if (walked.fp() != 0) {
            group.add("x8 (s0/fp)", walked.fp(), null, HartRegister.Format.HEX, HartRegister.READ_ONLY);
        }
        return new IRegisterGroup[] { group };
    }

    private void add(String registerName, long value, Long before, HartRegister.Format format, int writable) {
        registers.add(new HartRegister(this, registerName, value, before != null && before != value, format, writable));
    }

    /** The frame whose registers these are. */
    HartStackFrame frame() {
        return frame;
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
