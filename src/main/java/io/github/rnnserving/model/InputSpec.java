package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * How raw input becomes steps, stored as {@code model.json}'s {@code input}: one type per {@link
 * InputKind}, named by its {@code "kind"}, each holding every rule of its kind. Nothing outside
 * these types asks which kind a model reads: callers ask the spec (its encoder, its warm-up and
 * probe inputs, its checks, its description), so a new kind is one more spec type and its encoder
 * (docs/ARCHITECTURE.md, "Adding an input kind").
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TextInputSpec.class, name = "text"),
    @JsonSubTypes.Type(value = ImageRowsInputSpec.class, name = "image-rows")
})
public sealed interface InputSpec permits TextInputSpec, ImageRowsInputSpec {

    /** The kind, as {@code model.json} and the architecture name it. */
    InputKind kind();

    /** Tokens the network's embedding holds; 0 when the steps are feature vectors already. */
    int vocabularySize();

    /**
     * Features per step the first recurrent layer reads: the embedding's width for token ids, the
     * width of a row for image rows.
     *
     * @param embeddingSize what the training options ask for, used only by kinds with an embedding
     */
    int inputSize(int embeddingSize);

    /** Turns examples into steps; may build indexes (a vocabulary's), so callers keep the result. */
    InputEncoder encoder();

    /** A typical input, run at every batch size before a version serves so no request pays for first passes. */
    EncodedInput warmUpSample();

    /** Two inputs of different lengths that an imported network must answer before it is kept. */
    List<EncodedInput> probeBatch();

    /**
     * Three distinct inputs an imported TorchScript module must answer alike alone and batched:
     * of one length for a module that reads no lengths, else of different lengths so that its
     * handling of padding is tried too.
     */
    List<EncodedInput> probeInputs(boolean equalLengths);

    /**
     * Checks an imported spec against what this service can serve.
     *
     * @param path where the spec sits in the document checked ({@code manifest.input}), for the
     *     field and the message of a refusal
     * @throws InvalidInputSpecException naming the field at fault
     */
    void checkServable(String path);

    /**
     * Checks the spec against the network that reads it, beyond the kind and the vocabulary size
     * every kind shares.
     *
     * @throws InvalidInputSpecException naming the field at fault
     */
    void checkReadableBy(Architecture architecture, String path);

    /** One line for reports: "image rows 28×28", "text (characters, NFKC, vocabulary 87, up to 400 tokens)". */
    String description();

    /** What the model card shows of the spec, in order (the kind apart). */
    Map<String, Object> card();

    /** How {@code /classify} requests carry this kind of input. */
    RequestForm requestForm();

    /**
     * The request side of a kind.
     *
     * @param reads what the model reads, in words ("text", "28×28 images")
     * @param fields the {@code /classify} fields that carry it
     * @param limit the {@code rnn.limits} property that bounds one input of those fields
     * @param example the input fields of an example request
     */
    record RequestForm(String reads, List<String> fields, String limit, Map<String, Object> example) {

        public RequestForm {
            fields = List.copyOf(fields);
            example = Map.copyOf(example);
        }
    }
}
