package io.github.rnnserving;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.rnnserving.model.CudaDriver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts libtorch (DJL's PyTorch engine: about a second of loading and initialising native
 * libraries) on a thread of its own as soon as logging is set up, so that it overlaps Spring's
 * reading of the configuration instead of running at the start of the model registry. A failure
 * here is left for the registry's own start of the engine to report.
 *
 * <p>DJL turns libtorch's gradient mode off on the thread that starts the engine, and that mode is
 * per thread. So that the main thread keeps the mode it had when it started the engine itself,
 * it waits for the engine once the configuration is read (before any bean is created; the engine
 * is ready by then unless the machine is very busy) and turns the mode off there too.
 */
final class EnginePreload
        implements ApplicationListener<ApplicationEnvironmentPreparedEvent>,
                ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(EnginePreload.class);

    private final boolean gpuDriver;
    private final CompletableFuture<Engine> engine = new CompletableFuture<>();

    EnginePreload(boolean gpuDriver) {
        this.gpuDriver = gpuDriver;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Thread thread = new Thread(this::start, "engine-preload");
        thread.setDaemon(true);
        try {
            thread.start();
        } catch (OutOfMemoryError e) {
            // no thread to spare: the registry starts the engine on the main thread, as before
            engine.completeExceptionally(e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // run after the configuration classes are parsed, before the first singleton
        context.addBeanFactoryPostProcessor(beanFactory -> awaitOnThisThread());
    }

    private void start() {
        long started = System.nanoTime();
        try {
            Engine pytorch = Engine.getEngine("PyTorch");
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (gpuDriver) {
                log.info(
                        "{} {} started in {} ms, default device {}",
                        pytorch.getEngineName(),
                        pytorch.getVersion(),
                        millis,
                        pytorch.defaultDevice());
            } else {
                log.info(
                        "{} {} started in {} ms on the CPU: no NVIDIA driver here ({} not found)",
                        pytorch.getEngineName(),
                        pytorch.getVersion(),
                        millis,
                        CudaDriver.libraryName());
            }
            engine.complete(pytorch);
        } catch (RuntimeException | LinkageError e) {
            log.debug("engine preload failed; the model registry starts the engine again and reports why", e);
            engine.completeExceptionally(e);
        }
    }

    /** Waits for the preloaded engine, then turns gradients off on the calling thread too. */
    void awaitOnThisThread() {
        try {
            engine.get();
            JniUtils.setGradMode(false);
        } catch (ExecutionException e) {
            // the registry's own start of the engine reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
