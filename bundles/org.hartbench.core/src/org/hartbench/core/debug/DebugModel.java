package org.hartbench.core.debug;

/**
 * Persisted names of the Hartbench debug model: the model identifier, the breakpoint and
 * watchpoint marker types and their attribute keys. They live in users' workspaces (breakpoint markers survive restarts), so
 * they are chosen once, never renamed and never localised. The marker type is declared in
 * core's plugin.xml under the same names.
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

    /** Marker type of {@link AddressWatchpoint} (a subtype of org.eclipse.debug.core.breakpointMarker). */
    public static final String WATCHPOINT_MARKER = "org.hartbench.core.watchpointMarker";

    /** Watchpoint marker attribute: the start as typed (symbol, symbol+offset or hex address). */
    public static final String ATTR_LOCATION = "org.hartbench.debug.location";

    /** Watchpoint marker attribute: the number of bytes watched (an int). */
    public static final String ATTR_LENGTH = "org.hartbench.debug.length";

    /** Watchpoint marker attribute: loads stop (a boolean; IWatchpoint's "access"). */
    public static final String ATTR_ACCESS = "org.hartbench.debug.access";

    /** Watchpoint marker attribute: stores stop (a boolean; IWatchpoint's "modification"). */
    public static final String ATTR_MODIFICATION = "org.hartbench.debug.modification";
}
