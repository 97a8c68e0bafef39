package org.hartbench.ui.debug;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hartbench.core.debug.AddressBreakpoint;
import org.hartbench.core.debug.HartbenchDebugTarget;
import org.hartbench.emulator.api.ElfImage;

/**
 * "Add Address Breakpoint...": asks for an ELF symbol or a hex address and adds a Hartbench
 * breakpoint. While a Hartbench kernel is being debugged, a symbol it lacks is refused in the
 * dialog itself; otherwise symbols are looked up when a debug session starts.
 */
public final class AddAddressBreakpointHandler extends AbstractHandler {

    /** The command's id in plugin.xml. */
    public static final String COMMAND_ID = "org.hartbench.ui.debug.addAddressBreakpoint";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        List<HartbenchDebugTarget> live = HartbenchDebugTarget.live();
        ElfImage image = live.isEmpty() ? null : live.get(0).image();
        InputDialog dialog = new InputDialog(shell, "Add Address Breakpoint",
                "ELF symbol (for example schedule) or hex address (for example 0x80006bf6):", "",
                text -> AddressBreakpoint.problemWith(text, image).orElse(null));
        if (dialog.open() != Window.OK) {
            return null;
        }
        try {
            AddressBreakpoint.create(dialog.getValue(), true);
        } catch (CoreException e) {
            ErrorDialog.openError(shell, "Add Address Breakpoint", "The breakpoint was not added.", e.getStatus());
        }
        return null;
    }
}
