package org.hartbench.ui.tests;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;

/** Small helpers for driving the workbench from JUnit tests on the UI thread. */
public final class UiTestSupport {
    private UiTestSupport() {
    }

    /** Runs the event loop until no events are queued. */
    public static void processEvents() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // keep dispatching
        }
    }

    public static IWorkbenchPage activePage() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }
}
