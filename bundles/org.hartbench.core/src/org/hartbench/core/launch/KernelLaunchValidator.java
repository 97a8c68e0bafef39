package org.hartbench.core.launch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.CoreException;
import org.hartbench.emulator.api.ElfFormatException;
import org.hartbench.emulator.api.ElfImage;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.MachineConfig;
import org.hartbench.emulator.internal.bus.MemoryMap;
import org.hartbench.emulator.internal.elf.ElfFile;

/**
 * Checks launch settings before anything is built, with messages a user can act on. The tabs
 * show these messages; the delegate refuses to launch with them. Ranges come from the emulator
 * ({@link MachineConfig#validate()}) and ELF checks from its loader ({@link ElfFile}), so the
 * launch never accepts what the machine would reject.
 */
public final class KernelLaunchValidator {
    private KernelLaunchValidator() {
    }

    /** Manifest names are file names in kernel-sources/manifests/ and one boot-argument word. */
    private static final Pattern MANIFEST_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** The first problem of all settings, or empty when they can be launched. */
    public static Optional<String> problem(KernelLaunchSettings settings) {
        Optional<String> machine = machineProblem(settings);
        return machine.isPresent() ? machine : kernelProblem(settings);
    }

    /**
     * Problems of the Kernel tab's settings: the ELF file and the manifest name. The RAM-fit check
     * uses the configured memory size when that is valid.
     */
    public static Optional<String> kernelProblem(KernelLaunchSettings settings) {
        if (!settings.manifest().isEmpty() && !MANIFEST_NAME.matcher(settings.manifest()).matches()) {
            return Optional.of("Manifest name '" + settings.manifest()
                    + "' may only contain letters, digits, '-' and '_'.");
        }
        Path elf;
        try {
            elf = KernelFiles.kernel(settings);
        } catch (CoreException e) {
            return Optional.of(e.getStatus().getMessage());
        }
        int ramMiB = memoryProblem(settings).isEmpty() ? settings.memoryMiB() : 0;
        FileStamp stamp = FileStamp.of(elf, ramMiB);
        KernelCheck cached = lastKernelCheck;
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.problem();
        }
        Optional<String> problem = checkKernelFile(elf, ramMiB);
        lastKernelCheck = new KernelCheck(stamp, problem);
        return problem;
    }

    /** ramMiB 0: skip the RAM-fit check (the memory setting has its own problem). */
    private static Optional<String> checkKernelFile(Path elf, int ramMiB) {
        ElfImage image;
        try {
            image = ElfFile.read(elf);
        } catch (FileNotFoundException e) {
            return Optional.of("Kernel ELF file does not exist: " + elf);
        } catch (IOException e) {
            return Optional.of("Kernel ELF file cannot be read: " + e.getMessage());
        } catch (ElfFormatException e) {
            return Optional.of("Not a RISC-V RV64 executable: " + e.getMessage());
        }
        return ramMiB == 0 ? Optional.empty() : ramFitProblem(image, ramMiB);
    }

    /**
     * The tabs validate on every keystroke; reading and parsing a kernel of a few MiB each time
     * would make typing sluggish, so the last verdict is kept while the file is unchanged.
     */
    private static volatile KernelCheck lastKernelCheck;

    private record KernelCheck(FileStamp stamp, Optional<String> problem) {
    }

    /** What identifies one version of a file for the cache; size -1 when it does not exist. */
    private record FileStamp(Path path, long size, long modified, int ramMiB) {
        static FileStamp of(Path path, int ramMiB) {
            try {
                return new FileStamp(path, Files.size(path), Files.getLastModifiedTime(path).toMillis(), ramMiB);
            } catch (IOException e) {
                return new FileStamp(path, -1, System.nanoTime(), ramMiB);
            }
        }
    }

    /** Problems of the Machine tab's settings: harts, mode, memory and disk. */
    public static Optional<String> machineProblem(KernelLaunchSettings settings) {
        try {
            ExecutionMode.parse(settings.mode());
        } catch (IllegalArgumentException e) {
            return Optional.of(sentence(e.getMessage()));
        }
        try {
            MachineConfig.defaults().withHarts(settings.harts()).validate();
        } catch (IllegalArgumentException e) {
            return Optional.of(sentence(e.getMessage()));
        }
        Optional<String> memory = memoryProblem(settings);
        return memory.isPresent() ? memory : diskProblem(settings);
    }

    private static Optional<String> memoryProblem(KernelLaunchSettings settings) {
        try {
            MachineConfig.defaults().withRamMiB(settings.memoryMiB()).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(sentence(e.getMessage()));
        }
    }

    private static Optional<String> diskProblem(KernelLaunchSettings settings) {
        Optional<Path> disk;
        try {
            disk = KernelFiles.disk(settings);
        } catch (CoreException e) {
            return Optional.of(e.getStatus().getMessage());
        }
        if (disk.isEmpty()) {
            return Optional.empty();
        }
        Path file = disk.get();
        if (!Files.exists(file)) {
            return Optional.of("Disk image does not exist: " + file);
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("Disk image is not a regular file: " + file);
        }
        if (!Files.isReadable(file)) {
            return Optional.of("Disk image cannot be read: " + file);
        }
        if (!settings.diskReadOnly() && !Files.isWritable(file)) {
            return Optional.of("Disk image is not writable: " + file + " (make it writable or attach it read-only)");
        }
        return Optional.empty();
    }

    /** Every PT_LOAD segment must land in RAM, or the loader would refuse the image. */
    private static Optional<String> ramFitProblem(ElfImage image, int ramMiB) {
        long ramBase = MemoryMap.RAM.base();
        long ramEnd = ramBase + ((long) ramMiB << 20);
        for (ElfImage.Segment s : image.segments()) {
            long start = s.physicalAddress();
            long end = start + s.memSize();
            if (s.memSize() > 0 && (start < ramBase || end > ramEnd || end < start)) {
                return Optional.of(String.format(Locale.ROOT,
                        "Kernel segment 0x%x-0x%x does not fit in %d MiB of RAM at 0x%x.", start, end, ramMiB, ramBase));
            }
        }
        return Optional.empty();
    }

    /**
     * The emulator's and the harness's messages are lower-case fragments; the launch dialog shows
     * sentences: capitalised, with a full stop unless they end with a parenthesis.
     */
    public static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "Invalid setting.";
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") || s.endsWith(")") ? s : s + ".";
    }
}
