package io.github.rnnserving.report;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The confusion-matrix heatmap of {@link ModelCharts}, apart from the learning curve because the
 * two charts share only their axes and title style. Reached through {@link ModelCharts}, whose
 * static set-up (headless AWT) must run first.
 */
final class ConfusionMatrixChart {

    private ConfusionMatrixChart() {}

    /**
     * The test confusion matrix: actual classes down, predicted across, the count in every cell,
     * and the colour the cell's share of its row (white 0, dark blue 1).
     */
    static JFreeChart draw(ModelReport report) {
        long[][] matrix = report.confusionMatrix();
        if (matrix == null) {
            throw new IllegalArgumentException(report.name() + " has no confusion matrix to draw");
        }
        int classes = matrix.length;
        String[] labels = report.labels().stream().map(ModelCharts::shortLabel).toArray(String[]::new);
        double[] xs = new double[classes * classes];
        double[] ys = new double[classes * classes];
        double[] shares = new double[classes * classes];
        Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(16, 200 / classes)));
        XYPlot plot = new XYPlot();
        for (int actual = 0; actual < classes; actual++) {
            long rowTotal = 0;
            for (long count : matrix[actual]) {
                rowTotal += count;
            }
            for (int predicted = 0; predicted < classes; predicted++) {
                int i = actual * classes + predicted;
                long count = matrix[actual][predicted];
                xs[i] = predicted;
                ys[i] = actual;
                shares[i] = rowTotal == 0 ? 0 : (double) count / rowTotal;
                XYTextAnnotation text = new XYTextAnnotation(Long.toString(count), predicted, actual);
                text.setFont(cellFont);
                text.setTextAnchor(TextAnchor.CENTER);
                text.setPaint(count == 0 ? new Color(190, 190, 190) : shares[i] > 0.5 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(text, false);
            }
        }
        DefaultXYZDataset cells = new DefaultXYZDataset();
        cells.addSeries("share of the actual class", new double[][] {xs, ys, shares});

        SymbolAxis predictedAxis = ModelCharts.symbolAxis("predicted", labels);
        predictedAxis.setVerticalTickLabels(true);
        SymbolAxis actualAxis = ModelCharts.symbolAxis("actual", labels);
        actualAxis.setInverted(true);

        ModelCharts.RowShareScale scale = new ModelCharts.RowShareScale();
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1);
        renderer.setBlockHeight(1);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        renderer.setPaintScale(scale);

        plot.setDataset(cells);
        plot.setDomainAxis(predictedAxis);
        plot.setRangeAxis(actualAxis);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.GRAY);

        JFreeChart chart = new JFreeChart(
                ModelCharts.title(report, "confusion matrix on the test split"),
                new Font(Font.SANS_SERIF, Font.BOLD, 16),
                plot,
                false);
        chart.addSubtitle(new TextTitle(
                "rows: actual class, columns: predicted class; colour: share of the row",
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        NumberAxis legendAxis = new NumberAxis("share of the actual class");
        legendAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(14);
        legend.setMargin(new RectangleInsets(40, 10, 40, 10));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
