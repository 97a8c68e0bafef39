package org.hartbench.ui.scaling;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.swtchart.Range;
import org.eclipse.ui.part.ViewPart;
import org.hartbench.core.scaling.ScaleReport;
import org.hartbench.core.scaling.launch.LastScaleReport;

/**
 * Speedup against CPU count for the last scaling session of this workbench: the measured median
 * speedups and the ideal line (speedup = CPUs). Data: {@link LastScaleReport}, which the scaling
 * job sets; this view only draws its points.
 */
public class ScalingChartView extends ViewPart {

    /** Series ids, for tests. */
    public static final String MEASURED = "measured";
    public static final String IDEAL = "ideal";

    private Chart chart;
    private Runnable removeListener;

    @Override
    public void createPartControl(Composite parent) {
        chart = new Chart(parent, SWT.NONE);
        chart.getAxisSet().getXAxis(0).getTitle().setText("CPUs");
        chart.getAxisSet().getYAxis(0).getTitle().setText("median speedup against 1 CPU");
        Display display = parent.getDisplay();
        // The job thread sets the report; redraw on the UI thread, if the view still exists then.
        removeListener = LastScaleReport.addListener(report -> display.asyncExec(() -> {
            if (!chart.isDisposed()) {
                show(report);
            }
        }));
        show(LastScaleReport.get().orElse(null));
    }

    private void show(ScaleReport report) {
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        if (report == null) {
            chart.getTitle().setText("No scaling report yet: run a Hartbench Scaling Test");
            chart.redraw();
            return;
        }
        chart.getTitle().setText(report.options().demo().manifest + " speedup (" + report.options().timeBase() + ")");
        List<LastScaleReport.Point> points = LastScaleReport.points(report);
        double[] x = points.stream().mapToDouble(LastScaleReport.Point::cpus).toArray();
        ILineSeries<?> ideal = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, IDEAL);
        ideal.setDescription("ideal (speedup = CPUs)");
        ideal.setXSeries(x);
        ideal.setYSeries(points.stream().mapToDouble(LastScaleReport.Point::ideal).toArray());
        ideal.setLineStyle(LineStyle.DASH);
        ideal.setSymbolType(PlotSymbolType.NONE);
        ideal.setLineColor(chart.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        ILineSeries<?> measured = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, MEASURED);
        measured.setDescription("measured median");
        measured.setXSeries(x);
        measured.setYSeries(points.stream().mapToDouble(LastScaleReport.Point::speedup).toArray());
        measured.setSymbolType(PlotSymbolType.CIRCLE);
        measured.setLineColor(chart.getDisplay().getSystemColor(SWT.COLOR_BLUE));
        // Room around the points, and the origin of speedup in view: a flat line near 1.0 must look flat.
        double maxCpus = points.stream().mapToDouble(LastScaleReport.Point::cpus).max().orElse(1);
        double maxY = Math.max(maxCpus, points.stream().mapToDouble(LastScaleReport.Point::speedup).max().orElse(1));
        chart.getAxisSet().getXAxis(0).setRange(new Range(0.5, maxCpus + 0.5));
        chart.getAxisSet().getYAxis(0).setRange(new Range(0, maxY * 1.1));
        chart.redraw();
    }

    /** The chart, for tests. */
    public Chart chart() {
        return chart;
    }

    @Override
    public void setFocus() {
        chart.setFocus();
    }

    @Override
    public void dispose() {
        if (removeListener != null) {
            removeListener.run();
        }
        super.dispose();
    }
}
