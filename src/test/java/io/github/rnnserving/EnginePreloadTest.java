package io.github.rnnserving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * The engine started on a thread of its own, and the thread that waits for it (the main thread,
 * before any bean exists) left with libtorch's gradients off, as when it started the engine itself.
 */
class EnginePreloadTest {

    @Test
    void theWaitingThreadGetsTheEngineWithGradientsOff() throws InterruptedException {
        EnginePreload preload = new EnginePreload(false);
        preload.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), new SpringApplication(), new String[0], new StandardEnvironment()));

        AtomicBoolean waitingThreadMode = new AtomicBoolean(true);
        Thread waiting = new Thread(() -> {
            preload.awaitOnThisThread();
            waitingThreadMode.set(JniUtils.isGradMode());
        });
        waiting.start();
        waiting.join();
        AtomicBoolean otherThreadMode = new AtomicBoolean(false);
        Thread other = new Thread(() -> otherThreadMode.set(JniUtils.isGradMode()));
        other.start();
        other.join();

        assertThat(Engine.getEngine("PyTorch").getEngineName()).isEqualTo("PyTorch");
        assertThat(waitingThreadMode).as("the waiting thread").isFalse();
        assertThat(otherThreadMode).as("libtorch's default on any other thread").isTrue();
    }

    @Test
    void theWaitIsABeanFactoryPostProcessorOfTheContext() {
        EnginePreload preload = new EnginePreload(true);
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            preload.initialize(context);
            assertThat(context.getBeanFactoryPostProcessors()).hasSize(1);
        }
    }
}
