package io.github.rnnserving.support;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.serving.ServingEngine;
import java.io.IOException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * For web-slice tests that classify: the two tiny untrained models of {@link TinyModels} ("names"
 * over ASCII letters, "mnist") written as real bundles and served by a real registry.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TinyModelsConfig {

    @Bean
    TinyModels.ModelsFolder modelsFolder() throws IOException {
        return TinyModels.folderWithNamesAndMnist("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    }

    @Bean
    ModelRegistry modelRegistry(TinyModels.ModelsFolder folder, RnnProperties properties, ServingEngine engine) {
        return TinyModels.registry(folder, properties, engine);
    }
}
