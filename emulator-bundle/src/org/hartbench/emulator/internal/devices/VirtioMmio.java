package org.hartbench.emulator.internal.devices;

import org.hartbench.emulator.internal.bus.MmioDevice;

/**
 * The virtio-mmio transport, version 2 (virtio 1.x, section "Virtio Over MMIO"): its register
 * offsets, status and interrupt bits, the access rules, and the empty slot a board shows where
 * no device is plugged in. Register offsets:
 * <pre>
 *   0x000 MagicValue "virt"   0x004 Version (2)       0x008 DeviceID          0x00c VendorID
 *   0x010 DeviceFeatures      0x014 DeviceFeaturesSel 0x020 DriverFeatures    0x024 DriverFeaturesSel
 *   0x030 QueueSel            0x034 QueueNumMax       0x038 QueueNum          0x044 QueueReady
 *   0x050 QueueNotify         0x060 InterruptStatus   0x064 InterruptACK      0x070 Status
 *   0x080/0x084 QueueDesc low/high    0x090/0x094 QueueDriver low/high   0x0a0/0x0a4 QueueDevice low/high
 *   0x0fc ConfigGeneration    0x100 device-specific configuration
 * </pre>
 */
public final class VirtioMmio {
    private VirtioMmio() {
    }

    public static final int MAGIC = 0x000;
    public static final int VERSION = 0x004;
    public static final int DEVICE_ID = 0x008;
    public static final int VENDOR_ID = 0x00c;
    public static final int DEVICE_FEATURES = 0x010;
    public static final int DEVICE_FEATURES_SEL = 0x014;
    public static final int DRIVER_FEATURES = 0x020;
    public static final int DRIVER_FEATURES_SEL = 0x024;
    public static final int QUEUE_SEL = 0x030;
    public static final int QUEUE_NUM_MAX = 0x034;
    public static final int QUEUE_NUM = 0x038;
    public static final int QUEUE_READY = 0x044;
    public static final int QUEUE_NOTIFY = 0x050;
    public static final int INTERRUPT_STATUS = 0x060;
    public static final int INTERRUPT_ACK = 0x064;
    public static final int STATUS = 0x070;
    public static final int QUEUE_DESC_LOW = 0x080;
    public static final int QUEUE_DESC_HIGH = 0x084;
    public static final int QUEUE_DRIVER_LOW = 0x090;
    public static final int QUEUE_DRIVER_HIGH = 0x094;
    public static final int QUEUE_DEVICE_LOW = 0x0a0;
    public static final int QUEUE_DEVICE_HIGH = 0x0a4;
    public static final int CONFIG_GENERATION = 0x0fc;
    public static final int CONFIG = 0x100;

    /** "virt" in little-endian. */
    public static final int MAGIC_VALUE = 0x7472_6976;
    /** Version 2 is the modern (virtio 1.x) transport; 1 was legacy. */
    public static final int VERSION_MODERN = 2;
    /** QEMU's vendor id ("QEMU" in little-endian), which guests do not check but expect. */
    public static final int VENDOR_QEMU = 0x554d_4551;

    public static final int STATUS_ACKNOWLEDGE = 1;
    public static final int STATUS_DRIVER = 2;
    public static final int STATUS_DRIVER_OK = 4;
    public static final int STATUS_FEATURES_OK = 8;
    public static final int STATUS_DEVICE_NEEDS_RESET = 64;
    public static final int STATUS_FAILED = 128;

    public static final int INT_USED_BUFFER = 1;
    public static final int INT_CONFIG_CHANGE = 2;

    /**
     * The transport's access rule: registers below 0x100 are 32-bit only (the specification says
     * drivers must use aligned 32-bit accesses there); the configuration space takes naturally
     * aligned 8-, 16-, 32- and 64-bit accesses inside its configSize bytes.
     */
    static boolean accepts(long offset, int size, int configSize) {
        if (offset < 0 || offset % size != 0) {
            return false;
        }
        if (offset < CONFIG) {
            return size == 4;
        }
        return offset + size <= CONFIG + configSize;
    }

    /** A little-endian read of size bytes at offset of a configuration structure. */
    static long readConfig(byte[] config, int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (config[offset + i] & 0xff);
        }
        return v;
    }

    /**
     * The slot QEMU presents at a virtio-mmio address with nothing plugged in: the magic value,
     * version 2, device id 0 (which tells a driver to skip it) and the vendor; everything else
     * reads 0 and ignores writes.
     */
    public static MmioDevice emptySlot() {
        return new MmioDevice() {
            @Override
            public boolean accepts(long offset, int size) {
                return VirtioMmio.accepts(offset, size, 0);
            }

            @Override
            public long read(long offset, int size) {
                return switch ((int) offset) {
                    case MAGIC -> MAGIC_VALUE;
                    case VERSION -> VERSION_MODERN;
                    case VENDOR_ID -> VENDOR_QEMU;
                    default -> 0;
                };
            }

            @Override
            public void write(long offset, int size, long value) {
                // nothing to configure
            }
        };
    }
}
