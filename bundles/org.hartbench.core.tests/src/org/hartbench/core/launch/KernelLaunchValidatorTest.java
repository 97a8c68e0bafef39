package org.hartbench.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messages a user sees for bad launch settings, and silence for good ones. */
class KernelLaunchValidatorTest {

    @TempDir
    Path dir;

    private KernelLaunchSettings withElf(Path elf) {
        return KernelLaunchSettings.defaults().withKernel(elf.toString());
    }

    private static KernelLaunchSettings machine(int harts, String mode, int memoryMiB, String disk, boolean readOnly) {
        KernelLaunchSettings d = KernelLaunchSettings.defaults();
        return new KernelLaunchSettings(d.kernel(), d.manifest(), d.bootArgs(), harts, mode, memoryMiB, disk, readOnly,
                d.trace());
    }

    @Test
    void aValidRv64ExecutableHasNoProblem() throws Exception {
        Path elf = GuestImages.write(dir.resolve("ok.elf"), GuestImages.HELLO_THEN_PASS);
        assertEquals(Optional.empty(), KernelLaunchValidator.problem(withElf(elf)));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("no-such-kernel.elf");
        String message = KernelLaunchValidator.kernelProblem(withElf(missing)).orElseThrow();
        assertEquals("Kernel ELF file does not exist: " + missing, message);
    }

    @Test
    void aTextFileIsNotAnElf() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.elf"), "just some text\n");
        String message = KernelLaunchValidator.kernelProblem(withElf(text)).orElseThrow();
        assertTrue(message.startsWith("Not a RISC-V RV64 executable: "), message);
        assertTrue(message.contains("not an ELF file"), message);
    }

    @Test
    void anX86ElfIsRejectedWithItsMachine() throws Exception {
        Path x86 = GuestImages.write(dir.resolve("x86.elf"), GuestImages.SPIN, 62, 4);
        String message = KernelLaunchValidator.kernelProblem(withElf(x86)).orElseThrow();
        assertTrue(message.startsWith("Not a RISC-V RV64 executable: "), message);
        assertTrue(message.contains("machine 62") && message.contains("expected RISC-V"), message);
    }

    @Test
    void aSegmentLargerThanRamDoesNotFit() throws Exception {
        Path big = GuestImages.write(dir.resolve("big.elf"), GuestImages.SPIN, 243, 300L << 20);
        String message = KernelLaunchValidator.kernelProblem(withElf(big)).orElseThrow();
        assertEquals("Kernel segment 0x80000000-0x92c00000 does not fit in 256 MiB of RAM at 0x80000000.", message);
        KernelLaunchSettings roomy = withElf(big);
        roomy = new KernelLaunchSettings(roomy.kernel(), "", "", 1, "deterministic", 512, "", false, true);
        assertEquals(Optional.empty(), KernelLaunchValidator.kernelProblem(roomy));
    }

    @Test
    void hartCountOutsideOneToThirtyTwo() {
        assertEquals(Optional.of("Hart count 0 is out of range (1 to 32)"),
                KernelLaunchValidator.machineProblem(machine(0, "deterministic", 256, "", false)));
        assertEquals(Optional.of("Hart count 33 is out of range (1 to 32)"),
                KernelLaunchValidator.machineProblem(machine(33, "parallel", 256, "", false)));
        assertEquals(Optional.empty(), KernelLaunchValidator.machineProblem(machine(32, "parallel", 256, "", false)));
        assertEquals(Optional.empty(), KernelLaunchValidator.machineProblem(machine(1, "deterministic", 256, "", false)));
    }

    @Test
    void memoryOutOfRange() {
        String small = KernelLaunchValidator.machineProblem(machine(1, "deterministic", 8, "", false)).orElseThrow();
        assertTrue(small.startsWith("Memory size 8 MiB is out of range (16 to 2047 MiB"), small);
        String big = KernelLaunchValidator.machineProblem(machine(1, "deterministic", 4096, "", false)).orElseThrow();
        assertTrue(big.startsWith("Memory size 4096 MiB is out of range"), big);
    }

    @Test
    void unknownModeNamesTheValidOnes() {
        assertEquals(Optional.of("Unknown mode 'fast' (expected deterministic or parallel)"),
                KernelLaunchValidator.machineProblem(machine(2, "fast", 256, "", false)));
    }

    @Test
    void diskImageMustExistAndBeWritableUnlessReadOnly() throws Exception {
        Path missing = dir.resolve("disk.img");
        assertEquals(Optional.of("Disk image does not exist: " + missing),
                KernelLaunchValidator.machineProblem(machine(1, "deterministic", 256, missing.toString(), false)));
        assertEquals(Optional.of("Disk image is not a regular file: " + dir),
                KernelLaunchValidator.machineProblem(machine(1, "deterministic", 256, dir.toString(), true)));
        Path image = Files.write(missing, new byte[4096]);
        assertEquals(Optional.empty(),
                KernelLaunchValidator.machineProblem(machine(1, "deterministic", 256, image.toString(), false)));
    }

    @Test
    void manifestNameIsOneWord() throws Exception {
        Path elf = GuestImages.write(dir.resolve("ok.elf"), GuestImages.SPIN);
        KernelLaunchSettings s = withElf(elf);
        s = new KernelLaunchSettings(s.kernel(), "stress now", "", 2, "deterministic", 256, "", false, true);
        assertEquals(Optional.of("Manifest name 'stress now' may only contain letters, digits, '-' and '_'."),
                KernelLaunchValidator.kernelProblem(s));
    }

    @Test
    void anUnknownWorkspaceFileIsReportedAsAKernelProblem() {
        KernelLaunchSettings s = KernelLaunchSettings.defaults().withKernel("${workspace_loc:/no-project/kernel.elf}");
        String message = KernelLaunchValidator.kernelProblem(s).orElseThrow();
        assertTrue(message.startsWith("Kernel ELF: "), message);
    }

    @Test
    void aRewrittenFileIsCheckedAgain() throws Exception {
        Path elf = GuestImages.write(dir.resolve("changing.elf"), GuestImages.SPIN);
        assertEquals(Optional.empty(), KernelLaunchValidator.kernelProblem(withElf(elf)));
        Files.writeString(elf, "no longer an executable, and a different size");
        assertTrue(KernelLaunchValidator.kernelProblem(withElf(elf)).isPresent(), "the cached verdict is not reused");
    }
}
