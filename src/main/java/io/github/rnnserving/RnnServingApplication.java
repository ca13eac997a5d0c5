package io.github.rnnserving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RnnServingApplication {

    public static void main(String[] args) {
        SpringApplication.run(RnnServingApplication.class, args);
    }
}
