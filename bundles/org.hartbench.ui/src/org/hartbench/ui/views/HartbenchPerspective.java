package org.hartbench.ui.views;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;

/**
 * The Hartbench perspective: the editor area with Hartbench's views around it, the Console
 * (the booted machine's UART), the platform's test-run view with the Scaling Chart beside it for
 * scaling claims, and the Run toolbar.
 */
public class HartbenchPerspective implements IPerspectiveFactory {

    /** The platform's test-run view (org.eclipse.unittest.ui), where scaling claims report. */
    static final String TEST_RUN_VIEW = "org.eclipse.unittest.ui.ResultView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.6f, layout.getEditorArea());
        bottom.addView(ViewIds.CPUS);
        bottom.addView(ViewIds.RING_TRACE);
        bottom.addView(ViewIds.BOARD_MAP);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        IFolderLayout right = layout.createFolder("right", IPageLayout.RIGHT, 0.65f, layout.getEditorArea());
        right.addView(TEST_RUN_VIEW);
        right.addView(ViewIds.SCALING_CHART);
        layout.addShowViewShortcut(ViewIds.CPUS);
        layout.addShowViewShortcut(ViewIds.RING_TRACE);
        layout.addShowViewShortcut(ViewIds.BOARD_MAP);
        layout.addShowViewShortcut(ViewIds.SCALING_CHART);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
    }
}
