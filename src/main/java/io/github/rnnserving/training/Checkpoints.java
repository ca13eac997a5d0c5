package io.github.rnnserving.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.rnnserving.model.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's checkpoint folder: {@code state.json}, {@code weights.npz} (the current weights), {@code
 * best.npz} (the best on validation) and {@code optimizer.npz}. A new checkpoint is written beside
 * the old one and swapped in by renames, so a crash leaves one whole checkpoint.
 */
public final class Checkpoints {

    static final String STATE = "state.json";
    static final String WEIGHTS = "weights.npz";
    static final String BEST = "best.npz";
    static final String OPTIMIZER = "optimizer.npz";

    private final Path folder;
    private final JsonMapper json = JsonMapper.builder().build();

    public Checkpoints(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    /** The last whole checkpoint, if any. */
    public Optional<CheckpointState> readState() {
        Path current = readable();
        if (current == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(current.resolve(STATE).toFile(), CheckpointState.class));
        } catch (RuntimeException e) {
            throw new TrainingFailedException(
                    "checkpoint " + current + " is unreadable (" + e.getMessage() + "); delete it to start over", e);
        }
    }

    NDList readArrays(String file, NDManager manager) {
        Path current = readable();
        try (InputStream in = Files.newInputStream(current.resolve(file))) {
            return NDList.decode(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name) {
        return readable().resolve(name);
    }

    /** Writes a checkpoint; {@code writer} fills the fresh folder with the array files. */
    void write(CheckpointState state, ArrayWriter writer) {
        Path fresh = folder.resolveSibling(folder.getFileName() + ".new");
        Path old = folder.resolveSibling(folder.getFileName() + ".old");
        try {
            Folders.deleteTree(fresh);
            Files.createDirectories(fresh);
            writer.write(fresh);
            json.writeValue(fresh.resolve(STATE).toFile(), state);
            Folders.deleteTree(old);
            if (Files.exists(folder)) {
                Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
            Folders.deleteTree(old);
        } catch (IOException e) {
            throw new TrainingFailedException("cannot write checkpoint " + folder + ": " + e, e);
        }
    }

    public void delete() {
        try {
            Folders.deleteTree(folder);
            Folders.deleteTree(folder.resolveSibling(folder.getFileName() + ".old"));
            Folders.deleteTree(folder.resolveSibling(folder.getFileName() + ".new"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeArrays(Path file, NDList arrays) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            arrays.encode(out, NDList.Encoding.NPZ);
        }
    }

    /** The folder, or the previous one when a crash came between the two renames. */
    private Path readable() {
        if (Files.isRegularFile(folder.resolve(STATE))) {
            return folder;
        }
        Path old = folder.resolveSibling(folder.getFileName() + ".old");
        return Files.isRegularFile(old.resolve(STATE)) ? old : null;
    }

    @FunctionalInterface
    interface ArrayWriter {
        void write(Path folder) throws IOException;
    }
}
