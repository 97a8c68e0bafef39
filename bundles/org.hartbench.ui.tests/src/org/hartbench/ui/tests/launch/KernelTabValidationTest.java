package org.hartbench.ui.tests.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.internal.ui.launchConfigurations.LaunchConfigurationsDialog;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.ILaunchConfigurationDialog;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.hartbench.core.launch.KernelFiles;
import org.hartbench.core.launch.KernelLaunchAttributes;
import org.hartbench.core.launch.KernelLaunchValidator;
import org.hartbench.core.launch.KernelLaunchSettings;
import org.hartbench.ui.launch.KernelLaunchShortcut;
import org.hartbench.ui.launch.KernelTab;
import org.hartbench.ui.launch.MachineTab;
import org.hartbench.ui.tests.Screenshots;
import org.hartbench.ui.tests.UiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad settings in the real launch configuration dialog: the tab's message, shown in the dialog's
 * title area, for hart counts 0 and 33, a missing kernel and a file that is not an ELF.
 */
@SuppressWarnings("restriction")
class KernelTabValidationTest {

    @TempDir
    Path dir;

    /** Texts of all labels and text fields in the dialog, i.e. what the user can read. */
    private static List<String> visibleTexts(Control control) {
        List<String> texts = new ArrayList<>();
        if (control instanceof Label l && control.isVisible()) {
            texts.add(l.getText());
        } else if (control instanceof Text t && control.isVisible()) {
            texts.add(t.getText());
        }
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                texts.addAll(visibleTexts(child));
            }
        }
        return texts;
    }

    private static void assertShown(Shell shell, String message) {
        LaunchTestSupport.waitUntil("'" + message + "' in the dialog", Duration.ofSeconds(10),
                () -> visibleTexts(shell).stream().anyMatch(t -> t.contains(message)));
    }

    /** The dialog's "Run" button: enabled exactly when every tab is valid. */
    private static boolean runButtonEnabled(Control control) {
        if (control instanceof Button b && "Run".equals(b.getText().replace("&", ""))) {
            return b.isEnabled();
        }
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                if (runButtonEnabled(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static <T> T tab(ILaunchConfigurationDialog dialog, Class<T> type) {
        for (ILaunchConfigurationTab tab : dialog.getTabs()) {
            if (type.isInstance(tab)) {
                return type.cast(tab);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the dialog");
    }

    @Test
    void badSettingsShowTheValidationMessageInTheLaunchDialog() throws Exception {
        ILaunchConfiguration config = LaunchTestSupport.shippedKernelConfig("validation", "", 2, "deterministic")
                .doSave();
        Path notElf = Files.writeString(dir.resolve("readme.elf"), "this is text, not an executable\n");
        Path missing = dir.resolve("missing.elf");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> checked = new AtomicReference<>(false);
        Display display = Display.getCurrent();

        // The dialog is modal: the checks run inside its event loop, then close it.
        display.timerExec(500, () -> {
            LaunchConfigurationsDialog dialog = (LaunchConfigurationsDialog) LaunchConfigurationsDialog
                    .getCurrentlyVisibleLaunchConfigurationDialog();
            try {
                assertNotNull(dialog, "the launch configuration dialog is open");
                Shell shell = dialog.getShell();
                shell.setBounds(0, 0, 1000, 700); // the whole dialog on the 1024x768 test display
                MachineTab machine = tab(dialog, MachineTab.class);
                KernelTab kernel = tab(dialog, KernelTab.class);
                assertNull(kernel.getErrorMessage(), "the shipped kernel is valid");

                LaunchTestSupport.waitUntil("an enabled Run button", Duration.ofSeconds(10),
                        () -> runButtonEnabled(shell));
                dialog.setActiveTab(machine);
                machine.hartsText().setText("33");
                LaunchTestSupport.waitUntil("a disabled Run button", Duration.ofSeconds(10),
                        () -> !runButtonEnabled(shell));
                assertShown(shell, "Hart count 33 is out of range (1 to 32)");
                assertEquals("Hart count 33 is out of range (1 to 32)", machine.getErrorMessage());
                Screenshots.save(shell, "launch-dialog-harts-33");
                machine.hartsText().setText("0");
                assertShown(shell, "Hart count 0 is out of range (1 to 32)");
                machine.hartsText().setText("two");
                assertShown(shell, "Hart count 'two' is not a whole number.");
                machine.hartsText().setText("2");
                LaunchTestSupport.waitUntil("no machine error", Duration.ofSeconds(10),
                        () -> machine.getErrorMessage() == null);

                dialog.setActiveTab(kernel);
                kernel.shippedButton().setSelection(false);
                kernel.shippedButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
                kernel.kernelText().setText(missing.toString());
                assertShown(shell, "Kernel ELF file does not exist: " + missing);
                kernel.kernelText().setText(notElf.toString());
                assertShown(shell, "Not a RISC-V RV64 executable: ");
                Screenshots.save(shell, "launch-dialog-not-an-elf");
                kernel.shippedButton().setSelection(true);
                kernel.shippedButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
                LaunchTestSupport.waitUntil("no kernel error", Duration.ofSeconds(10),
                        () -> kernel.getErrorMessage() == null);
                LaunchTestSupport.waitUntil("an enabled Run button", Duration.ofSeconds(10),
                        () -> runButtonEnabled(shell));
                LaunchTestSupport.await(Duration.ofMillis(300), () -> false); // let GTK repaint
                Screenshots.save(shell, "launch-dialog-kernel-tab");
                checked.set(true);
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                if (dialog != null) {
                    dialog.close();
                }
            }
        });
        DebugUITools.openLaunchConfigurationDialogOnGroup(UiTestSupport.activePage().getWorkbenchWindow().getShell(),
                new StructuredSelection(config), IDebugUIConstants.ID_RUN_LAUNCH_GROUP);
        if (failure.get() != null) {
            throw new AssertionError("in the launch dialog: " + failure.get(), failure.get());
        }
        assertTrue(checked.get(), "the checks ran inside the dialog");
    }

    @Test
    void theShortcutMakesOneConfigurationPerWorkspaceElf() throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("kernels");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        IFile elf = project.getFile("my-kernel.elf");
        byte[] image = Files.readAllBytes(KernelFiles.shippedKernel().orElseThrow());
        if (!elf.exists()) {
            elf.create(new ByteArrayInputStream(image), true, null);
        }

        ILaunchConfiguration first = KernelLaunchShortcut.configurationFor(elf);
        assertEquals("${workspace_loc:/kernels/my-kernel.elf}", first.getAttribute(KernelLaunchAttributes.KERNEL, ""));
        assertEquals(KernelLaunchAttributes.TYPE_ID, first.getType().getIdentifier());
        assertEquals(first, KernelLaunchShortcut.configurationFor(elf), "the same file reuses its configuration");
        assertFalse(KernelLaunchValidator.problem(KernelLaunchSettings.read(first)).isPresent(),
                "the workspace expression resolves to a valid kernel");
        first.delete();
    }
}
