package org.hartbench.ui.views;

import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.hartbench.core.trace.CpuSnapshot;
import org.hartbench.core.trace.CpuState;
import org.hartbench.core.trace.CpuStateModel;

/**
 * Draws a {@link CpuSnapshot}'s timeline: one lane per cpu coloured by state over the model's
 * window, IPIs as arrows from the sender's lane to the target's at the time sent, and a small
 * tick where the target took it. Paints only what it is given; all logic is in the model.
 */
final class TimelineCanvas extends Canvas {

    static final Color USER = new Color(76, 175, 80);
    static final Color KERNEL = new Color(30, 136, 229);
    static final Color IDLE = new Color(224, 224, 224);
    static final Color PAUSED = new Color(255, 152, 0);
    static final Color IPI = new Color(211, 47, 47);

    private static final int LABEL_WIDTH = 56;
    private static final int AXIS_HEIGHT = 18;
    private static final int LEGEND_HEIGHT = 18;

    private CpuSnapshot snapshot;

    TimelineCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> paint(e.gc));
    }

    /** Shows this snapshot (null: nothing) and repaints. */
    void setSnapshot(CpuSnapshot s) {
        snapshot = s;
        redraw();
    }

    CpuSnapshot snapshot() {
        return snapshot;
    }

    static Color colour(CpuState state) {
        return switch (state) {
            case USER -> USER;
            case KERNEL -> KERNEL;
            case IDLE -> IDLE;
            case PAUSED -> PAUSED;
            default -> null;
        };
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        CpuSnapshot s = snapshot;
        if (s == null || s.lanes().isEmpty()) {
            gc.drawString("No trace yet.", 8, 8, true);
            return;
        }
        paintLegend(gc, area);
        int lanes = s.lanes().size();
        int top = LEGEND_HEIGHT + 4;
        int laneHeight = Math.max(8, Math.min(28, (area.height - top - AXIS_HEIGHT) / lanes));
        int width = Math.max(1, area.width - LABEL_WIDTH - 8);
        // Show the window, or less when the trace is younger than the window.
        long start = Math.max(0, s.now() - s.windowTicks());
        long earliest = s.lanes().stream().filter(l -> !l.isEmpty()).mapToLong(l -> l.get(0).start()).min()
                .orElse(start);
        start = Math.max(start, earliest);
        long span = Math.max(1, s.now() - start);
        for (int c = 0; c < lanes; c++) {
            int y = top + c * laneHeight;
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawString("CPU " + c, 4, y + Math.max(0, (laneHeight - gc.getFontMetrics().getHeight()) / 2), true);
            paintLane(gc, s.lanes().get(c), y + 1, laneHeight - 2, start, span, width);
        }
        gc.setLineWidth(1);
        for (CpuSnapshot.IpiMark m : s.ipis()) {
            if (m.time() < start || m.to() < 0 || m.to() >= lanes || m.from() < 0 || m.from() >= lanes) {
                continue;
            }
            int x = x(m.time(), start, span, width);
            gc.setForeground(IPI);
            gc.setBackground(IPI);
            if (m.received()) {
                int y = top + m.to() * laneHeight;
                gc.fillPolygon(new int[] { x - 3, y, x + 3, y, x, y + 5 });
            } else {
                int y0 = top + m.from() * laneHeight + laneHeight / 2;
                int y1 = top + m.to() * laneHeight + laneHeight / 2;
                gc.drawLine(x, y0, x, y1);
                int dir = y1 > y0 ? -1 : 1;
                gc.fillPolygon(new int[] { x - 3, y1 + 5 * dir, x + 3, y1 + 5 * dir, x, y1 });
            }
        }
        int axisY = top + lanes * laneHeight + 2;
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        gc.drawString(seconds(start), LABEL_WIDTH, axisY, true);
        String end = seconds(s.now()) + " (virtual)";
        Point extent = gc.stringExtent(end);
        gc.drawString(end, LABEL_WIDTH + width - extent.x, axisY, true);
    }

    private void paintLane(GC gc, List<CpuSnapshot.Interval> lane, int y, int h, long start, long span, int width) {
        int lastX = -1;
        CpuState lastState = null;
        for (CpuSnapshot.Interval iv : lane) {
            if (iv.end() <= start) {
                continue;
            }
            int x0 = x(Math.max(iv.start(), start), start, span, width);
            int x1 = Math.max(x0 + 1, x(iv.end(), start, span, width));
            // Dense traces put many intervals on one pixel; one fill per pixel and state is enough.
            if (x1 <= lastX && iv.state() == lastState) {
                continue;
            }
            Color colour = colour(iv.state());
            if (colour != null) {
                gc.setBackground(colour);
                gc.fillRectangle(x0, y, x1 - x0, h);
            }
            lastX = x1;
            lastState = iv.state();
        }
    }

    private static int x(long t, long start, long span, int width) {
        return LABEL_WIDTH + (int) ((t - start) * width / span);
    }

    private void paintLegend(GC gc, Rectangle area) {
        int x = LABEL_WIDTH;
        for (CpuState st : new CpuState[] { CpuState.USER, CpuState.KERNEL, CpuState.IDLE, CpuState.PAUSED }) {
            gc.setBackground(colour(st));
            gc.fillRectangle(x, 4, 10, 10);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawString(st.label, x + 14, 1, true);
            x += 14 + gc.stringExtent(st.label).x + 12;
        }
        gc.setForeground(IPI);
        gc.drawLine(x, 9, x + 10, 9);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        gc.drawString("IPI", x + 14, 1, true);
    }

    /** Virtual time in seconds, from timebase ticks. */
    static String seconds(long ticks) {
        return String.format(Locale.ROOT, "%.4f s", ticks / (double) CpuStateModel.TICKS_PER_SECOND);
    }
}
