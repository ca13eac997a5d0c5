package io.github.rnnserving.data;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads a folder with one file per class and one example per line, such as the char-RNN
 * {@code names/Arabic.txt} files or Pang &amp; Lee's {@code rt-polarity.pos}/{@code .neg}.
 *
 * <p>The label comes from the file name:
 *
 * <ul>
 *   <li>{@code Arabic.txt} → {@code Arabic}: a {@code .txt} suffix (any case) is removed;
 *   <li>{@code rt-polarity.pos} → {@code pos}: any other extension is the label, because such
 *       datasets share one stem and put the class in the extension;
 *   <li>{@code Arabic} → {@code Arabic}: a name without a dot is the label.
 * </ul>
 *
 * <p>The label is then looked up in the optional rename map ({@code pos → positive}); labels that
 * are not in it are kept. Two files that end up with the same label are an error.
 *
 * <p>Only regular files directly in the folder are read, in file-name order; subfolders, hidden
 * files (leading '.'), {@code README*} and {@code PROVENANCE.md} are ignored. Lines are split on
 * {@code \n}, {@code \r} and {@code \r\n} only (so cp1252's U+0085 "…" stays inside its line),
 * trailing whitespace is stripped and blank lines are skipped. Files are decoded strictly in the
 * given charset: a byte sequence that is invalid there is a {@link DatasetException}, not U+FFFD.
 */
public final class ClassFolderReader {

    private final Path folder;
    private final Charset charset;
    private final Map<String, String> labelRenames;

    public ClassFolderReader(Path folder, Charset charset) {
        this(folder, charset, Map.of());
    }

    public ClassFolderReader(Path folder, Charset charset, Map<String, String> labelRenames) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.labelRenames = Map.copyOf(labelRenames);
    }

    public Path folder() {
        return folder;
    }

    /** The class files that {@link #read()} reads, in the order it reads them. */
    public List<Path> sourceFiles() {
        if (!Files.exists(folder)) {
            throw new DatasetException("dataset folder does not exist: " + folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("dataset path is not a folder: " + folder);
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(Files::isRegularFile)
                    .filter(file -> isClassFile(file.getFileName().toString()))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list dataset folder " + folder + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new DatasetException("no class files in "
                    + folder
                    + " (hidden files, subfolders, README* and PROVENANCE.md do not"
                    + " count)");
        }
        return files;
    }

    public List<TextExample> read() {
        List<TextExample> examples = new ArrayList<>();
        Map<String, Path> fileByLabel = new HashMap<>();
        for (Path file : sourceFiles()) {
            String fileLabel = labelOf(file.getFileName().toString());
            String label = labelRenames.getOrDefault(fileLabel, fileLabel);
            Path clash = fileByLabel.putIfAbsent(label, file);
            if (clash != null) {
                throw new DatasetException(
                        String.format("two class files give the label '%s': %s and %s", label, clash, file));
            }
            int before = examples.size();
            TextFiles.readStrict(file, charset)
                    .lines()
                    .map(String::stripTrailing)
                    .filter(line -> !line.isEmpty())
                    .forEach(line -> examples.add(new TextExample(line, label)));
            if (examples.size() == before) {
                throw new DatasetException("class file has no examples (empty or blank): " + file);
            }
        }
        return List.copyOf(examples);
    }

    /** The label a class file name gives, before renaming; see the class comment for the rule. */
    static String labelOf(String fileName) {
        String txt = ".txt";
        if (fileName.length() > txt.length()
                && fileName.regionMatches(true, fileName.length() - txt.length(), txt, 0, txt.length())) {
            return fileName.substring(0, fileName.length() - txt.length());
        }
        int dot = fileName.lastIndexOf('.');
        if (dot > 0 && dot < fileName.length() - 1) {
            return fileName.substring(dot + 1);
        }
        return fileName;
    }

    private static boolean isClassFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return !lower.startsWith(".") && !lower.startsWith("readme") && !lower.equals("provenance.md");
    }
}
