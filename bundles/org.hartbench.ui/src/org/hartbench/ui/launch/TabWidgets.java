package org.hartbench.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ElementTreeSelectionDialog;
import org.eclipse.ui.model.WorkbenchContentProvider;
import org.eclipse.ui.model.WorkbenchLabelProvider;

/**
 * Widgets the launch tabs share. The two ways to pick a file: from the workspace (stored as a
 * {@code ${workspace_loc:...}} expression, so the configuration survives moving the workspace)
 * or from the file system (stored as an absolute path). The scaling tab uses them too.
 */
public final class TabWidgets {
    private TabWidgets() {
    }

    /**
     * Adds "Workspace..." and "File System..." buttons to the parent (one grid cell each) that
     * put the chosen file into the target field.
     */
    public static void addBrowseButtons(Composite parent, Text target, String title, String extension) {
        Button workspace = new Button(parent, SWT.PUSH);
        workspace.setText("Workspace...");
        workspace.addListener(SWT.Selection, e -> setIfChosen(target, fromWorkspace(parent.getShell(), title, extension)));
        Button fileSystem = new Button(parent, SWT.PUSH);
        fileSystem.setText("File System...");
        fileSystem.addListener(SWT.Selection,
                e -> setIfChosen(target, fromFileSystem(parent.getShell(), title, extension)));
    }

    private static void setIfChosen(Text target, String chosen) {
        if (chosen != null) {
            target.setText(chosen);
        }
    }

    /**
     * Enables or disables a file field together with the browse buttons next to it (the push
     * buttons of its parent), e.g. when "use the shipped kernel" is ticked.
     */
    public static void setFileFieldEnabled(Text field, boolean enabled) {
        field.setEnabled(enabled);
        for (org.eclipse.swt.widgets.Control c : field.getParent().getChildren()) {
            if (c instanceof Button b && (b.getStyle() & SWT.PUSH) != 0) {
                b.setEnabled(enabled);
            }
        }
    }

    /** A titled group with a grid of the given columns, filling the page's width. */
    public static Group group(Composite parent, String title, int columns) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(title);
        GridLayoutFactory.swtDefaults().numColumns(columns).applyTo(group);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        return group;
    }

    /** The expression for a workspace file, as the launch attributes store it. */
    static String workspaceExpression(IFile file) {
        return "${workspace_loc:" + file.getFullPath().toString() + "}";
    }

    /** Returns the chosen file's expression, or null when cancelled. */
    static String fromWorkspace(Shell shell, String title, String extension) {
        ElementTreeSelectionDialog dialog = new ElementTreeSelectionDialog(shell, new WorkbenchLabelProvider(),
                new WorkbenchContentProvider());
        dialog.setTitle(title);
        dialog.setMessage(extension == null ? "Choose a file:" : "Choose a ." + extension + " file:");
        dialog.setInput(ResourcesPlugin.getWorkspace().getRoot());
        dialog.setAllowMultiple(false);
        if (extension != null) {
            dialog.addFilter(new ViewerFilter() {
                @Override
                public boolean select(Viewer viewer, Object parent, Object element) {
                    return !(element instanceof IFile f) || extension.equalsIgnoreCase(f.getFileExtension());
                }
            });
        }
        dialog.setValidator(selection -> selection.length == 1 && selection[0] instanceof IFile
                ? org.eclipse.core.runtime.Status.OK_STATUS
                : org.eclipse.core.runtime.Status.error("Choose a file."));
        if (dialog.open() != Window.OK || !(dialog.getFirstResult() instanceof IFile file)) {
            return null;
        }
        return workspaceExpression(file);
    }

    /** Returns the chosen absolute path, or null when cancelled. */
    static String fromFileSystem(Shell shell, String title, String extension) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText(title);
        if (extension != null) {
            dialog.setFilterExtensions(new String[] { "*." + extension, "*" });
        }
        return dialog.open();
    }
}
