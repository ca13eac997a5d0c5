package io.github.rnnserving.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rnnserving.support.ReportManifests;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChartsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path temp;

    @Test
    void writesBothPngsAtTheirSizesIntoANewFolder() throws IOException {
        Path out = temp.resolve("docs/models");
        ModelCharts.Written written = ModelCharts.write(ReportManifests.trained(), out);

        assertEquals(out.resolve("tiny-learning-curve.png"), written.learningCurve());
        assertEquals(out.resolve("tiny-confusion-matrix.png"), written.confusionMatrix());
        BufferedImage curve = readPng(written.learningCurve());
        assertEquals(ModelCharts.LEARNING_CURVE_WIDTH, curve.getWidth());
        assertEquals(ModelCharts.LEARNING_CURVE_HEIGHT, curve.getHeight());
        BufferedImage matrix = readPng(written.confusionMatrix());
        assertEquals(900, matrix.getWidth());
        assertEquals(800, matrix.getHeight());

        // the heatmap's dark cells and the lines' train blue are really drawn, not just a white page
        // more blue than the colour-scale strip alone holds: the diagonal cells are filled
        assertTrue(countPixels(matrix, c -> c.getBlue() - c.getRed() > 60) > 50_000, "blue heatmap cells");
        assertTrue(countPixels(curve, c -> distance(c, new Color(31, 119, 180)) <= 30) > 300, "train curves");
        assertTrue(countPixels(curve, c -> distance(c, new Color(255, 127, 14)) <= 30) > 300, "validation curves");
    }

    @Test
    void cellColourIsTheShareOfTheActualClassSoSmallClassesShow() {
        ModelReport report = ModelReport.of(ReportManifests.trained());
        JFreeChart chart = ModelCharts.confusionMatrix(report);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = ModelCharts.render(chart, 900, 800, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();

        ModelCharts.RowShareScale scale = new ModelCharts.RowShareScale();
        long[][] m = ReportManifests.MATRIX;
        for (int actual = 0; actual < m.length; actual++) {
            long row = m[actual][0] + m[actual][1] + m[actual][2];
            for (int predicted = 0; predicted < m.length; predicted++) {
                // sample beside the count written in the cell's centre
                double x = plot.getDomainAxis().valueToJava2D(predicted - 0.35, area, RectangleEdge.BOTTOM);
                double y = plot.getRangeAxis().valueToJava2D(actual + 0.35, area, RectangleEdge.LEFT);
                Color expected = (Color) scale.getPaint((double) m[actual][predicted] / row);
                Color drawn = new Color(image.getRGB((int) x, (int) y));
                assertTrue(
                        distance(expected, drawn) <= 6,
                        "cell " + actual + "," + predicted + ": expected " + expected + ", drawn " + drawn);
            }
        }
        // owl's 4 correct out of 6 outshine the 9 dogs taken for cats (9 of 50)
        Color owlDiagonal = (Color) scale.getPaint(4 / 6.0);
        Color dogAsCat = (Color) scale.getPaint(9 / 50.0);
        assertTrue(owlDiagonal.getRed() < dogAsCat.getRed());
        assertEquals(Color.WHITE, scale.getPaint(0));
        assertEquals(new Color(8, 48, 107), scale.getPaint(1));
    }

    @Test
    void learningCurvePlotsEveryEpochAndMarksTheBest() {
        JFreeChart chart = ModelCharts.learningCurve(ModelReport.of(ReportManifests.trained()));
        XYPlot plot = chart.getXYPlot();

        assertTrue(
                chart.getTitle().getText().contains("tiny version 1"),
                chart.getTitle().getText());
        assertEquals(
                List.of("train loss", "validation loss"),
                List.of(plot.getDataset(0).getSeriesKey(0), plot.getDataset(0).getSeriesKey(1)));
        assertEquals(
                List.of("train accuracy", "validation accuracy"),
                List.of(plot.getDataset(1).getSeriesKey(0), plot.getDataset(1).getSeriesKey(1)));
        assertEquals(4, plot.getDataset(0).getItemCount(1));
        assertEquals(0.72, plot.getDataset(0).getYValue(1, 3), 1e-12);
        assertEquals(0.75, plot.getDataset(1).getYValue(1, 2), 1e-12);
        // accuracy on its own 0-1 axis on the right
        assertEquals(1, plot.getRangeAxisIndex(plot.getRangeAxisForDataset(1)));
        assertEquals(0, plot.getRangeAxis(1).getLowerBound());
        assertEquals(1, plot.getRangeAxis(1).getUpperBound());

        List<?> markers = List.copyOf(plot.getDomainMarkers(Layer.FOREGROUND));
        assertEquals(1, markers.size());
        ValueMarker best = (ValueMarker) markers.get(0);
        assertEquals(ReportManifests.BEST_EPOCH, best.getValue());
        assertEquals("best epoch 3", ((Marker) best).getLabel());
    }

    @Test
    void sameManifestGivesTheSameBytes() throws IOException {
        ModelCharts.Written first = ModelCharts.write(ReportManifests.trained(), temp.resolve("a"));
        ModelCharts.Written second = ModelCharts.write(ReportManifests.trained(), temp.resolve("b"));

        assertArrayEquals(Files.readAllBytes(first.learningCurve()), Files.readAllBytes(second.learningCurve()));
        assertArrayEquals(Files.readAllBytes(first.confusionMatrix()), Files.readAllBytes(second.confusionMatrix()));
    }

    @Test
    void importedModelWithoutHistoryGetsOnlyTheConfusionMatrix() throws IOException {
        ModelCharts.Written written = ModelCharts.write(ReportManifests.imported(), temp);

        assertNull(written.learningCurve());
        assertFalse(Files.exists(temp.resolve("imported-learning-curve.png")));
        assertEquals(800, readPng(written.confusionMatrix()).getHeight());
    }

    private static BufferedImage readPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " missing");
        byte[] head = new byte[PNG_SIGNATURE.length];
        System.arraycopy(Files.readAllBytes(file), 0, head, 0, head.length);
        assertArrayEquals(PNG_SIGNATURE, head, file + " is not a PNG");
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null, file + " does not decode");
        return image;
    }

    private static int countPixels(BufferedImage image, Predicate<Color> wanted) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (wanted.test(new Color(image.getRGB(x, y)))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed())
                + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }
}
