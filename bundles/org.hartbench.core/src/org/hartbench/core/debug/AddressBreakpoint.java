package org.hartbench.core.debug;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.Breakpoint;
import org.eclipse.debug.core.model.IBreakpoint;
import org.hartbench.emulator.api.ElfImage;

/**
 * A breakpoint on a guest pc, given either as a fixed address or as an ELF symbol that is looked up
 * in each target's image when the breakpoint is installed (so one breakpoint on {@code schedule}
 * follows the kernel across rebuilds). It stops whichever hart reaches that pc; the others run on.
 *
 * <p>The address is the pc as the hart sees it. Hartbench's kernel runs identity-mapped, so its
 * symbols' virtual addresses are also the pcs its harts execute.
 */
public class AddressBreakpoint extends Breakpoint {

    /** Used by the breakpoint manager to restore persisted breakpoints; call {@link #setMarker} next. */
    public AddressBreakpoint() {
    }

    /**
     * Creates a breakpoint from what a user typed: a symbol name or a hex address.
     *
     * @param location "schedule", "0x80006bf6" or "80006bf6"
     * @param register add it to the breakpoint manager (and persist it) as the UI does; tests may not
     * @throws CoreException with a user-fit message when location is neither a symbol nor an address
     */
    public static AddressBreakpoint create(String location, boolean register) throws CoreException {
        String text = location == null ? "" : location.trim();
        Optional<String> problem = problemWith(text, null);
        if (problem.isPresent()) {
            throw new CoreException(Status.error(problem.get()));
        }
        OptionalLong address = Locations.parseAddress(text);
        AddressBreakpoint bp = new AddressBreakpoint();
        IResource root = ResourcesPlugin.getWorkspace().getRoot();
        IWorkspaceRunnable body = monitor -> {
            IMarker marker = root.createMarker(DebugModel.ADDRESS_BREAKPOINT_MARKER);
            String shown = address.isPresent() ? "0x" + Long.toHexString(address.getAsLong()) : text;
            marker.setAttributes(Map.of(
                    IBreakpoint.ID, DebugModel.ID,
                    IBreakpoint.ENABLED, Boolean.TRUE,
                    IBreakpoint.PERSISTED, register,
                    address.isPresent() ? DebugModel.ATTR_ADDRESS : DebugModel.ATTR_SYMBOL, shown,
                    IMarker.MESSAGE, "Address breakpoint: " + shown));
            bp.setMarker(marker);
        };
        ResourcesPlugin.getWorkspace().run(body, null);
        if (register) {
            DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(bp);
        }
        return bp;
    }

    /**
     * Why a typed location cannot become a breakpoint, or empty when it can. With an image (a
     * running target's), a symbol must also be in it; without one, any well-formed name passes
     * and is looked up when a target installs the breakpoint.
     */
    public static Optional<String> problemWith(String location, ElfImage image) {
        String text = location == null ? "" : location.trim();
        if (text.isEmpty()) {
            return Optional.of("give an ELF symbol name or a hex address such as 0x80000000");
        }
        if (Locations.parseAddress(text).isPresent()) {
            return Optional.empty();
        }
        if (!Locations.isSymbolName(text)) {
            return Optional.of("'" + text + "' is neither an ELF symbol name nor a hex address such as 0x80000000");
        }
        if (image != null && image.symbol(text).isEmpty()) {
            return Optional.of("no symbol '" + text + "' in " + Locations.imageName(image));
        }
        return Optional.empty();
    }

    @Override
    public String getModelIdentifier() {
        return DebugModel.ID;
    }

    /** The symbol this breakpoint names, or null when it has a fixed address. */
    public String symbol() {
        IMarker m = getMarker();
        return m == null ? null : m.getAttribute(DebugModel.ATTR_SYMBOL, null);
    }

    /** The fixed address, or empty for a symbol breakpoint. */
    public OptionalLong fixedAddress() {
        IMarker m = getMarker();
        return m == null ? OptionalLong.empty() : Locations.parseAddress(m.getAttribute(DebugModel.ATTR_ADDRESS, null));
    }

    /** What the user typed, for labels: the symbol or "0x..." address. */
    public String location() {
        String s = symbol();
        if (s != null) {
            return s;
        }
        OptionalLong a = fixedAddress();
        return a.isPresent() ? "0x" + Long.toHexString(a.getAsLong()) : "(no location)";
    }

    /**
     * The pc this breakpoint stops at in a given image.
     *
     * @throws CoreException naming the symbol and the image when the symbol is not there
     */
    public long resolve(ElfImage image) throws CoreException {
        OptionalLong a = fixedAddress();
        if (a.isPresent()) {
            return a.getAsLong();
        }
        String s = symbol();
        if (s == null) {
            throw new CoreException(Status.error("breakpoint marker has neither an address nor a symbol"));
        }
        try {
            return Locations.symbolAddress(s, image);
        } catch (IllegalArgumentException e) {
            throw new CoreException(new Status(IStatus.ERROR, "org.hartbench.core", e.getMessage()));
        }
    }
}
