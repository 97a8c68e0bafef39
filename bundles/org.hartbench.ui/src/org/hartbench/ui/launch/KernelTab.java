package org.hartbench.ui.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.hartbench.core.launch.KernelFiles;
import org.hartbench.core.launch.KernelLaunchAttributes;
import org.hartbench.core.launch.KernelLaunchSettings;
import org.hartbench.core.launch.KernelLaunchValidator;

/**
 * The Kernel tab: which ELF boots (the shipped kernel, or a workspace or file-system file), the
 * boot manifest and further boot arguments. It maps widgets to {@link KernelLaunchAttributes} and
 * shows {@link KernelLaunchValidator}'s messages; it checks nothing itself.
 */
public class KernelTab extends AbstractLaunchConfigurationTab {

    private Button shipped;
    private Text kernel;
    private Text manifest;
    private Text bootArgs;

    @Override
    public void createControl(Composite parent) {
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(top);
        setControl(top);

        Group elf = TabWidgets.group(top, "Kernel ELF", 3);
        shipped = new Button(elf, SWT.CHECK);
        shipped.setText("Boot the kernel shipped with Hartbench");
        GridDataFactory.fillDefaults().span(3, 1).applyTo(shipped);
        shipped.addListener(SWT.Selection, e -> {
            updateEnablement();
            changed();
        });
        kernel = new Text(elf, SWT.BORDER | SWT.SINGLE);
        kernel.setMessage("path to an RV64 ELF, or ${workspace_loc:/project/kernel.elf}");
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).applyTo(kernel);
        kernel.addListener(SWT.Modify, e -> changed());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(new Label(elf, SWT.NONE));
        TabWidgets.addBrowseButtons(elf, kernel, "Kernel ELF", "elf");

        Group boot = TabWidgets.group(top, "Boot", 2);
        new Label(boot, SWT.NONE).setText("Manifest:");
        manifest = new Text(boot, SWT.BORDER | SWT.SINGLE);
        manifest.setMessage("default (others: console, stress, ring, process-scale, ...)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(manifest);
        manifest.addListener(SWT.Modify, e -> changed());
        new Label(boot, SWT.NONE).setText("Boot arguments:");
        bootArgs = new Text(boot, SWT.BORDER | SWT.SINGLE);
        bootArgs.setMessage("key=value words, e.g. workers=4");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bootArgs);
        bootArgs.addListener(SWT.Modify, e -> changed());
        Label note = new Label(boot, SWT.WRAP);
        note.setText("The kernel receives \"manifest=NAME\" followed by the boot arguments in /chosen/bootargs.");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(note);
    }

    private void changed() {
        updateLaunchConfigurationDialog();
    }

    private void updateEnablement() {
        TabWidgets.setFileFieldEnabled(kernel, !shipped.getSelection());
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        KernelLaunchSettings d = KernelLaunchSettings.defaults();
        config.setAttribute(KernelLaunchAttributes.KERNEL, d.kernel());
        config.setAttribute(KernelLaunchAttributes.MANIFEST, d.manifest());
        config.setAttribute(KernelLaunchAttributes.BOOT_ARGS, d.bootArgs());
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        KernelLaunchSettings s = read(config);
        shipped.setSelection(s.kernel().isEmpty());
        shipped.setToolTipText(KernelFiles.shippedKernel().map(Object::toString)
                .orElse("The shipped kernel is not installed"));
        kernel.setText(s.kernel());
        manifest.setText(s.manifest());
        bootArgs.setText(s.bootArgs());
        updateEnablement();
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(KernelLaunchAttributes.KERNEL, shipped.getSelection() ? "" : kernel.getText().trim());
        config.setAttribute(KernelLaunchAttributes.MANIFEST, manifest.getText().trim());
        config.setAttribute(KernelLaunchAttributes.BOOT_ARGS, bootArgs.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        KernelLaunchSettings s = read(config);
        if (!shipped.getSelection() && s.kernel().isEmpty()) {
            setErrorMessage("Choose a kernel ELF file, or boot the shipped kernel.");
            return false;
        }
        String problem = KernelLaunchValidator.kernelProblem(s).orElse(null);
        setErrorMessage(problem);
        return problem == null;
    }

    @Override
    public String getName() {
        return "Kernel";
    }

    @Override
    public String getId() {
        return "org.hartbench.ui.launch.kernelTab";
    }

    private KernelLaunchSettings read(ILaunchConfiguration config) {
        try {
            return KernelLaunchSettings.read(config);
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
            return KernelLaunchSettings.defaults();
        }
    }

    /** The "shipped kernel" check box, for UI tests. */
    public Button shippedButton() {
        return shipped;
    }

    /** The kernel path field, for UI tests. */
    public Text kernelText() {
        return kernel;
    }

    /** The manifest field, for UI tests. */
    public Text manifestText() {
        return manifest;
    }
}
