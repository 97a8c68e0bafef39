package org.hartbench.ui.views;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;

/**
 * The Hartbench perspective: the editor area with Hartbench's views around it, the Console
 * (the booted machine's UART) and the Run toolbar.
 */
public class HartbenchPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.6f, layout.getEditorArea());
        bottom.addView(ViewIds.CPUS);
        bottom.addView(ViewIds.RING_TRACE);
        bottom.addView(ViewIds.BOARD_MAP);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(ViewIds.CPUS);
        layout.addShowViewShortcut(ViewIds.RING_TRACE);
        layout.addShowViewShortcut(ViewIds.BOARD_MAP);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
    }
}
