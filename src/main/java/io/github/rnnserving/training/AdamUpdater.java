package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/** Adam as {@code torch.optim.Adam} computes it (betas 0.9/0.999, eps 1e-8, L2 weight decay). */
final class AdamUpdater implements ParameterUpdater {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private final float weightDecay;
    private long steps;

    AdamUpdater(List<NDArray> weights, NDManager manager, float weightDecay) {
        this.weightDecay = weightDecay;
        for (NDArray weight : weights) {
            means.add(manager.zeros(weight.getShape()));
            variances.add(manager.zeros(weight.getShape()));
        }
    }

    @Override
    public void update(List<NDArray> weights, List<NDArray> gradients, float learningRate) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        float stepSize = (float) (learningRate / correction1);
        float rootCorrection2 = (float) Math.sqrt(correction2);
        // results of ops on the weights and moments would land on the model's manager and live
        // as long as the model: every temporary is attached to a scope closed after the update
        try (NDManager scope = means.get(0).getManager().newSubManager()) {
            for (int i = 0; i < weights.size(); i++) {
                NDArray weight = weights.get(i);
                NDArray gradient = gradients.get(i);
                if (weightDecay > 0) {
                    gradient = scoped(weight.mul(weightDecay), scope).addi(gradient);
                }
                NDArray mean = means.get(i).muli(BETA1).addi(scoped(gradient.mul(1 - BETA1), scope));
                NDArray variance = variances
                        .get(i)
                        .muli(BETA2)
                        .addi(scoped(gradient.square(), scope).muli(1 - BETA2));
                NDArray denominator =
                        scoped(variance.sqrt(), scope).divi(rootCorrection2).addi(EPSILON);
                weight.subi(scoped(mean.div(denominator), scope).muli(stepSize));
            }
        }
    }

    private static NDArray scoped(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    @Override
    public NDList state() {
        NDList state = new NDList();
        for (int i = 0; i < means.size(); i++) {
            state.add(named(means.get(i), "mean." + i));
            state.add(named(variances.get(i), "variance." + i));
        }
        NDArray step = means.get(0).getManager().create(new long[] {steps});
        state.add(named(step, "steps"));
        return state;
    }

    @Override
    public void restore(NDList state, NDManager manager) {
        for (NDArray array : state) {
            String name = array.getName();
            if (name.equals("steps")) {
                steps = array.toLongArray()[0];
            } else if (name.startsWith("mean.")) {
                array.copyTo(means.get(Integer.parseInt(name.substring(5))));
            } else if (name.startsWith("variance.")) {
                array.copyTo(variances.get(Integer.parseInt(name.substring(9))));
            }
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
