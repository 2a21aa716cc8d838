package dev.unstacker.examples.report;

import dev.unstacker.api.EpochResult;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training loss and the validation PIT-MAE by epoch, as a PNG line chart.
 *
 * <p>The training loss is in the units of the run's distance, and the validation PIT-MAE is a mean
 * absolute error of pixels in [0, 1]; with the default L1 distance both are the same quantity. A
 * running experiment rewrites the chart after every epoch.
 */
public final class LossCurveChart {

    /** Image width in pixels. */
    public static final int WIDTH = 900;

    /** Image height in pixels. */
    public static final int HEIGHT = 540;

    private static final Color TRAIN_COLOR = new Color(0x1f, 0x77, 0xb4);
    private static final Color VALIDATION_COLOR = new Color(0xd6, 0x27, 0x28);
    private static final Color GRID_COLOR = new Color(0xdd, 0xdd, 0xdd);

    private LossCurveChart() {}

    /**
     * Draws the history into a {@value #WIDTH}×{@value #HEIGHT} PNG and replaces {@code png}
     * atomically. An empty history gives a chart that states there are no epochs yet.
     *
     * @param history finished epochs in any order. A non-finite value leaves a gap in its line.
     * @param png the file to write, whose folder is created if missing
     * @throws IOException if the file cannot be written
     */
    public static void write(List<EpochResult> history, Path png) throws IOException {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(png, "png");

        JFreeChart chart = createChart(history);
        AtomicFiles.replace(
                png, file -> ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT));
    }

    /** Creates the chart without writing it. */
    static JFreeChart createChart(List<EpochResult> history) {
        // Without duplicate x values, addOrUpdate replaces a repeated epoch instead of adding it.
        XYSeries train = new XYSeries("train loss", true, false);
        XYSeries validation = new XYSeries("validation PIT-MAE", true, false);
        for (EpochResult result : history) {
            // A resumed run may report an epoch again, and the later value then wins.
            Integer epoch = result.epoch();
            train.addOrUpdate(epoch, finiteOrNull(result.trainLoss()));
            validation.addOrUpdate(epoch, finiteOrNull(result.validationPitMae()));
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(train);
        dataset.addSeries(validation);

        JFreeChart chart = ChartFactory.createXYLineChart(
                "Training loss and validation PIT-MAE",
                "epoch",
                "train loss; validation PIT-MAE (pixels in [0, 1])",
                dataset,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        chart.setBackgroundPaint(Color.WHITE);
        stylePlot(chart.getXYPlot());
        return chart;
    }

    private static void stylePlot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID_COLOR);
        plot.setRangeGridlinePaint(GRID_COLOR);
        plot.setNoDataMessage("no finished epochs yet");

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TRAIN_COLOR);
        renderer.setSeriesPaint(1, VALIDATION_COLOR);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        plot.setRenderer(renderer);

        NumberAxis epochAxis = (NumberAxis) plot.getDomainAxis();
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis errorAxis = (NumberAxis) plot.getRangeAxis();
        errorAxis.setAutoRangeIncludesZero(false);
    }

    /** Maps NaN and infinities to null, which JFreeChart draws as a gap in the line. */
    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
