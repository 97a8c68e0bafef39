package org.hartbench.core.debug;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.Breakpoint;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IWatchpoint;
import org.hartbench.emulator.api.ElfImage;

/**
 * A watchpoint on a range of guest memory: any hart that loads from it (access) or stores to it
 * (modification) stops right after that instruction. The range starts at an ELF symbol
 * ({@code symbol} or {@code symbol+0x10}, looked up in each target's image) or a hex address,
 * and is taken as physical: Hartbench's kernel runs identity-mapped, so its symbols' addresses
 * are physical addresses too.
 *
 * <p>A user names one in a single line, {@code location [length] [r|w|rw]}: {@code cpus 64 w},
 * {@code 0x80012340 8 rw}. The length defaults to 8 bytes and the kind to {@code w}.
 */
public class AddressWatchpoint extends Breakpoint implements IWatchpoint {

    private static final Pattern KIND = Pattern.compile("r|w|rw");
    /** Largest length a watchpoint may cover (the emulator's limit). */
    static final long MAX_LENGTH = 1L << 30;

    /** Used by the breakpoint manager to restore persisted watchpoints; call {@link #setMarker} next. */
    public AddressWatchpoint() {
    }

    /** A parsed one-line spec. */
    record Spec(String location, long length, boolean read, boolean write) {
    }

    /**
     * Creates a watchpoint from a one-line spec (see the class comment).
     *
     * @param register add it to the breakpoint manager (and persist it) as the UI does
     * @throws CoreException with a user-fit message when the spec is malformed
     */
    public static AddressWatchpoint create(String spec, boolean register) throws CoreException {
        Optional<String> problem = problemWith(spec, null);
        if (problem.isPresent()) {
            throw new CoreException(Status.error(problem.get()));
        }
        Spec parsed = parse(spec);
        AddressWatchpoint wp = new AddressWatchpoint();
        IResource root = ResourcesPlugin.getWorkspace().getRoot();
        IWorkspaceRunnable body = monitor -> {
            IMarker marker = root.createMarker(DebugModel.WATCHPOINT_MARKER);
            marker.setAttributes(Map.of(
                    IBreakpoint.ID, DebugModel.ID,
                    IBreakpoint.ENABLED, Boolean.TRUE,
                    IBreakpoint.PERSISTED, register,
                    DebugModel.ATTR_LOCATION, parsed.location(),
                    DebugModel.ATTR_LENGTH, (int) parsed.length(),
                    DebugModel.ATTR_ACCESS, parsed.read(),
                    DebugModel.ATTR_MODIFICATION, parsed.write(),
                    IMarker.MESSAGE, "Watchpoint: " + parsed.location()));
            wp.setMarker(marker);
        };
        ResourcesPlugin.getWorkspace().run(body, null);
        if (register) {
            DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(wp);
        }
        return wp;
    }

    /**
     * Splits "location [length] [r|w|rw]".
     *
     * @throws IllegalArgumentException with a user-fit message
     */
    static Spec parse(String spec) {
        String[] words = spec == null || spec.isBlank() ? new String[0] : spec.trim().split("\\s+");
        if (words.length == 0 || words.length > 3) {
            throw new IllegalArgumentException(
                    "give a location, then optionally a length and r, w or rw: for example 'cpus 64 w'");
        }
        int n = words.length;
        String kind = "w";
        if (n > 1 && KIND.matcher(words[n - 1]).matches()) {
            kind = words[--n];
        }
        long length = 8;
        if (n == 3) {
            throw new IllegalArgumentException("'" + words[2] + "' is not r, w or rw");
        }
        if (n == 2) {
            try {
                length = Long.decode(words[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "'" + words[1] + "' is not a length: give a number of bytes such as 8 or 0x40");
            }
            if (length < 1 || length > MAX_LENGTH) {
                throw new IllegalArgumentException("the length must be between 1 and " + MAX_LENGTH + " bytes");
            }
        }
        return new Spec(words[0], length, kind.contains("r"), kind.contains("w"));
    }

    /**
     * Why a spec cannot become a watchpoint, or empty when it can. With an image (a running
     * target's), a symbol must also be in it; without one, any well-formed name passes.
     */
    public static Optional<String> problemWith(String spec, ElfImage image) {
        Spec parsed;
        try {
            parsed = parse(spec);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        try {
            Locations.resolve(parsed.location(), image);
        } catch (IllegalArgumentException e) {
            if (image != null || !e.getMessage().startsWith("cannot resolve symbol")) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public String getModelIdentifier() {
        return DebugModel.ID;
    }

    /** The location as typed: a symbol, symbol+offset or hex address. */
    public String location() {
        IMarker m = getMarker();
        return m == null ? "(no location)" : m.getAttribute(DebugModel.ATTR_LOCATION, "(no location)");
    }

    /** How many bytes are watched. */
    public long length() {
        IMarker m = getMarker();
        return m == null ? 8 : m.getAttribute(DebugModel.ATTR_LENGTH, 8);
    }

    /** The first watched address in a given image. */
    public long resolve(ElfImage image) throws CoreException {
        try {
            return Locations.resolve(location(), image);
        } catch (IllegalArgumentException e) {
            throw new CoreException(Status.error(e.getMessage()));
        }
    }

    /** "cpus (64 bytes, write)" for labels. */
    public String label() {
        String kind;
        try {
            kind = isAccess() && isModification() ? "read/write" : isAccess() ? "read" : "write";
        } catch (CoreException e) {
            kind = "?";
        }
        return location() + " (" + length() + (length() == 1 ? " byte, " : " bytes, ") + kind + ")";
    }

    /** Watches loads. */
    @Override
    public boolean isAccess() throws CoreException {
        return ensureMarker().getAttribute(DebugModel.ATTR_ACCESS, false);
    }

    /** Watches stores. */
    @Override
    public boolean isModification() throws CoreException {
        return ensureMarker().getAttribute(DebugModel.ATTR_MODIFICATION, true);
    }

    @Override
    public void setAccess(boolean access) throws CoreException {
        setAttribute(DebugModel.ATTR_ACCESS, access);
    }

    @Override
    public void setModification(boolean modification) throws CoreException {
        setAttribute(DebugModel.ATTR_MODIFICATION, modification);
    }

    @Override
    public boolean supportsAccess() {
        return true;
    }

    @Override
    public boolean supportsModification() {
        return true;
    }
}
