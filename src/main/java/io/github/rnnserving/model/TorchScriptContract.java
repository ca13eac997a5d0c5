package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How an imported TorchScript module is called and what it answers, as its import probe found it
 * ({@code model.json}'s {@code moduleContract}). A bundle without the section was imported before
 * the probe told contracts apart, under the one contract there was then: {@link #LEGACY}.
 *
 * @param signature {@code "x,lengths"}: {@code forward(x, lengths)}, padded batches of any
 *     lengths; {@code "x"}: {@code forward(x)} alone, which cannot know where padding starts, so
 *     every batch holds sequences of one length
 * @param batch {@code "any"}: the answers do not depend on the batch size; {@code "one"}: the
 *     module failed or answered differently with several inputs (a traced module may have fixed
 *     its batch size), so it runs one input a pass
 * @param outputs what the module returns per label: logits (softmax), log-probabilities (exp) or
 *     probabilities (as they are)
 */
public record TorchScriptContract(Signature signature, BatchSize batch, Outputs outputs) {

    public static final TorchScriptContract LEGACY =
            new TorchScriptContract(Signature.X_LENGTHS, BatchSize.ANY, Outputs.LOGITS);

    public TorchScriptContract {
        if (signature == null || batch == null || outputs == null) {
            throw new IllegalArgumentException("moduleContract needs signature, batch and outputs");
        }
    }

    /** The module reads no lengths, so a batch must not pad: only sequences of one length share it. */
    public boolean needsEqualLengths() {
        return signature == Signature.X;
    }

    /** The module must see one input a pass. */
    public boolean oneAtATime() {
        return batch == BatchSize.ONE;
    }

    public enum Signature {
        X_LENGTHS("x,lengths"),
        X("x");

        private final String json;

        Signature(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        /** As the module is called, for messages: "forward(x, lengths)". */
        public String call() {
            return "forward(" + json.replace(",", ", ") + ")";
        }
    }

    public enum BatchSize {
        ANY("any"),
        ONE("one");

        private final String json;

        BatchSize(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }
    }

    public enum Outputs {
        LOGITS("logits", "logit"),
        LOG_PROBABILITIES("log-probabilities", "log-probability"),
        PROBABILITIES("probabilities", "probability");

        private final String json;
        private final String unit;

        Outputs(String json, String unit) {
            this.json = json;
            this.unit = unit;
        }

        @JsonValue
        public String json() {
            return json;
        }

        /** One value of it, for messages: "logit". */
        public String unit() {
            return unit;
        }

        /** The import manifest's {@code outputs}; absent means logits. */
        public static Outputs parse(String text) {
            if (text == null) {
                return LOGITS;
            }
            return Arrays.stream(values())
                    .filter(outputs -> outputs.json.equals(text))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "outputs must be one of " + expected() + ", got '" + text + "'"));
        }

        public static String expected() {
            return Arrays.stream(values()).map(Outputs::json).collect(Collectors.joining(", "));
        }
    }
}
