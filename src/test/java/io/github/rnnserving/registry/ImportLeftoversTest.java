package io.github.rnnserving.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up removes what interrupted imports left, once old enough not to be another replica's work. */
class ImportLeftoversTest {

    private static final Duration AGE = Duration.ofHours(1);
    private static final Instant NOW = Instant.now();

    @TempDir
    Path models;

    @TempDir
    Path uploads;

    @Test
    void removesOldLeftoversAndKeepsFreshOnesAndModels() throws IOException {
        Path oldImport = file(models.resolve(".import-1.pt"), 2);
        Path freshImport = file(models.resolve(".import-2.npz"), 0);
        Path oldStaging = file(models.resolve("names/.tmp-a/weights.npz"), 3);
        touch(models.resolve("names/.tmp-a"), 3);
        Path oldDeleted = file(models.resolve("names/.deleted-2-1/model.json"), 3);
        touch(models.resolve("names/.deleted-2-1"), 3);
        // an old staging folder still being written: its newest file is fresh
        file(models.resolve("names/.tmp-b/model.json"), 5);
        Path writing = file(models.resolve("names/.tmp-b/weights.npz"), 0);
        Path version = file(models.resolve("names/1/weights.npz"), 5);
        Path checkpoint = file(models.resolve("names/.checkpoint/state.json"), 5);
        Path serving = file(models.resolve("names/serving-version"), 5);

        assertThat(ImportLeftovers.sweepModels(models, AGE, NOW))
                .containsExactlyInAnyOrder(oldImport, oldStaging.getParent(), oldDeleted.getParent());
        assertThat(oldImport).doesNotExist();
        assertThat(oldStaging.getParent()).doesNotExist();
        assertThat(oldDeleted.getParent()).doesNotExist();
        assertThat(freshImport).exists();
        assertThat(writing).exists();
        assertThat(version).exists();
        assertThat(checkpoint).exists();
        assertThat(serving).exists();
    }

    @Test
    void sweepsOldUploadsOnly() throws IOException {
        Path old = file(uploads.resolve("upload_1.tmp"), 2);
        Path fresh = file(uploads.resolve("upload_2.tmp"), 0);
        assertThat(ImportLeftovers.sweepAll(uploads, AGE, NOW)).containsExactly(old);
        try (Stream<Path> left = Files.list(uploads)) {
            assertThat(left).containsExactly(fresh);
        }
        assertThat(ImportLeftovers.sweepModels(uploads.resolve("absent"), AGE, NOW))
                .isEmpty();
    }

    private static Path file(Path path, int hoursOld) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        return touch(path, hoursOld);
    }

    private static Path touch(Path path, int hoursOld) throws IOException {
        Files.setLastModifiedTime(
                path, FileTime.from(NOW.minus(Duration.ofHours(hoursOld)).minusSeconds(60)));
        return path;
    }
}
