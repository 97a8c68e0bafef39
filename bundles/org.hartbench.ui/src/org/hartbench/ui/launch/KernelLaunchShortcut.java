package org.hartbench.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.hartbench.core.launch.KernelLaunchAttributes;
import org.hartbench.core.launch.KernelLaunchSettings;

/**
 * "Run As > Hartbench Kernel" on an .elf file: reuses the configuration that already boots that
 * file, or creates one with the default machine settings.
 */
public class KernelLaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection structured && !structured.isEmpty()) {
            IFile file = Adapters.adapt(structured.getFirstElement(), IFile.class);
            if (file != null) {
                launch(file, mode);
            }
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IFile file = Adapters.adapt(editor.getEditorInput(), IFile.class);
        if (file != null) {
            launch(file, mode);
        }
    }

    private void launch(IFile file, String mode) {
        try {
            DebugUITools.launch(configurationFor(file), mode);
        } catch (CoreException e) {
            ErrorDialog.openError(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                    "Hartbench Kernel", "Cannot create a launch configuration for " + file.getName(), e.getStatus());
        }
    }

    /** The saved configuration that boots this file, made if there is none. */
    public static ILaunchConfiguration configurationFor(IFile file) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID);
        String kernel = TabWidgets.workspaceExpression(file);
        for (ILaunchConfiguration existing : manager.getLaunchConfigurations(type)) {
            if (kernel.equals(existing.getAttribute(KernelLaunchAttributes.KERNEL, ""))) {
                return existing;
            }
        }
        ILaunchConfigurationWorkingCopy copy = type.newInstance(null,
                manager.generateLaunchConfigurationName(file.getName()));
        KernelLaunchSettings.defaults().withKernel(kernel).write(copy);
        copy.setMappedResources(new org.eclipse.core.resources.IResource[] { file });
        return copy.doSave();
    }
}
