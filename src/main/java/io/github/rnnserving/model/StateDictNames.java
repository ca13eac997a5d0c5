package io.github.rnnserving.model;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which array of a user's {@code state_dict} is which parameter of a {@link RecurrentClassifier},
 * whatever the user called the modules ({@code self.lstm}, {@code self.classifier}…). In order:
 *
 * <ol>
 *   <li>the manifest's {@code parameterNames} rewrite name prefixes ({@code "lstm." → "rnn."}), the
 *       longest matching prefix winning; a name no prefix matches stays as it is;
 *   <li>the recurrent module's parameters are those with PyTorch's own suffixes ({@code
 *       weight_ih_l0}, {@code bias_hh_l1_reverse}…), all under one prefix, which becomes {@code rnn.};
 *   <li>the head is the one module with a {@code weight} of {@code (classes, hidden × directions)}
 *       and a {@code bias} of {@code (classes)}, unless {@code fc.weight} is there by name;
 *   <li>for text, the embedding is the one other 2-D array as wide as {@code weight_ih_l0}, unless
 *       {@code embedding.weight} is there by name.
 * </ol>
 *
 * Anything left over, or two candidates for one role, is refused with the names found, the names
 * expected and a {@code parameterNames} that would settle it: every array of a {@code state_dict}
 * that fits this network is a parameter (dropout has none), so a leftover is a layer this service
 * would not run, and skipping it would serve another model than the user trained.
 */
public final class StateDictNames {

    static final Pattern RECURRENT = Pattern.compile("^(.*?)((?:weight|bias)_(?:ih|hh)_l(\\d+)(?:_reverse)?)$");
    static final String RNN = "rnn.";
    static final String HEAD_WEIGHT = "fc.weight";
    private static final String HEAD_BIAS = "fc.bias";
    static final String EMBEDDING = "embedding.weight";

    private final Map<String, Shape> arrays;
    private final Map<String, String> rewritten;
    private final Map<String, String> parameterOf = new LinkedHashMap<>();

    private StateDictNames(Map<String, Shape> arrays, Map<String, String> rewritten) {
        this.arrays = arrays;
        this.rewritten = rewritten;
    }

