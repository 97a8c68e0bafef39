package org.hartbench.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.commands.IResumeHandler;
import org.eclipse.debug.core.commands.ISuspendHandler;
import org.eclipse.debug.core.commands.ITerminateHandler;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.hartbench.core.debug.HartbenchDebugTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delegate headless: it refuses bad settings and runs good ones to a process that ends. */
class KernelLaunchDelegateTest {

    @TempDir
    Path dir;

    private static ILaunchConfigurationWorkingCopy config(KernelLaunchSettings settings) throws CoreException {
        ILaunchConfigurationWorkingCopy copy = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID).newInstance(null, "delegate-test");
        settings.write(copy);
        return copy;
    }

    @Test
    void badSettingsAreRefusedWithTheValidatorsMessage() throws Exception {
        Path elf = GuestImages.write(dir.resolve("ok.elf"), GuestImages.SPIN);
        KernelLaunchSettings s = KernelLaunchSettings.defaults().withKernel(elf.toString());
        KernelLaunchSettings zeroHarts = new KernelLaunchSettings(s.kernel(), "", "", 0, "deterministic", 256, "",
                false, true);
        CoreException e = assertThrows(CoreException.class,
                () -> config(zeroHarts).launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
        assertEquals("Hart count 0 is out of range (1 to 32)", e.getStatus().getMessage());
    }

    @Test
    void aGoodLaunchEndsWithItsOutputDeliveredBeforeTerminate() throws Exception {
        Path elf = GuestImages.write(dir.resolve("hello.elf"), GuestImages.HELLO_THEN_PASS);
        CompletableFuture<String> outputAtTerminate = new CompletableFuture<>();
        IDebugEventSetListener listener = events -> {
            for (DebugEvent event : events) {
                if (event.getKind() == DebugEvent.TERMINATE && event.getSource() instanceof HartbenchProcess p) {
                    outputAtTerminate.complete(p.session().output().getContents());
                }
            }
        };
        DebugPlugin.getDefault().addDebugEventListener(listener);
        try {
            ILaunch launch = config(KernelLaunchSettings.defaults().withKernel(elf.toString()))
                    .launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
            IProcess process = assertInstanceOf(HartbenchProcess.class, launch.getProcesses()[0]);
            assertEquals(KernelLaunchAttributes.PROCESS_TYPE, process.getAttribute(IProcess.ATTR_PROCESS_TYPE));
            assertTrue(process.getLabel().startsWith("hello.elf (2 harts, deterministic"), process.getLabel());
            // The Debug view's Suspend, Resume and Terminate buttons find the process through these.
            assertNotNull(process.getAdapter(ISuspendHandler.class), "Suspend works on the process");
            assertNotNull(process.getAdapter(IResumeHandler.class), "Resume works on the process");
            assertNotNull(process.getAdapter(ITerminateHandler.class), "Terminate works on the process");
            assertEquals("hi\n", outputAtTerminate.get(30, TimeUnit.SECONDS));
            assertTrue(process.isTerminated());
            assertEquals(0, process.getExitValue());
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        } finally {
            DebugPlugin.getDefault().removeDebugEventListener(listener);
        }
    }

    @Test
    void aDebugLaunchHasADebugTargetWithAThreadPerHart() throws Exception {
        Path elf = GuestImages.write(dir.resolve("spin.elf"), GuestImages.SPIN);
        KernelLaunchSettings s = KernelLaunchSettings.defaults().withKernel(elf.toString());
        KernelLaunchSettings threeHarts = new KernelLaunchSettings(s.kernel(), "", "", 3, "deterministic", 256, "",
                false, true);
        ILaunch launch = config(threeHarts).launch(ILaunchManager.DEBUG_MODE, new NullProgressMonitor());
        try {
            HartbenchDebugTarget target = assertInstanceOf(HartbenchDebugTarget.class, launch.getDebugTarget());
            assertEquals(3, target.getThreads().length);
            assertSame(launch.getProcesses()[0], target.getProcess());
            target.suspend();
            waitUntil(target::isSuspended, "every hart suspends");   // harts stop asynchronously
            for (IThread thread : target.getThreads()) {
                assertNotNull(thread.getTopStackFrame(), thread.getName());
            }
            target.resume();
            waitUntil(() -> !target.isSuspended(), "the harts resume");
        } finally {
            launch.terminate();
            DebugPlugin.getDefault().getLaunchManager().removeLaunch(launch);
        }
        assertTrue(launch.getProcesses()[0].isTerminated());
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(10);
        }
    }
}
