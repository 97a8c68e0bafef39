package org.hartbench.ui.scaling;

import java.util.Locale;
import java.util.OptionalInt;

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
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.hartbench.core.launch.KernelFiles;
import org.hartbench.core.launch.KernelLaunchAttributes;
import org.hartbench.core.scaling.ScaleBackend;
import org.hartbench.core.scaling.ScaleDemo;
import org.hartbench.core.scaling.launch.ScalingFiles;
import org.hartbench.core.scaling.launch.ScalingLaunchAttributes;
import org.hartbench.core.scaling.launch.ScalingLaunchSettings;
import org.hartbench.core.scaling.launch.ScalingLaunchValidator;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.ui.launch.TabWidgets;

/**
 * The Scaling tab: which demo, at which CPU counts, how often, on which backend and kernel, and
 * where the artifacts go. It maps widgets to {@link ScalingLaunchAttributes} and shows
 * {@link ScalingLaunchValidator}'s messages; it checks nothing itself except that whole-number
 * fields hold whole numbers (a field that is not a number cannot be stored as an int attribute).
 */
public class ScalingTab extends AbstractLaunchConfigurationTab {

    private Combo demo;
    private Text cpus;
    private Text repeats;
    private Combo mode;
    private Combo backend;
    private Button shipped;
    private Text kernel;
    private Text extraArgs;
    private Text outputDir;

