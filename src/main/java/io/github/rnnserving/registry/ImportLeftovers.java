package io.github.rnnserving.registry;

import io.github.rnnserving.model.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What an import or bundle write killed half-way leaves behind: the spooled upload
 * ({@code <models>/.import-*}), a bundle's staging folder ({@code <models>/<name>/.tmp-*}), a
 * version being deleted ({@code <models>/<name>/.deleted-*}), and multipart uploads. None of it is
 * ever read as a model, but it can be large. On a volume shared by replicas a young one may be
 * another instance's import in progress, so only leftovers whose newest file is older than an age
 * are removed.
 */
public final class ImportLeftovers {

    static final String IMPORT_PREFIX = ".import-";
    static final String STAGING_PREFIX = ".tmp-";
    static final String DELETED_PREFIX = ".deleted-";

    private ImportLeftovers() {}

    /** Removes old leftovers of imports and bundle writes from a models folder; returns what went. */
    public static List<Path> sweepModels(Path modelsDir, Duration age, Instant now) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(modelsDir)) {
            return removed;
        }
        removed.addAll(sweep(modelsDir, name -> name.startsWith(IMPORT_PREFIX), age, now));
        for (Path model : children(modelsDir)) {
            if (Files.isDirectory(model) && !model.getFileName().toString().startsWith(".")) {
                removed.addAll(sweep(
                        model, name -> name.startsWith(STAGING_PREFIX) || name.startsWith(DELETED_PREFIX), age, now));
            }
        }
        return removed;
    }

    /** Removes old entries of a folder that holds only transient files (multipart uploads). */
    public static List<Path> sweepAll(Path folder, Duration age, Instant now) {
        return Files.isDirectory(folder) ? sweep(folder, name -> true, age, now) : List.of();
    }

    private static List<Path> sweep(Path folder, Predicate<String> leftover, Duration age, Instant now) {
        List<Path> removed = new ArrayList<>();
        Instant cutoff = now.minus(age);
        for (Path child : children(folder)) {
            if (!leftover.test(child.getFileName().toString())) {
                continue;
            }
            try {
                if (newestModification(child).isBefore(cutoff)) {
                    Folders.deleteTree(child);
                    removed.add(child);
                }
            } catch (IOException | UncheckedIOException e) {
                // gone meanwhile, or removed by another replica: either way not ours to report
            }
        }
        return removed;
    }

    /** A folder still being written has a young file somewhere inside, even if the folder is old. */
    private static Instant newestModification(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            Instant newest = Instant.MIN;
            for (Path each : walk.toList()) {
                Instant modified = Files.getLastModifiedTime(each).toInstant();
                newest = modified.isAfter(newest) ? modified : newest;
            }
            return newest;
        }
    }

    private static List<Path> children(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
