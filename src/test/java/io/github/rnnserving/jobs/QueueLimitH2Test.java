package io.github.rnnserving.jobs;

import java.io.IOException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The queue limit on the embedded H2 job database (the default). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class QueueLimitH2Test extends QueueLimitContract {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        commonSettings(registry);
    }
}