    @Override
    public void createControl(Composite parent) {
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(top);
        setControl(top);

        Group claim = TabWidgets.group(top, "Claim", 4);
        new Label(claim, SWT.NONE).setText("Demo:");
        demo = new Combo(claim, SWT.READ_ONLY);
        for (ScaleDemo d : ScaleDemo.values()) {
            demo.add(d.guestName);
        }
        demo.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        new Label(claim, SWT.NONE).setText("Repeats:");
        repeats = new Text(claim, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.swtDefaults().hint(60, SWT.DEFAULT).applyTo(repeats);
        repeats.addListener(SWT.Modify, e -> updateLaunchConfigurationDialog());
        new Label(claim, SWT.NONE).setText("CPU counts:");
        cpus = new Text(claim, SWT.BORDER | SWT.SINGLE);
        cpus.setMessage("e.g. 1,2,4 (must include 1)");
        field(cpus, 3);
        note(claim, "The 1→2 claim needs a median speedup of 1.6x. Deterministic repeats are bit-identical, so one "
                + "is enough there; repeats matter in parallel mode and on QEMU.");

        Group machine = TabWidgets.group(top, "Machine", 4);
        new Label(machine, SWT.NONE).setText("Mode:");
        mode = new Combo(machine, SWT.READ_ONLY);
        for (ExecutionMode m : ExecutionMode.values()) {
            mode.add(KernelLaunchAttributes.modeName(m));
        }
        mode.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        new Label(machine, SWT.NONE).setText("Backend:");
        backend = new Combo(machine, SWT.READ_ONLY);
        for (ScaleBackend b : ScaleBackend.values()) {
            backend.add(b.label());
        }
        backend.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());
        note(machine, "Deterministic: virtual time (instructions retired). Parallel and QEMU: wall clock; QEMU has "
                + "no trace device, so its runs skip the concurrency checks.");

        Group elf = TabWidgets.group(top, "Kernel and boot", 3);
        shipped = new Button(elf, SWT.CHECK);
        shipped.setText("Use the kernel shipped with Hartbench");
        GridDataFactory.fillDefaults().span(3, 1).applyTo(shipped);
        shipped.addListener(SWT.Selection, e -> {
            updateEnablement();
            updateLaunchConfigurationDialog();
        });
        kernel = new Text(elf, SWT.BORDER | SWT.SINGLE);
        kernel.setMessage("an RV64 ELF with the demos");
        field(kernel, 1);
        TabWidgets.addBrowseButtons(elf, kernel, "Kernel ELF", "elf");
        extraArgs = new Text(elf, SWT.BORDER | SWT.SINGLE);
        extraArgs.setMessage("extra boot arguments, e.g. hi=10000000 workers=4");
        field(extraArgs, 3);

        Group out = TabWidgets.group(top, "Artifacts", 2);
        outputDir = new Text(out, SWT.BORDER | SWT.SINGLE);
        outputDir.setMessage("default: the workspace metadata");
        field(outputDir, 1);
        Button browse = new Button(out, SWT.PUSH);
        browse.setText("Directory...");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(out.getShell());
            dialog.setText("Artifact directory");
            String chosen = dialog.open();
            if (chosen != null) {
                outputDir.setText(chosen);
            }
        });
        note(out, "Each session writes its logs, traces, table, summary.json and JUnit XML to a new subdirectory "
                + "named by its start time. Empty: " + ScalingFiles.defaultBase() + "/CONFIGURATION/");
    }

    /** A text field that takes the rest of the row but never asks for more width than the tab has. */
    private void field(Text text, int span) {
        GridDataFactory.fillDefaults().grab(true, false).span(span, 1).hint(150, SWT.DEFAULT).applyTo(text);
        text.addListener(SWT.Modify, e -> updateLaunchConfigurationDialog());
    }

    private static void note(Composite parent, String text) {
        Label note = new Label(parent, SWT.WRAP);
        note.setText(text);
        // A small width hint: the grid widens the label to the row and wraps it there.
        GridDataFactory.fillDefaults().span(((org.eclipse.swt.layout.GridLayout) parent.getLayout()).numColumns, 1)
                .grab(true, false).hint(150, SWT.DEFAULT).applyTo(note);
    }

    private void updateEnablement() {
        TabWidgets.setFileFieldEnabled(kernel, !shipped.getSelection());
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        ScalingLaunchSettings.defaults().write(config);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        ScalingLaunchSettings s = read(config);
        select(demo, s.demo());
        cpus.setText(s.cpus());
        repeats.setText(Integer.toString(s.repeats()));
        select(mode, s.mode());
        select(backend, s.backend());
        shipped.setSelection(s.kernel().isEmpty());
        shipped.setToolTipText(KernelFiles.shippedKernel().map(Object::toString)
                .orElse("The shipped kernel is not installed"));
        kernel.setText(s.kernel());
        extraArgs.setText(s.extraArgs());
        outputDir.setText(s.outputDir());
        updateEnablement();
    }

    private static void select(Combo combo, String value) {
        int index = combo.indexOf(value.toLowerCase(Locale.ROOT));
        combo.select(index >= 0 ? index : 0);
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        OptionalInt r = parse(repeats);
        ScalingLaunchSettings current = read(config);
        new ScalingLaunchSettings(demo.getText(), cpus.getText(), r.orElse(current.repeats()), mode.getText(),
                backend.getText(), shipped.getSelection() ? "" : kernel.getText(), extraArgs.getText(),
                outputDir.getText()).write(config);
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        if (parse(repeats).isEmpty()) {
            setErrorMessage("Repeats '" + repeats.getText().trim() + "' is not a whole number.");
            return false;
        }
        if (!shipped.getSelection() && kernel.getText().isBlank()) {
            setErrorMessage("Choose a kernel ELF file, or use the shipped kernel.");
            return false;
        }
        String problem = ScalingLaunchValidator.problem(read(config)).orElse(null);
        setErrorMessage(problem);
        return problem == null;
    }

    private static OptionalInt parse(Text field) {
        try {
            return OptionalInt.of(Integer.parseInt(field.getText().trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private ScalingLaunchSettings read(ILaunchConfiguration config) {
        try {
            return ScalingLaunchSettings.read(config);
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
            return ScalingLaunchSettings.defaults();
        }
    }

    @Override
    public String getName() {
        return "Scaling";
    }

    @Override
    public String getId() {
        return "org.hartbench.ui.scaling.scalingTab";
    }

    /** The CPU counts field, for UI tests. */
    public Text cpusText() {
        return cpus;
    }

    /** The repeats field, for UI tests. */
    public Text repeatsText() {
        return repeats;
    }
}
