package io.github.rnnserving.report;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** How the report writes numbers, keys and table cells, the same in every part of it. */
final class ReportText {

    private ReportText() {}

    /** {@code {learningRateDecay: 0.85}} → {@code learning rate decay 0.85}, pairs joined by commas. */
    static String mapLine(Map<?, ?> map) {
        StringJoiner line = new StringJoiner(", ");
        map.forEach((key, value) ->
                line.add(words(String.valueOf(key)) + " " + (value instanceof Number n ? plain(n) : value)));
        return line.toString();
    }

    /** {@code learningRateDecay} → {@code learning rate decay}. */
    static String words(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** A number without float noise: 0.002f prints 0.002, 5.0 prints 5. */
    static String plain(Number number) {
        if (number instanceof Float f) {
            return new BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
        }
        if (number instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return number.toString();
    }

    static String score(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A label as a Markdown table cell. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
