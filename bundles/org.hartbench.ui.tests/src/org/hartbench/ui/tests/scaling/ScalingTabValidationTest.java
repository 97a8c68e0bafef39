package org.hartbench.ui.tests.scaling;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.internal.ui.launchConfigurations.LaunchConfigurationsDialog;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.hartbench.core.scaling.launch.ScalingLaunchAttributes;
import org.hartbench.core.scaling.launch.ScalingLaunchSettings;
import org.hartbench.ui.scaling.ScalingTab;
import org.hartbench.ui.tests.Screenshots;
import org.hartbench.ui.tests.UiTestSupport;
import org.hartbench.ui.tests.launch.LaunchTestSupport;
import org.junit.jupiter.api.Test;

/** The Scaling tab in the real launch dialog: valid defaults, and the harness's messages for bad settings. */
@SuppressWarnings("restriction")
class ScalingTabValidationTest {

    @Test
    void badSettingsShowTheHarnessMessage() throws Exception {
        ILaunchConfigurationWorkingCopy copy = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(ScalingLaunchAttributes.TYPE_ID).newInstance(null, "scaling validation");
        ScalingLaunchSettings.defaults().write(copy);
        ILaunchConfiguration config = copy.doSave();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> checked = new AtomicReference<>(false);

        // The dialog is modal: the checks run inside its event loop, then close it.
        Display.getCurrent().timerExec(500, () -> {
            LaunchConfigurationsDialog dialog = (LaunchConfigurationsDialog) LaunchConfigurationsDialog
                    .getCurrentlyVisibleLaunchConfigurationDialog();
            try {
                assertNotNull(dialog, "the launch configuration dialog is open");
                Shell shell = dialog.getShell();
                shell.setBounds(0, 0, 1000, 740);
                ScalingTab tab = null;
                for (ILaunchConfigurationTab t : dialog.getTabs()) {
                    if (t instanceof ScalingTab s) {
                        tab = s;
                    }
                }
                assertNotNull(tab, "the Scaling tab");
                ScalingTab scaling = tab;
                assertNull(scaling.getErrorMessage(), "the defaults are valid");
                LaunchTestSupport.await(Duration.ofMillis(300), () -> false); // let GTK paint
                Screenshots.save(shell, "launch-dialog-scaling-tab");

                scaling.cpusText().setText("2,4");
                LaunchTestSupport.waitUntil("the include-1 message", Duration.ofSeconds(10),
                        () -> "CPU counts [2, 4] must include 1: speedups are measured against 1 CPU."
                                .equals(scaling.getErrorMessage()));
                scaling.cpusText().setText("1,2");
                scaling.repeatsText().setText("many");
                LaunchTestSupport.waitUntil("the repeats message", Duration.ofSeconds(10),
                        () -> "Repeats 'many' is not a whole number.".equals(scaling.getErrorMessage()));
                scaling.repeatsText().setText("0");
                LaunchTestSupport.waitUntil("the range message", Duration.ofSeconds(10),
                        () -> "Repeats 0 is out of range (1 to 1000)".equals(scaling.getErrorMessage()));
                scaling.repeatsText().setText("1");
                LaunchTestSupport.waitUntil("no error", Duration.ofSeconds(10),
                        () -> scaling.getErrorMessage() == null);
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
        config.delete();
        if (failure.get() != null) {
            throw new AssertionError("in the launch dialog: " + failure.get(), failure.get());
        }
        assertTrue(checked.get(), "the checks ran inside the dialog");
    }
}