    /**
     * Applies only the manifest's prefix rewrites: what a network whose parameters carry no PyTorch
     * RNN suffixes takes before it checks the names itself.
     *
     * @return each array's name (in archive order) and its name after the rewrites
     */
    public static Map<String, String> rewrite(Iterable<String> names, Map<String, String> prefixes) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String name : names) {
            String from = null;
            for (String prefix : prefixes.keySet()) {
                if (name.startsWith(prefix) && (from == null || prefix.length() > from.length())) {
                    from = prefix;
                }
            }
            result.put(name, from == null ? name : prefixes.get(from) + name.substring(from.length()));
        }
        return result;
    }

    /**
     * Maps every array to a {@link RecurrentClassifier} parameter name.
     *
     * @param arrays the archive's arrays by name, with their shapes ({@link NpzHeaders})
     * @param prefixes the manifest's {@code parameterNames}, possibly empty
     * @param embedded whether the network embeds token ids (text), so one array is the embedding
     * @throws InvalidWeightsException naming the arrays found and expected when a role has no
     *     candidate or two, or an array has no role
     */
    public static StateDict map(Map<String, Shape> arrays, Map<String, String> prefixes, boolean embedded) {
        return new StateDictNames(arrays, rewrite(arrays.keySet(), prefixes)).recognise(embedded);
    }

    private StateDict recognise(boolean embedded) {
        String prefix = recurrentPrefix();
        rewritten.forEach((file, name) -> {
            if (name.startsWith(prefix)
                    && RECURRENT.matcher(name.substring(prefix.length())).matches()) {
                assign(file, RNN + name.substring(prefix.length()));
            }
        });
        Shape inputWeights = shapeOf(RNN + "weight_ih_l0");
        Shape recurrentWeights = shapeOf(RNN + "weight_hh_l0");
        if (inputWeights == null || recurrentWeights == null) {
            throw refusal(
                    "the first layer's " + (inputWeights == null ? "weight_ih_l0" : "weight_hh_l0")
                            + " is missing (or not 2-D)",
                    prefix + "weight_ih_l0",
                    RNN);
        }
        boolean reverse = parameterOf.containsValue(RNN + "weight_ih_l0_reverse");
        long summaryWidth = recurrentWeights.get(1) * (reverse ? 2 : 1);
        findHead(summaryWidth);
        if (embedded) {
            findEmbedding(inputWeights.get(1));
        }
        List<String> left = new ArrayList<>();
        rewritten.keySet().stream().filter(f -> !parameterOf.containsKey(f)).forEach(left::add);
        if (!left.isEmpty()) {
            throw refusal(
                    "this service runs " + (embedded ? "an embedding, " : "") + "one recurrent module and one linear"
                            + " head, and has no place for " + left + " (leave out of the .npz what the model does"
                            + " not use, or name a module below if it is one of those)",
                    rewritten.get(left.get(0)),
                    "fc.");
        }
        Map<String, Shape> shapes = new LinkedHashMap<>();
        parameterOf.forEach((file, parameter) -> shapes.put(parameter, arrays.get(file)));
        return new StateDict(parameterOf, shapes);
    }

    /** The one prefix under which names end in PyTorch's recurrent suffixes. */
    private String recurrentPrefix() {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String name : rewritten.values()) {
            Matcher matcher = RECURRENT.matcher(name);
            if (matcher.matches()) {
                prefixes.add(matcher.group(1));
            }
        }
        if (prefixes.isEmpty()) {
            throw refusal(
                    "no array is named as PyTorch names the parameters of its RNN, LSTM or GRU modules"
                            + " (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0…)",
                    rewritten.keySet().iterator().next(),
                    RNN);
        }
        if (prefixes.size() > 1) {
            List<String> modules = new ArrayList<>(prefixes);
            throw refusal(
                    "recurrent parameters sit under " + prefixes.size() + " module names " + quoted(prefixes)
                            + " but this service runs one recurrent module: stack layers with num_layers, or map"
                            + " another module's arrays one by one to later layers (\"" + modules.get(1)
                            + "weight_ih_l0\":"
                            + " \"rnn.weight_ih_l1\")",
                    modules.get(0),
                    RNN);
        }
        return prefixes.iterator().next();
    }

    private void findHead(long summaryWidth) {
        if (rewritten.containsValue(HEAD_WEIGHT) || rewritten.containsValue(HEAD_BIAS)) {
            Shape named = shapeByName(HEAD_WEIGHT);
            if (named == null || named.dimension() != 2) {
                throw refusal("fc.bias has no 2-D fc.weight beside it", HEAD_BIAS, "fc.");
            }
            assignByName(HEAD_WEIGHT);
            assignByName(HEAD_BIAS);
            return;
        }
        List<String> modules = new ArrayList<>();
        for (Map.Entry<String, String> entry : rewritten.entrySet()) {
            String name = entry.getValue();
            Shape shape = arrays.get(entry.getKey());
            if (parameterOf.containsKey(entry.getKey()) || !name.endsWith("weight") || shape.dimension() != 2) {
                continue;
            }
            String module = name.substring(0, name.length() - "weight".length());
            Shape bias = shapeByName(module + "bias");
            if (shape.get(1) == summaryWidth && bias != null && bias.equals(new Shape(shape.get(0)))) {
                modules.add(module);
            }
        }
        if (modules.size() != 1) {
            throw refusal(
                    modules.isEmpty()
                            ? "no linear head: a weight (classes, " + summaryWidth + ") with its bias (classes)"
                            : "the head could be any of " + quoted(modules) + ": each has a weight (classes, "
                                    + summaryWidth + ") and a bias",
                    modules.isEmpty() ? rewritten.keySet().iterator().next() : modules.get(0),
                    "fc.");
        }
        assignByName(modules.get(0) + "weight", HEAD_WEIGHT);
        assignByName(modules.get(0) + "bias", HEAD_BIAS);
    }

    private void findEmbedding(long width) {
        if (rewritten.containsValue(EMBEDDING)) {
            assignByName(EMBEDDING);
            return;
        }
        List<String> candidates = new ArrayList<>();
        rewritten.forEach((file, name) -> {
            Shape shape = arrays.get(file);
            if (!parameterOf.containsKey(file) && shape.dimension() == 2 && shape.get(1) == width) {
                candidates.add(name);
            }
        });
        if (candidates.size() != 1) {
            throw refusal(
                    candidates.isEmpty()
                            ? "no embedding: a weight (vocabulary, " + width + ") as wide as weight_ih_l0's input"
                            : "the embedding could be any of " + candidates + ": each is (rows, " + width + ")",
                    candidates.isEmpty() ? rewritten.keySet().iterator().next() : candidates.get(0),
                    "embedding.");
        }
        assignByName(candidates.get(0), EMBEDDING);
    }

    private void assignByName(String name) {
        assignByName(name, name);
    }

    /** Assigns the array whose rewritten name is {@code name}; absent, it is reported missing later. */
    private void assignByName(String name, String parameter) {
        rewritten.forEach((file, rewrittenName) -> {
            if (rewrittenName.equals(name)) {
                assign(file, parameter);
            }
        });
    }

    private void assign(String file, String parameter) {
        if (parameterOf.containsValue(parameter)) {
            String other = parameterOf.entrySet().stream()
                    .filter(e -> e.getValue().equals(parameter))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            throw refusal("both " + other + " and " + file + " would be " + parameter, file, RNN);
        }
        parameterOf.put(file, parameter);
    }

    private Shape shapeOf(String parameter) {
        for (Map.Entry<String, String> entry : parameterOf.entrySet()) {
            if (entry.getValue().equals(parameter) && arrays.get(entry.getKey()).dimension() == 2) {
                return arrays.get(entry.getKey());
            }
        }
        return null;
    }

    private Shape shapeByName(String rewrittenName) {
        for (Map.Entry<String, String> entry : rewritten.entrySet()) {
            if (entry.getValue().equals(rewrittenName)) {
                return arrays.get(entry.getKey());
            }
        }
        return null;
    }

    /**
     * The refusal every naming problem shares: what is wrong, the names found and expected, and a
     * {@code parameterNames} entry that maps the module of {@code example} to {@code target}.
     */
    private InvalidWeightsException refusal(String problem, String example, String target) {
        int dot = example.lastIndexOf('.');
        String module = dot < 0 ? "" : example.substring(0, dot + 1);
        return new InvalidWeightsException("the weights' names do not fit a recurrent classifier: " + problem
                + ". Found " + new TreeSet<>(arrays.keySet()) + "; expected, under any module names,"
                + " embedding.weight (text only), rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0,"
                + " rnn.bias_hh_l0 (and _l1…, _reverse), fc.weight, fc.bias. Name the modules in the manifest,"
                + " for example \"parameterNames\": {\"" + module + "\": \"" + target + "\"}");
    }

    private static String quoted(Iterable<String> prefixes) {
        List<String> shown = new ArrayList<>();
        prefixes.forEach(p -> shown.add(p.isEmpty() ? "(none)" : p));
        return shown.toString();
    }
}
