package io.github.rnnserving.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeysTest {

    @TempDir
    Path folder;

    @Test
    void decodesAConfiguredKeyInEitherAlphabet() {
        // 0xFB 0xEF 0xBE is "++++" in the standard alphabet and "----" in the url-safe one
        byte[] key = new byte[33];
        for (int i = 0; i < key.length; i += 3) {
            key[i] = (byte) 0xFB;
            key[i + 1] = (byte) 0xEF;
            key[i + 2] = (byte) 0xBE;
        }
        byte[] expected = Arrays.copyOf(key, 32);
        String standard = Base64.getEncoder().encodeToString(expected);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(expected);
        assertThat(standard).contains("+").endsWith("=");
        assertThat(urlSafe).contains("-");

        assertThat(SessionKeys.resolve(standard, folder)).isEqualTo(expected);
        assertThat(SessionKeys.resolve(urlSafe, folder)).isEqualTo(expected);
        assertThat(SessionKeys.resolve(" " + standard + "\n", folder)).isEqualTo(expected);
        assertThat(folder.resolve("session-key")).doesNotExist();
    }

    @Test
    void acceptsEveryAesKeyLength() {
        for (int length : new int[] {16, 24, 32}) {
            byte[] key = new byte[length];
            key[0] = (byte) length;
            assertThat(SessionKeys.resolve(Base64.getEncoder().encodeToString(key), folder))
                    .isEqualTo(key);
        }
    }

    @Test
    void refusesAConfiguredKeyWithoutRepeatingIt() {
        String twentyBytes =
                Base64.getEncoder().encodeToString("twenty bytes of key!".getBytes(StandardCharsets.US_ASCII));
        for (String bad : new String[] {twentyBytes, "not a key at all!", "c2VjcmV0", "AAAA====AAAA"}) {
            assertThatThrownBy(() -> SessionKeys.resolve(bad, folder))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rnn.sessions.key")
                    .hasMessageContaining("16, 24 or 32 bytes")
                    .hasMessageNotContaining(bad)
                    .hasNoCause();
        }
        assertThat(folder.resolve("session-key")).doesNotExist();
    }

    @Test
    void generatesAKeyOnceAndReadsItAfterwards() throws Exception {
        Path state = folder.resolve("not/yet/there");

        byte[] first = SessionKeys.resolve(null, state);
        byte[] second = SessionKeys.resolve("  ", state);

        assertThat(first).hasSize(32).isEqualTo(second);
        Path file = state.resolve("session-key");
        assertThat(Files.readString(file)).isEqualTo(Base64.getEncoder().encodeToString(first) + "\n");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(filesIn(state)).containsExactly("session-key");
    }

    @Test
    void generatesADifferentKeyForAnotherFolder() {
        assertThat(SessionKeys.resolve("", folder.resolve("a")))
                .isNotEqualTo(SessionKeys.resolve("", folder.resolve("b")));
    }

    @Test
    void readsAKeyFileWrittenByHand() throws Exception {
        byte[] key = new byte[16];
        key[3] = (byte) 0xFF;
        Files.writeString(
                folder.resolve("session-key"),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key));

        assertThat(SessionKeys.resolve(null, folder)).isEqualTo(key);
    }

    @Test
    void refusesACorruptKeyFileWithoutRepeatingIt() throws Exception {
        Path file = folder.resolve("session-key");
        Files.writeString(file, "half-a-secret\n");

        assertThatThrownBy(() -> SessionKeys.resolve(null, folder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("rnn.sessions.key")
                .hasMessageNotContaining("half-a-secret");
        assertThat(Files.readString(file)).isEqualTo("half-a-secret\n");
    }

    @Test
    void replicasStartingTogetherAgreeOnOneKey() throws Exception {
        int replicas = 8;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            for (int round = 0; round < 25; round++) {
                Path state = folder.resolve("shared-" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<byte[]>> keys = new ArrayList<>();
                for (int i = 0; i < replicas; i++) {
                    keys.add(pool.submit(() -> {
                        start.await();
                        return SessionKeys.resolve(null, state);
                    }));
                }
                start.countDown();
                List<byte[]> resolved = new ArrayList<>();
                for (Future<byte[]> key : keys) {
                    resolved.add(key.get());
                }
                byte[] onDisk = Base64.getDecoder()
                        .decode(Files.readString(state.resolve("session-key")).strip());
                assertThat(resolved).allSatisfy(key -> assertThat(key).isEqualTo(onDisk));
                assertThat(filesIn(state)).containsExactly("session-key");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
