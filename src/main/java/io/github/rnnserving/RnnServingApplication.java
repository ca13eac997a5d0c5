package io.github.rnnserving;

import io.github.rnnserving.cli.RnnCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(RnnProperties.class)
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
        SpringApplication.run(RnnServingApplication.class, args);
    }
}
