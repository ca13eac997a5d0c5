package io.github.rnnserving.generate;

/**
 * Examples for the OpenAPI document, against the default names-generator (conditioned on the 18
 * languages of the names dataset); a test posts every request example.
 */
final class GenerateExamples {

    private GenerateExamples() {}

    static final String SAMPLES =
            "{\"model\": \"names-generator\", \"condition\": \"Japanese\", \"count\": 3, \"temperature\": 0.8, \"seed\": 7}";
    static final String PREFIX = "{\"model\": \"names-generator\", \"condition\": \"Russian\", \"prefix\": \"Iv\","
            + " \"count\": 2, \"maxLength\": 12, \"topK\": 5, \"seed\": 19}";
    static final String GREEDY = "{\"model\": \"names-generator\", \"condition\": \"Italian\", \"temperature\": 0}";
    static final String NUCLEUS =
            "{\"model\": \"names-generator\", \"condition\": \"German\", \"count\": 4, \"topP\": 0.9, \"seed\": 3}";
    static final String ANSWER = """
            {"model": "names-generator", "version": "1", "seed": 7, "samples": [
              {"text": "Dagai", "logProbability": -11.3774, "ended": true},
              {"text": "Shiragama", "logProbability": -12.2594, "ended": true},
              {"text": "Kasukawa", "logProbability": -9.0619, "ended": true}]}""";
    static final String STREAM = """
            event:character
            data:{"character":"B"}

            event:character
            data:{"character":"a"}

            …

            event:done
            data:{"model":"names-generator","version":"1","seed":7,"samples":[{"text":"Basamato","logProbability":-16.5880,"ended":true}]}
            """;
    static final String SCORE = "{\"model\": \"names-generator\", \"condition\": \"Russian\", \"text\": \"Ivanov\"}";
    static final String SCORE_ANSWER = """
            {"model": "names-generator", "version": "1", "logProbability": -12.3624, "bitsPerCharacter": 2.5479,
             "characters": [
              {"character": "I", "probability": 0.0080}, {"character": "v", "probability": 0.0077},
              {"character": "a", "probability": 0.3416}, {"character": "n", "probability": 0.4681},
              {"character": "o", "probability": 0.5695}, {"character": "v", "probability": 0.9046}],
             "end": 0.8419}""";
    static final String UNKNOWN_CONDITION = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "model 'names-generator' has no condition 'Klingon'; it knows [Arabic, Chinese, Czech, Dutch, English, French, German, Greek, Irish, Italian, Japanese, Korean, Polish, Portuguese, Russian, Scottish, Spanish, Vietnamese]",
             "instance": "/generate", "field": "condition"}""";
    static final String UNKNOWN_CHARACTERS = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "prefix has characters model 'names-generator' never saw in training: '€', '#'",
             "instance": "/generate", "field": "prefix"}""";
    static final String COUNT_OVER_LIMIT = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "count must be 1 to 16 (rnn.limits.max-generate-count)", "instance": "/generate", "field": "count"}""";
    static final String CLASSIFIER = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "model 'names' is a classifier: send it to POST /classify; POST /generate takes a generator (a model trained with task generate)",
             "instance": "/generate", "field": "model"}""";
    static final String MODEL_NOT_FOUND = """
            {"type": "/problems/model-not-found", "title": "Model not found", "status": 404,
             "detail": "no model named 'klingon'; GET /models lists them", "instance": "/generate"}""";
    static final String BUSY = """
            {"type": "/problems/service-busy", "title": "Service busy", "status": 503,
             "detail": "model names-generator is busy: its queue holds 512 sequences and takes at most 512; retry later",
             "instance": "/generate"}""";
    static final String SCORE_UNKNOWN_CHARACTERS = """
            {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "text has characters model 'names-generator' never saw in training: '7'",
             "instance": "/score", "field": "text"}""";
}
