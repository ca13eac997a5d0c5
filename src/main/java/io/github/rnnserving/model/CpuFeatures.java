package io.github.rnnserving.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CPU's vector extensions, which decide the kernels libtorch and oneDNN pick. */
public final class CpuFeatures {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private CpuFeatures() {}

    /**
     * The model name and the AVX/AMX/FMA flags of the first CPU, e.g. {@code "AMD EPYC: avx avx2
     * avx512f avx512_bf16 …"}; {@code "unknown"} where {@code /proc/cpuinfo} is not readable.
     */
    public static String vectorExtensions() {
        try (Stream<String> lines = Files.lines(CPUINFO)) {
            String model = "";
            String flags = "";
            for (String line : (Iterable<String>) lines::iterator) {
                if (model.isEmpty() && line.startsWith("model name")) {
                    model = value(line);
                } else if (line.startsWith("flags")) {
                    flags = value(line);
                    break;
                }
            }
            String vector = Arrays.stream(flags.split("\\s+"))
                    .filter(f -> f.startsWith("avx") || f.startsWith("amx") || f.equals("fma"))
                    .sorted()
                    .collect(Collectors.joining(" "));
            return (model.isEmpty() ? "CPU" : model) + ": " + (vector.isEmpty() ? "no AVX" : vector);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Whether oneDNN may choose its AVX-512 kernels on this CPU. */
    public static boolean hasAvx512() {
        return vectorExtensions().contains("avx512f");
    }

    private static String value(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(colon + 1).strip();
    }
}
