package org.hartbench.ui.debug;

import java.io.File;
import java.util.Optional;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.hartbench.core.debug.AddressBreakpoint;
import org.hartbench.core.debug.AddressWatchpoint;
import org.hartbench.core.debug.HartRegister;
import org.hartbench.core.debug.HartThread;
import org.hartbench.core.debug.HartbenchDebugTarget;

/**
 * Labels for the Hartbench debug model in the Debug, Breakpoints and Registers views. Names come
 * from the model; this class only adds the run state and install problems. Images are left to
 * the platform's defaults (returning null). Source lookup hands over a local C file (found by
 * the launch's source locator from DWARF line info), shown in the plain text editor because CDT
 * is not part of Hartbench.
 */
public final class HartbenchModelPresentation extends LabelProvider implements IDebugModelPresentation {

    /** The platform's plain text editor (org.eclipse.ui.editors). */
    static final String TEXT_EDITOR = "org.eclipse.ui.DefaultTextEditor";

    @Override
    public void setAttribute(String attribute, Object value) {
        // no options: type names are never shown for registers
    }

    @Override
    public Image getImage(Object element) {
        return null;
    }

    @Override
    public String getText(Object element) {
        if (element instanceof HartThread t) {
            return t.getName() + (t.isSuspended() ? " (Suspended" + reason(t) + ")"
                    : t.isStepping() ? " (Stepping)" : t.isTerminated() ? "" : " (Running)");
        }
        if (element instanceof HartbenchDebugTarget target) {
            return target.getName() + (target.isTerminated() ? " <terminated>" : "");
        }
        if (element instanceof AddressBreakpoint bp) {
            return breakpointLabel(bp);
        }
        if (element instanceof AddressWatchpoint wp) {
            return watchpointLabel(wp);
        }
        return null; // frames, registers and values: the platform shows their names and values
    }

    private static String reason(HartThread t) {
        if (t.getBreakpoints().length > 0 && t.getBreakpoints()[0] instanceof AddressBreakpoint bp) {
            return ": breakpoint at " + bp.location();
        }
        if (t.getBreakpoints().length > 0 && t.getBreakpoints()[0] instanceof AddressWatchpoint wp) {
            return ": watchpoint on " + wp.location();
        }
        return "";
    }

    /** "schedule" or "0x80006000", with why it is not installed when a running target says so. */
    static String breakpointLabel(AddressBreakpoint bp) {
        String label = bp.location();
        for (HartbenchDebugTarget target : HartbenchDebugTarget.live()) {
            Optional<String> problem = target.installProblem(bp);
            if (problem.isPresent()) {
                return label + " [not installed: " + problem.get() + "]";
            }
            if (target.installedAddress(bp).isPresent() && bp.symbol() != null) {
                label += " (0x" + Long.toHexString(target.installedAddress(bp).getAsLong()) + ")";
                break;
            }
        }
        return label;
    }

    /** "cpus (64 bytes, write)", with why it is not installed when a running target says so. */
    static String watchpointLabel(AddressWatchpoint wp) {
        for (HartbenchDebugTarget target : HartbenchDebugTarget.live()) {
            Optional<String> problem = target.installProblem(wp);
            if (problem.isPresent()) {
                return wp.label() + " [not installed: " + problem.get() + "]";
            }
        }
        return wp.label();
    }

    /** A register's detail: hex, unsigned and signed decimal. */
    @Override
    public void computeDetail(IValue value, IValueDetailListener listener) {
        String detail;
        if (value instanceof HartRegister r) {
            long v = r.longValue();
            detail = "0x" + Long.toHexString(v) + " = " + Long.toUnsignedString(v) + (v < 0 ? " = " + v : "");
        } else {
            try {
                detail = value.getValueString();
            } catch (DebugException e) {
                detail = e.getStatus().getMessage();
            }
        }
        listener.detailComputed(value, detail);
    }

    @Override
    public IEditorInput getEditorInput(Object element) {
        if (element instanceof File file) {
            return new FileStoreEditorInput(EFS.getLocalFileSystem().fromLocalFile(file));
        }
        return null;
    }

    @Override
    public String getEditorId(IEditorInput input, Object element) {
        return element instanceof File ? TEXT_EDITOR : null;
    }
}
