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
import org.hartbench.core.debug.AddressWatchpoint;
import org.hartbench.core.debug.HartbenchDebugTarget;
import org.hartbench.emulator.api.ElfImage;

/**
 * "Add Watchpoint...": asks for a location, a length and the kind of access in one line
 * ({@code cpus 64 w}) and adds a Hartbench watchpoint. As for breakpoints, a symbol the running
 * kernel lacks is refused in the dialog itself.
 */
public final class AddWatchpointHandler extends AbstractHandler {

    /** The command's id in plugin.xml. */
    public static final String COMMAND_ID = "org.hartbench.ui.debug.addWatchpoint";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        List<HartbenchDebugTarget> live = HartbenchDebugTarget.live();
        ElfImage image = live.isEmpty() ? null : live.get(0).image();
        InputDialog dialog = new InputDialog(shell, "Add Watchpoint",
                "Location (ELF symbol, symbol+0x10 or hex physical address), then optionally a length in bytes"
                        + " (default 8) and r, w or rw (default w), for example: cpus 64 w",
                "", text -> AddressWatchpoint.problemWith(text, image).orElse(null));
        if (dialog.open() != Window.OK) {
            return null;
        }
        try {
            AddressWatchpoint.create(dialog.getValue(), true);
        } catch (CoreException e) {
            ErrorDialog.openError(shell, "Add Watchpoint", "The watchpoint was not added.", e.getStatus());
        }
        return null;
    }
}
