package org.hartbench.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.hartbench.emulator.api.ExecutionMode;
import org.hartbench.emulator.api.MachineConfig;
import org.junit.jupiter.api.Test;

/** Attribute keys, their defaults, and the round trip through a real launch configuration. */
class KernelLaunchSettingsTest {

    private static ILaunchConfigurationType type() {
        ILaunchConfigurationType type = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID);
        assertNotNull(type, "the launch type is declared in plugin.xml");
        return type;
    }

    @Test
    void theTypeIsDeclaredForRunMode() {
        ILaunchConfigurationType type = type();
        assertEquals("Hartbench Kernel", type.getName());
        assertTrue(type.supportsMode(ILaunchManager.RUN_MODE));
    }

    @Test
    void everyPersistedKeyIsPrefixedAndDistinct() throws Exception {
        Set<String> keys = new HashSet<>();
        for (Field f : KernelLaunchAttributes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().startsWith("DEFAULT_")) {
                String key = (String) f.get(null);
                assertTrue(key.startsWith("org.hartbench.launch."), f.getName() + " = " + key);
                assertTrue(keys.add(key), "duplicate key " + key);
            }
        }
        assertEquals(11, keys.size(), "type id, process type and nine attributes");
    }

    @Test
    void anEmptyConfigurationReadsAsTheDefaults() throws Exception {
        ILaunchConfigurationWorkingCopy copy = type().newInstance(null, "defaults");
        KernelLaunchSettings s = KernelLaunchSettings.read(copy);
        assertEquals(KernelLaunchSettings.defaults(), s);
        assertEquals("", s.kernel(), "the shipped kernel");
        assertEquals(2, s.harts());
        assertEquals("deterministic", s.mode());
        assertEquals(MachineConfig.DEFAULT_RAM_MIB, s.memoryMiB());
        assertTrue(s.trace());
        assertEquals("", s.disk());
    }

    @Test
    void settingsSurviveAWriteAndRead() throws Exception {
        ILaunchConfigurationWorkingCopy copy = type().newInstance(null, "round-trip");
        KernelLaunchSettings written = new KernelLaunchSettings("/k/kernel.elf", "stress", "workers=4", 4, "parallel",
                512, "/k/disk.img", true, false);
        written.write(copy);
        assertEquals(written, KernelLaunchSettings.read(copy));
        assertEquals(4, copy.getAttribute(KernelLaunchAttributes.HARTS, 0));
        assertEquals("stress", copy.getAttribute(KernelLaunchAttributes.MANIFEST, ""));
    }

    @Test
    void bootArgumentsPutTheManifestFirst() {
        KernelLaunchSettings d = KernelLaunchSettings.defaults();
        assertEquals("", d.effectiveBootArgs());
        KernelLaunchSettings manifestOnly = new KernelLaunchSettings("", " stress ", "", 2, "deterministic", 256, "",
                false, true);
        assertEquals("manifest=stress", manifestOnly.effectiveBootArgs());
        KernelLaunchSettings both = new KernelLaunchSettings("", "process-scale", "workers=4 lo=1", 2, "deterministic",
                256, "", false, true);
        assertEquals("manifest=process-scale workers=4 lo=1", both.effectiveBootArgs());
        KernelLaunchSettings argsOnly = new KernelLaunchSettings("", "", "workers=2", 2, "deterministic", 256, "",
                false, true);
        assertEquals("workers=2", argsOnly.effectiveBootArgs());
    }

    @Test
    void machineConfigFollowsTheSettings() throws Exception {
        KernelLaunchSettings s = new KernelLaunchSettings("", "ring", "", 4, "parallel", 128, "", false, false);
        MachineConfig config = KernelLaunchDelegate.machineConfig(s);
        assertEquals(4, config.harts());
        assertEquals(128, config.ramMiB());
        assertEquals(ExecutionMode.PARALLEL, config.mode());
        assertEquals("manifest=ring", config.bootArgs());
        assertEquals(false, config.trace());
        assertEquals(null, config.disk());
    }
}
