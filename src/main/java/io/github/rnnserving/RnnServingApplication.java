package io.github.rnnserving;

import ch.qos.logback.classic.Level;
import io.github.rnnserving.cli.RnnCommand;
import io.github.rnnserving.model.CudaDriver;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableConfigurationProperties(RnnProperties.class)
@EnableScheduling
public class RnnServingApplication {

    public static void main(String[] args) {
        // the PyTorch natives ship inside the jar: never let DJL try to download them
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        boolean gpuDriver = CudaDriver.present();
        if (RnnCommand.handles(args)) {
            // the command line needs no web server: it runs without starting Spring
            if (!gpuDriver) {
                quietGpuProbe();
            }
            System.exit(RnnCommand.run(args, System.out, System.err));
        }
        // libtorch's thread counts as it starts (the preload below starts it early); the serving
        // engine's ThreadPlan decides them and sets the intra-op count again once the settings are
        // read. The inter-op pool can only be sized before libtorch's first use: 1, the plan's default.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", System.getenv().getOrDefault("RNN_INTRA_OP_THREADS", "1"));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        SpringApplication application = new SpringApplication(RnnServingApplication.class);
        application.setDefaultProperties(defaultProperties(gpuDriver));
        EnginePreload preload = new EnginePreload(gpuDriver);
        application.addListeners(preload);
        application.addInitializers(preload);
        application.run(args);
    }

    /**
     * Settings below every other source (application.properties, environment, arguments): without
     * an NVIDIA driver, DJL's GPU probe logs errors only (see {@link CudaDriver}).
     */
    static Map<String, Object> defaultProperties(boolean gpuDriver) {
        return gpuDriver ? Map.of() : Map.of("logging.level." + CudaDriver.PROBE_LOGGER, "ERROR");
    }

    /** The command line's logging is Logback's default, not Spring's: the same rule, set directly. */
    private static void quietGpuProbe() {
        if (LoggerFactory.getLogger(CudaDriver.PROBE_LOGGER) instanceof ch.qos.logback.classic.Logger probe) {
            probe.setLevel(Level.ERROR);
        }
    }
}
