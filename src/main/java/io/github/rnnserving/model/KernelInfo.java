package io.github.rnnserving.model;

import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/info} says which CPU the service runs on and that its recurrent layers run
 * libtorch's reference kernels, so an operator can check a replica's numerics without a test.
 */
@Component
class KernelInfo implements InfoContributor {

    @Override
    public void contribute(Info.Builder builder) {
        boolean exact = CpuKernels.ensureExact();
        builder.withDetail(
                "kernels",
                Map.of(
                        "cpu", CpuFeatures.vectorExtensions(),
                        "oneDnn", CpuKernels.oneDnnEnabled() ? "on" : "off",
                        "recurrentLayers",
                                exact
                                        ? "ATen reference kernels (PyTorch's numbers on any CPU)"
                                        : "oneDNN may be used: results can depend on the CPU"));
    }
}
