package io.github.rnnserving.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this host has an NVIDIA driver, without which PyTorch can use no GPU.
 *
 * <p>DJL 0.36 asks the CUDA runtime for the GPU count whenever it can load {@code libcudart}, on
 * every engine start ({@code ai.djl.util.Platform.fromSystem()}, twice), and logs a WARN for any
 * answer but "no device": a host with the CUDA toolkit and no driver gets "Failed to detect GPU
 * count: CUDA driver version is insufficient for CUDA runtime version (35)" twice on every start.
 * DJL has no setting that skips that probe ({@code ai.djl.util.cuda.fork} only moves it into a
 * child JVM, which cannot find DJL's classes in this jar), so where the driver is absent the
 * service lowers the level of that one logger ({@link #PROBE_LOGGER}): its warning can then only
 * repeat what this check established. With a driver, nothing changes and DJL picks the GPU as
 * before.
 *
 * <p>The check looks for the driver's library where the dynamic loader would find it, without
 * loading anything: on Linux {@code libcuda.so.1} (what the CUDA runtime opens) in {@code
 * LD_LIBRARY_PATH}, in the loader's cache {@code /etc/ld.so.cache} (where the NVIDIA container
 * toolkit registers the libraries it mounts) or in the standard library folders; on Windows
 * {@code nvcuda.dll} in the system folder. macOS has no CUDA.
 */
public final class CudaDriver {

    /** DJL's class that probes the GPUs through the CUDA runtime and warns when that fails. */
    public static final String PROBE_LOGGER = "ai.djl.util.cuda.CudaUtils";

    /** The library the CUDA runtime opens on Linux, installed by the NVIDIA driver. */
    public static final String LINUX_LIBRARY = "libcuda.so.1";

    private static final Path LOADER_CACHE = Path.of("/etc/ld.so.cache");
    private static final List<String> STANDARD_FOLDERS = List.of(
            "/lib",
            "/usr/lib",
            "/lib64",
            "/usr/lib64",
            "/lib/x86_64-linux-gnu",
            "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu");

    private CudaDriver() {}

    /** Whether the NVIDIA driver's CUDA library is installed where this process would load it from. */
    public static boolean present() {
        String os = System.getProperty("os.name", "");
        if (os.startsWith("Linux")) {
            return onLinux(System.getenv("LD_LIBRARY_PATH"), LOADER_CACHE, STANDARD_FOLDERS);
        }
        if (os.startsWith("Windows")) {
            String root = System.getenv("SystemRoot");
            return root != null && Files.isRegularFile(Path.of(root, "System32", "nvcuda.dll"));
        }
        return false;
    }

    /** What the driver's library is called where {@link #present()} looks, for messages. */
    public static String libraryName() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "nvcuda.dll" : LINUX_LIBRARY;
    }

    /**
     * Linux: {@link #LINUX_LIBRARY} in a folder of {@code ldLibraryPath} (colon-separated, may be
     * null), named in the loader's cache file, or in one of {@code standardFolders}.
     */
    static boolean onLinux(String ldLibraryPath, Path loaderCache, List<String> standardFolders) {
        List<String> folders = new ArrayList<>();
        if (ldLibraryPath != null) {
            folders.addAll(List.of(ldLibraryPath.split(":")));
        }
        folders.addAll(standardFolders);
        for (String folder : folders) {
            if (!folder.isEmpty() && hasLibrary(folder)) {
                return true;
            }
        }
        return namedIn(loaderCache);
    }

    private static boolean hasLibrary(String folder) {
        try {
            return Files.exists(Path.of(folder, LINUX_LIBRARY));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether the binary cache file holds the library's name as a NUL-terminated string. */
    private static boolean namedIn(Path loaderCache) {
        byte[] cache;
        try {
            cache = Files.readAllBytes(loaderCache);
        } catch (IOException e) {
            return false;
        }
        byte[] name = (LINUX_LIBRARY + '\0').getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + name.length <= cache.length; i++) {
            // a whole entry: preceded by the previous string's NUL (or the start)
            if (i > 0 && cache[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < name.length; j++) {
                if (cache[i + j] != name[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
