package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/** SGD with momentum as {@code torch.optim.SGD} computes it: {@code b = m·b + g; w -= lr·b}. */
final class SgdUpdater implements ParameterUpdater {

    private final List<NDArray> velocities = new ArrayList<>();
    private final float momentum;
    private final float weightDecay;

    SgdUpdater(List<NDArray> weights, NDManager manager, float momentum, float weightDecay) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (NDArray weight : weights) {
            velocities.add(manager.zeros(weight.getShape()));
        }
    }

    @Override
    public void update(List<NDArray> weights, List<NDArray> gradients, float learningRate) {
        try (NDManager scope = velocities.get(0).getManager().newSubManager()) {
            for (int i = 0; i < weights.size(); i++) {
                NDArray weight = weights.get(i);
                NDArray gradient = gradients.get(i);
                if (weightDecay > 0) {
                    NDArray decay = weight.mul(weightDecay);
                    decay.attach(scope);
                    gradient = decay.addi(gradient);
                }
                NDArray velocity = velocities.get(i).muli(momentum).addi(gradient);
                NDArray step = velocity.mul(learningRate);
                step.attach(scope);
                weight.subi(step);
            }
        }
    }

    @Override
    public NDList state() {
        NDList state = new NDList();
        for (int i = 0; i < velocities.size(); i++) {
            NDArray velocity = velocities.get(i);
            velocity.setName("velocity." + i);
            state.add(velocity);
        }
        return state;
    }

    @Override
    public void restore(NDList state, NDManager manager) {
        for (NDArray array : state) {
            array.copyTo(velocities.get(Integer.parseInt(array.getName().substring(9))));
        }
    }
}
