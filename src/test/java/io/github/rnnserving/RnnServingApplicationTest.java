package io.github.rnnserving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The service starts (the endpoints come with the inference API). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RnnServingApplicationTest {

    @Autowired ApplicationContext context;

    @LocalServerPort int port;

    @Test
    void startsAWebServer() {
        assertThat(context.getId()).isEqualTo("rnn-serving");
        assertThat(port).isPositive();
    }
}
