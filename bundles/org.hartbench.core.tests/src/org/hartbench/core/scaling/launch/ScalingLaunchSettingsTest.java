package org.hartbench.core.scaling.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.hartbench.core.scaling.ScaleBackend;
import org.hartbench.core.scaling.ScaleDemo;
import org.hartbench.core.scaling.ScaleOptions;
import org.hartbench.emulator.api.ExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaling launch type's keys, defaults, round trip and the messages for bad settings. */
class ScalingLaunchSettingsTest {

    @TempDir
    Path dir;

    static ILaunchConfigurationType type() {
        ILaunchConfigurationType type = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(ScalingLaunchAttributes.TYPE_ID);
        assertNotNull(type, "the launch type is declared in plugin.xml");
        return type;
    }

    /** Valid settings on the built kernel, with the given CPU counts and repeats. */
    static ScalingLaunchSettings onBuiltKernel(String cpus, int repeats) {
        ScalingLaunchSettings d = ScalingLaunchSettings.defaults();
        return new ScalingLaunchSettings(d.demo(), cpus, repeats, d.mode(), d.backend(), TestKernel.path().toString(),
                "", "");
    }

    private static ScalingLaunchSettings with(String demo, String cpus, int repeats, String mode, String backend,
            String extraArgs) {
        return new ScalingLaunchSettings(demo, cpus, repeats, mode, backend, TestKernel.path().toString(), extraArgs,
                "");
    }

    @Test
    void theTypeIsDeclaredForRunMode() {
        assertEquals("Hartbench Scaling Test", type().getName());
        assertTrue(type().supportsMode(ILaunchManager.RUN_MODE));
    }

