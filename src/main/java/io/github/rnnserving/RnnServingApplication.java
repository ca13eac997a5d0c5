package io.github.rnnserving;

import io.github.rnnserving.cli.RnnCommand;
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
        if (RnnCommand.handles(args)) {
            // the command line needs no web server: it runs without starting Spring
            System.exit(RnnCommand.run(args, System.out, System.err));
        }
        // one intra-op thread per inference or training step unless told otherwise: a job trains
        // on one core while requests are answered on the others, instead of all fighting for all
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", System.getenv().getOrDefault("RNN_INTRA_OP_THREADS", "1"));
        }
        SpringApplication.run(RnnServingApplication.class, args);
    }
}
