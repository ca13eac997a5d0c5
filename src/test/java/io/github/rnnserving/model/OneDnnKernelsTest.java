package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the cure makes observable on any CPU: as the service runs, no oneDNN {@code rnn} primitive
 * executes for any LSTM, whether or not this CPU would have picked a faulty kernel. Each run is a
 * fresh JVM with {@code ONEDNN_VERBOSE=1}, since oneDNN reads that variable once per process. The
 * run with the switch turned back on proves that the check would see oneDNN's RNN if it ran, and
 * names the implementation this CPU would use.
 */
class OneDnnKernelsTest {

    /** {@code onednn_verbose,...,primitive,exec,cpu,rnn,brgemm:avx512_core,forward_inference,...} */
    private static final Pattern RNN_EXEC = Pattern.compile(",exec,cpu,rnn,([^,]+),([^,]+),");

    @Test
    void noLstmRunsOnOneDnnAsServed() throws Exception {
        String cpu = CpuFeatures.vectorExtensions();
        List<String> onOutput = probe("onednn-on");
        List<String> servedOutput = probe("as-served");
        TreeSet<String> onKernels = rnnKernels(onOutput);
        TreeSet<String> servedKernels = rnnKernels(servedOutput);
        System.out.printf(
                "CPU %s%n  oneDNN switch on: rnn primitive ran as %s%n  as served: %s%n",
                cpu, onKernels, servedKernels.isEmpty() ? "none (ATen's LSTM)" : servedKernels);

        assertThat(onKernels)
                .as("with the switch on, libtorch's LSTM runs on oneDNN and the check sees it")
                .isNotEmpty();
        assertThat(onOutput).contains("probe: oneDNN switch on");
        assertThat(servedOutput).contains("probe: oneDNN switch off");
        assertThat(servedKernels)
                .as("oneDNN rnn primitives as the service runs")
                .isEmpty();
    }

    private static TreeSet<String> rnnKernels(List<String> output) {
        TreeSet<String> kernels = new TreeSet<>();
        for (String line : output) {
            Matcher rnn = RNN_EXEC.matcher(line);
            if (line.startsWith("onednn_verbose") && rnn.find()) {
                kernels.add(rnn.group(1) + " " + rnn.group(2));
            }
        }
        return kernels;
    }

    private static List<String> probe(String mode)
            throws IOException, InterruptedException, java.net.URISyntaxException {
        Path traced = Path.of(OneDnnKernelsTest.class
                .getResource("/torchscript/lstm-h16-traced.pt")
                .toURI());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.pytorch.num_threads=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OneDnnProbe.class.getName());
        command.add(mode);
        command.add(traced.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ONEDNN_VERBOSE", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("probe %s exit status; output:%n%s", mode, text)
                .isZero();
        return text.lines().toList();
    }
}
