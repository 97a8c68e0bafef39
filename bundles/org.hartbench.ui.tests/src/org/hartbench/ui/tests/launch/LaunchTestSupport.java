package org.hartbench.ui.tests.launch;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.console.TextConsole;
import org.hartbench.core.launch.KernelLaunchAttributes;
import org.hartbench.core.launch.KernelLaunchSettings;

/** Creating, watching and cleaning up Hartbench launches from UI tests (on the UI thread). */
public final class LaunchTestSupport {
    private LaunchTestSupport() {
    }

    /** Generous: the test JVM runs with C1 only on a shared two-core machine. */
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);

    static ILaunchManager launchManager() {
        return DebugPlugin.getDefault().getLaunchManager();
    }

    static ILaunchConfigurationType kernelType() {
        ILaunchConfigurationType type = launchManager().getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID);
        assertNotNull(type, "the Hartbench Kernel launch type is registered");
        return type;
    }

    /** A saved-able configuration on the shipped kernel. */
    static ILaunchConfigurationWorkingCopy shippedKernelConfig(String name, String manifest, int harts, String mode)
            throws CoreException {
        ILaunchConfigurationWorkingCopy copy = kernelType().newInstance(null,
                launchManager().generateLaunchConfigurationName(name));
        KernelLaunchSettings d = KernelLaunchSettings.defaults();
        new KernelLaunchSettings("", manifest, "", harts, mode, d.memoryMiB(), "", false, d.trace()).write(copy);
        return copy;
    }

    /** Runs the event loop until the condition holds; fails with what was awaited on timeout. */
    public static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        if (!await(timeout, condition)) {
            fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    /** Runs the event loop until the condition holds or the time is up; true if it holds. */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** The process console the debug UI opened for the process (it appears asynchronously). */
    static TextConsole consoleOf(IProcess process) {
        waitUntil("a console for " + process.getLabel(), Duration.ofSeconds(30),
                () -> DebugUITools.getConsole(process) != null);
        return (TextConsole) DebugUITools.getConsole(process);
    }

    /** Waits until the console shows the text, and returns everything it shows. */
    static String waitForConsoleText(TextConsole console, String text) {
        if (!await(BOOT_TIMEOUT, () -> console.getDocument().get().contains(text))) {
            fail("timed out after " + BOOT_TIMEOUT.toSeconds() + " s waiting for '" + text
                    + "' in the console; it shows:\n" + console.getDocument().get());
        }
        return console.getDocument().get();
    }

    /** Live threads of any Hartbench machine or console pump. */
    static List<String> hartbenchThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("hartbench-m") || n.startsWith("hartbench-console-")).sorted()
                .collect(Collectors.toList());
    }

    /** Terminates and removes every Hartbench launch, so one test never sees another's machine. */
    static void removeHartbenchLaunches() throws CoreException {
        for (ILaunch launch : launchManager().getLaunches()) {
            boolean ours = launch.getLaunchConfiguration() != null
                    && launch.getLaunchConfiguration().getType().getIdentifier().equals(KernelLaunchAttributes.TYPE_ID);
            if (ours) {
                if (!launch.isTerminated()) {
                    launch.terminate();
                }
                launchManager().removeLaunch(launch);
            }
        }
    }

    static String describe(IProcess[] processes) {
        return Arrays.stream(processes).map(IProcess::getLabel).collect(Collectors.joining(", "));
    }
}
