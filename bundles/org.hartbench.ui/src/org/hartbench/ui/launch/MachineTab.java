package org.hartbench.ui.launch;

import java.util.Locale;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.hartbench.core.launch.KernelLaunchAttributes;
import org.hartbench.core.launch.KernelLaunchSettings;
import org.hartbench.core.launch.KernelLaunchValidator;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.MachineConfig;

/**
 * The Machine tab: hart count, execution mode, memory, disk image and tracing. Whole numbers are
 * parsed here (a field that is not a number cannot be stored as an int attribute); every range
 * check is {@link KernelLaunchValidator}'s.
 */
public class MachineTab extends AbstractLaunchConfigurationTab {

    private Text harts;
    private Combo mode;
    private Text memory;
    private Text disk;
    private Button diskReadOnly;
    private Button trace;

    @Override
    public void createControl(Composite parent) {
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(top);
        setControl(top);

        Group cpu = TabWidgets.group(top, "Harts and time", 2);
        new Label(cpu, SWT.NONE).setText("Harts (1-" + MachineConfig.MAX_HARTS + "):");
        harts = new Text(cpu, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.swtDefaults().hint(80, SWT.DEFAULT).applyTo(harts);
        harts.addListener(SWT.Modify, e -> updateLaunchConfigurationDialog());
        new Label(cpu, SWT.NONE).setText("Mode:");
        mode = new Combo(cpu, SWT.READ_ONLY);
        for (ExecutionMode m : ExecutionMode.values()) {
            mode.add(KernelLaunchAttributes.modeName(m));
        }
        mode.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        Label modeNote = new Label(cpu, SWT.WRAP);
        modeNote.setText("Deterministic: all harts on one host thread, time from instructions retired, bit-identical reruns.\n"
                + "Parallel: one host thread per hart, time from the host clock.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(modeNote);

        Group board = TabWidgets.group(top, "Memory and devices", 4);
        new Label(board, SWT.NONE).setText("Memory (MiB):");
        memory = new Text(board, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.swtDefaults().hint(80, SWT.DEFAULT).span(3, 1).applyTo(memory);
        memory.addListener(SWT.Modify, e -> updateLaunchConfigurationDialog());
        new Label(board, SWT.NONE).setText("Disk image:");
        disk = new Text(board, SWT.BORDER | SWT.SINGLE);
        disk.setMessage("none (a host file backs the virtio block device)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(disk);
        disk.addListener(SWT.Modify, e -> updateLaunchConfigurationDialog());
        TabWidgets.addBrowseButtons(board, disk, "Disk image", null);
        new Label(board, SWT.NONE);
        diskReadOnly = createCheckButton(board, "Read-only disk");
        GridDataFactory.swtDefaults().span(3, 1).applyTo(diskReadOnly);
        diskReadOnly.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        trace = createCheckButton(board, "Trace device (the kernel writes trace records for the CPUs and Ring Trace views)");
        GridDataFactory.swtDefaults().span(4, 1).applyTo(trace);
        trace.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        KernelLaunchSettings d = KernelLaunchSettings.defaults();
        config.setAttribute(KernelLaunchAttributes.HARTS, d.harts());
        config.setAttribute(KernelLaunchAttributes.MODE, d.mode());
        config.setAttribute(KernelLaunchAttributes.MEMORY_MIB, d.memoryMiB());
        config.setAttribute(KernelLaunchAttributes.DISK, d.disk());
        config.setAttribute(KernelLaunchAttributes.DISK_READ_ONLY, d.diskReadOnly());
        config.setAttribute(KernelLaunchAttributes.TRACE, d.trace());
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        KernelLaunchSettings s;
        try {
            s = KernelLaunchSettings.read(config);
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
            s = KernelLaunchSettings.defaults();
        }
        harts.setText(Integer.toString(s.harts()));
        int index = mode.indexOf(s.mode().toLowerCase(Locale.ROOT));
        mode.select(index >= 0 ? index : 0);
        memory.setText(Integer.toString(s.memoryMiB()));
        disk.setText(s.disk());
        diskReadOnly.setSelection(s.diskReadOnly());
        trace.setSelection(s.trace());
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        // A field that is not a number leaves the stored value alone; isValid reports it.
        parse(harts).ifPresent(n -> config.setAttribute(KernelLaunchAttributes.HARTS, n));
        config.setAttribute(KernelLaunchAttributes.MODE, mode.getText());
        parse(memory).ifPresent(n -> config.setAttribute(KernelLaunchAttributes.MEMORY_MIB, n));
        config.setAttribute(KernelLaunchAttributes.DISK, disk.getText().trim());
        config.setAttribute(KernelLaunchAttributes.DISK_READ_ONLY, diskReadOnly.getSelection());
        config.setAttribute(KernelLaunchAttributes.TRACE, trace.getSelection());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        if (parse(harts).isEmpty()) {
            setErrorMessage("Hart count '" + harts.getText().trim() + "' is not a whole number.");
            return false;
        }
        if (parse(memory).isEmpty()) {
            setErrorMessage("Memory size '" + memory.getText().trim() + "' is not a whole number of MiB.");
            return false;
        }
        String problem;
        try {
            problem = KernelLaunchValidator.machineProblem(KernelLaunchSettings.read(config)).orElse(null);
        } catch (CoreException e) {
            problem = e.getStatus().getMessage();
        }
        setErrorMessage(problem);
        return problem == null;
    }

    private static java.util.OptionalInt parse(Text field) {
        try {
            return java.util.OptionalInt.of(Integer.parseInt(field.getText().trim()));
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    @Override
    public String getName() {
        return "Machine";
    }

    @Override
    public String getId() {
        return "org.hartbench.ui.launch.machineTab";
    }

    /** The hart count field, for UI tests. */
    public Text hartsText() {
        return harts;
    }

    /** The memory field, for UI tests. */
    public Text memoryText() {
        return memory;
    }
}
