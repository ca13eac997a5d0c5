package io.github.rnnserving.web;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans a message before it leaves the server: absolute paths become the file's name (the log
 * keeps the full text), and Java class names (of exceptions, mostly, as {@code "…: " + e} writes
 * them) are dropped. Messages the service writes itself need none of this; it is the safety net for
 * ones that quote a library.
 */
public final class PublicText {

    /** {@code java.nio.file.NoSuchFileException: } and the like, with or without a package. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:\\$\\w+)*(?::\\s*)?|\\b\\w+(?:Exception|Error)\\b:?\\s*");
    /** A Unix or Windows absolute path, up to a quote, a blank or a colon-and-blank. */
    private static final Pattern ABSOLUTE_PATH =
            Pattern.compile("(?<![\\w.])(?:/[^\\s'\"/:,;()\\[\\]]+)+/?|\\b[A-Za-z]:\\\\[^\\s'\":,;()]+");

    /** Where a message starts quoting libtorch or DJL's native side: nothing after it is for a client. */
    private static final Pattern NATIVE_TEXT =
            Pattern.compile("c10::|\\bat::|libtorch|Exception raised from|\\bai\\.djl\\.");

    private PublicText() {}

    public static String clean(String message) {
        if (message == null) {
            return null;
        }
        String text = message.lines().findFirst().orElse("");
        Matcher nativeText = NATIVE_TEXT.matcher(text);
        if (nativeText.find()) {
            text = text.substring(0, nativeText.start());
        }
        text = replaceAll(ABSOLUTE_PATH, text, PublicText::fileName);
        text = CLASS_NAME.matcher(text).replaceAll("");
        text = text.strip().replaceAll("[:;,(\\s]+$", "");
        return text.isEmpty() ? "the request could not be processed" : text;
    }

    /** {@code path} named relative to {@code root} when inside it, else by its file name alone. */
    public static String relative(Path root, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        if (absolute.startsWith(base) && !absolute.equals(base)) {
            return base.relativize(absolute).toString();
        }
        Path name = absolute.getFileName();
        return name == null ? "" : name.toString();
    }

    private static String fileName(String path) {
        // a URL path such as /models/names/versions/1 is the API's own, not the server's file system
        if (path.startsWith("/models")
                || path.startsWith("/training-jobs")
                || path.startsWith("/classify")
                || path.startsWith("/generate")
                || path.startsWith("/score")
                || path.startsWith("/sessions")
                || path.startsWith("/v2/")
                || path.startsWith("/actuator")
                || path.startsWith("/problems")) {
            return path;
        }
        String trimmed = path.endsWith("/") || path.endsWith("\\") ? path.substring(0, path.length() - 1) : path;
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
    }

    private static String replaceAll(
            Pattern pattern, String text, java.util.function.UnaryOperator<String> replacement) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
