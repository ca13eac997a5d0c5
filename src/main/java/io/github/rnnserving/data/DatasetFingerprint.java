package io.github.rnnserving.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 hex digest that identifies exactly which data a model saw: the source files read and
 * the split made from them.
 *
 * <p>It covers, in this order: the source files sorted by their path relative to a base folder
 * (each path and all its bytes), the split options (seed, both fractions, grouping), and the
 * examples of train, validation and test in split order (each example's kind, label and text, or
 * rows, columns and pixels). Every variable-length field is length-prefixed so that two different
 * inputs cannot run together into the same bytes. Files are streamed, so 60,000 MNIST images cost
 * one pass over about 55 MB.
 *
 * <p>Paths are relative so that moving the dataset folder does not change the fingerprint.
 */
public final class DatasetFingerprint {

    private static final String FORMAT_VERSION = "rnn-serving dataset fingerprint v1";
    private static final int BUFFER_BYTES = 1 << 16;

    private DatasetFingerprint() {}

    /**
     * @param baseFolder the folder {@code sourceFiles} are named relative to, usually the dataset's
     *     folder
     * @param sourceFiles the files the examples were read from; each must lie under {@code
     *     baseFolder}
     */
    public static String of(
            Path baseFolder,
            Collection<Path> sourceFiles,
            SplitOptions options,
            DatasetSplit<? extends Example> split) {
        MessageDigest digest = sha256();
        putString(digest, FORMAT_VERSION);
        Map<String, Path> filesByRelativePath = relativePaths(baseFolder, sourceFiles);
        putLong(digest, filesByRelativePath.size());
        filesByRelativePath.forEach((relativePath, file) -> {
            putString(digest, relativePath);
            putFile(digest, file);
        });

        putLong(digest, options.seed());
        putLong(digest, Double.doubleToLongBits(options.validationFraction()));
        putLong(digest, Double.doubleToLongBits(options.testFraction()));
        putLong(digest, options.groupDuplicates() ? 1 : 0);

        List<List<? extends Example>> parts = List.of(split.train(), split.validation(), split.test());
        for (List<? extends Example> part : parts) {
            putLong(digest, part.size());
            for (Example example : part) {
                putExample(digest, example);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Map<String, Path> relativePaths(Path baseFolder, Collection<Path> files) {
        Path base = baseFolder.toAbsolutePath().normalize();
        Map<String, Path> byRelativePath = new TreeMap<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            if (!absolute.startsWith(base)) {
                throw new IllegalArgumentException(file + " is not under " + baseFolder);
            }
            // '/' on every OS so that the fingerprint does not depend on where it is computed
            String relative = base.relativize(absolute).toString().replace('\\', '/');
            byRelativePath.put(relative, absolute);
        }
        return byRelativePath;
    }

    private static void putExample(MessageDigest digest, Example example) {
        // Java 17 has no pattern switch; Example is sealed to exactly these two
        if (example instanceof TextExample text) {
            digest.update((byte) 'T');
            putString(digest, text.label());
            putString(digest, text.text());
        } else if (example instanceof ImageExample image) {
            digest.update((byte) 'I');
            putString(digest, image.label());
            putLong(digest, image.rows());
            putLong(digest, image.columns());
            digest.update(image.pixels());
        } else {
            throw new IllegalArgumentException("unknown example type " + example.getClass());
        }
    }

    private static void putFile(MessageDigest digest, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            putLong(digest, Files.size(file));
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + " for its fingerprint: " + e, e);
        }
    }

    private static void putString(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putLong(digest, bytes.length);
        digest.update(bytes);
    }

    private static void putLong(MessageDigest digest, long value) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
