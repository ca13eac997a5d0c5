package io.github.rnnserving.registry;

import io.github.rnnserving.RnnProperties;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * At start-up, removes old leftovers of interrupted imports and bundle writes
 * ({@link ImportLeftovers}), and keeps multipart uploads under {@code <rnn.state-dir>/uploads}
 * rather than the system temp folder, where a killed process's upload of a few hundred MB would
 * stay for good; that folder is swept the same way.
 */
@Configuration(proxyBeanMethods = false)
class LeftoverCleanup {

    static final String UPLOADS = "uploads";
    private static final Logger log = LoggerFactory.getLogger(LeftoverCleanup.class);

    LeftoverCleanup(RnnProperties properties) {
        report(ImportLeftovers.sweepModels(properties.modelsDir(), properties.leftoverAge(), Instant.now()));
    }

    /** Spring Boot's multipart settings, with the location under the state folder unless one is set. */
    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, RnnProperties properties) {
        if (!StringUtils.hasText(multipart.getLocation())) {
            // absolute: Tomcat resolves a relative location against its own work folder
            Path uploads =
                    properties.stateDir().resolve(UPLOADS).toAbsolutePath().normalize();
            try {
                Files.createDirectories(uploads);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the uploads folder " + uploads, e);
            }
            report(ImportLeftovers.sweepAll(uploads, properties.leftoverAge(), Instant.now()));
            multipart.setLocation(uploads.toString());
        }
        return multipart.createMultipartConfig();
    }

    private static void report(List<Path> removed) {
        for (Path path : removed) {
            log.info("removed {}, left by an interrupted import or write", path);
        }
    }
}