    @Test
    void everyOwnKeyIsPrefixedAndDistinct() throws Exception {
        Set<String> keys = new HashSet<>();
        for (Field f : ScalingLaunchAttributes.class.getFields()) {
            boolean own = !f.getName().startsWith("DEFAULT_") && !f.getName().startsWith("TEST_VIEW_SUPPORT");
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && own) {
                String key = (String) f.get(null);
                assertTrue(key.startsWith("org.hartbench.launch.scaling"), f.getName() + " = " + key);
                assertTrue(keys.add(key), "duplicate key " + key);
            }
        }
        assertEquals(10, keys.size(), "type id, process type and eight attributes");
    }

    @Test
    void anEmptyConfigurationReadsAsTheDefaults() throws Exception {
        ScalingLaunchSettings s = ScalingLaunchSettings.read(type().newInstance(null, "defaults"));
        assertEquals(ScalingLaunchSettings.defaults(), s);
        assertEquals("process", s.demo());
        assertEquals(List.of(1, 2, 4), s.cpuList());
        assertEquals(5, s.repeats());
        assertEquals("deterministic", s.mode());
        assertEquals("emulator", s.backend());
        assertEquals("", s.kernel(), "the shipped kernel");
        assertEquals("", s.outputDir(), "the workspace metadata");
    }

    @Test
    void settingsSurviveAWriteAndReadAndNameTheTestViewSupport() throws Exception {
        ILaunchConfigurationWorkingCopy copy = type().newInstance(null, "round-trip");
        ScalingLaunchSettings written = new ScalingLaunchSettings("thread", "1, 2 ,8", 3, "parallel", "qemu",
                "/k/kernel.elf", "hi=1000", "/out");
        written.write(copy);
        assertEquals(written, ScalingLaunchSettings.read(copy));
        assertEquals(List.of(1, 2, 8), written.cpuList());
        assertEquals(ScalingLaunchAttributes.TEST_VIEW_SUPPORT_ID,
                copy.getAttribute(ScalingLaunchAttributes.TEST_VIEW_SUPPORT_ATTRIBUTE, ""));
    }

    @Test
    void settingsBecomeHarnessOptions() {
        ScaleOptions o = with("thread", "1,2", 2, "parallel", "emulator", "hi=1000").toOptions(TestKernel.path(), dir);
        assertEquals(ScaleDemo.THREAD, o.demo());
        assertEquals(List.of(1, 2), o.cpus());
        assertEquals(2, o.repeats());
        assertEquals(ExecutionMode.PARALLEL, o.mode());
        assertEquals(ScaleBackend.EMULATOR, o.backend());
        assertEquals("hi=1000", o.extraArgs());
        assertEquals(dir, o.outDir());
        assertEquals("wall clock", o.timeBase());
    }

    @Test
    void goodSettingsHaveNoProblem() {
        assertEquals(Optional.empty(), ScalingLaunchValidator.problem(onBuiltKernel("1,2,4", 5)));
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals("CPU counts [2, 4] must include 1: speedups are measured against 1 CPU.",
                problem(with("process", "2,4", 1, "deterministic", "emulator", "")));
        assertEquals("CPU count 'two' is not a whole number.",
                problem(with("process", "1,two", 1, "deterministic", "emulator", "")));
        assertEquals("CPU count 33 is out of range (1 to 32)",
                problem(with("process", "1,33", 1, "deterministic", "emulator", "")));
        assertEquals("No CPU counts given (for example 1,2,4)",
                problem(with("process", "", 1, "deterministic", "emulator", "")));
        assertEquals("Repeats 0 is out of range (1 to 1000)",
                problem(with("process", "1,2", 0, "deterministic", "emulator", "")));
        assertEquals("Unknown demo 'pipes' (expected process or thread)",
                problem(with("pipes", "1,2", 1, "deterministic", "emulator", "")));
        assertEquals("Unknown mode 'fast' (expected deterministic or parallel)",
                problem(with("process", "1,2", 1, "fast", "emulator", "")));
        assertEquals("Unknown backend 'spike' (expected emulator or qemu)",
                problem(with("process", "1,2", 1, "deterministic", "spike", "")));
        assertEquals("Boot argument 'hi' is not key=value.",
                problem(with("process", "1,2", 1, "deterministic", "emulator", "hi")));
        assertEquals("Extra boot arguments must not set manifest= (the demo chooses it)",
                problem(with("process", "1,2", 1, "deterministic", "emulator", "manifest=stress")));
    }

    @Test
    void aMissingOrForeignKernelIsNamed() throws Exception {
        ScalingLaunchSettings d = ScalingLaunchSettings.defaults();
        Path missing = dir.resolve("none.elf");
        String message = ScalingLaunchValidator.problem(new ScalingLaunchSettings(d.demo(), "1,2", 1, d.mode(),
                d.backend(), missing.toString(), "", "")).orElseThrow();
        assertTrue(message.startsWith("Kernel image " + missing + " does not exist"), message);

        Path text = Files.writeString(dir.resolve("notes.elf"), "not an elf\n");
        message = ScalingLaunchValidator.problem(new ScalingLaunchSettings(d.demo(), "1,2", 1, d.mode(), d.backend(),
                text.toString(), "", "")).orElseThrow();
        assertTrue(message.startsWith("Not a RISC-V RV64 executable: "), message);
    }

    @Test
    void anOutputDirectoryThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        String message = ScalingLaunchValidator.problem(onBuiltKernel("1,2", 1).withOutputDir(file.toString()))
                .orElseThrow();
        assertEquals("Output directory is a file, not a directory: " + file, message);
        assertEquals(Optional.empty(), ScalingLaunchValidator.problem(onBuiltKernel("1,2", 1)
                .withOutputDir(dir.resolve("new").toString())), "a directory yet to be made is fine");
    }

    @Test
    void sessionsGetTheirOwnDirectories() throws Exception {
        Path root = ScalingFiles.outputRoot(ScalingLaunchSettings.defaults().withOutputDir(dir.toString()), "x");
        assertEquals(dir, root, "an explicit directory is used as it is");
        Path first = ScalingFiles.newSessionDir(root);
        Files.createDirectories(first);
        Path second = ScalingFiles.newSessionDir(root);
        assertTrue(!first.equals(second) && first.getParent().equals(root) && second.getParent().equals(root),
                first + " " + second);

        Path dflt = ScalingFiles.outputRoot(ScalingLaunchSettings.defaults(), "my scaling/test");
        assertEquals("my_scaling_test", dflt.getFileName().toString(), "the configuration's name, made file-safe");
        assertEquals(ScalingFiles.defaultBase(), dflt.getParent());
    }

    private static String problem(ScalingLaunchSettings s) {
        return ScalingLaunchValidator.problem(s).orElseThrow(() -> new AssertionError("no problem found for " + s));
    }
}
