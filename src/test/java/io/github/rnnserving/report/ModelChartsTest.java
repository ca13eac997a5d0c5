package io.github.rnnserving.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

        assertThat(written.learningCurve()).isEqualTo(out.resolve("tiny-learning-curve.png"));
        assertThat(written.confusionMatrix()).isEqualTo(out.resolve("tiny-confusion-matrix.png"));
        BufferedImage curve = readPng(written.learningCurve());
        assertThat(curve.getWidth()).isEqualTo(ModelCharts.LEARNING_CURVE_WIDTH);
        assertThat(curve.getHeight()).isEqualTo(ModelCharts.LEARNING_CURVE_HEIGHT);
        BufferedImage matrix = readPng(written.confusionMatrix());
        assertThat(matrix.getWidth()).isEqualTo(900);
        assertThat(matrix.getHeight()).isEqualTo(800);

        // the heatmap's dark cells and the lines' train blue are really drawn, not just a white page
        // more blue than the colour-scale strip alone holds: the diagonal cells are filled
        assertThat(countPixels(matrix, c -> c.getBlue() - c.getRed() > 60) > 50_000)
                .as("blue heatmap cells")
                .isTrue();
        assertThat(countPixels(curve, c -> distance(c, new Color(31, 119, 180)) <= 30) > 300)
                .as("train curves")
                .isTrue();
        assertThat(countPixels(curve, c -> distance(c, new Color(255, 127, 14)) <= 30) > 300)
                .as("validation curves")
                .isTrue();
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
                assertThat(distance(expected, drawn) <= 6)
                        .as("cell " + actual + "," + predicted + ": expected " + expected + ", drawn " + drawn)
                        .isTrue();
            }
        }
        // owl's 4 correct out of 6 outshine the 9 dogs taken for cats (9 of 50)
        Color owlDiagonal = (Color) scale.getPaint(4 / 6.0);
        Color dogAsCat = (Color) scale.getPaint(9 / 50.0);
        assertThat(owlDiagonal.getRed() < dogAsCat.getRed()).isTrue();
        assertThat(scale.getPaint(0)).isEqualTo(Color.WHITE);
        assertThat(scale.getPaint(1)).isEqualTo(new Color(8, 48, 107));
    }

    @Test
    void learningCurvePlotsEveryEpochAndMarksTheBest() {
        JFreeChart chart = ModelCharts.learningCurve(ModelReport.of(ReportManifests.trained()));
        XYPlot plot = chart.getXYPlot();

        assertThat(chart.getTitle().getText().contains("tiny version 1"))
                .as(chart.getTitle().getText())
                .isTrue();
        assertThat(List.of(
                        plot.getDataset(0).getSeriesKey(0), plot.getDataset(0).getSeriesKey(1)))
                .isEqualTo(List.of("train loss", "validation loss"));
        assertThat(List.of(
                        plot.getDataset(1).getSeriesKey(0), plot.getDataset(1).getSeriesKey(1)))
                .isEqualTo(List.of("train accuracy", "validation accuracy"));
        assertThat(plot.getDataset(0).getItemCount(1)).isEqualTo(4);
        assertThat(plot.getDataset(0).getYValue(1, 3)).isCloseTo(0.72, within(1e-12));
        assertThat(plot.getDataset(1).getYValue(1, 2)).isCloseTo(0.75, within(1e-12));
        // accuracy on its own 0-1 axis on the right
        assertThat(plot.getRangeAxisIndex(plot.getRangeAxisForDataset(1))).isEqualTo(1);
        assertThat(plot.getRangeAxis(1).getLowerBound()).isEqualTo(0);
        assertThat(plot.getRangeAxis(1).getUpperBound()).isEqualTo(1);

        List<?> markers = List.copyOf(plot.getDomainMarkers(Layer.FOREGROUND));
        assertThat(markers.size()).isEqualTo(1);
        ValueMarker best = (ValueMarker) markers.get(0);
        assertThat(best.getValue()).isEqualTo(ReportManifests.BEST_EPOCH);
        assertThat(((Marker) best).getLabel()).isEqualTo("best epoch 3");
    }

    @Test
    void sameManifestGivesTheSameBytes() throws IOException {
        ModelCharts.Written first = ModelCharts.write(ReportManifests.trained(), temp.resolve("a"));
        ModelCharts.Written second = ModelCharts.write(ReportManifests.trained(), temp.resolve("b"));

        assertThat(Files.readAllBytes(second.learningCurve()))
                .containsExactly(Files.readAllBytes(first.learningCurve()));
        assertThat(Files.readAllBytes(second.confusionMatrix()))
                .containsExactly(Files.readAllBytes(first.confusionMatrix()));
    }

    @Test
    void importedModelWithoutHistoryGetsOnlyTheConfusionMatrix() throws IOException {
        ModelCharts.Written written = ModelCharts.write(ReportManifests.imported(), temp);

        assertThat(written.learningCurve()).isNull();
        assertThat(Files.exists(temp.resolve("imported-learning-curve.png"))).isFalse();
        assertThat(readPng(written.confusionMatrix()).getHeight()).isEqualTo(800);
    }

    private static BufferedImage readPng(Path file) throws IOException {
        assertThat(Files.isRegularFile(file)).as(file + " missing").isTrue();
        byte[] head = new byte[PNG_SIGNATURE.length];
        System.arraycopy(Files.readAllBytes(file), 0, head, 0, head.length);
        assertThat(head).as(file + " is not a PNG").containsExactly(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image != null).as(file + " does not decode").isTrue();
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
