package org.hartbench.ui.tests.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.IConsoleView;
import org.eclipse.ui.console.TextConsole;
import org.hartbench.core.launch.HartbenchProcess;
import org.hartbench.core.launch.KernelFiles;
import org.hartbench.ui.tests.Screenshots;
import org.hartbench.ui.tests.UiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole run-mode path as a user takes it: a "Hartbench Kernel" configuration on the shipped
 * kernel, launched; the UART in the Console view, typing into it, pause, and terminate.
 */
class KernelConsoleTest {

    @AfterEach
    void cleanUp() throws Exception {
        LaunchTestSupport.removeHartbenchLaunches();
    }

    private static HartbenchProcess launch(ILaunchConfiguration config) throws Exception {
        ILaunch launch = config.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        IProcess[] processes = launch.getProcesses();
        assertEquals(1, processes.length, "one process per machine: " + LaunchTestSupport.describe(processes));
        return assertInstanceOf(HartbenchProcess.class, processes[0]);
    }

    @Test
    void theShippedKernelBootsAndPassesInTheConsole() throws Exception {
        assertTrue(KernelFiles.shippedKernel().isPresent(), "the org.hartbench.kernel bundle carries kernel.elf");
        ILaunchConfiguration config = LaunchTestSupport.shippedKernelConfig("default boot", "", 2, "deterministic")
                .doSave();
        HartbenchProcess process = launch(config);
        TextConsole console = LaunchTestSupport.consoleOf(process);

        String text = LaunchTestSupport.waitForConsoleText(console, "manifest default: PASS");
        assertTrue(text.contains("hartbench kernel: boot hart 0, 2 harts, 256 MiB RAM"), text);
        assertTrue(text.indexOf("hartbench kernel: boot hart 0") < text.indexOf("manifest default: PASS"), text);
        LaunchTestSupport.waitUntil("the process to end", Duration.ofSeconds(30), process::isTerminated);
        assertEquals(0, process.getExitValue(), "the finisher's pass value");

        IConsoleView view = (IConsoleView) UiTestSupport.activePage().showView(IConsoleConstants.ID_CONSOLE_VIEW);
        view.display(console);
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
        IWorkbenchPage page = UiTestSupport.activePage();
        IWorkbenchPartReference ref = page.getReference(view);
        page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        LaunchTestSupport.await(Duration.ofMillis(500), () -> false); // let the console catch up and repaint
        File shot = Screenshots.save(view.getSite().getShell(), "console-default-boot");
        page.setPartState(ref, IWorkbenchPage.STATE_RESTORED);
        assertTrue(shot.length() > 0, "screenshot written");
    }

    @Test
    void whatIsTypedInTheConsoleReachesTheUart() throws Exception {
        ILaunchConfiguration config = LaunchTestSupport.shippedKernelConfig("console input", "console", 1,
                "deterministic").doSave();
        HartbenchProcess process = launch(config);
        TextConsole console = LaunchTestSupport.consoleOf(process);
        LaunchTestSupport.waitForConsoleText(console, "manifest console: started");
        assertFalse(process.isTerminated(), "echo waits for a line");

        // Typing is a change at the end of the console's document; the console sends the line
        // to the process's streams proxy when it ends with a newline.
        UiTestSupport.activePage().showView(IConsoleConstants.ID_CONSOLE_VIEW);
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
        UiTestSupport.processEvents();
        console.getDocument().replace(console.getDocument().getLength(), 0, "hartbench-input\n");

        String text = LaunchTestSupport.waitForConsoleText(console, "manifest console: PASS");
        assertTrue(text.contains("echo: got 'hartbench-input'"), text);
        LaunchTestSupport.waitUntil("the process to end", Duration.ofSeconds(30), process::isTerminated);
        assertEquals(0, process.getExitValue());
    }

    @Test
    void pauseAndTerminateMidRunLeaveNoEmulatorThreads() throws Exception {
        ILaunchConfiguration config = LaunchTestSupport.shippedKernelConfig("stress", "stress", 2, "parallel")
                .doSave();
        HartbenchProcess process = launch(config);
        TextConsole console = LaunchTestSupport.consoleOf(process);
        LaunchTestSupport.waitForConsoleText(console, "manifest stress: started");
        assertFalse(LaunchTestSupport.hartbenchThreads().isEmpty(), "the machine runs on its own threads");

        assertTrue(process.canSuspend());
        process.suspend();
        assertTrue(process.isSuspended());
        assertTrue(process.canResume());
        process.resume();
        assertFalse(process.isSuspended());

        assertTrue(process.canTerminate());
        process.terminate();
        assertTrue(process.isTerminated(), "terminate returns once the machine has ended");
        assertEquals(130, process.getExitValue(), "stopped by the host");
        assertEquals("[]", LaunchTestSupport.hartbenchThreads().toString(), "no emulator or console thread is left");
        UiTestSupport.processEvents();
        assertFalse(console.getDocument().get().contains("manifest stress: PASS"), "terminated before the end");
    }
}
