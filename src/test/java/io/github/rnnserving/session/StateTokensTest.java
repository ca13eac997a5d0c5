package io.github.rnnserving.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateTokensTest {

    private static final String NOT_OURS = "state is not a session token this service issued, or it was altered";
    private static final byte[] KEY = key(32, 1);
    private static final SessionState STATE = new SessionState("names", "v1", 7, 3, new float[] {0.5f, -1.25f, 3f});

    private final StateTokens tokens = new StateTokens(KEY);

    @Test
    void opensWhatItSealed() {
        float[] big = new float[1024];
        Random random = new Random(42);
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) random.nextGaussian();
        }
        for (SessionState state : new SessionState[] {
            STATE,
            new SessionState("names", "v1", 0, 0, new float[0]),
            new SessionState("names", "2024-05-01T10:00:00Z", 1000, -1, big),
            new SessionState("Ναμές-名前", "v1", 1, Integer.MAX_VALUE, new float[] {1f})
        }) {
            assertThat(tokens.open(tokens.seal(state))).isEqualTo(state);
        }
    }

    @Test
    void keepsEveryFloatBitForBit() {
        float payloadNaN = Float.intBitsToFloat(0x7fc00123);
        float[] odd = {Float.NaN, payloadNaN, -0f, 0f, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MAX_VALUE};

        float[] back =
                tokens.open(tokens.seal(new SessionState("m", "v", 1, 0, odd))).hidden();

        assertThat(back).hasSize(odd.length);
        for (int i = 0; i < odd.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(odd[i]));
        }
    }

    @Test
    void sealsTheSameStateDifferentlyEachTime() {
        String first = tokens.seal(STATE);
        String second = tokens.seal(STATE);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(bytes(first), 1, 13)).isNotEqualTo(Arrays.copyOfRange(bytes(second), 1, 13));
    }

    @Test
    void writesTheDocumentedLayout() {
        // 512 floats of a 2-layer GRU of 256, model "names", version "v1"
        String token = tokens.seal(new SessionState("names", "v1", 12, 0, new float[512]));
        byte[] bytes = bytes(token);
        int plaintext = (2 + 5) + (2 + 2) + 4 + 4 + 4 + 512 * 4;

        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes).hasSize(1 + 12 + plaintext + 16);
        assertThat(token).hasSize(2800).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void opensATokenBuiltFromTheFormatAlone() throws Exception {
        String token = sealRaw(KEY, (byte) 1, plaintext("names", "v1", 7, 3, 3, 0.5f, -1.25f, 3f), "");

        assertThat(tokens.open(token)).isEqualTo(STATE);
    }

    @Test
    void refusesAFlippedBitAnywhere() {
        byte[] bytes = bytes(tokens.seal(STATE));
        int tagStart = bytes.length - 16;
        // the format byte, the nonce, the ciphertext and the tag, each at its first and last byte
        for (int index : new int[] {0, 1, 12, 13, tagStart - 1, tagStart, bytes.length - 1}) {
            for (int bit = 0; bit < 8; bit += 7) {
                byte[] altered = bytes.clone();
                altered[index] ^= (byte) (1 << bit);
                assertRefused(encode(altered));
            }
        }
    }

    @Test
    void refusesCutAndExtendedTokens() {
        String token = tokens.seal(STATE);
        byte[] bytes = bytes(token);

        assertRefused(encode(Arrays.copyOf(bytes, bytes.length - 1)));
        assertRefused(encode(Arrays.copyOf(bytes, bytes.length + 1)));
        assertRefused(encode(Arrays.copyOf(bytes, 1 + 12 + 16)));
        assertRefused(encode(Arrays.copyOf(bytes, 1 + 12 + 15)));
        assertRefused(encode(Arrays.copyOf(bytes, 1)));
        assertRefused(token.substring(0, token.length() - 1));
        assertRefused(token + "A");
        assertRefused(token + "AAAA");
        assertRefused(token.substring(0, token.length() / 2));
    }

    @Test
    void refusesTokensOfAnotherKey() {
        for (byte[] other : new byte[][] {key(32, 2), key(16, 1), key(24, 1)}) {
            assertRefused(new StateTokens(other).seal(STATE));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello",
                "not base64!",
                "AAAA",
                "AQ",
                "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "{\"model\":\"names\"}",
                "AQID+/8=",
                " AQID"
            })
    void refusesGarbage(String garbage) {
        assertRefused(garbage);
    }

    @Test
    void refusesOtherSpellingsOfTheSameBytes() {
        String token = tokens.seal(new SessionState("names", "v1", 1, 0, new float[] {1f, 2f, 3f, 4f}));
        byte[] bytes = bytes(token);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // 68 bytes: the last character carries 4 bits and 2 unused ones, which a decoder ignores
        String strayBits = token.substring(0, token.length() - 1)
                + alphabet.charAt(alphabet.indexOf(token.charAt(token.length() - 1)) | 1);
        assertThat(bytes).hasSize(68);
        assertThat(bytes(strayBits)).isEqualTo(bytes);

        assertRefused(Base64.getUrlEncoder().encodeToString(bytes));
        assertRefused(strayBits);
    }

    @Test
    void refusesEmptyAndOversizedTokensInTheirOwnWords() {
        assertThatThrownBy(() -> tokens.open(null))
                .isInstanceOf(InvalidStateTokenException.class)
                .hasMessage("state is empty");
        assertThatThrownBy(() -> tokens.open("  "))
                .isInstanceOf(InvalidStateTokenException.class)
                .hasMessage("state is empty");
        assertThatThrownBy(() -> tokens.open("A".repeat(StateTokens.MAX_TOKEN_CHARS + 1)))
                .isInstanceOf(InvalidStateTokenException.class)
                .hasMessage("state is longer than any session token this service issues (350000 characters)");
    }

    @Test
    void refusesAnAuthenticTokenWhoseContentDoesNotAddUp() throws Exception {
        // sealed with the right key, so only the checks after decryption can refuse them
        assertRefused(sealRaw(KEY, (byte) 1, plaintext("names", "v1", 7, 3, 3, 0.5f, -1.25f, 3f), "\0"));
        assertRefused(sealRaw(KEY, (byte) 1, plaintext("names", "v1", 7, 3, 4, 0.5f, -1.25f, 3f), ""));
        assertRefused(sealRaw(KEY, (byte) 1, plaintext("names", "v1", 7, 3, 2, 0.5f, -1.25f, 3f), ""));
        assertRefused(sealRaw(KEY, (byte) 1, plaintext("names", "v1", 7, 3, -1), ""));
        assertRefused(sealRaw(KEY, (byte) 1, plaintext("names", "v1", -7, 3, 1, 0.5f), ""));
        assertRefused(sealRaw(KEY, (byte) 1, plaintext("", "v1", 7, 3, 1, 0.5f), ""));
        assertRefused(sealRaw(KEY, (byte) 1, Arrays.copyOf(plaintext("names", "v1", 7, 3, 0), 10), ""));
        assertRefused(sealRaw(KEY, (byte) 1, new byte[0], ""));
        // a format this version does not know, authenticated as such
        assertRefused(sealRaw(KEY, (byte) 2, plaintext("names", "v1", 7, 3, 1, 0.5f), ""));
    }

    @Test
    void refusesACiphertextOfTheSameKeyForAnotherPurpose() throws Exception {
        byte[] plain = plaintext("names", "v1", 7, 3, 3, 0.5f, -1.25f, 3f);

        assertRefused(sealRaw(KEY, (byte) 1, plain, null));
    }

    @Test
    void sealsNoTokenItCouldNotOpen() {
        // the largest state whose token fits MAX_TOKEN_CHARS, with one-letter names: 65613 floats
        SessionState largest = new SessionState("m", "v", 1, 0, new float[65_613]);
        String token = tokens.seal(largest);

        assertThat(token.length()).isLessThanOrEqualTo(StateTokens.MAX_TOKEN_CHARS);
        assertThat(tokens.open(token)).isEqualTo(largest);
        assertThatThrownBy(() -> tokens.seal(new SessionState("m", "v", 1, 0, new float[65_614])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 350000");
    }

    @Test
    void refusesKeysOfTheWrongLength() {
        for (int length : new int[] {0, 15, 17, 31, 33, 64}) {
            assertThatThrownBy(() -> new StateTokens(new byte[length]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a session key must be 16, 24 or 32 bytes, not " + length);
        }
        assertThatThrownBy(() -> new StateTokens(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsWorkingWhenTheCallerChangesItsKeyArray() {
        byte[] key = key(16, 5);
        StateTokens own = new StateTokens(key);
        String token = own.seal(STATE);
        Arrays.fill(key, (byte) 0);

        assertThat(own.open(token)).isEqualTo(STATE);
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> tokens.open(token))
                .isInstanceOf(InvalidStateTokenException.class)
                .hasMessage(NOT_OURS)
                .hasNoCause();
    }

    private static byte[] key(int length, int seed) {
        byte[] key = new byte[length];
        new Random(seed).nextBytes(key);
        return key;
    }

    private static byte[] bytes(String token) {
        return Base64.getUrlDecoder().decode(token);
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] plaintext(String model, String version, int steps, int carry, int count, float... floats)
            throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(model);
            out.writeUTF(version);
            out.writeInt(steps);
            out.writeInt(carry);
            out.writeInt(count);
            for (float value : floats) {
                out.writeFloat(value);
            }
        }
        return buffer.toByteArray();
    }

    /**
     * A token made from the documented format with this test's own cipher: format byte, 12-byte
     * nonce, AES-GCM with the format byte and the context as authenticated data; {@code trailing}
     * is appended to the plaintext, and a null one leaves the context out of the authenticated data.
     */
    private static String sealRaw(byte[] key, byte format, byte[] plain, String trailing) throws Exception {
        byte[] nonce = new byte[12];
        new Random(7).nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(new byte[] {format});
        if (trailing != null) {
            cipher.updateAAD("rnn-serving session state".getBytes(StandardCharsets.UTF_8));
            plain = concat(plain, trailing.getBytes(StandardCharsets.UTF_8));
        }
        byte[] sealed = cipher.doFinal(plain);
        return encode(concat(concat(new byte[] {format}, nonce), sealed));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
