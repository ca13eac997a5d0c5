package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the NVIDIA driver's library is looked for, as the dynamic loader would find it. */
class CudaDriverTest {

    @TempDir
    Path dir;

    @Test
    void aFolderOfLdLibraryPathHoldingTheLibraryMeansADriver() throws IOException {
        Path drivers = Files.createDirectories(dir.resolve("nvidia"));
        Files.createFile(drivers.resolve("libcuda.so.1"));

        assertThat(CudaDriver.onLinux("/nowhere::" + drivers, dir.resolve("no-cache"), List.of()))
                .isTrue();
        assertThat(CudaDriver.onLinux("/nowhere::" + dir, dir.resolve("no-cache"), List.of()))
                .as("other folders only")
                .isFalse();
        assertThat(CudaDriver.onLinux(null, dir.resolve("no-cache"), List.of(drivers.toString())))
                .as("a standard folder")
                .isTrue();
    }

    @Test
    void theLoadersCacheMustNameTheDriverLibraryItselfNotTheCudaRuntime() throws IOException {
        // what a host with the CUDA toolkit and no driver has (this project's build machine)
        Path toolkitOnly = cache(
                dir.resolve("toolkit"),
                "libcudart.so.13",
                "/usr/local/cuda-13.0/lib/libcudart.so.13",
                "libcuda.so.10",
                "/opt/other/libcuda.so.10");
        Path withDriver = cache(
                dir.resolve("driver"),
                "libcudart.so.13",
                "/usr/local/cuda-13.0/lib/libcudart.so.13",
                "libcuda.so.1",
                "/usr/lib/x86_64-linux-gnu/libcuda.so.1");

        assertThat(CudaDriver.onLinux(null, toolkitOnly, List.of())).isFalse();
        assertThat(CudaDriver.onLinux(null, withDriver, List.of())).isTrue();
        assertThat(CudaDriver.onLinux("", dir.resolve("absent"), List.of())).isFalse();
    }

    @Test
    void namesTheLibraryItLooksFor() {
        assertThat(CudaDriver.LINUX_LIBRARY).isEqualTo("libcuda.so.1");
        assertThat(CudaDriver.PROBE_LOGGER).isEqualTo(ai.djl.util.cuda.CudaUtils.class.getName());
    }

    /** A stand-in for /etc/ld.so.cache: a header, then NUL-terminated names and paths. */
    private static Path cache(Path file, String... strings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        bytes.write(new byte[] {3, 0, 0, 0, 1, 2, 0});
        for (String string : strings) {
            bytes.writeBytes(string.getBytes(StandardCharsets.US_ASCII));
            bytes.write(0);
        }
        return Files.write(file, bytes.toByteArray());
    }
}
