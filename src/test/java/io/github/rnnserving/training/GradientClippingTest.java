package io.github.rnnserving.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void scalesAllGradientsTogetherToTheMaximumNormNegativeValuesIncluded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray first = manager.create(new float[] {3f, -100f});
            NDArray second = manager.create(new float[] {0f, 0f, -4f});
            double before = GradientClipping.clipGlobalNorm(List.of(first, second), 1.0);

            assertEquals(Math.sqrt(9 + 10000 + 16), before, 1e-3);
            double after = Math.sqrt(
                    first.square().sum().getFloat() + second.square().sum().getFloat());
            assertEquals(1.0, after, 1e-4);
            // direction kept: -100 stays the largest in magnitude and negative
            float[] clipped = first.toFloatArray();
            assertEquals(-100f / (float) before, clipped[1], 1e-5f);
            assertEquals(3f / (float) before, clipped[0], 1e-5f);
        }
    }

    @Test
    void leavesSmallGradientsAndTheOffSwitchAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray small = manager.create(new float[] {0.3f, -0.4f});
            assertEquals(0.5, GradientClipping.clipGlobalNorm(List.of(small), 1.0), 1e-6);
            assertArrayEquals(new float[] {0.3f, -0.4f}, small.toFloatArray());

            NDArray large = manager.create(new float[] {30f, -40f});
            assertEquals(50, GradientClipping.clipGlobalNorm(List.of(large), 0), 1e-4);
            assertArrayEquals(new float[] {30f, -40f}, large.toFloatArray());
        }
    }
}
