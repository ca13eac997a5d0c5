package io.github.rnnserving.report;

import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.training.EpochStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The two pictures of a trained model, drawn with JFreeChart into PNG files: the learning curve
 * (loss and accuracy per epoch, the kept epoch marked) and the test confusion matrix as a heatmap
 * whose colour is each cell's share of its row, so a class with 20 examples reads as clearly as
 * one with 2000. Rendering needs no display, and the same manifest gives the same bytes.
 */
public final class ModelCharts {

    public static final int LEARNING_CURVE_WIDTH = 900;
    public static final int LEARNING_CURVE_HEIGHT = 500;
    public static final int CONFUSION_MATRIX_WIDTH = 900;
    public static final int CONFUSION_MATRIX_HEIGHT = 800;

    static {
        // AWT must not look for a display; set before any chart or font class loads
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color EMPTY_CELL = Color.WHITE;
    private static final Color FULL_CELL = new Color(8, 48, 107);
    private static final int MAX_AXIS_LABEL = 18;

    /** The files written; a null path is a chart the manifest has no data for. */
    public record Written(Path learningCurve, Path confusionMatrix) {}

    private ModelCharts() {}

    public static String learningCurveFile(String modelName) {
        return modelName + "-learning-curve.png";
    }

    public static String confusionMatrixFile(String modelName) {
        return modelName + "-confusion-matrix.png";
    }

    /** Writes {@code <name>-learning-curve.png} and {@code <name>-confusion-matrix.png} into {@code outDir}. */
    public static Written write(ModelManifest manifest, Path outDir) {
        return write(ModelReport.of(manifest), outDir);
    }

    /**
     * Writes the charts the report has data for into {@code outDir} (created if missing): no
     * learning curve without a training history, no heatmap without a confusion matrix.
     */
    public static Written write(ModelReport report, Path outDir) {
        try {
            Files.createDirectories(outDir);
            Path curve = null;
            if (!report.history().isEmpty()) {
                curve = outDir.resolve(learningCurveFile(report.name()));
                writePng(render(learningCurve(report), LEARNING_CURVE_WIDTH, LEARNING_CURVE_HEIGHT, null), curve);
            }
            Path matrix = null;
            if (report.confusionMatrix() != null) {
                matrix = outDir.resolve(confusionMatrixFile(report.name()));
                writePng(
                        render(confusionMatrix(report), CONFUSION_MATRIX_WIDTH, CONFUSION_MATRIX_HEIGHT, null), matrix);
            }
            return new Written(curve, matrix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write charts to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loss (left axis) and accuracy (right axis, 0–1) of training and validation per epoch, with
     * a vertical line at the best epoch. A generator's curve is bits per character alone, training's
     * (its loss in bits) and validation's, which chose the best epoch: its loss would be the same
     * line on another scale.
     */
    public static JFreeChart learningCurve(ModelReport report) {
        List<EpochStats> history = report.history();
        if (history.isEmpty()) {
            throw new IllegalArgumentException(report.name() + " has no training history to draw");
        }
        boolean generator = history.get(0).isGenerator();
        XYPlot plot = generator ? bitsPerCharacterPlot(history) : lossAndAccuracyPlot(history);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);

        int best = report.bestEpoch();
        if (best > 0) {
            ValueMarker marker = new ValueMarker(
                    best,
                    Color.DARK_GRAY,
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
            marker.setLabel("best epoch " + best);
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            // the label goes on the side of the line with room for it: a last-epoch label is clipped
            boolean lateEpoch = best
                    > (history.get(0).epoch() + history.get(history.size() - 1).epoch()) / 2.0;
            marker.setLabelAnchor(lateEpoch ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(lateEpoch ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
            marker.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 210));
            plot.addDomainMarker(marker, Layer.FOREGROUND);
        }

        JFreeChart chart =
                new JFreeChart(title(report, "learning curve"), new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static NumberAxis epochAxis(List<EpochStats> history) {
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        double first = history.get(0).epoch();
        double last = history.get(history.size() - 1).epoch();
        epochs.setRange(first - 0.5, Math.max(last, first + 1) + 0.5);
        return epochs;
    }

    private static XYPlot lossAndAccuracyPlot(List<EpochStats> history) {
        XYSeries trainLoss = new XYSeries("train loss");
        XYSeries validationLoss = new XYSeries("validation loss");
        XYSeries trainAccuracy = new XYSeries("train accuracy");
        XYSeries validationAccuracy = new XYSeries("validation accuracy");
        for (EpochStats epoch : history) {
            trainLoss.add(epoch.epoch(), epoch.trainLoss());
            validationLoss.add(epoch.epoch(), epoch.validationLoss());
            trainAccuracy.add(epoch.epoch(), epoch.trainAccuracy());
            validationAccuracy.add(epoch.epoch(), epoch.validationAccuracy());
        }
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(trainLoss);
        losses.addSeries(validationLoss);
        XYSeriesCollection accuracies = new XYSeriesCollection();
        accuracies.addSeries(trainAccuracy);
        accuracies.addSeries(validationAccuracy);

        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setAutoRangeIncludesZero(true);
        NumberAxis accuracyAxis = new NumberAxis("accuracy");
        accuracyAxis.setRange(0, 1);

        XYPlot plot = new XYPlot(
                losses,
                epochAxis(history),
                lossAxis,
                lineRenderer(new BasicStroke(2f), new Rectangle2D.Double(-3, -3, 6, 6)));
        plot.setRangeAxis(1, accuracyAxis);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, accuracies);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(
                1,
                lineRenderer(
                        new BasicStroke(
                                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f),
                        new Ellipse2D.Double(-3.5, -3.5, 7, 7)));
        return plot;
    }

    private static XYPlot bitsPerCharacterPlot(List<EpochStats> history) {
        XYSeries train = new XYSeries("train bits per character");
        XYSeries validation = new XYSeries("validation bits per character");
        for (EpochStats epoch : history) {
            train.add(epoch.epoch(), epoch.trainLoss() / Math.log(2));
            validation.add(epoch.epoch(), epoch.validationBitsPerCharacter());
        }
        XYSeriesCollection bits = new XYSeriesCollection();
        bits.addSeries(train);
        bits.addSeries(validation);
        NumberAxis axis = new NumberAxis("bits per character");
        axis.setAutoRangeIncludesZero(false);
        return new XYPlot(
                bits,
                epochAxis(history),
                axis,
                lineRenderer(new BasicStroke(2f), new Rectangle2D.Double(-3, -3, 6, 6)));
    }

    /**
     * The test confusion matrix: actual classes down, predicted across, the count in every cell,
     * and the colour the cell's share of its row (white 0, dark blue 1).
     */
    public static JFreeChart confusionMatrix(ModelReport report) {
        return ConfusionMatrixChart.draw(report);
    }

    /** Draws a chart onto a white RGB image; {@code info} (may be null) receives the plot geometry. */
    public static BufferedImage render(JFreeChart chart, int width, int height, ChartRenderingInfo info) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            chart.draw(graphics, new Rectangle2D.Double(0, 0, width, height), info);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** Train in blue, validation in orange; loss and accuracy told apart by stroke and shape. */
    private static XYLineAndShapeRenderer lineRenderer(BasicStroke stroke, Shape shape) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TRAIN);
        renderer.setSeriesPaint(1, VALIDATION);
        renderer.setSeriesStroke(0, stroke);
        renderer.setSeriesStroke(1, stroke);
        renderer.setSeriesShape(0, shape);
        renderer.setSeriesShape(1, shape);
        return renderer;
    }

    static SymbolAxis symbolAxis(String name, String[] labels) {
        SymbolAxis axis = new SymbolAxis(name, labels);
        axis.setGridBandsVisible(false);
        axis.setRange(-0.5, labels.length - 0.5);
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        return axis;
    }

    static String title(ModelReport report, String what) {
        return report.name() + " version " + report.version() + ": " + what;
    }

    static String shortLabel(String label) {
        return label.length() <= MAX_AXIS_LABEL ? label : label.substring(0, MAX_AXIS_LABEL - 1) + "…";
    }

    /** White for 0 to dark blue for 1, linearly in RGB. */
    static final class RowShareScale implements PaintScale {

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
            return new Color(
                    mix(EMPTY_CELL.getRed(), FULL_CELL.getRed(), t),
                    mix(EMPTY_CELL.getGreen(), FULL_CELL.getGreen(), t),
                    mix(EMPTY_CELL.getBlue(), FULL_CELL.getBlue(), t));
        }

        private static int mix(int from, int to, double t) {
            return (int) Math.round(from + (to - from) * t);
        }
    }
}
