package org.hartbench.core.debug;

/**
 * Persisted names of the Hartbench debug model: the model identifier, the breakpoint marker type
 * and its attribute keys. They live in users' workspaces (breakpoint markers survive restarts), so
 * they are chosen once, never renamed and never localised. The marker type is declared in
 * core's plugin.xml under the same name.
 */
public final class DebugModel {
    private DebugModel() {
    }

    /** The debug model identifier shared by every element of a Hartbench debug target. */
    public static final String ID = "org.hartbench.debug";

    /** Marker type of {@link AddressBreakpoint} (a subtype of org.eclipse.debug.core.breakpointMarker). */
    public static final String ADDRESS_BREAKPOINT_MARKER = "org.hartbench.core.addressBreakpointMarker";

    /** Marker attribute: the breakpoint's fixed address, as a "0x..." hex string; absent for symbol breakpoints. */
    public static final String ATTR_ADDRESS = "org.hartbench.debug.address";

    /** Marker attribute: the ELF symbol the breakpoint is set on; absent for address breakpoints. */
    public static final String ATTR_SYMBOL = "org.hartbench.debug.symbol";
}
