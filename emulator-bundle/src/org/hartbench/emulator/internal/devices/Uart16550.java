package org.hartbench.emulator.internal.devices;

import org.hartbench.emulator.api.ConsoleListener;
import org.hartbench.emulator.internal.bus.InterruptLine;
import org.hartbench.emulator.internal.bus.MmioDevice;

/**
 * An ns16550a UART, as QEMU's virt board has at 0x1000_0000 (IRQ 10). Byte-wide registers:
 * <pre>
 *   0  RBR (read) / THR (write); DLL when LCR.DLAB is set
 *   1  IER; DLM when LCR.DLAB is set
 *   2  IIR (read) / FCR (write)
 *   3  LCR      4  MCR      5  LSR (read-only)      6  MSR (read-only)      7  SCR
 * </pre>
 * Transmission is instant: a byte written to THR goes to the output sink at once, so THR and the
 * shift register are always empty (LSR.THRE and LSR.TEMT read 1). Received bytes come from the host
 * through {@link #receive(byte[])} into a FIFO the guest drains through RBR; LSR.DR says it is not
 * empty. The FIFO holds {@link #RX_CAPACITY} bytes; beyond that bytes are dropped and LSR.OE is set,
 * as a real receiver overruns.
 *
 * <p>Interrupts, highest priority first, each only when its IER bit is set:
 * <ul>
 * <li>receiver line status (IIR 0x06, IER.ELSI): LSR.OE until LSR is read;
 * <li>received data available (IIR 0x04, IER.ERBFI): as soon as one byte is waiting. A real
 * 16550 with FIFOs waits for the trigger level or a character timeout; firing at one byte is a
 * valid timing of the same contract and needs no timer;
 * <li>THR empty (IIR 0x02, IER.ETBEI): raised when a write to THR completes or when ETBEI is
 * turned on; cleared by writing THR or by reading IIR while it reports this source;
 * <li>modem status (IIR 0x00, IER.EDSSI): a delta bit in MSR, until MSR is read.
 * </ul>
 * The interrupt line is high while IIR reports an interrupt. MCR.OUT2 does not gate it (QEMU's
 * board does not gate it either). MCR.LOOP routes transmitted bytes back into the receiver and
 * the modem outputs back into MSR, which driver self-tests use.
 *
 * <p>Thread-safe: all state is guarded by {@code this}; the sink and the interrupt line are called
 * with the lock held, so output order is the order of THR writes (lock order: UART, then PLIC).
 */
public final class Uart16550 implements MmioDevice {

    /** Register offsets (DLAB=0 meaning first). */
    public static final int RBR_THR = 0;
    public static final int IER = 1;
    public static final int IIR_FCR = 2;
    public static final int LCR = 3;
    public static final int MCR = 4;
    public static final int LSR = 5;
    public static final int MSR = 6;
    public static final int SCR = 7;

    public static final int IER_RDA = 0x01;
    public static final int IER_THRE = 0x02;
    public static final int IER_RLS = 0x04;
    public static final int IER_MSI = 0x08;

    public static final int IIR_NO_INTERRUPT = 0x01;
    public static final int IIR_MSI = 0x00;
    public static final int IIR_THRE = 0x02;
    public static final int IIR_RDA = 0x04;
    public static final int IIR_RLS = 0x06;
    public static final int IIR_FIFO_ENABLED = 0xc0;

    public static final int FCR_ENABLE = 0x01;
    public static final int FCR_CLEAR_RX = 0x02;

    public static final int LCR_DLAB = 0x80;

    public static final int MCR_DTR = 0x01;
    public static final int MCR_RTS = 0x02;
    public static final int MCR_OUT1 = 0x04;
    public static final int MCR_OUT2 = 0x08;
    public static final int MCR_LOOP = 0x10;

    public static final int LSR_DR = 0x01;
    public static final int LSR_OE = 0x02;
    public static final int LSR_THRE = 0x20;
    public static final int LSR_TEMT = 0x40;

