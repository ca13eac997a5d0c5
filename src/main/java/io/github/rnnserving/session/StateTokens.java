package io.github.rnnserving.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a {@link SessionState} into the opaque {@code state} token a client sends back, and opens
 * it again on any replica holding the same key. The token is encrypted and authenticated (AES-GCM),
 * so a client can neither read the hidden state nor hand in one the service did not issue.
 *
 * <p>Token: base64url without padding of {@code format (1 byte, 1) | nonce (12 random bytes) |
 * AES-GCM ciphertext with its 16-byte tag}. The authenticated data is the format byte and the
 * words {@code "rnn-serving session state"}, so a ciphertext made by the same key for another purpose does not open here. The
 * plaintext is, as {@link DataOutputStream} writes it: model (UTF), version (UTF), steps (int),
 * carry (int), float count (int), the floats.
 *
 * <p>Thread-safe: a cipher per call, the shared {@link SecureRandom} is itself thread-safe.
 * Random 96-bit nonces stay safe for about 2^32 tokens per key (NIST SP 800-38D), so a key
 * should be rotated long before that many steps have been answered.
 */
public final class StateTokens {

    /** The longest token {@link #open} reads: 256 KiB of sealed bytes in base64, about 65,000 floats. */
    public static final int MAX_TOKEN_CHARS = 350_000;

    static final byte FORMAT = 1;
    static final String CONTEXT = "rnn-serving session state";
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    // The same words for every refusal after the length check: which check failed (bad base64, bad
    // tag, bad layout) tells a forger nothing useful, and a caller can do nothing different.
    private static final String NOT_OURS = "state is not a session token this service issued, or it was altered";

    private final SecretKey key;
    private final byte[] aad = aad();
    private final SecureRandom random = new SecureRandom();

    /** @param key an AES key of 16, 24 or 32 bytes, shared by every replica */
    public StateTokens(byte[] key) {
        if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            throw new IllegalArgumentException(
                    "a session key must be 16, 24 or 32 bytes, not " + (key == null ? "null" : key.length));
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The token of {@code state}.
     *
     * @throws IllegalArgumentException when the token would be longer than {@link #MAX_TOKEN_CHARS}
     *     (so that every token issued can be opened) or a name is too long to write
     */
    public String seal(SessionState state) {
        byte[] plain = plaintext(state);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            sealed = cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            // AES-GCM is required of every Java platform: this is a broken runtime, not a bad state
            throw new IllegalStateException("cannot seal a session state", e);
        }
        byte[] token = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                .put(FORMAT)
                .put(nonce)
                .put(sealed)
                .array();
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        if (text.length() > MAX_TOKEN_CHARS) {
            throw new IllegalArgumentException("a state of " + state.hiddenLength() + " floats makes a token of "
                    + text.length() + " characters, more than " + MAX_TOKEN_CHARS);
        }
        return text;
    }

    /**
     * The state sealed in {@code token}.
     *
     * @throws InvalidStateTokenException when the token is empty, too long, or not one this key
     *     sealed (forged, altered, cut, extended, or sealed under another key)
     */
    public SessionState open(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidStateTokenException("state is empty");
        }
        // checked before decoding, so an oversized token costs no allocation
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidStateTokenException(
                    "state is longer than any session token this service issues (" + MAX_TOKEN_CHARS + " characters)");
        }
        byte[] bytes = decode(token);
        if (bytes.length < 1 + NONCE_BYTES + TAG_BYTES || bytes[0] != FORMAT) {
            throw new InvalidStateTokenException(NOT_OURS);
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(aad);
            plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new InvalidStateTokenException(NOT_OURS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a session state", e);
        }
        return state(plain);
    }

    private static byte[] plaintext(SessionState state) {
        float[] hidden = state.hidden();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + 4 * hidden.length);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(state.model());
            out.writeUTF(state.version());
            out.writeInt(state.steps());
            out.writeInt(state.carry());
            out.writeInt(hidden.length);
            for (float value : hidden) {
                // floatToRawIntBits, as writeFloat would not: NaN payloads survive the round trip
                out.writeInt(Float.floatToRawIntBits(value));
            }
        } catch (UTFDataFormatException e) {
            throw new IllegalArgumentException("model or version is longer than 65535 bytes in UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return buffer.toByteArray();
    }

    // The plaintext was authenticated, so a bad layout means a token this service wrote wrongly or a
    // leaked key; it is still refused rather than trusted.
    private static SessionState state(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            String model = in.readUTF();
            String version = in.readUTF();
            int steps = in.readInt();
            int carry = in.readInt();
            int count = in.readInt();
            int remaining = in.available();
            if (count < 0 || remaining % Float.BYTES != 0 || count != remaining / Float.BYTES) {
                throw new InvalidStateTokenException(NOT_OURS);
            }
            float[] hidden = new float[count];
            for (int i = 0; i < count; i++) {
                hidden[i] = Float.intBitsToFloat(in.readInt());
            }
            return new SessionState(model, version, steps, carry, hidden);
        } catch (IOException | IllegalArgumentException e) {
            // EOF, malformed UTF, or a blank name or negative steps refused by SessionState
            throw new InvalidStateTokenException(NOT_OURS);
        }
    }

    // Only the canonical spelling is read (no padding, no stray low bits in the last character), so
    // one state has exactly the token strings the service wrote.
    private static byte[] decode(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidStateTokenException(NOT_OURS);
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            throw new InvalidStateTokenException(NOT_OURS);
        }
        return bytes;
    }

    private static byte[] aad() {
        byte[] context = CONTEXT.getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(new byte[] {FORMAT}, 1 + context.length);
        System.arraycopy(context, 0, aad, 1, context.length);
        return aad;
    }
}
