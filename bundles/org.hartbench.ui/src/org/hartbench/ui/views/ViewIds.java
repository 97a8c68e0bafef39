package org.hartbench.ui.views;

/** IDs declared in plugin.xml. Persisted in workspaces: never change them. */
public final class ViewIds {
    private ViewIds() {
    }

    public static final String BOARD_MAP = "org.hartbench.ui.views.boardMap";
    public static final String CPUS = "org.hartbench.ui.views.cpus";
    public static final String RING_TRACE = "org.hartbench.ui.views.ringTrace";
    public static final String SCALING_CHART = "org.hartbench.ui.views.scalingChart";
    public static final String PERSPECTIVE = "org.hartbench.ui.perspective";
}