    public static final int MSR_DCTS = 0x01;
    public static final int MSR_DDSR = 0x02;
    public static final int MSR_TERI = 0x04;
    public static final int MSR_DDCD = 0x08;
    public static final int MSR_CTS = 0x10;
    public static final int MSR_DSR = 0x20;
    public static final int MSR_RI = 0x40;
    public static final int MSR_DCD = 0x80;

    /** Bytes the receiver holds before it overruns: generous, so pasted input is not lost. */
    public static final int RX_CAPACITY = 64 * 1024;

    /** Modem lines of an attached host console: carrier, data set ready and clear to send. */
    private static final int MSR_CONNECTED = MSR_DCD | MSR_DSR | MSR_CTS;

    private final InterruptLine irq;
    private final ConsoleListener sink;
    private final byte[] oneByte = new byte[1];

    // Guarded by this.
    private final byte[] rx = new byte[RX_CAPACITY];
    private int rxHead;
    private int rxCount;
    private int ier;
    // Reset values (see reset) as QEMU's virt UART reads them: LCR 0, MCR with OUT2, divisor 12 (115200 baud).
    private int lcr;
    private int mcr;
    private int fcr;
    private int scr;
    private int divisor;
    private int msr;
    private boolean overrun;
    private boolean thrInterrupt;
    private boolean lineHigh;

    /**
     * @param irq  the UART's interrupt wire (PLIC source 10 on the virt board)
     * @param sink receives every transmitted byte, in order
     */
    public Uart16550(InterruptLine irq, ConsoleListener sink) {
        this.irq = irq == null ? InterruptLine.NONE : irq;
        this.sink = sink;
        reset();
    }

    /**
     * Power-on state: receiver FIFO empty, every register at its reset value, interrupt line low
     * (lowered through the wire if it was high). Host bytes already received are dropped, as a
     * real UART's FIFO empties on reset.
     */
    public synchronized void reset() {
        rxHead = 0;
        rxCount = 0;
        ier = 0;
        lcr = 0;
        mcr = MCR_OUT2;
        fcr = 0;
        scr = 0;
        divisor = 12;
        msr = MSR_CONNECTED;
        overrun = false;
        thrInterrupt = false;
        updateInterrupt();
    }

    /** Queues bytes from the host for the guest to read, as if they arrived on the wire. */
    public synchronized void receive(byte[] data) {
        for (byte b : data) {
            enqueue(b);
        }
        updateInterrupt();
    }

    @Override
    public boolean accepts(long offset, int size) {
        return size == 1 && offset >= 0 && offset < 8;
    }

    @Override
    public synchronized long read(long offset, int size) {
        boolean dlab = (lcr & LCR_DLAB) != 0;
        int value = switch ((int) offset) {
            case RBR_THR -> dlab ? divisor & 0xff : dequeue();
            case IER -> dlab ? (divisor >>> 8) & 0xff : ier;
            case IIR_FCR -> readIir();
            case LCR -> lcr;
            case MCR -> mcr;
            case LSR -> readLsr();
            case MSR -> readMsr();
            case SCR -> scr;
            default -> 0;
        };
        updateInterrupt();
        return value;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        int v = (int) value & 0xff;
        boolean dlab = (lcr & LCR_DLAB) != 0;
        switch ((int) offset) {
            case RBR_THR -> {
                if (dlab) {
                    divisor = (divisor & 0xff00) | v;
                } else {
                    transmit((byte) v);
                }
            }
            case IER -> {
                if (dlab) {
                    divisor = (divisor & 0xff) | (v << 8);
                } else {
                    boolean thrEnabledNow = (v & IER_THRE) != 0 && (ier & IER_THRE) == 0;
                    ier = v & 0x0f;
                    if (thrEnabledNow) {
                        thrInterrupt = true; // THR is always empty here
                    }
                }
            }
            case IIR_FCR -> {
                fcr = v & 0xc9; // enable, DMA mode, trigger level; the clear bits self-clear
                if ((v & FCR_CLEAR_RX) != 0) {
                    rxHead = 0;
                    rxCount = 0;
                }
            }
            case LCR -> lcr = v;
            case MCR -> writeMcr(v & 0x1f);
            case SCR -> scr = v;
            default -> {
                // LSR and MSR are read-only
            }
        }
        updateInterrupt();
    }

