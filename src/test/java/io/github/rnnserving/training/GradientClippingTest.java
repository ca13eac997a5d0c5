package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

            assertThat(before).isCloseTo(Math.sqrt(9 + 10000 + 16), within(1e-3));
            double after = Math.sqrt(
                    first.square().sum().getFloat() + second.square().sum().getFloat());
            assertThat(after).isCloseTo(1.0, within(1e-4));
            // direction kept: -100 stays the largest in magnitude and negative
            float[] clipped = first.toFloatArray();
            assertThat(clipped[1]).isCloseTo(-100f / (float) before, within(1e-5f));
            assertThat(clipped[0]).isCloseTo(3f / (float) before, within(1e-5f));
        }
    }

    @Test
    void leavesSmallGradientsAndTheOffSwitchAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray small = manager.create(new float[] {0.3f, -0.4f});
            assertThat(GradientClipping.clipGlobalNorm(List.of(small), 1.0)).isCloseTo(0.5, within(1e-6));
            assertThat(small.toFloatArray()).containsExactly(new float[] {0.3f, -0.4f});

            NDArray large = manager.create(new float[] {30f, -40f});
            assertThat(GradientClipping.clipGlobalNorm(List.of(large), 0)).isCloseTo(50, within(1e-4));
            assertThat(large.toFloatArray()).containsExactly(new float[] {30f, -40f});
        }
    }
}
