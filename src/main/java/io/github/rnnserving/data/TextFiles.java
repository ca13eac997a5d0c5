package io.github.rnnserving.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** Strict text decoding shared by the text readers. */
final class TextFiles {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextFiles() {}

    /**
     * Decodes a whole file, failing on the first byte sequence that is invalid in {@code charset}.
     *
     * <p>A lenient decoder would turn a wrong charset (say, windows-1252 read as UTF-8) into silent
     * U+FFFD garbage in the training text, so errors are reported with the line where they occur. A
     * leading byte-order mark is dropped so that it never sticks to the first example or header.
     */
    static String readStrict(Path file, Charset charset) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e, e);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int maxChars = (int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte());
        CharBuffer out = CharBuffer.allocate(maxChars + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            throw new DatasetException(String.format(
                    "%s is not valid %s: %s byte(s) at byte offset %d (line %d);" + " wrong charset?",
                    file,
                    charset.name(),
                    result.isMalformed() ? "malformed" : "unmappable",
                    in.position(),
                    lineNumberAt(out, out.length())));
        }
        out.flip();
        if (out.hasRemaining() && out.charAt(0) == BYTE_ORDER_MARK) {
            out.position(1);
        }
        return out.toString();
    }

    /**
     * The 1-based line number of the character at {@code offset}, counting {@code \n}, {@code \r}
     * and {@code \r\n} as line ends, exactly as {@link java.io.BufferedReader#readLine()} does.
     */
    static int lineNumberAt(CharSequence text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            boolean crBeforeLf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (c == '\n' || (c == '\r' && !crBeforeLf)) {
                line++;
            }
        }
        return line;
    }
}