    private void transmit(byte b) {
        thrInterrupt = false;
        if ((mcr & MCR_LOOP) != 0) {
            enqueue(b);
        } else if (sink != null) {
            oneByte[0] = b;
            sink.onOutput(oneByte, 0, 1);
        }
        thrInterrupt = true; // the byte left at once: THR is empty again
    }

    private void enqueue(byte b) {
        if (rxCount == rx.length) {
            overrun = true;
            return;
        }
        rx[(rxHead + rxCount) % rx.length] = b;
        rxCount++;
    }

    private int dequeue() {
        if (rxCount == 0) {
            return 0;
        }
        int b = rx[rxHead] & 0xff;
        rxHead = (rxHead + 1) % rx.length;
        rxCount--;
        return b;
    }

    private int readLsr() {
        int lsr = LSR_THRE | LSR_TEMT;
        if (rxCount > 0) {
            lsr |= LSR_DR;
        }
        if (overrun) {
            lsr |= LSR_OE;
            overrun = false; // error bits clear when LSR is read
        }
        return lsr;
    }

    private int readMsr() {
        int value = msr;
        msr &= ~(MSR_DCTS | MSR_DDSR | MSR_TERI | MSR_DDCD); // deltas clear when MSR is read
        return value;
    }

    /** In loopback the modem inputs follow the modem outputs: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD. */
    private void writeMcr(int v) {
        mcr = v;
        int lines = MSR_CONNECTED;
        if ((v & MCR_LOOP) != 0) {
            lines = ((v & MCR_RTS) != 0 ? MSR_CTS : 0) | ((v & MCR_DTR) != 0 ? MSR_DSR : 0)
                    | ((v & MCR_OUT1) != 0 ? MSR_RI : 0) | ((v & MCR_OUT2) != 0 ? MSR_DCD : 0);
        }
        int old = msr & 0xf0;
        int changed = old ^ lines;
        int deltas = msr & 0x0f;
        if ((changed & MSR_CTS) != 0) {
            deltas |= MSR_DCTS;
        }
        if ((changed & MSR_DSR) != 0) {
            deltas |= MSR_DDSR;
        }
        if ((old & MSR_RI) != 0 && (lines & MSR_RI) == 0) {
            deltas |= MSR_TERI; // trailing edge of ring indicator
        }
        if ((changed & MSR_DCD) != 0) {
            deltas |= MSR_DDCD;
        }
        msr = lines | deltas;
    }

    /** The interrupt IIR would report now, ignoring the FIFO bits; IIR_NO_INTERRUPT when none. */
    private int pendingInterrupt() {
        if ((ier & IER_RLS) != 0 && overrun) {
            return IIR_RLS;
        }
        if ((ier & IER_RDA) != 0 && rxCount > 0) {
            return IIR_RDA;
        }
        if ((ier & IER_THRE) != 0 && thrInterrupt) {
            return IIR_THRE;
        }
        if ((ier & IER_MSI) != 0 && (msr & 0x0f) != 0) {
            return IIR_MSI;
        }
        return IIR_NO_INTERRUPT;
    }

    private int readIir() {
        int id = pendingInterrupt();
        if (id == IIR_THRE) {
            thrInterrupt = false; // reading IIR while it names THR empty acknowledges it
        }
        return id | ((fcr & FCR_ENABLE) != 0 ? IIR_FIFO_ENABLED : 0);
    }

    private void updateInterrupt() {
        boolean high = pendingInterrupt() != IIR_NO_INTERRUPT;
        if (high != lineHigh) {
            lineHigh = high;
            irq.setLevel(high);
        }
    }
}
