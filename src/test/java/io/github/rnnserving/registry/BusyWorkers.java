package io.github.rnnserving.registry;

import java.util.ArrayList;
import java.util.List;

/** Holds every predictor of a served model, as long-running requests would, until closed. */
public final class BusyWorkers implements AutoCloseable {

    private final List<PredictorPool.Lease<?, ?>> leases = new ArrayList<>();

    public BusyWorkers(ServedModel model) throws InterruptedException {
        PredictorPool<?, float[][]> pool = model.pool();
        for (int i = 0; i < pool.size(); i++) {
            leases.add(pool.borrow(1000));
        }
    }

    @Override
    public void close() {
        leases.forEach(PredictorPool.Lease::close);
    }
}
