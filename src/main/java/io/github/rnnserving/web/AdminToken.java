package io.github.rnnserving.web;

import io.github.rnnserving.RnnProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bearer token of the mutating endpoints: {@code rnn.security.admin-token} (which
 * application.properties fills from {@code RNN_ADMIN_TOKEN}, the spelling deployments use), else a
 * random one generated at start, logged once and written to {@code rnn.security.token-file}
 * readable by the owner only. The token comes only through property binding, so tests and every
 * property source set it the same way.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] token;

    public AdminToken(RnnProperties properties) {
        String configured = properties.security().adminToken();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path file = properties.security().tokenFile().toAbsolutePath();
            write(file, configured);
            log.warn("no admin token configured: generated one for this run: {} (also in {})", configured, file);
        }
        token = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time check of an {@code Authorization} header value. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }

    private static void write(Path file, String value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token to " + file, e);
        }
    }
}
