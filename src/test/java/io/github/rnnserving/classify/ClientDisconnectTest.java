package io.github.rnnserving.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that hangs up stops costing work: its sequences still queued leave the queue, on the
 * real server (Tomcat reports the closed connection of a request waiting for its answer).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "rnn.limits.max-text-length=2000",
            "rnn.limits.max-explain-steps=2000",
            "rnn.limits.max-explain-work=2000000000",
            "rnn.limits.request-timeout=60s",
            "rnn.jobs.train=false"
        })
class ClientDisconnectTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void defaultModels(DynamicPropertyRegistry registry) {
        registry.add("rnn.models-dir", () -> Path.of("models").toAbsolutePath().toString());
        registry.add(
                "rnn.state-dir",
                () -> Path.of("target", "disconnect-state").toAbsolutePath().toString());
    }

    @Test
    void aClientThatHangsUpStopsItsWork() throws Exception {
        // 16 texts of 2000 characters explained: 32000 sequences of up to 2000 steps, minutes of work
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            texts.add(ALPHABET.repeat(80).substring(i, i + 2000));
        }
        byte[] body = JsonMapper.builder()
                .build()
                .writeValueAsBytes(Map.of("model", "names", "texts", texts, "explain", true));
        double before = sequences();
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            await("the request's passes start").atMost(Duration.ofSeconds(30)).until(() -> sequences() > before);
        }
        await("the hang-up is noticed and the queue emptied")
                .atMost(Duration.ofSeconds(10))
                .until(() -> cancelled() == 1 && depth() == 0);
        double afterHangUp = sequences();
        // at most the passes already running finish; nothing more runs
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(sequences()).isLessThanOrEqualTo(afterHangUp + 64));
        assertThat(sequences() - before).as("sequences run of 32000").isLessThan(16_000);
    }

    private double sequences() {
        return meters.find("rnn.classify.sequences").tag("model", "names").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double cancelled() {
        return meters.find("rnn.serving.rejected").tags("model", "names", "reason", "cancelled").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double depth() {
        return meters.get("rnn.serving.queue.depth")
                .tag("model", "names")
                .gauge()
                .value();
    }
}
