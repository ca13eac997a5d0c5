package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}: all gradients are scaled
 * together, so their direction is kept. DJL's {@code optClipGrad} instead clamps each value from
 * above only, which leaves large negative gradients untouched.
 */
final class GradientClipping {

    private GradientClipping() {}

    /**
     * Scales the gradients in place so their global L2 norm is at most {@code maxNorm} (0: never).
     *
     * @return the norm before clipping
     */
    static double clipGlobalNorm(List<NDArray> gradients, double maxNorm) {
        double squares = 0;
        for (NDArray gradient : gradients) {
            try (NDArray square = gradient.square();
                    NDArray sum = square.sum()) {
                squares += sum.getFloat();
            }
        }
        double norm = Math.sqrt(squares);
        if (maxNorm > 0 && Double.isFinite(norm) && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray gradient : gradients) {
                gradient.muli(scale);
            }
        }
        return norm;
    }
}
