package org.hartbench.ui.tests.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.core.commands.Command;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.Launch;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.viewers.AbstractTreeViewer;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.hartbench.core.debug.AddressBreakpoint;
import org.hartbench.core.debug.HartStackFrame;
import org.hartbench.core.debug.HartThread;
import org.hartbench.core.debug.HartbenchDebugTarget;
import org.hartbench.core.debug.Locations;
import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.HartSnapshot;
import org.hartbench.emulator.api.Machine;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.ui.debug.AddAddressBreakpointHandler;
import org.hartbench.ui.debug.AddWatchpointHandler;
import org.hartbench.ui.tests.Screenshots;
import org.hartbench.ui.tests.UiTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A debug session as a user sees it: the Debug view lists one thread per hart; a breakpoint on a
 * symbol stops one hart and opens the C file at the line; suspending stops them all; the
 * Registers view shows the selected hart's registers; resuming sets them running again.
 */
class DebugViewTest {

    private static final long TIMEOUT_MS = 60_000;
    private static final int HARTS = 2;

    @Test
    void debugViewShowsHartThreadsStopsAtABreakpointWithSourceShowsRegistersAndResumes() throws Exception {
        Machine machine = Machine.create(MachineConfig.defaults().withHarts(HARTS).withBootArgs("manifest=console"));
        Launch launch = new Launch(null, ILaunchManager.DEBUG_MODE, null);
        ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
        IWorkbenchPage page = UiTestSupport.activePage();
        IPerspectiveDescriptor perspectiveBefore = page.getPerspective();
        AddressBreakpoint breakpoint = AddressBreakpoint.create("schedule", true);
        try {
            ElfImage image = machine.load(kernel());
            HartbenchDebugTarget target = HartbenchDebugTarget.create(launch, null, machine, image);
            launches.addLaunch(launch);
            PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE, page.getWorkbenchWindow());
            IDebugView debugView = (IDebugView) page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
            TreeViewer viewer = (TreeViewer) debugView.getViewer();
            machine.start();

            // One hart reaches schedule(): its thread says so, and sched.c opens at the line.
            String stopped = waitForLabels(viewer, l -> l.endsWith("(Suspended: breakpoint at schedule)"), 1).get(0);
            assertTrue(stopped.matches("Hart \\d \\[S\\] schedule \\(Suspended: breakpoint at schedule\\)"), stopped);
            waitFor(() -> Arrays.stream(page.getEditorReferences()).anyMatch(e -> e.getName().equals("sched.c")),
                    "the editor on sched.c");

            target.suspend();
            List<String> suspended = waitForLabels(viewer, l -> l.startsWith("Hart ") && l.contains("(Suspended"), HARTS);
            assertEquals(HARTS, suspended.size(), suspended.toString());
            assertEquals("Hart 0", suspended.get(0).substring(0, 6));
            assertEquals("Hart 1", suspended.get(1).substring(0, 6));

            HartThread hart = target.hartThread(Character.getNumericValue(stopped.charAt(5)));
            HartStackFrame frame = (HartStackFrame) hart.getTopStackFrame();
            viewer.setSelection(new TreeSelection(new TreePath(new Object[] { launch, target, hart, frame })), true);
            IDebugView registersView = (IDebugView) page.showView(IDebugUIConstants.ID_REGISTER_VIEW);
            page.activate(debugView);
            TreeViewer registers = (TreeViewer) registersView.getViewer();
            // The view follows the debug context asynchronously, and another hart may reach the
            // breakpoint and take the selection: check the registers of whichever hart it shows.
            List<String> rows = waitForLabels(registers, l -> l.startsWith("mhartid | ") || l.startsWith("x2 (sp) | "), 2);
            int shown = (int) Long.decode(value(rows, "mhartid")).longValue();
            assertEquals(Locations.hex(machine.inspector().snapshot(shown).x()[2]), value(rows, "x2 (sp)"),
                    "the Registers view shows the suspended hart's sp");

            File shot = Screenshots.save(viewer.getControl().getShell(), "debug-view");
            assertTrue(shot.length() > 0, "screenshot written");

            DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(breakpoint, true);
            target.resume();
            List<String> resumed = waitForLabels(viewer, l -> l.startsWith("Hart ") && l.endsWith("(Running)"), HARTS);
            assertEquals(HARTS, resumed.size(), resumed.toString());
        } finally {
            DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(breakpoint, true);
            machine.stop();
            launches.removeLaunch(launch);
            machine.close();
            page.closeAllEditors(false);
            page.setPerspective(perspectiveBefore);
            UiTestSupport.processEvents();
        }
    }

    /** The value column of the row named name, from rows of "name | value". */
    private static String value(List<String> rows, String name) {
        return rows.stream().filter(r -> r.startsWith(name + " | ")).map(r -> r.substring(name.length() + 3))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
    }

    @Test
    void addAddressBreakpointCommandIsDefinedAndHandled() {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        Command add = commands.getCommand(AddAddressBreakpointHandler.COMMAND_ID);
        assertTrue(add.isDefined(), "command declared in plugin.xml");
        assertTrue(add.isHandled(), "handler bound in plugin.xml");
        Command watch = commands.getCommand(AddWatchpointHandler.COMMAND_ID);
        assertTrue(watch.isDefined() && watch.isHandled(), "Add Watchpoint is declared and handled in plugin.xml");
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("no " + what + " within " + TIMEOUT_MS + " ms");
            }
            UiTestSupport.processEvents();
            Thread.sleep(20);
        }
    }

    /**
     * Runs the event loop, expanding the (lazily filled) tree, until at least count rows match
     * (labels update one event at a time); returns every matching row's text, columns joined by " | ".
     */
    private static List<String> waitForLabels(TreeViewer viewer, Predicate<String> wanted, int count)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        List<String> all = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            UiTestSupport.processEvents();
            viewer.expandToLevel(AbstractTreeViewer.ALL_LEVELS);
            UiTestSupport.processEvents();
            all.clear();
            collect(((Tree) viewer.getControl()).getItems(), all);
            List<String> hits = all.stream().filter(wanted).toList();
            if (hits.size() >= count) {
                return hits;
            }
            Thread.sleep(20);
        }
        fail("fewer than " + count + " matching rows within " + TIMEOUT_MS + " ms; rows: " + all);
        return List.of();
    }

    private static void collect(TreeItem[] items, List<String> out) {
        for (TreeItem item : items) {
            int columns = Math.max(1, item.getParent().getColumnCount());
            StringBuilder text = new StringBuilder(item.getText(0));
            for (int c = 1; c < columns; c++) {
                text.append(" | ").append(item.getText(c));
            }
            out.add(text.toString());
            collect(item.getItems(), out);
        }
    }

    private static Path kernel() {
        Path elf = Path.of(System.getProperty("hartbench.repo", ".")).resolve("kernel-sources/build/kernel.elf");
        if (!Files.isRegularFile(elf)) {
            fail("no kernel image at " + elf + ": build it with make -C kernel-sources all");
        }
        return elf;
    }
}
