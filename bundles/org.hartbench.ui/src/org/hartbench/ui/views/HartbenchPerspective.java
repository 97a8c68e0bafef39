package org.hartbench.ui.views;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** The Hartbench perspective: the editor area with Hartbench's views around it. */
public class HartbenchPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.6f, layout.getEditorArea());
        bottom.addView(ViewIds.BOARD_MAP);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(ViewIds.BOARD_MAP);
    }
}
