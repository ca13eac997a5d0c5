package io.github.rnnserving.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps libtorch's recurrent layers off oneDNN, so every LSTM computes PyTorch's reference numbers
 * on any x86-64 CPU.
 *
 * <p>libtorch 2.7 sends a float32 CPU {@code lstm} call (ours, and every {@code aten::lstm} inside a
 * TorchScript model) to oneDNN's {@code rnn} primitive. On CPUs with AVX-512, oneDNN 3.7 picks its
 * {@code brgemm:avx512_core} RNN kernel there, which returns logits off by up to 0.2 for some hidden
 * and batch sizes, differently from run to run. GRU and plain RNN calls never take that path. The
 * switch that PyTorch users know as {@code torch.backends.mkldnn.enabled = False} is {@code
 * at::globalContext().setUserEnabledMkldnn(false)}: with it off, libtorch runs its own ATen LSTM,
 * the one PyTorch computes the golden numbers with. DJL has no call for it, so it is called through
 * JNA on the very libtorch that DJL loaded. Among the operations these models use, only the RNN
 * kernels consult that switch (float32 matrix products go to BLAS either way).
 *
 * <p>A process setting by nature: it is applied once, before any model is built or loaded, and
 * libtorch reads it on every call.
 */
public final class CpuKernels {

    private static final Logger log = LoggerFactory.getLogger(CpuKernels.class);

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ONEDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String GET_ONEDNN = "_ZNK2at7Context17userEnabledMkldnnEv";

    private CpuKernels() {}

    /**
     * Makes sure oneDNN is off for this process (the first call switches it, later calls only
     * return the outcome). Called wherever a model is built or loaded.
     *
     * @return whether libtorch now runs its reference kernels
     * @throws IllegalStateException on Linux when the switch cannot be found: serving numbers that
     *     depend on the CPU is worse than not starting
     */
    public static boolean ensureExact() {
        return Applied.EXACT;
    }

    /** Whether libtorch would now send an LSTM to oneDNN; false once {@link #ensureExact()} ran. */
    public static boolean oneDnnEnabled() {
        Switch torch = Switch.find();
        return torch != null && torch.get();
    }

    /**
     * Turns oneDNN back on or off. Only for measurements and for the check that the switch is
     * observable: on an AVX-512 CPU LSTMs are then wrong again.
     */
    public static void setOneDnnForMeasurement(boolean enabled) {
        ensureExact();
        Switch torch = Switch.find();
        if (torch == null) {
            throw new IllegalStateException("libtorch's oneDNN switch is not available here");
        }
        torch.set(enabled);
    }

    private static final class Applied {
        static final boolean EXACT = apply();

        private static boolean apply() {
            Switch torch = Switch.find();
            if (torch == null) {
                String os = System.getProperty("os.name", "");
                if (os.startsWith("Linux")) {
                    throw new IllegalStateException(
                            "libtorch's oneDNN switch was not found: LSTM results would depend on" + " the CPU");
                }
                log.warn(
                        "libtorch's oneDNN switch is not available on {}: LSTM results may" + " depend on the CPU", os);
                return false;
            }
            torch.set(false);
            boolean off = !torch.get();
            log.info(
                    "oneDNN kernels off in libtorch (recurrent layers run ATen's reference"
                            + " kernels, exact on any CPU): {}; CPU vector extensions: {}",
                    off,
                    CpuFeatures.vectorExtensions());
            return off;
        }
    }

    /** {@code at::globalContext()} and its oneDNN setter and getter, in DJL's libtorch. */
    private record Switch(Pointer context, Function setter, Function getter) {

        static Switch find() {
            Engine.getEngine("PyTorch"); // loads libtorch, whose folder LibUtils then knows
            Path library = Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
            if (!Files.isRegularFile(library)) {
                return null;
            }
            try {
                // dlopen of a file the process has loaded already returns that same library
                NativeLibrary torch = NativeLibrary.getInstance(library.toString());
                Pointer context = (Pointer) torch.getFunction(GLOBAL_CONTEXT).invoke(Pointer.class, new Object[0]);
                return new Switch(context, torch.getFunction(SET_ONEDNN), torch.getFunction(GET_ONEDNN));
            } catch (UnsatisfiedLinkError e) {
                log.debug("no oneDNN switch in {}", library.getFileName(), e);
                return null;
            }
        }

        void set(boolean enabled) {
            setter.invokeVoid(new Object[] {context, enabled ? 1 : 0});
        }

        boolean get() {
            // a C++ bool comes back in the low byte only
            return (getter.invokeInt(new Object[] {context}) & 0xff) != 0;
        }
    }
}
